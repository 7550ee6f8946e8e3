package journal

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// openTestJournal opens an empty SQLite journal.
func openTestJournal(t testing.TB) *SQLite {
	t.Helper()
	return flowstest.OpenSQLite(t, OpenSQLite)
}

func TestJournalQueries(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	day := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	flowstest.Write(t, j, flowstest.Rec("a", flows.Sale, flows.Succeeded, "1000", "1000", "860000******0015"), day)
	flowstest.Write(t, j, flowstest.Rec("b", flows.Hold, flows.Held, "2500.50", "0", "986000******0018"), day.Add(time.Hour))
	flowstest.Write(t, j, flowstest.Rec("c", flows.Sale, flows.Declined, "300", "0", "860000******0023"), day.Add(24*time.Hour))
	flowstest.Write(t, j, flowstest.Rec("d", flows.Sale, flows.Resolving, "700", "0", "411111******1111"), day.Add(48*time.Hour))
	// A later write of the same payment keeps its creation time and appends to its timeline.
	b := flowstest.Rec("b", flows.Hold, flows.Succeeded, "2500.50", "2000", "986000******0018")
	flowstest.Write(t, j, b, day.Add(2*time.Hour))

	tests := []struct {
		name string
		f    flows.Filter
		want []string
	}{
		{"all, newest first", flows.Filter{}, []string{"d", "c", "b", "a"}},
		{"date range", flows.Filter{From: day, To: day.Add(24 * time.Hour)}, []string{"b", "a"}},
		{"state", flows.Filter{State: flows.Declined}, []string{"c"}},
		{"amount", flows.Filter{Amount: octotest.Dec("2500.5")}, []string{"b"}},
		{"last4", flows.Filter{Last4: "1111"}, []string{"d"}},
		{"id", flows.Filter{ShopTransactionID: "a"}, []string{"a"}},
		{"nothing", flows.Filter{Last4: "9999"}, nil},
		{"amount or last4", flows.Filter{Amount: octotest.Dec("1000"), Last4: "1111", Last4OrAmount: true}, []string{"d", "a"}},
		{"amount or last4, with a day", flows.Filter{From: day, To: day.Add(24 * time.Hour), Amount: octotest.Dec("1000"), Last4: "1111", Last4OrAmount: true}, []string{"a"}},
		{"amount and last4", flows.Filter{Amount: octotest.Dec("1000"), Last4: "1111"}, nil},
	}
	for _, tt := range tests {
		rs, err := j.History(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.ShopTransactionID)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	got, err := j.Get(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Created.Equal(day.Add(time.Hour)) || !got.Updated.Equal(day.Add(2*time.Hour)) || !got.Captured.Equal(octotest.Dec("2000")) || !got.Released.Equal(octotest.Dec("500.5")) {
		t.Errorf("b: got created %v updated %v captured %s released %s", got.Created, got.Updated, got.Captured, got.Released)
	}
	tl, err := j.Timeline(ctx, "b")
	if err != nil || len(tl) != 2 || tl[0].To != flows.Held || tl[1].To != flows.Succeeded {
		t.Errorf("timeline: %v %+v", err, tl)
	}
	un, err := j.Unfinished(ctx)
	if err != nil || len(un) != 1 || un[0].ShopTransactionID != "d" {
		t.Errorf("unfinished: %v %+v", err, un)
	}
	if sj, ok := j.(*SQLite); ok {
		var mode string
		var sync int
		if err := sj.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode %q, %v", mode, err)
		}
		if err := sj.db.QueryRow(`PRAGMA synchronous`).Scan(&sync); err != nil || sync != 2 {
			t.Errorf("synchronous %d (want 2, FULL), %v", sync, err)
		}
		if fi, err := os.Stat(j.Path()); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("journal file mode %v, %v", fi.Mode().Perm(), err)
		}
	}
	// Transitions are append-only.
	if err := execRaw(j, `UPDATE transitions SET note = 'x'`); err == nil {
		t.Error("a transition was updated")
	}
	if err := execRaw(j, `DELETE FROM transitions`); err == nil {
		t.Error("a transition was deleted")
	}
}

func TestJournalTokens(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	for _, tk := range []flows.SavedToken{
		{Token: "t1", Customer: "c1", Card: "860000******0015", Method: octo.MethodUzcard, Status: octo.TokenActive},
		{Token: "t2", Customer: "c2", Card: "986000******0018", Method: octo.MethodHumo, Status: octo.TokenActive},
	} {
		if err := j.SaveToken(ctx, tk, octotest.T0); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.SetTokenStatus(ctx, "t1", octo.TokenBlocked, octotest.T0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, err := j.Tokens(ctx, "c1")
	if err != nil || len(got) != 1 || got[0].Status != octo.TokenBlocked || got[0].Card != "860000******0015" {
		t.Fatalf("tokens of c1: %v %+v", err, got)
	}
	if all, _ := j.Tokens(ctx, ""); len(all) != 2 {
		t.Errorf("all tokens: got %d, want 2", len(all))
	}
	// A failed token (from the bind notification) is not revived by a later "active" write.
	if err := j.SaveToken(ctx, flows.SavedToken{Token: "t3", Card: "860000******0031", Status: octo.TokenFailed}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	if err := j.SaveToken(ctx, flows.SavedToken{Token: "t3", Customer: "c3", Method: octo.MethodUzcard, Status: octo.TokenActive}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	_ = j.SetTokenStatus(ctx, "t1", octo.TokenActive, octotest.T0)
	got3, _ := j.Tokens(ctx, "c3")
	got1, _ := j.Tokens(ctx, "c1")
	if len(got3) != 1 || got3[0].Status != octo.TokenFailed || got3[0].Card != "860000******0031" || got1[0].Status != octo.TokenBlocked {
		t.Errorf("revived: %+v %+v", got3, got1)
	}
}

func TestReports(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	flowstest.Write(t, j, flowstest.Rec("s1", flows.Sale, flows.Succeeded, "1000", "1000", "860000******0015"), octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("s2", flows.Sale, flows.Succeeded, "500.25", "500.25", "860000******0015"), octotest.T0)
	h := flowstest.Rec("h1", flows.Hold, flows.Held, "2000", "0", "860000******0015")
	flowstest.Write(t, j, h, octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("h1", flows.Hold, flows.Succeeded, "2000", "1500", "860000******0015"), octotest.T0) // partial capture: 500 released
	flowstest.Write(t, j, flowstest.Rec("h2", flows.Hold, flows.Held, "300", "0", "411111******1111"), octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("h3", flows.Hold, flows.Canceled, "400", "0", "411111******1111"), octotest.T0)
	r := flowstest.Rec("s3", flows.Sale, flows.Succeeded, "800", "800", "411111******1111")
	r.Refunded = octotest.Dec("200")
	flowstest.Write(t, j, r, octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("u1", flows.Sale, flows.Resolving, "90", "0", "860000******0015"), octotest.T0)

	x, err := j.XReportAt(ctx, octotest.T0)
	if err != nil {
		t.Fatal(err)
	}
	check := func(rep flows.Report, bucket string, n int64, amt string) {
		t.Helper()
		gn, ga := rep.Total(bucket)
		if gn != n || !ga.Equal(octotest.Dec(amt)) {
			t.Errorf("%s: got %d / %s, want %d / %s", bucket, gn, ga, n, amt)
		}
	}
	check(x, flows.BucketSold, 3, "2300.25")
	check(x, flows.BucketCaptured, 1, "1500")
	check(x, flows.BucketHeld, 1, "300")
	check(x, flows.BucketCanceled, 1, "400")
	check(x, flows.BucketUnknown, 1, "90")
	if !x.Released().Equal(octotest.Dec("500")) || !x.Refunded().Equal(octotest.Dec("200")) || x.No != 0 {
		t.Errorf("released %s refunded %s no %d", x.Released(), x.Refunded(), x.No)
	}
	// The running totals equal a full recount.
	n, sum := recountBucket(t, j, flows.BucketSold)
	if gn, ga := x.Total(flows.BucketSold); gn != n || !ga.Equal(sum) {
		t.Errorf("running totals %d/%s, recount %d/%s", gn, ga, n, sum)
	}

	z1, err := j.ZReport(ctx, octotest.T0.Add(8*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if z1.No != 1 || z1.Shift != 1 {
		t.Errorf("first Z: no %d shift %d", z1.No, z1.Shift)
	}
	check(z1, flows.BucketSold, 3, "2300.25")
	// A new shift starts empty; the Z report stays as it was.
	x2, _ := j.XReportAt(ctx, octotest.T0)
	if x2.Shift != 2 || len(x2.Lines) != 0 {
		t.Errorf("new shift: %d with %d lines", x2.Shift, len(x2.Lines))
	}
	flowstest.Write(t, j, flowstest.Rec("n1", flows.Sale, flows.Succeeded, "10", "10", "860000******0015"), octotest.T0.Add(9*time.Hour))
	z2, err := j.ZReport(ctx, octotest.T0.Add(16*time.Hour))
	if err != nil || z2.No != 2 {
		t.Fatalf("second Z: %v %d", err, z2.No)
	}
	check(z2, flows.BucketSold, 1, "10")
	zs, err := j.ZReports(ctx)
	if err != nil || len(zs) != 2 {
		t.Fatalf("z reports: %v %d", err, len(zs))
	}
	check(zs[0], flows.BucketSold, 3, "2300.25")
	if err := execRaw(j, `UPDATE zreports SET body = '{}'`); err == nil {
		t.Error("a Z report was changed")
	}
	if err := execRaw(j, `DELETE FROM zreports`); err == nil {
		t.Error("a Z report was deleted")
	}
}

func TestExportCSV(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	r := flowstest.Rec("a", flows.Sale, flows.Succeeded, "1234567.89", "1234567.89", "860000******0015")
	r.Description = "Кофе, «латте»"
	flowstest.Write(t, j, r, octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("b", flows.Sale, flows.Succeeded, "5", "5", "860000******0015"), octotest.T0.Add(48*time.Hour))
	var buf bytes.Buffer
	if err := j.ExportCSV(ctx, &buf, octotest.T0.Add(-time.Hour), octotest.T0.Add(time.Hour), flows.CSVFormat{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
		t.Error("no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != "date" {
		t.Fatalf("rows: %q", rows)
	}
	row := map[string]string{}
	for i, h := range rows[0] {
		row[h] = rows[1][i]
	}
	if row["amount"] != "1234567.89" || row["description"] != "Кофе, «латте»" || row["card"] != "860000******0015" {
		t.Errorf("row: %q", row)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/tmp/xdg-state")
	if p, err := DefaultPath(); err != nil || p != "/tmp/xdg-state/octo-cashier/journal.db" {
		t.Errorf("got %q, %v", p, err)
	}
	t.Setenv("XDG_STATE_HOME", "")
	home, _ := os.UserHomeDir()
	if p, _ := DefaultPath(); !strings.HasPrefix(p, home) {
		t.Errorf("got %q", p)
	}
}
