package flows

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// The store journal's figures beside BenchmarkJournalWrite and
// BenchmarkReports1M (SQLite): go test ./flows -run '^$' -bench Postgres
// with OCTO_CASHIER_TEST_PG set (.ci/pg.sh; PG_FSYNC=on for durable writes).

// BenchmarkPostgresJournalWrite is one transition on the store journal:
// lock, record, transition and ledger in one committed transaction.
func BenchmarkPostgresJournalWrite(b *testing.B) {
	ctx := context.Background()
	j := openTestPostgres(b, testPostgresSchema(b), "A")
	p := Payment{Kind: Hold, ShopTransactionID: "x", Method: octo.MethodUzcard, Amount: dec("1000"), Currency: "UZS",
		Card: "860000******0015", Operator: "ali"}
	states := []State{Preparing, Paying, Verifying, AwaitingOTP, CheckingOTP, Held, Capturing, Succeeded}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.ShopTransactionID = fmt.Sprintf("oc-%d", i/len(states))
		from := p.State
		p.State = states[i%len(states)]
		if err := j.Write(ctx, p.journal(from, Start{}, ""), t0.Add(time.Duration(i)*time.Millisecond)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPostgresHistory1M is History's first page over 1,000,000
// payments of 8 counters: all of them, one state, one card's last 4.
func BenchmarkPostgresHistory1M(b *testing.B) {
	ctx := context.Background()
	j := openTestPostgres(b, testPostgresSchema(b), "A")
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
	FROM generate_series(1, 1000000) i`, t0); err != nil {
		b.Fatal(err)
	}
	if _, err := j.pool.Exec(ctx, `ANALYZE payments`); err != nil {
		b.Fatal(err)
	}
	b.Logf("journaled 1,000,000 payments in %v", time.Since(start).Round(time.Millisecond))
	for _, f := range []struct {
		name string
		f    Filter
	}{
		{"all", Filter{Limit: 50}},
		{"paid", Filter{State: Succeeded, Limit: 50}},
		{"last4", Filter{Last4: "0015", Limit: 50}},
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
	url := testPostgresSchema(b)
	day := t0.Truncate(24 * time.Hour)
	start := time.Now()
	errs := make(chan error, 8)
	for c := range 8 {
		j := openTestPostgres(b, url, string(rune('A'+c)))
		go func() {
			for i := range 500 {
				r := Record{ShopTransactionID: fmt.Sprintf("%c-%d", 'A'+c, i), Kind: Sale, Method: octo.MethodUzcard,
					State: Succeeded, Currency: "UZS", Amount: dec("1000"), Captured: dec("1000"), Card: "860000******0015"}
				if err := j.Write(ctx, Journal{Record: r, Transition: Transition{To: Succeeded}}, day.Add(time.Hour)); err != nil {
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
		if n, amt := z.Total(BucketSold); n != 4000 || !amt.Equal(dec("4000000")) {
			b.Fatalf("sold %d / %s", n, amt)
		}
	}
}
