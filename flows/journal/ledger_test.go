package journal

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

// shiftLedger reads a shift's lines from the ledger as it is now, closed
// or not (readReport reads only the open shift).
func shiftLedger(t *testing.T, js flows.Store, shift int64) map[string]string {
	t.Helper()
	if pj, ok := js.(*Postgres); ok {
		return pgShiftLedger(t, pj, shift)
	}
	j := js.(*SQLite)
	rows, err := j.db.Query(`SELECT channel, bucket, count, amount, released, releases, refunded, refunds
		FROM shift_ledger WHERE shift = ? AND (count != 0 OR amount != 0 OR released != 0 OR refunded != 0)`, shift)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rows.Close() }()
	var r flows.Report
	for rows.Next() {
		var l flows.ReportLine
		var amount, released, refunded int64
		if err := rows.Scan(&l.Channel, &l.Bucket, &l.Count, &amount, &released, &l.Releases, &refunded, &l.Refunds); err != nil {
			t.Fatal(err)
		}
		l.Amount, l.Released, l.Refunded = major(amount), major(released), major(refunded)
		r.Lines = append(r.Lines, l)
	}
	return flowstest.Lines(r)
}

// A hold placed in shift 1, captured in part in shift 2 and refunded in
// shift 3: each movement shows in the shift it happened in, and no closed
// shift's report changes.
func TestReportsBookEachMovementInItsShift(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	const card = "860000******0015"
	hold := flowstest.Rec("h", flows.Hold, flows.Draft, "150000", "0", card)
	flowstest.Write(t, j, hold, octotest.T0)
	hold.State = flows.Held
	flowstest.Write(t, j, hold, octotest.T0.Add(time.Minute))
	// A sale whose outcome shift 1 leaves unknown.
	flowstest.Write(t, j, flowstest.Rec("u", flows.Sale, flows.Resolving, "5000", "0", card), octotest.T0)
	x1, err := j.XReportAt(ctx, octotest.T0)
	if err != nil {
		t.Fatal(err)
	}
	shift1 := map[string]string{
		"uzcard/held":    "1 150000.00 rel 0/0.00 ref 0/0.00",
		"uzcard/unknown": "1 5000.00 rel 0/0.00 ref 0/0.00",
	}
	flowstest.SameLines(t, "X1", flowstest.Lines(x1), shift1)
	z1, err := j.ZReport(ctx, octotest.T0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	flowstest.SameLines(t, "Z1", flowstest.Lines(z1), shift1)

	// Shift 2: 90 000 of the hold captured, the rest released; the sale
	// turns out paid.
	hold.State = flows.Capturing
	flowstest.Write(t, j, hold, octotest.T0.Add(2*time.Hour))
	captured := flowstest.Rec("h", flows.Hold, flows.Succeeded, "150000", "90000", card)
	flowstest.Write(t, j, captured, octotest.T0.Add(2*time.Hour))
	flowstest.Write(t, j, flowstest.Rec("u", flows.Sale, flows.Succeeded, "5000", "5000", card), octotest.T0.Add(2*time.Hour))
	shift2 := map[string]string{
		"uzcard/captured": "1 90000.00 rel 1/60000.00 ref 0/0.00",
		"uzcard/sold":     "1 5000.00 rel 0/0.00 ref 0/0.00",
	}
	x2, err := j.XReportAt(ctx, octotest.T0)
	if err != nil {
		t.Fatal(err)
	}
	flowstest.SameLines(t, "X2", flowstest.Lines(x2), shift2)
	if n, _ := x2.Total(flows.BucketHeld); n != 0 {
		t.Errorf("the hold captured in shift 2 is listed as held there: %d", n)
	}
	z2, err := j.ZReport(ctx, octotest.T0.Add(3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	flowstest.SameLines(t, "Z2", flowstest.Lines(z2), shift2)

	// Shift 3: 30 000 of the capture refunded, the refund going through an
	// unknown outcome first; the sale's refund is still unknown at Z3.
	refunding := captured
	refunding.State, refunding.PendingRefundID, refunding.PendingRefund = flows.Refunding, "r-1", octotest.Dec("30000")
	flowstest.Write(t, j, refunding, octotest.T0.Add(4*time.Hour))
	refunding.State = flows.Resolving
	flowstest.Write(t, j, refunding, octotest.T0.Add(4*time.Hour))
	refunded := captured
	refunded.Refunded = octotest.Dec("30000")
	flowstest.Write(t, j, refunded, octotest.T0.Add(4*time.Hour))
	sale := flowstest.Rec("u", flows.Sale, flows.Resolving, "5000", "5000", card)
	sale.PendingRefundID, sale.PendingRefund = "r-2", octotest.Dec("100")
	flowstest.Write(t, j, sale, octotest.T0.Add(4*time.Hour))
	x3, err := j.XReportAt(ctx, octotest.T0)
	if err != nil {
		t.Fatal(err)
	}
	flowstest.SameLines(t, "X3", flowstest.Lines(x3), map[string]string{"uzcard/captured": "0 0.00 rel 0/0.00 ref 1/30000.00"})

	// The stored Z reports, and the ledger of the closed shifts, are as
	// they were when each shift closed.
	zs, err := j.ZReports(ctx)
	if err != nil || len(zs) != 2 {
		t.Fatalf("Z reports: %d, %v", len(zs), err)
	}
	flowstest.SameLines(t, "Z1 as stored", flowstest.Lines(zs[0]), shift1)
	flowstest.SameLines(t, "Z2 as stored", flowstest.Lines(zs[1]), shift2)
	flowstest.SameLines(t, "shift 1's ledger", shiftLedger(t, j, 1), shift1)
	flowstest.SameLines(t, "shift 2's ledger", shiftLedger(t, j, 2), shift2)
	if r, _ := j.Get(ctx, "h"); r.Shift != 2 {
		t.Errorf("the hold's bucket is booked in shift %d, want 2 (where it was captured)", r.Shift)
	}
}

// Within one shift a payment's passing buckets cancel out: a hold placed
// and captured in the same shift is captured, not also held.
func TestReportsNetMovesWithinAShift(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	const card = "411111******1111"
	for _, s := range []flows.State{flows.Draft, flows.Paying, flows.Held, flows.Capturing} {
		flowstest.Write(t, j, flowstest.Rec("h", flows.Hold, s, "300", "0", card), octotest.T0)
	}
	flowstest.Write(t, j, flowstest.Rec("h", flows.Hold, flows.Succeeded, "300", "250", card), octotest.T0)
	for _, s := range []flows.State{flows.Draft, flows.Paying, flows.Held, flows.Canceling} {
		flowstest.Write(t, j, flowstest.Rec("c", flows.Hold, s, "70", "0", card), octotest.T0)
	}
	c := flowstest.Rec("c", flows.Hold, flows.Canceled, "70", "0", card)
	c.Released = c.Amount // as a cancel journals it: the canceled bucket, not a release
	flowstest.Write(t, j, c, octotest.T0)
	x, err := j.XReportAt(ctx, octotest.T0)
	if err != nil {
		t.Fatal(err)
	}
	flowstest.SameLines(t, "X", flowstest.Lines(x), map[string]string{
		"visa/captured": "1 250.00 rel 1/50.00 ref 0/0.00",
		"visa/canceled": "1 70.00 rel 0/0.00 ref 0/0.00",
	})
}

// A journal written by the version before the ledger (running totals per
// creation shift in totals and channel_totals) opens: its stored Z report
// stays as stored, the open shift's report is what it was, the old totals
// and their triggers are gone, and later movements go to the open shift.
func TestLedgerMigratesAnOldJournal(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	old, err := os.ReadFile(filepath.Join("testdata", "journal-before-ledger.sql"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(old)); err != nil {
		t.Fatal(err)
	}
	// Amounts in som, stored in tiyin as the journal does.
	insert := func(id, kind, state, bucket string, amount, captured, released, refunded, bucketAmount, shift int64) {
		t.Helper()
		if _, err := db.Exec(`INSERT INTO payments(shop_transaction_id, kind, method, state, currency, amount, captured,
			released, refunded, fee, transfer, card, last4, card_token, customer, operator, description, payment_uuid,
			payment_id, octo_status, test, held, hold_expires, pending_refund_id, pending_refund, problem, created,
			updated, shift, bucket, bucket_amount)
			VALUES(?, ?, 'uzcard', ?, 'UZS', ?*100, ?*100, ?*100, ?*100, 0, 0, '860000******0015', '0015', '', '', 'ali', '', '', 0, '',
				1, 0, 0, '', 0, '', ?, ?, ?, ?, ?*100)`,
			id, kind, state, amount, captured, released, refunded, octotest.T0.UnixMilli(), octotest.T0.UnixMilli(), shift, bucket, bucketAmount); err != nil {
			t.Fatal(err)
		}
	}
	// Shift 1, closed by Z1: a sale and a hold still held.
	if _, err := db.Exec(`INSERT INTO shifts(no, opened, closed) VALUES(1, ?, ?), (2, ?, NULL)`,
		octotest.T0.UnixMilli(), octotest.T0.Add(time.Hour).UnixMilli(), octotest.T0.Add(time.Hour).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	insert("s1", "sale", "succeeded", "sold", 100000, 100000, 0, 0, 100000, 1)
	insert("h1", "hold", "held", "held", 150000, 0, 0, 0, 150000, 1)
	z1 := `{"No":1,"Shift":1,"Opened":"2026-11-23T10:00:00Z","Closed":"2026-11-23T11:00:00Z","Operator":"",` +
		`"Lines":[{"Method":"uzcard","Bucket":"held","Count":1,"Amount":"150000","Released":"0","Releases":0,"Refunded":"0","Refunds":0},` +
		`{"Method":"uzcard","Bucket":"sold","Count":1,"Amount":"100000","Released":"0","Releases":0,"Refunded":"0","Refunds":0}]}`
	if _, err := db.Exec(`INSERT INTO zreports(no, shift, opened, closed, body) VALUES(1, 1, ?, ?, ?)`,
		octotest.T0.UnixMilli(), octotest.T0.Add(time.Hour).UnixMilli(), z1); err != nil {
		t.Fatal(err)
	}
	// Shift 2, open: a partial capture.
	insert("c2", "hold", "succeeded", "captured", 2000, 1500, 500, 0, 1500, 2)
	_ = db.Close()

	j, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = j.Close() }()
	var left int
	if err := j.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('totals', 'channel_totals',
		'payments_totals_insert', 'payments_totals_update', 'payments_channels_insert', 'payments_channels_update')`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d old totals tables or triggers left (%v)", left, err)
	}
	zs, err := j.ZReports(ctx)
	if err != nil || len(zs) != 1 {
		t.Fatalf("Z reports: %d, %v", len(zs), err)
	}
	flowstest.SameLines(t, "Z1 as stored", flowstest.Lines(zs[0]), map[string]string{
		"uzcard/held": "1 150000.00 rel 0/0.00 ref 0/0.00",
		"uzcard/sold": "1 100000.00 rel 0/0.00 ref 0/0.00",
	})
	flowstest.SameLines(t, "shift 1 migrated", shiftLedger(t, j, 1), flowstest.Lines(zs[0]))
	x, err := j.XReportAt(ctx, octotest.T0)
	if err != nil {
		t.Fatal(err)
	}
	flowstest.SameLines(t, "X2 migrated", flowstest.Lines(x), map[string]string{"uzcard/captured": "1 1500.00 rel 1/500.00 ref 0/0.00"})

	// The old hold, captured now, counts in shift 2; shift 1 keeps it held.
	flowstest.Write(t, j, flowstest.Rec("h1", flows.Hold, flows.Succeeded, "1500", "1500", "860000******0015"), octotest.T0.Add(2*time.Hour))
	x, _ = j.XReportAt(ctx, octotest.T0)
	flowstest.SameLines(t, "X2 after capturing the old hold", flowstest.Lines(x), map[string]string{"uzcard/captured": "2 3000.00 rel 1/500.00 ref 0/0.00"})
	flowstest.SameLines(t, "shift 1 after", shiftLedger(t, j, 1), flowstest.Lines(zs[0]))

	// Opening again fills nothing twice.
	_ = j.Close()
	if j, err = OpenSQLite(path); err != nil {
		t.Fatal(err)
	}
	x, _ = j.XReportAt(ctx, octotest.T0)
	flowstest.SameLines(t, "X2 after a second open", flowstest.Lines(x), map[string]string{"uzcard/captured": "2 3000.00 rel 1/500.00 ref 0/0.00"})
}
