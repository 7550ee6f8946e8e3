package run

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/journal"
)

// The runner's tests that journal run on both engines, as the journal's
// own do (flows/journal's TestJournalOnPostgres): openTestStore opens a
// fresh SQLite journal, or, in a subtest of TestRunOnPostgres, a fresh
// schema of the PostgreSQL named by OCTO_CASHIER_TEST_PG (see .ci/pg.sh).
// In CI (CI=true) a missing URL fails the PostgreSQL tests: they never
// skip there. The opening itself is flowstest's (stores.go), shared with
// flows/journal.

// openTestPostgres opens the store journal at url as counter.
func openTestPostgres(t testing.TB, url, counter string) *journal.Postgres {
	t.Helper()
	return flowstest.OpenPostgres(t, journal.OpenPostgres, url, counter)
}

// openTestStore opens an empty journal on the engine the test runs on.
func openTestStore(t testing.TB) flows.Store {
	t.Helper()
	return flowstest.OpenStore(t, "TestRunOnPostgres", journal.OpenSQLite, journal.OpenPostgres)
}

// TestRunOnPostgres runs the runner's engine-neutral tests again on PostgreSQL.
func TestRunOnPostgres(t *testing.T) {
	flowstest.PostgresURL(t)
	for _, tc := range []struct {
		name string
		f    func(*testing.T)
	}{
		{"TestBindingJournaledBeforeBindCard", TestBindingJournaledBeforeBindCard},
		{"TestRestoredCaptureUsesJournaledAmount", TestRestoredCaptureUsesJournaledAmount},
		{"TestExchangeWriterBurst", TestExchangeWriterBurst},
	} {
		t.Run(tc.name, tc.f)
	}
}

// openTestJournal opens an empty SQLite journal.
func openTestJournal(t testing.TB) *journal.SQLite {
	t.Helper()
	return flowstest.OpenSQLite(t, journal.OpenSQLite)
}
