package journal

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

// A journal made before payments on the page gains the column, and its
// ledger's triggers count the new channel.
func TestHostedColumnMigrates(t *testing.T) {
	ctx := context.Background()
	j := openTestJournal(t)
	for _, q := range append(dropTriggers(), `ALTER TABLE payments DROP COLUMN hosted`) {
		if _, err := j.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := migrateHosted(ctx, j.db); err != nil {
		t.Fatal(err)
	}
	if err := migrateHosted(ctx, j.db); err != nil { // twice: a no-op
		t.Fatalf("second migration: %v", err)
	}
	if err := migrateLedger(ctx, j.db); err != nil {
		t.Fatal(err)
	}
	if err := migrateMovements(ctx, j.db); err != nil {
		t.Fatal(err)
	}
	p, err := flows.NewPagePayment(flows.Sale, flowstest.Order())
	if err != nil {
		t.Fatal(err)
	}
	p.State, p.Captured = flows.Succeeded, p.Amount
	if err := j.Write(ctx, flows.Journal{Record: p.Record(), Transition: flows.Transition{From: flows.AwaitingPage, To: flows.Succeeded}}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	got, err := j.Get(ctx, p.ShopTransactionID)
	if err != nil || !got.Hosted {
		t.Fatalf("hosted %v, %v", got.Hosted, err)
	}
	x, err := j.XReportAt(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if l := flowstest.Lines(x); len(l) != 1 || l["phone/sold"] == "" {
		t.Errorf("report lines %v, want the phone channel", l)
	}
}

func dropTriggers() []string {
	var qs []string
	for _, t := range ledgerTriggers {
		qs = append(qs, "DROP TRIGGER "+t)
	}
	return qs
}

// A payment paid on OCTO's page is journaled as such on either engine:
// read back hosted, counted and moved in the phone channel whatever card
// OCTO reports, and exported so; a card payment beside it is not.
func TestHostedJournaledAndReported(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	h := flowstest.Rec("ph", flows.Sale, flows.Succeeded, "5000", "5000", "860000******0015")
	h.Hosted = true
	flowstest.Write(t, j, h, octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("card", flows.Sale, flows.Succeeded, "7000", "7000", "860000******0015"), octotest.T0.Add(time.Second))
	if got, err := j.Get(ctx, "ph"); err != nil || !got.Hosted {
		t.Fatalf("get: hosted %v, %v", got.Hosted, err)
	}
	rs, err := j.History(ctx, flows.Filter{})
	if err != nil || len(rs) != 2 || rs[0].Hosted || !rs[1].Hosted {
		t.Fatalf("history: %+v, %v", rs, err)
	}
	x, err := j.XReportAt(ctx, octotest.T0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	flowstest.SameLines(t, "X report", flowstest.Lines(x), map[string]string{
		"phone/sold":  "1 5000.00 rel 0/0.00 ref 0/0.00",
		"uzcard/sold": "1 7000.00 rel 0/0.00 ref 0/0.00",
	})
	ms, err := j.Movements(ctx, "ph")
	if err != nil || len(ms) != 1 || ms[0].Channel != flows.ChannelPhone || ms[0].Kind != flows.MoveSale {
		t.Fatalf("movements: %+v, %v", ms, err)
	}
	var buf bytes.Buffer
	if err := j.ExportCSV(ctx, &buf, octotest.T0, octotest.T0.Add(time.Hour), flows.CSVFormat{Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, ",ph,sale,phone,") || !strings.Contains(out, ",card,sale,uzcard,") {
		t.Errorf("export:\n%s", out)
	}
}
