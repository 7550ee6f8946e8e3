package run

import (
	"context"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Against the sandbox: a binding is journaled, an answer is lost, the
// console stops before it learns the outcome; at the next start
// ReconcileBindings resolves it from OCTO and journals it.
func TestSandboxBindingReconciledAtStart(t *testing.T) {
	ctx := context.Background()
	// lostCode binds up to the code, then sends it with the answer lost
	// and "crashes": the journal says confirming.
	lostCode := func(t *testing.T, e *e2e) flows.Binding {
		t.Helper()
		b := e.newBinding(t)
		var err error
		if b, err = Drive(ctx, e.runner, b, flows.Start{}); err != nil || b.State != flows.BindAwaitingOTP {
			t.Fatalf("bind: %v %s (%s)", err, b.State, b.Problem)
		}
		code, _ := e.sb.LastCode(b.PaymentUUID)
		e.sb.Inject(sandbox.Fault{Method: "bind_card/check_sms_key", Kind: sandbox.FaultDrop})
		b, effs, err := b.Handle(flows.SubmitCode{Code: code, At: e.clock.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if ev, ok := e.runner.RunAll(ctx, effs).(flows.BindingConfirmed); !ok || !octo.MayHaveReached(ev.Err) {
			t.Fatalf("the code's answer was not lost: %#v", ev)
		}
		return b // the answer is never fed back: the console stopped
	}
	restart := func(t *testing.T, e *e2e) []flows.Binding {
		t.Helper()
		open, err := e.journal.Bindings(ctx, true)
		if err != nil || len(open) != 1 {
			t.Fatalf("before the restart: %v, unfinished %+v", err, open)
		}
		r := &Runner{Gateway: e.client, Journal: e.journal, Clock: e.clock} // a new console, the same journal
		bs, err := ReconcileBindings(ctx, r)
		if err != nil || len(bs) != 1 {
			t.Fatalf("reconcile: %v %v", err, bs)
		}
		if open, _ := e.journal.Bindings(ctx, true); len(open) != 0 && bs[0].State != flows.BindWaiting {
			t.Errorf("still unfinished after the restart: %+v", open)
		}
		return bs
	}
	bound := func(t *testing.T, e *e2e, b flows.Binding, got flows.Binding) {
		t.Helper()
		if got.State != flows.BindBound || got.Token == "" || got.Token != b.Token {
			t.Fatalf("after the restart: %s token %q (%s), want bound with %q", got.State, got.Token, got.Problem, b.Token)
		}
		recs, _ := e.journal.Bindings(ctx, false)
		if len(recs) != 1 || recs[0].State != flows.BindBound {
			t.Errorf("journaled %+v", recs)
		}
		toks, err := e.journal.Tokens(ctx, "cust-1")
		if err != nil || len(toks) != 1 || toks[0].Token != b.Token || toks[0].Status != octo.TokenActive {
			t.Errorf("the customer's saved cards: %v %+v", err, toks)
		}
		if n := countCalls(e.sb, "bind_card/check_sms_key"); n != 1 {
			t.Errorf("the code was sent %d times", n)
		}
	}

	t.Run("code answer lost, read at start", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		e.listener.Journal = nil // the bind notification never reached this journal
		b := lostCode(t, e)
		reads := countCalls(e.sb, "prepare_payment")
		got := restart(t, e)[0]
		bound(t, e, b, got)
		if countCalls(e.sb, "prepare_payment") != reads+1 {
			t.Errorf("status reads at start: %d, want 1", countCalls(e.sb, "prepare_payment")-reads)
		}
	})
	t.Run("code answer lost, bind notification journaled", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		b := lostCode(t, e)
		waitFor(t, "the bind notification", func() bool {
			e.mu.Lock()
			defer e.mu.Unlock()
			return len(e.tokens) > 0
		})
		bound(t, e, b, restart(t, e)[0])
	})
	t.Run("bind_card answer lost before the code", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		b := e.newBinding(t)
		var err error
		e.sb.Inject(sandbox.Fault{Method: "bind_card", Kind: sandbox.FaultDrop})
		_, effs, err := b.Handle(flows.Start{})
		if err != nil {
			t.Fatal(err)
		}
		if ev, ok := e.runner.RunAll(ctx, effs).(flows.BindAnswered); !ok || !octo.MayHaveReached(ev.Err) {
			t.Fatalf("bind_card's answer was not lost: %#v", ev)
		}
		got := restart(t, e)[0]
		if got.State != flows.BindFailed || !strings.Contains(got.Problem.English(), "restarted") || got.PaymentUUID == "" {
			t.Errorf("after the restart: %s %q uuid %q", got.State, got.Problem, got.PaymentUUID)
		}
		if n := countCalls(e.sb, "bind_card"); n != 1 {
			t.Errorf("bind_card sent %d times", n)
		}
	})
	t.Run("bind_card journaled, never sent", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		rec := flows.BindingRecord{ShopTransactionID: flows.NewShopTransactionID(), State: flows.BindSending, Customer: "cust-1",
			Operator: "ali", Method: octo.MethodUzcard, Card: "860000******0015"}
		if err := e.journal.WriteBinding(ctx, rec, e.clock.Now()); err != nil {
			t.Fatal(err)
		}
		got := restart(t, e)[0]
		if got.State != flows.BindFailed || !strings.Contains(got.Problem.English(), "never received") {
			t.Errorf("after the restart: %s %q", got.State, got.Problem)
		}
		if n := countCalls(e.sb, "bind_card"); n != 0 {
			t.Errorf("bind_card sent %d times", n)
		}
	})
}
