package run

import (
	"context"
	"path/filepath"
	"strings"
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
// skip there.

// pgSuitePrefix names the subtests that run on PostgreSQL.
const pgSuitePrefix = "TestRunOnPostgres/"

// openTestPostgres opens the store journal at url as counter.
func openTestPostgres(t testing.TB, url, counter string) *journal.Postgres {
	t.Helper()
	j, err := journal.OpenPostgres(context.Background(), url, counter)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
}

// openTestStore opens an empty journal on the engine the test runs on.
func openTestStore(t testing.TB) flows.Store {
	t.Helper()
	if strings.HasPrefix(t.Name(), pgSuitePrefix) {
		return openTestPostgres(t, flowstest.PostgresSchema(t), "A")
	}
	j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "state", "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
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
	j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "state", "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
}
