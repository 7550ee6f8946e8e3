package ui

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// fillJournal journals n payments in one bulk INSERT … SELECT (every
// channel and bucket, partial captures, refunds) through the journal's
// own triggers, as flows' report benchmark does.
func fillJournal(b *testing.B, path string, n int) {
	b.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	start := time.Now()
	_, err = db.Exec(`
	WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
	INSERT INTO payments(shop_transaction_id, kind, method, state, currency, amount, captured, released, refunded,
		fee, transfer, card, last4, card_token, customer, operator, description, payment_uuid, payment_id, octo_status,
		test, held, hold_expires, pending_refund_id, pending_refund, problem, created, updated, shift, bucket, bucket_amount)
	SELECT 'oc-' || i,
		CASE WHEN i % 7 IN (1, 2, 3) THEN 'hold' ELSE 'sale' END,
		CASE i % 4 WHEN 0 THEN 'uzcard' WHEN 1 THEN 'humo' ELSE 'bank_card' END,
		CASE i % 7 WHEN 0 THEN 'succeeded' WHEN 1 THEN 'held' WHEN 2 THEN 'succeeded' WHEN 3 THEN 'canceled'
			WHEN 4 THEN 'declined' WHEN 5 THEN 'resolving' ELSE 'succeeded' END,
		'UZS', 100000 + i % 1000 * 100,
		CASE WHEN i % 7 IN (0, 6) THEN 100000 + i % 1000 * 100 WHEN i % 7 = 2 THEN 90000 ELSE 0 END,
		CASE WHEN i % 7 = 2 THEN 10000 + i % 1000 * 100 ELSE 0 END,
		CASE WHEN i % 7 = 6 THEN 5000 ELSE 0 END,
		0, 0, CASE i % 4 WHEN 2 THEN '411111******1111' WHEN 3 THEN '555555******4444' ELSE '860000******0015' END,
		'0015', CASE WHEN i % 11 = 0 THEN 'tok' ELSE '' END, '', 'ali', '',
		'', i, '', 1, i % 7 IN (1, 2, 3), 0, '', 0, '', ? + i, ? + i, (SELECT max(no) FROM shifts),
		CASE i % 7 WHEN 0 THEN 'sold' WHEN 1 THEN 'held' WHEN 2 THEN 'captured' WHEN 3 THEN 'canceled'
			WHEN 4 THEN 'declined' WHEN 5 THEN 'unknown' ELSE 'sold' END,
		CASE WHEN i % 7 = 2 THEN 90000 ELSE 100000 + i % 1000 * 100 END
	FROM seq`, n, fixedNow.UnixMilli(), fixedNow.UnixMilli())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("journaled %d payments in %v", n, time.Since(start).Round(time.Millisecond))
}

// BenchmarkShiftScreen1M is the shift screen over a shift of 1,000,000
// journaled payments, the way the cashier gets it: x pressed on the home
// screen, the X report and the shift read from the journal, the report
// drawn. It runs only under -bench (filling takes a while).
func BenchmarkShiftScreen1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.db")
	j, err := flows.OpenJournal(path)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = j.Close() }()
	const n = 1_000_000
	fillJournal(b, path, n)
	if _, err := j.OpenShift(context.Background(), "Aziza", "", fixedNow); err != nil {
		b.Fatal(err)
	}
	o := testOptions()
	o.Journal = j
	d := newDriver(&testing.T{}, New(o), 120, 40)
	home := d.app
	b.ResetTimer()
	for b.Loop() {
		d.app = home
		d.handle(keyText("x")) // not send: it waits for the loop to go quiet
		d.until("the report", func(a App) bool { return a.shift.loaded && a.shift.shift.Operator != "" })
		if v := d.app.View().Content; !strings.Contains(v, "X report") {
			b.Fatalf("no report:\n%s", v)
		}
	}
	b.StopTimer()
	var count int64
	for _, l := range d.app.shift.report.Lines {
		count += l.Count
	}
	if count != n {
		b.Fatalf("the report counted %d payments, want %d", count, n)
	}
}
