package journal

import (
	"context"
	"sync"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
)

// Eight counters starting at once on an empty database migrate it once:
// each opens, the schema's versions are applied once, and every counter
// has its own first shift.
func TestStoreCountersMigrateOnce(t *testing.T) {
	url := flowstest.PostgresSchema(t)
	const n = 8
	js := make([]*Postgres, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			js[i], errs[i] = OpenPostgres(context.Background(), url, string(rune('A'+i)))
		}()
	}
	wg.Wait()
	for i, j := range js {
		if errs[i] != nil {
			t.Fatalf("counter %d: %v", i, errs[i])
		}
		t.Cleanup(func() { _ = j.Close() })
	}
	ctx := context.Background()
	var versions, applied, shifts int
	if err := js[0].pool.QueryRow(ctx, `SELECT count(*), coalesce(max(version), 0) FROM schema_migrations`).Scan(&applied, &versions); err != nil {
		t.Fatal(err)
	}
	if applied != len(pgMigrations) || versions != len(pgMigrations) {
		t.Errorf("schema_migrations: %d rows up to version %d, want %d", applied, versions, len(pgMigrations))
	}
	if err := js[0].pool.QueryRow(ctx, `SELECT count(DISTINCT counter) FROM shifts WHERE no = 1`).Scan(&shifts); err != nil || shifts != n {
		t.Errorf("%d counters have a first shift, want %d (%v)", shifts, n, err)
	}
	for _, j := range js {
		if s, err := j.CurrentShift(ctx); err != nil || s.No != 1 {
			t.Errorf("counter %s: shift %d, %v", j.Counter(), s.No, err)
		}
	}
}
