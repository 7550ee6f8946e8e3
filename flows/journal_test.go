package flows

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

func openTestJournal(t testing.TB) *JournalStore {
	t.Helper()
	j, err := OpenJournal(filepath.Join(t.TempDir(), "state", "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
}

// record writes rec in state s at time at, as a flow would.
func record(t *testing.T, j Store, rec Record, at time.Time) {
	t.Helper()
	if err := j.Write(context.Background(), Journal{Record: rec, Transition: Transition{To: rec.State, Event: "test"}}, at); err != nil {
		t.Fatal(err)
	}
}

func rec(id string, kind Kind, s State, amount, captured string, card string) Record {
	r := Record{ShopTransactionID: id, Kind: kind, Method: MethodOf(strings.ReplaceAll(card, "*", "0")), State: s,
		Currency: "UZS", Amount: dec(amount), Captured: dec(captured), Card: card, Operator: "ali"}
	if kind == Hold && s == Succeeded {
		r.Released = r.Amount.Sub(r.Captured)
	}
	return r
}

func TestJournalQueries(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	day := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	record(t, j, rec("a", Sale, Succeeded, "1000", "1000", "860000******0015"), day)
	record(t, j, rec("b", Hold, Held, "2500.50", "0", "986000******0018"), day.Add(time.Hour))
	record(t, j, rec("c", Sale, Declined, "300", "0", "860000******0023"), day.Add(24*time.Hour))
	record(t, j, rec("d", Sale, Resolving, "700", "0", "411111******1111"), day.Add(48*time.Hour))
	// A later write of the same payment keeps its creation time and appends to its timeline.
	b := rec("b", Hold, Succeeded, "2500.50", "2000", "986000******0018")
	record(t, j, b, day.Add(2*time.Hour))

	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"all, newest first", Filter{}, []string{"d", "c", "b", "a"}},
		{"date range", Filter{From: day, To: day.Add(24 * time.Hour)}, []string{"b", "a"}},
		{"state", Filter{State: Declined}, []string{"c"}},
		{"amount", Filter{Amount: dec("2500.5")}, []string{"b"}},
		{"last4", Filter{Last4: "1111"}, []string{"d"}},
		{"id", Filter{ShopTransactionID: "a"}, []string{"a"}},
		{"nothing", Filter{Last4: "9999"}, nil},
		{"amount or last4", Filter{Amount: dec("1000"), Last4: "1111", Last4OrAmount: true}, []string{"d", "a"}},
		{"amount or last4, with a day", Filter{From: day, To: day.Add(24 * time.Hour), Amount: dec("1000"), Last4: "1111", Last4OrAmount: true}, []string{"a"}},
		{"amount and last4", Filter{Amount: dec("1000"), Last4: "1111"}, nil},
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
	if !got.Created.Equal(day.Add(time.Hour)) || !got.Updated.Equal(day.Add(2*time.Hour)) || !got.Captured.Equal(dec("2000")) || !got.Released.Equal(dec("500.5")) {
		t.Errorf("b: got created %v updated %v captured %s released %s", got.Created, got.Updated, got.Captured, got.Released)
	}
	tl, err := j.Timeline(ctx, "b")
	if err != nil || len(tl) != 2 || tl[0].To != Held || tl[1].To != Succeeded {
		t.Errorf("timeline: %v %+v", err, tl)
	}
	un, err := j.Unfinished(ctx)
	if err != nil || len(un) != 1 || un[0].ShopTransactionID != "d" {
		t.Errorf("unfinished: %v %+v", err, un)
	}
	if sj, ok := j.(*JournalStore); ok {
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
	for _, tk := range []SavedToken{
		{Token: "t1", Customer: "c1", Card: "860000******0015", Method: octo.MethodUzcard, Status: octo.TokenActive},
		{Token: "t2", Customer: "c2", Card: "986000******0018", Method: octo.MethodHumo, Status: octo.TokenActive},
	} {
		if err := j.SaveToken(ctx, tk, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.SetTokenStatus(ctx, "t1", octo.TokenBlocked, t0.Add(time.Minute)); err != nil {
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
	if err := j.SaveToken(ctx, SavedToken{Token: "t3", Card: "860000******0031", Status: octo.TokenFailed}, t0); err != nil {
		t.Fatal(err)
	}
	if err := j.SaveToken(ctx, SavedToken{Token: "t3", Customer: "c3", Method: octo.MethodUzcard, Status: octo.TokenActive}, t0); err != nil {
		t.Fatal(err)
	}
	_ = j.SetTokenStatus(ctx, "t1", octo.TokenActive, t0)
	got3, _ := j.Tokens(ctx, "c3")
	got1, _ := j.Tokens(ctx, "c1")
	if len(got3) != 1 || got3[0].Status != octo.TokenFailed || got3[0].Card != "860000******0031" || got1[0].Status != octo.TokenBlocked {
		t.Errorf("revived: %+v %+v", got3, got1)
	}
}

func TestReports(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	record(t, j, rec("s1", Sale, Succeeded, "1000", "1000", "860000******0015"), t0)
	record(t, j, rec("s2", Sale, Succeeded, "500.25", "500.25", "860000******0015"), t0)
	h := rec("h1", Hold, Held, "2000", "0", "860000******0015")
	record(t, j, h, t0)
	record(t, j, rec("h1", Hold, Succeeded, "2000", "1500", "860000******0015"), t0) // partial capture: 500 released
	record(t, j, rec("h2", Hold, Held, "300", "0", "411111******1111"), t0)
	record(t, j, rec("h3", Hold, Canceled, "400", "0", "411111******1111"), t0)
	r := rec("s3", Sale, Succeeded, "800", "800", "411111******1111")
	r.Refunded = dec("200")
	record(t, j, r, t0)
	record(t, j, rec("u1", Sale, Resolving, "90", "0", "860000******0015"), t0)

	x, err := j.XReportAt(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	check := func(rep Report, bucket string, n int64, amt string) {
		t.Helper()
		gn, ga := rep.Total(bucket)
		if gn != n || !ga.Equal(dec(amt)) {
			t.Errorf("%s: got %d / %s, want %d / %s", bucket, gn, ga, n, amt)
		}
	}
	check(x, BucketSold, 3, "2300.25")
	check(x, BucketCaptured, 1, "1500")
	check(x, BucketHeld, 1, "300")
	check(x, BucketCanceled, 1, "400")
	check(x, BucketUnknown, 1, "90")
	if !x.Released().Equal(dec("500")) || !x.Refunded().Equal(dec("200")) || x.No != 0 {
		t.Errorf("released %s refunded %s no %d", x.Released(), x.Refunded(), x.No)
	}
	// The running totals equal a full recount.
	n, sum := recountBucket(t, j, BucketSold)
	if gn, ga := x.Total(BucketSold); gn != n || !ga.Equal(sum) {
		t.Errorf("running totals %d/%s, recount %d/%s", gn, ga, n, sum)
	}

	z1, err := j.ZReport(ctx, t0.Add(8*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if z1.No != 1 || z1.Shift != 1 {
		t.Errorf("first Z: no %d shift %d", z1.No, z1.Shift)
	}
	check(z1, BucketSold, 3, "2300.25")
	// A new shift starts empty; the Z report stays as it was.
	x2, _ := j.XReportAt(ctx, t0)
	if x2.Shift != 2 || len(x2.Lines) != 0 {
		t.Errorf("new shift: %d with %d lines", x2.Shift, len(x2.Lines))
	}
	record(t, j, rec("n1", Sale, Succeeded, "10", "10", "860000******0015"), t0.Add(9*time.Hour))
	z2, err := j.ZReport(ctx, t0.Add(16*time.Hour))
	if err != nil || z2.No != 2 {
		t.Fatalf("second Z: %v %d", err, z2.No)
	}
	check(z2, BucketSold, 1, "10")
	zs, err := j.ZReports(ctx)
	if err != nil || len(zs) != 2 {
		t.Fatalf("z reports: %v %d", err, len(zs))
	}
	check(zs[0], BucketSold, 3, "2300.25")
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
	r := rec("a", Sale, Succeeded, "1234567.89", "1234567.89", "860000******0015")
	r.Description = "Кофе, «латте»"
	record(t, j, r, t0)
	record(t, j, rec("b", Sale, Succeeded, "5", "5", "860000******0015"), t0.Add(48*time.Hour))
	var buf bytes.Buffer
	if err := j.ExportCSV(ctx, &buf, t0.Add(-time.Hour), t0.Add(time.Hour), CSVFormat{}); err != nil {
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
