package journal

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// BenchmarkJournalWrite is one transition: the payment's record upserted,
// the transition appended, the running totals updated, fsync'd (WAL,
// synchronous=FULL).
func BenchmarkJournalWrite(b *testing.B) {
	ctx := context.Background()
	j := openTestJournal(b)
	p := flows.Payment{Kind: flows.Hold, ShopTransactionID: "x", Method: octo.MethodUzcard, Amount: octotest.Dec("1000"), Currency: "UZS",
		Card: "860000******0015", Operator: "ali"}
	states := []flows.State{flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP, flows.CheckingOTP, flows.Held, flows.Capturing, flows.Succeeded}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p.ShopTransactionID = fmt.Sprintf("oc-%d", i/len(states))
		from := p.State
		p.State = states[i%len(states)]
		if err := j.Write(ctx, flows.Journal{Record: p.Record(), Transition: flows.Transition{ShopTransactionID: p.ShopTransactionID, From: from, To: p.State, Event: flows.Start{}.EventName()}}, octotest.T0.Add(time.Duration(i)*time.Millisecond)); err != nil {
			b.Fatal(err)
		}
	}
}

// fill journals n payments in one bulk INSERT … SELECT in one transaction:
// three methods, every report bucket, some partial captures and refunds.
// The triggers keep the running totals as for any other write.
func fill(b *testing.B, j *SQLite, n int) {
	b.Helper()
	start := time.Now()
	_, err := j.db.Exec(`
	WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
	INSERT INTO payments(shop_transaction_id, kind, method, state, currency, amount, captured, released, refunded,
		fee, transfer, card, last4, card_token, customer, operator, description, payment_uuid, payment_id, octo_status,
		test, held, hold_expires, pending_refund_id, pending_refund, problem, created, updated, shift, bucket, bucket_amount)
	SELECT 'oc-' || i,
		CASE WHEN i % 7 IN (1, 2, 3) THEN 'hold' ELSE 'sale' END,
		CASE i % 3 WHEN 0 THEN 'uzcard' WHEN 1 THEN 'humo' ELSE 'bank_card' END,
		CASE i % 7 WHEN 0 THEN 'succeeded' WHEN 1 THEN 'held' WHEN 2 THEN 'succeeded' WHEN 3 THEN 'canceled'
			WHEN 4 THEN 'declined' WHEN 5 THEN 'resolving' ELSE 'succeeded' END,
		'UZS', 100000 + i % 1000 * 100,
		CASE WHEN i % 7 IN (0, 6) THEN 100000 + i % 1000 * 100 WHEN i % 7 = 2 THEN 90000 ELSE 0 END,
		CASE WHEN i % 7 = 2 THEN 10000 + i % 1000 * 100 ELSE 0 END,
		CASE WHEN i % 7 = 6 THEN 5000 ELSE 0 END,
		0, 0, '860000******' || printf('%04d', i % 10000), printf('%04d', i % 10000), '', '', 'ali', '',
		'', i, '', 1, i % 7 IN (1, 2, 3), 0, '', 0, '', ? + i, ? + i, (SELECT max(no) FROM shifts),
		CASE i % 7 WHEN 0 THEN 'sold' WHEN 1 THEN 'held' WHEN 2 THEN 'captured' WHEN 3 THEN 'canceled'
			WHEN 4 THEN 'declined' WHEN 5 THEN 'unknown' ELSE 'sold' END,
		CASE WHEN i % 7 = 2 THEN 90000 ELSE 100000 + i % 1000 * 100 END
	FROM seq`, n, octotest.T0.UnixMilli(), octotest.T0.UnixMilli())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("journaled %d payments in %v", n, time.Since(start).Round(time.Millisecond))
}

// BenchmarkReports1M is the X and Z reports over a shift of 1,000,000
// payments. It runs only under -bench (filling takes a while).
func BenchmarkReports1M(b *testing.B) {
	ctx := context.Background()
	j := openTestJournal(b)
	const n = 1_000_000
	fill(b, j, n)
	b.Run("X", func(b *testing.B) {
		for b.Loop() {
			r, err := j.XReportAt(ctx, octotest.T0)
			if err != nil {
				b.Fatal(err)
			}
			if c, _ := r.Total(flows.BucketSold); c == 0 {
				b.Fatal("empty report")
			}
		}
	})
	b.Run("Z", func(b *testing.B) {
		// Each Z closes the 1M-payment shift inside a transaction that is
		// rolled back, so every iteration closes the same full shift.
		for b.Loop() {
			tx, err := j.db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			r, err := closeShift(ctx, tx, octotest.T0.Add(time.Hour))
			if err != nil {
				b.Fatal(err)
			}
			if err := tx.Rollback(); err != nil {
				b.Fatal(err)
			}
			var count int64
			for _, l := range r.Lines {
				count += l.Count
			}
			if count != n {
				b.Fatalf("Z counted %d payments, want %d", count, n)
			}
		}
	})
	b.Run("recount-without-running-totals", func(b *testing.B) {
		// What a report would cost as a GROUP BY over the payments, for comparison.
		for b.Loop() {
			rows, err := j.db.QueryContext(ctx, `SELECT method, bucket, count(*), sum(bucket_amount), sum(released), sum(refunded)
				FROM payments WHERE shift = 1 GROUP BY method, bucket`)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
			}
			_ = rows.Close()
		}
	})
}
