package flowstest

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The store journal's tests (flows/journal's) and the runner's that journal
// (flows/run's) open it the same way: SQLite in a file of the test's
// temporary directory, PostgreSQL in a fresh schema, closed when the test
// ends. flowstest cannot import flows/journal, whose own (internal) tests
// import flowstest: that would be an import cycle. So the callers hand in
// the journal's openers, and what is common lives here once.

// journal is what the openers open: a store journal that can be closed.
type journal interface {
	flows.Store
	io.Closer
}

// closeAfter fails the test on err, else closes j when the test ends.
func closeAfter[J io.Closer](t testing.TB, j J, err error) J {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
}

// OpenSQLite opens an empty SQLite journal with open, in the test's
// temporary directory.
func OpenSQLite[J io.Closer](t testing.TB, open func(path string) (J, error)) J {
	t.Helper()
	j, err := open(filepath.Join(t.TempDir(), "state", "journal.db"))
	return closeAfter(t, j, err)
}

// OpenPostgres opens the store journal with open at url as counter.
func OpenPostgres[J io.Closer](t testing.TB, open func(ctx context.Context, url, counter string) (J, error), url, counter string) J {
	t.Helper()
	j, err := open(context.Background(), url, counter)
	return closeAfter(t, j, err)
}

// OpenStore opens an empty journal on the engine the test runs on: in a
// subtest of the suite pgSuite (TestJournalOnPostgres, TestRunOnPostgres),
// a fresh PostgreSQL schema as counter A; else SQLite.
func OpenStore[S, P journal](t testing.TB, pgSuite string, sqlite func(path string) (S, error),
	postgres func(ctx context.Context, url, counter string) (P, error)) flows.Store {
	t.Helper()
	if strings.HasPrefix(t.Name(), pgSuite+"/") {
		return OpenPostgres(t, postgres, PostgresSchema(t), "A")
	}
	return OpenSQLite(t, sqlite)
}
