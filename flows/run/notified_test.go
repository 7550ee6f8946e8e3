package run

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Against the sandbox: a hold nobody has on screen expires; OCTO notifies
// "canceled" (signed). ApplyNotification reads the status and journals
// the cancel, so the open holds (the home screen's count) drop it.
func TestSandboxExpiredHoldNotificationUpdatesJournal(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{HoldTimeout: 10 * time.Minute})
	e.listener.SignatureKey, e.listener.Recipe = "sandbox-unique-key", octo.RecipeUniqueKey
	if !e.listener.Verifies() {
		t.Fatal("a listener with a key does not say it verifies")
	}
	hold := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
	other := e.code(e.pay(flows.Hold, "9860000000000018", "2000")) // its notification is not applied: it stays open here
	if hold.State != flows.Held || other.State != flows.Held {
		t.Fatalf("holds: %s %s", hold.State, other.State)
	}
	e.sb.Advance(10*time.Minute + time.Second) // both expire at OCTO
	waitFor(t, "the canceled notifications", func() bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		n := 0
		for _, h := range e.hints {
			if strings.HasSuffix(h, " canceled") {
				n++
			}
		}
		return n == 2
	})
	if open, _ := e.journal.OpenHolds(ctx); len(open) != 2 {
		t.Fatalf("before the notification is applied: %d open holds", len(open))
	}
	p, read, err := ApplyNotification(ctx, e.runner, hold.ShopTransactionID, octo.StatusCanceled)
	if err != nil || !read {
		t.Fatalf("apply: read %v, %v", read, err)
	}
	if p.State != flows.Canceled || p.Problem.English() != msgHoldExpired || !p.Released.Equal(octotest.Dec("1000")) {
		t.Errorf("got %s %q released %s", p.State, p.Problem, p.Released)
	}
	e.agree(p)
	open, err := e.journal.OpenHolds(ctx)
	if err != nil || len(open) != 1 || open[0].ShopTransactionID != other.ShopTransactionID {
		t.Errorf("open holds after the notification: %v %+v, want only the other one", err, open)
	}
	// Again (a duplicate notification): nothing more to read.
	if _, read, err := ApplyNotification(ctx, e.runner, hold.ShopTransactionID, octo.StatusCanceled); err != nil || read {
		t.Errorf("duplicate: read %v, %v", read, err)
	}
}

// What ApplyNotification leaves alone: payments it does not know, a
// request in flight, finished payments, and "not finished yet" news.
func TestApplyNotificationLeavesAlone(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	j := openTestJournal(t)
	r := &Runner{Gateway: g, Journal: j, Clock: &fakeClock{now: octotest.T0}}
	capturing := flowstest.Reach(t, flows.Hold, flows.Capturing)
	if err := j.Write(ctx, flows.Journal{Record: capturing.Record(), Transition: flows.Transition{From: flows.Held, To: capturing.State, Event: flows.Capture{}.EventName()}}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id string
		st octo.Status
	}{
		{"oc-unknown", octo.StatusCanceled},
		{capturing.ShopTransactionID, octo.StatusSucceeded},
		{capturing.ShopTransactionID, octo.StatusWaitUserAction},
	} {
		if _, read, err := ApplyNotification(ctx, r, tc.id, tc.st); err != nil || read {
			t.Errorf("%s %s: read %v, %v", tc.id, tc.st, read, err)
		}
	}
	if len(g.calls) != 0 {
		t.Errorf("sent %v, want nothing", g.calls)
	}
	if (&Listener{}).Verifies() {
		t.Error("a listener without a key says it verifies")
	}
}
