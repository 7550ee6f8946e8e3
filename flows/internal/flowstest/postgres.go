package flowstest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The journal's tests run on both engines: a test opens a fresh SQLite
// journal, or, in a subtest of a ...OnPostgres suite, a fresh schema of the
// PostgreSQL named by OCTO_CASHIER_TEST_PG (see .ci/pg.sh). In CI
// (CI=true) a missing URL fails the PostgreSQL tests: they never skip
// there.

var pgSchemas atomic.Int64

// The test binaries of flows/journal and flows/run run at once in `go test
// ./...`, each in schemas of its own; but the store journal's request
// locks are PostgreSQL advisory locks, which span a database, not a
// schema: two binaries journaling a payment of the same id would refuse
// each other's ("being handled at counter A"). So each binary takes a
// database of its own, named after it, created once and kept (the schemas
// in it are dropped test by test).
var (
	binaryDBOnce sync.Once
	binaryDB     string
	binaryDBErr  error
)

// binaryDatabase is the URL of this test binary's database on the server
// at base, created the first time.
func binaryDatabase(base string) (string, error) {
	binaryDBOnce.Do(func() {
		name := "octo_" + regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(filepath.Base(os.Args[0])), "_")
		u, err := url.Parse(base)
		if err != nil {
			binaryDBErr = err
			return
		}
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			binaryDBErr = err
			return
		}
		defer func() { _ = conn.Close(ctx) }()
		var exists bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
			binaryDBErr = err
			return
		}
		if !exists {
			var pgErr *pgconn.PgError
			// 42P04: created meanwhile by another run of the same binary.
			if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil && !(errors.As(err, &pgErr) && pgErr.Code == "42P04") {
				binaryDBErr = err
				return
			}
		}
		u.Path = "/" + name
		binaryDB = u.String()
	})
	return binaryDB, binaryDBErr
}

// PostgresURL is the throwaway server's URL, or a skip (a failure in CI).
func PostgresURL(t testing.TB) string {
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

// PostgresSchema makes an empty schema for one test, in the test binary's
// database, and returns the URL whose connections use it; the schema is
// dropped after the test.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base, err := binaryDatabase(PostgresURL(t))
	if err != nil {
		t.Fatalf("PostgreSQL at OCTO_CASHIER_TEST_PG: the test binary's database: %v", err)
	}
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
