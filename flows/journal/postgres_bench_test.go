package journal

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// The store journal's figures beside BenchmarkJournalWrite and
// BenchmarkReports1M (SQLite): go test ./flows -run '^$' -bench Postgres
// with OCTO_CASHIER_TEST_PG set (.ci/pg.sh; PG_FSYNC=on for durable writes).

// BenchmarkPostgresJournalWrite is one transition on the store journal:
// lock, record, transition and ledger in one committed transaction.
func BenchmarkPostgresJournalWrite(b *testing.B) {
	ctx := context.Background()
	j := openTestPostgres(b, flowstest.PostgresSchema(b), "A")
	p := flows.Payment{Kind: flows.Hold, ShopTransactionID: "x", Method: octo.MethodUzcard, Amount: octotest.Dec("1000"), Currency: "UZS",
		Card: "860000******0015", Operator: "ali"}
	states := []flows.State{flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP, flows.CheckingOTP, flows.Held, flows.Capturing, flows.Succeeded}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.ShopTransactionID = fmt.Sprintf("oc-%d", i/len(states))
		from := p.State
		p.State = states[i%len(states)]
		if err := j.Write(ctx, flows.Journal{Record: p.Record(), Transition: flows.Transition{ShopTransactionID: p.ShopTransactionID, From: from, To: p.State, Event: flows.Start{}.EventName()}}, octotest.T0.Add(time.Duration(i)*time.Millisecond)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPostgresHistory1M is History's first page over 1,000,000
// payments of 8 counters: all of them, one state, one card's last 4.
func BenchmarkPostgresHistory1M(b *testing.B) {
	ctx := context.Background()
	j := openTestPostgres(b, flowstest.PostgresSchema(b), "A")
	start := time.Now()
	if _, err := j.pool.Exec(ctx, `INSERT INTO payments(shop_transaction_id, counter, acting_counter, kind, method, state,
		currency, amount, captured, released, refunded, fee, transfer, card, last4, card_token, customer, operator,
		description, payment_uuid, payment_id, octo_status, test, held, pending_refund_id, pending_refund, capturing,
		problem, created, updated, shift_counter, shift, channel, bucket, bucket_amount)
	SELECT 'oc-' || i, chr(65 + i % 8), chr(65 + i % 8), 'sale', 'uzcard',
		CASE i % 7 WHEN 4 THEN 'declined' WHEN 5 THEN 'resolving' ELSE 'succeeded' END,
		'UZS', 1000 + i % 1000, 1000 + i % 1000, 0, 0, 0, 0, '860000******' || lpad((i % 10000)::text, 4, '0'),
		lpad((i % 10000)::text, 4, '0'), '', '', 'ali', '', '', i, '', true, false, '', 0, 0, '',
		$1::timestamptz + i * interval '86 milliseconds', $1::timestamptz + i * interval '86 milliseconds',
		chr(65 + i % 8), 1, 'uzcard', 'sold', 1000 + i % 1000
	FROM generate_series(1, 1000000) i`, octotest.T0); err != nil {
		b.Fatal(err)
	}
	if _, err := j.pool.Exec(ctx, `ANALYZE payments`); err != nil {
		b.Fatal(err)
	}
	b.Logf("journaled 1,000,000 payments in %v", time.Since(start).Round(time.Millisecond))
	for _, f := range []struct {
		name string
		f    flows.Filter
	}{
		{"all", flows.Filter{Limit: 50}},
		{"paid", flows.Filter{State: flows.Succeeded, Limit: 50}},
		{"last4", flows.Filter{Last4: "0015", Limit: 50}},
	} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				rs, err := j.History(ctx, f.f)
				if err != nil || len(rs) == 0 {
					b.Fatalf("%d rows, %v", len(rs), err)
				}
			}
		})
	}
}

// BenchmarkPostgresStoreZ is the store's Z of a day of 8 counters, each
// having journaled 500 sales (written concurrently, as the tills would)
// and closed its shift.
func BenchmarkPostgresStoreZ(b *testing.B) {
	ctx := context.Background()
	url := flowstest.PostgresSchema(b)
	day := octotest.T0.Truncate(24 * time.Hour)
	start := time.Now()
	errs := make(chan error, 8)
	for c := range 8 {
		j := openTestPostgres(b, url, string(rune('A'+c)))
		go func() {
			for i := range 500 {
				r := flows.Record{ShopTransactionID: fmt.Sprintf("%c-%d", 'A'+c, i), Kind: flows.Sale, Method: octo.MethodUzcard,
					State: flows.Succeeded, Currency: "UZS", Amount: octotest.Dec("1000"), Captured: octotest.Dec("1000"), Card: "860000******0015"}
				if err := j.Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{To: flows.Succeeded}}, day.Add(time.Hour)); err != nil {
					errs <- err
					return
				}
			}
			_, err := j.ZReport(ctx, day.Add(20*time.Hour))
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("8 counters journaled 4000 sales and closed their shifts in %v", time.Since(start).Round(time.Millisecond))
	j := openTestPostgres(b, url, "A")
	for b.Loop() {
		z, err := j.StoreZ(ctx, day, day.Add(24*time.Hour))
		if err != nil || len(z.Zs) != 8 {
			b.Fatalf("%d Z reports, %v", len(z.Zs), err)
		}
		if n, amt := z.Total(flows.BucketSold); n != 4000 || !amt.Equal(octotest.Dec("4000000")) {
			b.Fatalf("sold %d / %s", n, amt)
		}
	}
}

// BenchmarkPostgresTillPing is a till's ping every 2 s: one round trip
// that also finds the till's presence (inflightLocks.check).
func BenchmarkPostgresTillPing(b *testing.B) {
	ctx := context.Background()
	j := openTestPostgres(b, flowstest.PostgresSchema(b), "A")
	for b.Loop() {
		if err := j.Ping(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
