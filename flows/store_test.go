package flows

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The journal's tests run on both engines: openTestStore opens a fresh
// SQLite journal, or, in a subtest of TestJournalOnPostgres, a fresh
// schema of the PostgreSQL named by OCTO_CASHIER_TEST_PG (see .ci/pg.sh).
// In CI (CI=true) a missing URL fails the PostgreSQL tests: they never
// skip there.

// pgSuitePrefix names the subtests that run on PostgreSQL.
const pgSuitePrefix = "TestJournalOnPostgres/"

var pgSchemas atomic.Int64

// testPostgresURL is the throwaway server's URL, or a skip (a failure in CI).
func testPostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("OCTO_CASHIER_TEST_PG")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("OCTO_CASHIER_TEST_PG is not set in CI: .ci/run starts a throwaway PostgreSQL (.ci/pg.sh)")
		}
		t.Skip("OCTO_CASHIER_TEST_PG not set: start a throwaway PostgreSQL with eval \"$(.ci/pg.sh start)\"")
	}
	return u
}

// testPostgresSchema makes an empty schema for one test and returns the
// URL whose connections use it; the schema is dropped after the test.
func testPostgresSchema(t testing.TB) string {
	t.Helper()
	base := testPostgresURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("PostgreSQL at OCTO_CASHIER_TEST_PG: %v", err)
	}
	defer func() { _ = conn.Close(ctx) }()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), pgSchemas.Add(1))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP SCHEMA "+name+" CASCADE")
			_ = c.Close(context.Background())
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + name
}

// openTestPostgres opens the store journal in a fresh schema as counter.
func openTestPostgres(t testing.TB, url, counter string) *PostgresJournal {
	t.Helper()
	j, err := OpenPostgres(context.Background(), url, counter)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
}

// openTestStore opens an empty journal on the engine the test runs on.
func openTestStore(t testing.TB) Store {
	t.Helper()
	if strings.HasPrefix(t.Name(), pgSuitePrefix) {
		return openTestPostgres(t, testPostgresSchema(t), "A")
	}
	j, err := OpenJournal(filepath.Join(t.TempDir(), "state", "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
}

// TestJournalOnPostgres runs the journal's engine-neutral tests again on PostgreSQL.
func TestJournalOnPostgres(t *testing.T) {
	testPostgresURL(t)
	for _, tc := range []struct {
		name string
		f    func(*testing.T)
	}{
		{"TestJournalQueries", TestJournalQueries},
	} {
		t.Run(tc.name, tc.f)
	}
	_ = time.Now
}

// execRaw runs a statement on the journal's database, whichever engine.
func execRaw(j Store, q string) error {
	switch s := j.(type) {
	case *JournalStore:
		_, err := s.db.Exec(q)
		return err
	case *PostgresJournal:
		_, err := s.pool.Exec(context.Background(), q)
		return err
	}
	return fmt.Errorf("execRaw: unknown journal %T", j)
}
