package ui

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/octo"
)

// fillJournal journals n payments, one a second back from now, with one
// bulk INSERT … SELECT on the journal's file (the journal has no bulk
// write; one Write per payment would take hours for a million). The
// columns are the journal's schema; the running totals' triggers run as
// for any write.
func fillJournal(b *testing.B, path string, n int, now time.Time) {
	b.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	_, err = db.Exec(`
	WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
	INSERT INTO payments(shop_transaction_id, kind, method, state, currency, amount, captured, released, refunded,
		fee, transfer, card, last4, card_token, customer, operator, description, payment_uuid, payment_id, octo_status,
		test, held, hold_expires, pending_refund_id, pending_refund, problem, created, updated, shift, bucket, bucket_amount)
	SELECT 'oc-bulk-' || i,
		CASE WHEN i % 7 IN (1, 2, 3) THEN 'hold' ELSE 'sale' END,
		CASE i % 3 WHEN 0 THEN 'uzcard' WHEN 1 THEN 'humo' ELSE 'bank_card' END,
		CASE i % 7 WHEN 0 THEN 'succeeded' WHEN 1 THEN 'held' WHEN 2 THEN 'succeeded' WHEN 3 THEN 'canceled'
			WHEN 4 THEN 'declined' WHEN 5 THEN 'resolving' ELSE 'succeeded' END,
		'UZS', 100000 + i % 1000 * 100,
		CASE WHEN i % 7 IN (0, 6) THEN 100000 + i % 1000 * 100 WHEN i % 7 = 2 THEN 90000 ELSE 0 END,
		CASE WHEN i % 7 = 2 THEN 10000 + i % 1000 * 100 ELSE 0 END,
		CASE WHEN i % 7 = 6 THEN 5000 ELSE 0 END,
		0, 0, CASE i % 3 WHEN 0 THEN '860000' WHEN 1 THEN '986000' WHEN 2 THEN (CASE i % 2 WHEN 0 THEN '411111' ELSE '555555' END) END
			|| '******' || printf('%04d', i % 10000), printf('%04d', i % 10000),
		CASE WHEN i % 11 = 0 THEN 'tok' ELSE '' END, '', 'ali', 'Tea',
		'', i, '', 1, i % 7 IN (1, 2, 3), 0, '', 0, '', ? - i * 1000, ? - i * 1000, (SELECT max(no) FROM shifts),
		CASE i % 7 WHEN 0 THEN 'sold' WHEN 1 THEN 'held' WHEN 2 THEN 'captured' WHEN 3 THEN 'canceled'
			WHEN 4 THEN 'declined' WHEN 5 THEN 'unknown' ELSE 'sold' END,
		CASE WHEN i % 7 = 2 THEN 90000 ELSE 100000 + i % 1000 * 100 END
	FROM seq`, n, now.UnixMilli(), now.UnixMilli())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("journaled %d payments in %v", n, time.Since(start).Round(time.Millisecond))
}

// BenchmarkHistory1M is the history over 1,000,000 journaled payments:
// the first page read and drawn (as the cashier opens the history, and
// with searches), and a payment's detail read and drawn. Run it with
// go test ./ui -run '^$' -bench History1M (filling takes a while).
func BenchmarkHistory1M(b *testing.B) {
	ctx := context.Background()
	now := time.Now()
	path := filepath.Join(b.TempDir(), "journal.db")
	j, err := journal.OpenSQLite(path)
	if err != nil {
		b.Fatal(err)
	}
	defer j.Close()
	fillJournal(b, path, 1_000_000, now)
	// One payment with a real timeline, written as the runner writes it.
	p := flows.Payment{Kind: flows.Sale, ShopTransactionID: "oc-bench", Method: octo.MethodUzcard,
		Amount: decimal.RequireFromString("150000"), Currency: "UZS", Card: "860000******0015", Operator: "ali"}
	for _, st := range []flows.State{flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP, flows.CheckingOTP, flows.Succeeded} {
		from := p.State
		p.State = st
		rec := p.Record()
		rec.Captured = p.Amount
		if err := j.Write(ctx, flows.Journal{Record: rec, Transition: flows.Transition{From: from, To: st, Event: "bench"}}, now); err != nil {
			b.Fatal(err)
		}
	}

	o := testOptions()
	o.Journal, o.Context, o.Now = j, ctx, func() time.Time { return now }
	st := newStyles()
	firstPage := func(b *testing.B, q string, want string) {
		for b.Loop() {
			h := newHistoryTool(LangEN)
			h.search.SetValue(q)
			h.query = parseHistoryQuery(q, now, LangEN, "UZS")
			msg := loadHistory(ctx, j, q, h.query.filter)()
			next, _ := h.Update(msg, o)
			if v := next.View(st, o, 116, 31); !strings.Contains(v, want) {
				b.Fatalf("%q: the first page lacks %q:\n%s", q, want, v)
			}
		}
	}
	b.Run("first-page", func(b *testing.B) { firstPage(b, "", "150 000 UZS") })
	b.Run("last4", func(b *testing.B) { firstPage(b, "0015", "•0015") })
	// A bare 4-digit number is a card's last 4 or an amount: one OR query.
	b.Run("four-digits", func(b *testing.B) { firstPage(b, "1234", "•1234") })
	b.Run("today-paid", func(b *testing.B) { firstPage(b, "today paid", "Showing: today · paid") })
	b.Run("amount", func(b *testing.B) { firstPage(b, "150 000", "150 000 UZS") })
	b.Run("id", func(b *testing.B) { firstPage(b, "oc-bulk-999999", "•9999") })
	b.Run("detail", func(b *testing.B) {
		rec, err := j.Get(ctx, "oc-bench")
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			d := newDetailTool(rec, newHistoryTool(LangEN), LangEN)
			next, _ := d.Update(d.load(o)(), o)
			if v := next.View(st, o, 116, 31); !strings.Contains(v, "Checking the code → Paid") {
				b.Fatalf("the detail lacks its timeline:\n%s", v)
			}
		}
	})
}
