package run

import (
	"context"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// After a crash in the middle of a capture the journal still knows the
// amount being captured, and the restored payment records that much.
func TestRestoredCaptureUsesJournaledAmount(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	h := flowstest.Reach(t, flows.Hold, flows.Held)
	h, effs, err := h.Handle(flows.Capture{Amount: octotest.Dec("600")})
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Journal: j}
	if ev := r.Run(ctx, effs[0]); ev != nil { // the journal write; the capture is "sent" and the console dies
		t.Fatalf("journal: %v", ev)
	}
	rec, err := j.Get(ctx, h.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.State != flows.Capturing || !rec.Capturing.Equal(octotest.Dec("600")) {
		t.Fatalf("journaled %s capturing %s, want capturing 600", rec.State, rec.Capturing)
	}
	p := flows.Restore(rec)
	p = flowstest.Step(t, p, flows.Check{})
	p = flowstest.Step(t, p, flows.StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: p.PollSeq(), At: octotest.T0.Add(time.Minute)})
	if p.State != flows.Succeeded || !p.Captured.Equal(octotest.Dec("600")) || !p.Released.Equal(octotest.Dec("400")) {
		t.Fatalf("restored capture: %s captured %s released %s", p.State, p.Captured, p.Released)
	}
	if p.Can(flows.Refund{Amount: octotest.Dec("601"), Min: octotest.Min}) {
		t.Error("after the restore a refund above the captured 600 is allowed")
	}
}
