package journal

import (
	"context"
	"fmt"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/shopspring/decimal"
)

// The journal's tests run on both engines (flows/run's runner tests on
// the journal too, in its TestRunOnPostgres): openTestStore opens a fresh
// SQLite journal, or, in a subtest of TestJournalOnPostgres, a fresh
// schema of the PostgreSQL named by OCTO_CASHIER_TEST_PG (see .ci/pg.sh).
// In CI (CI=true) a missing URL fails the PostgreSQL tests: they never
// skip there. The opening itself is flowstest's (stores.go), shared with
// flows/run.

// openTestPostgres opens the store journal at url as counter.
func openTestPostgres(t testing.TB, url, counter string) *Postgres {
	t.Helper()
	return flowstest.OpenPostgres(t, OpenPostgres, url, counter)
}

// openTestStore opens an empty journal on the engine the test runs on.
func openTestStore(t testing.TB) flows.Store {
	t.Helper()
	return flowstest.OpenStore(t, "TestJournalOnPostgres", OpenSQLite, OpenPostgres)
}

// TestJournalOnPostgres runs the journal's engine-neutral tests again on PostgreSQL.
func TestJournalOnPostgres(t *testing.T) {
	flowstest.PostgresURL(t)
	for _, tc := range []struct {
		name string
		f    func(*testing.T)
	}{
		{"TestJournalQueries", TestJournalQueries},
		{"TestJournalTokens", TestJournalTokens},
		{"TestReports", TestReports},
		{"TestExportCSV", TestExportCSV},
		{"TestReportsBookEachMovementInItsShift", TestReportsBookEachMovementInItsShift},
		{"TestReportsNetMovesWithinAShift", TestReportsNetMovesWithinAShift},
		{"TestOpenShiftKeepsOnlyAPINHash", TestOpenShiftKeepsOnlyAPINHash},
		{"TestReportByChannel", TestReportByChannel},
		{"TestExchangesKeyedByPayment", TestExchangesKeyedByPayment},
		{"TestExchangesFallBackToPayments", TestExchangesFallBackToPayments},
		{"TestExchangeBodyCap", TestExchangeBodyCap},
		{"TestExchangesAfter", TestExchangesAfter},
		{"TestMovementsOfASaleAndItsRefunds", TestMovementsOfASaleAndItsRefunds},
		{"TestMovementsOfHolds", TestMovementsOfHolds},
		{"TestExportCSVOfARefundOnlyDay", TestExportCSVOfARefundOnlyDay},
		{"TestExportCSVDefusesFormulas", TestExportCSVDefusesFormulas},
		{"TestReportNetFigures", TestReportNetFigures},
		{"TestMovementsFilledFromAnOlderJournal", TestMovementsFilledFromAnOlderJournal},
		{"TestHistoryFindsChargedRefundedAndEitherStatus", TestHistoryFindsChargedRefundedAndEitherStatus},
		{"TestHostedJournaledAndReported", TestHostedJournaledAndReported},
		{"TestPayPageJournaled", TestPayPageJournaled},
	} {
		t.Run(tc.name, tc.f)
	}
}

// execRaw runs a statement on the journal's database, whichever engine.
func execRaw(j flows.Store, q string) error {
	switch s := j.(type) {
	case *SQLite:
		_, err := s.db.Exec(q)
		return err
	case *Postgres:
		_, err := s.pool.Exec(context.Background(), q)
		return err
	}
	return fmt.Errorf("execRaw: unknown journal %T", j)
}

// recountBucket counts and sums the payments standing in bucket, from the payments table.
func recountBucket(t *testing.T, j flows.Store, bucket string) (int64, decimal.Decimal) {
	t.Helper()
	var n int64
	switch s := j.(type) {
	case *SQLite:
		var sum int64
		if err := s.db.QueryRow(`SELECT count(*), coalesce(sum(bucket_amount), 0) FROM payments WHERE bucket = ?`, bucket).Scan(&n, &sum); err != nil {
			t.Fatal(err)
		}
		return n, major(sum)
	case *Postgres:
		var sum string
		if err := s.pool.QueryRow(context.Background(), `SELECT count(*), coalesce(sum(bucket_amount), 0)::text FROM payments WHERE bucket = $1`,
			bucket).Scan(&n, &sum); err != nil {
			t.Fatal(err)
		}
		return n, decimal.RequireFromString(sum)
	}
	t.Fatalf("unknown journal %T", j)
	return 0, decimal.Zero
}

// storedPIN is the open shift's stored PIN salt and hash.
func storedPIN(t *testing.T, j flows.Store) (salt, hash []byte) {
	t.Helper()
	var err error
	switch s := j.(type) {
	case *SQLite:
		err = s.db.QueryRow(`SELECT pin_salt, pin_hash FROM shift_openings`).Scan(&salt, &hash)
	case *Postgres:
		err = s.pool.QueryRow(context.Background(), `SELECT pin_salt, pin_hash FROM shift_openings`).Scan(&salt, &hash)
	default:
		t.Fatalf("unknown journal %T", j)
	}
	if err != nil {
		t.Fatal(err)
	}
	return salt, hash
}

// pgShiftLedger is the counter's ledger of one shift, as shiftLedger reads SQLite's.
func pgShiftLedger(t *testing.T, j *Postgres, shift int64) map[string]string {
	t.Helper()
	rows, err := j.pool.Query(context.Background(), `SELECT channel, bucket, count, amount::text, released::text, releases,
		refunded::text, refunds FROM shift_ledger WHERE counter = $1 AND shift = $2
		AND (count <> 0 OR amount <> 0 OR released <> 0 OR refunded <> 0)`, j.counter, shift)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var r flows.Report
	for rows.Next() {
		var l flows.ReportLine
		var amount, released, refunded string
		if err := rows.Scan(&l.Channel, &l.Bucket, &l.Count, &amount, &released, &l.Releases, &refunded, &l.Refunds); err != nil {
			t.Fatal(err)
		}
		l.Amount, l.Released, l.Refunded = decimal.RequireFromString(amount), decimal.RequireFromString(released), decimal.RequireFromString(refunded)
		r.Lines = append(r.Lines, l)
	}
	return flowstest.Lines(r)
}

// storeCounters opens the store journal once per counter name, in one schema.
func storeCounters(t *testing.T, names ...string) []*Postgres {
	t.Helper()
	url := flowstest.PostgresSchema(t)
	out := make([]*Postgres, len(names))
	for i, n := range names {
		out[i] = openTestPostgres(t, url, n)
	}
	return out
}
