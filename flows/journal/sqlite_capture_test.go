package journal

import (
	"context"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

// A journal made before the capture amount was kept gains the column.
func TestCapturingColumnMigrates(t *testing.T) {
	ctx := context.Background()
	j := openTestJournal(t)
	if _, err := j.db.ExecContext(ctx, `ALTER TABLE payments DROP COLUMN capturing`); err != nil {
		t.Fatal(err)
	}
	if err := migrateCapturing(ctx, j.db); err != nil {
		t.Fatal(err)
	}
	if err := migrateCapturing(ctx, j.db); err != nil { // twice: a no-op
		t.Fatalf("second migration: %v", err)
	}
	h := flowstest.Step(t, flowstest.Reach(t, flows.Hold, flows.Held), flows.Capture{Amount: octotest.Dec("10")})
	rec := h.Record()
	if err := j.Write(ctx, flows.Journal{Record: rec, Transition: flows.Transition{From: flows.Held, To: flows.Capturing}}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	got, err := j.Get(ctx, rec.ShopTransactionID)
	if err != nil || !got.Capturing.Equal(octotest.Dec("10")) {
		t.Fatalf("capturing %s, %v", got.Capturing, err)
	}
}
