package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/shopspring/decimal"
)

// store-z prints the Z reports the counters closed that day and their sum.
func TestStoreZCommand(t *testing.T) {
	base := os.Getenv("OCTO_CASHIER_TEST_PG")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("OCTO_CASHIER_TEST_PG is not set in CI (.ci/run starts PostgreSQL)")
		}
		t.Skip("OCTO_CASHIER_TEST_PG not set")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("storez_%d", os.Getpid())
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); _ = conn.Close(ctx) })
	url := base + "&search_path=" + schema
	if !strings.Contains(base, "?") {
		url = base + "?search_path=" + schema
	}
	day := time.Date(2026, 12, 7, 0, 0, 0, 0, time.Local)
	for _, counter := range []string{"A", "B"} {
		j, err := journal.OpenPostgres(ctx, url, counter)
		if err != nil {
			t.Fatal(err)
		}
		r := flows.Record{ShopTransactionID: "sale-" + counter, Kind: flows.Sale, Method: "uzcard", State: flows.Succeeded,
			Currency: "UZS", Amount: decimal.RequireFromString("1000"), Captured: decimal.RequireFromString("1000"),
			Card: "860000******0015"}
		if err := j.Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{To: flows.Succeeded}}, day.Add(9*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := j.ZReport(ctx, day.Add(18*time.Hour)); err != nil {
			t.Fatal(err)
		}
		_ = j.Close()
	}
	cfgPath := writeConfig(t, "[octo]\nshop_id = 1\nsecret = \"s\"\nbase_url = \"http://127.0.0.1:1\"\nreturn_url = \"https://shop.uz/done\"\n"+
		"[console]\ncounter = \"C\"\njournal = \""+url+"\"\n")
	var out, errOut bytes.Buffer
	if err := storeZCommand(ctx, []string{"--day", "2026-12-07", "--config", cfgPath}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	s := out.String()
	for _, want := range []string{"Store Z of 2026-12-07: 2 counter Z report(s)", "counter A  Z 1", "counter B  Z 1", "2000.00",
		"gross 2000.00  refunded 0.00  net 2000.00  fees 0.00  to shop 2000.00"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	out.Reset()
	if err := storeZCommand(ctx, []string{"--day", "2026-12-08", "--config", cfgPath}, &out, &errOut); err != nil ||
		!strings.Contains(out.String(), "0 counter Z report(s)") {
		t.Errorf("the next day: %v\n%s", err, out.String())
	}
}

// Without the store journal store-z says which setting it needs.
func TestStoreZNeedsTheStoreJournal(t *testing.T) {
	var out, errOut bytes.Buffer
	err := storeZCommand(context.Background(), []string{"--config", writeConfig(t, "[console]\njournal = \"/tmp/j.db\"\n")}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Errorf("store-z on a file journal: %v", err)
	}
}
