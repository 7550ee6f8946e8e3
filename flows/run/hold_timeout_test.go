package run

import (
	"context"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Against the sandbox: a Visa hold through 3-D Secure is journaled with
// the expiry the hold timeout implies, and when that passes a tick reads
// the status and finds the hold canceled by the gateway.
func TestSandbox3DSHoldExpiryFromHoldTimeout(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{HoldTimeout: 20 * time.Minute})
	o := e.order("50000")
	o.HoldTimeout = e.sb.HoldTimeout()
	p := e.through3DS(flows.Hold, o)
	if p.State != flows.Held {
		t.Fatalf("got %s (%s)", p.State, p.Problem)
	}
	holds, err := e.journal.OpenHolds(ctx)
	if err != nil || len(holds) != 1 {
		t.Fatalf("open holds: %v %+v", err, holds)
	}
	left := holds[0].HoldExpires.Sub(e.clock.Now())
	if left <= 19*time.Minute || left > 20*time.Minute {
		t.Errorf("journaled hold expires in %v, want just under 20m", left)
	}
	e.sb.Advance(20*time.Minute + time.Second)
	p = e.drive(p, flows.Tick{Now: e.clock.Now()})
	if p.State != flows.Canceled || p.Problem.English() != msgHoldExpired {
		t.Fatalf("after the expiry: got %s %q", p.State, p.Problem)
	}
	e.agree(p)
}
