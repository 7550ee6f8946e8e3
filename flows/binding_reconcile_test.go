package flows

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// A restored binding takes one status read (never bind_card or the code
// again) and journals where it stands.
func TestRestoredBindingOneRead(t *testing.T) {
	rec := BindingRecord{ShopTransactionID: "oc-bind-1", State: BindConfirming, Customer: "cust-1", Operator: "ali",
		Method: octo.MethodUzcard, Card: "860000******0015", PaymentUUID: "uuid-b", Token: "tok-1"}
	bank := rec
	bank.Method, bank.State, bank.Token = octo.MethodBankCard, BindWaiting, ""
	awaiting := bank
	awaiting.Problem = msgAwaitingToken
	sending := rec
	sending.State, sending.PaymentUUID, sending.Token = BindSending, "", ""
	read := func(st octo.Status) *octo.PaymentInfo {
		return &octo.PaymentInfo{ShopTransactionID: "oc-bind-1", PaymentUUID: "uuid-b", Status: st}
	}
	tests := []struct {
		name    string
		rec     BindingRecord
		answer  StatusAnswered
		want    BindState
		problem string // a part of it
		effects string
	}{
		{"code taken", rec, StatusAnswered{Info: read(octo.StatusSucceeded)}, BindBound, "", "journal_binding,journal_token"},
		{"declined", rec, StatusAnswered{Info: read(octo.StatusFailed)}, BindFailed, "declined", "journal_binding"},
		{"code never taken", rec, StatusAnswered{Info: read(octo.StatusWaitUserAction)}, BindFailed, "restarted", "journal_binding"},
		{"token not known yet", bank, StatusAnswered{Info: read(octo.StatusSucceeded)}, BindWaiting, "waiting for it to be activated", "journal_binding"},
		{"still no token at the next start", awaiting, StatusAnswered{Info: read(octo.StatusCanceled)}, BindFailed, "never said the card was saved", "journal_binding"},
		{"code taken, OCTO still at work", rec, StatusAnswered{Info: read(octo.StatusPending)}, BindWaiting, "still working on the card (pending)", "journal_binding"},
		{"3-D Secure still open", bank, StatusAnswered{Info: read(octo.StatusWaitUserAction)}, BindWaiting, "Waiting for the customer", "journal_binding"},
		{"bind_card never arrived", sending, StatusAnswered{Err: &octo.Error{Method: "prepare_payment", Code: 7, Message: "Payment not found"}},
			BindFailed, "never received", "journal_binding"},
		{"no answer", rec, StatusAnswered{Err: errNotSent}, BindConfirming, "Could not check", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := RestoreBinding(tt.rec)
			b, effs, err := b.Handle(Check{})
			if err != nil || strings.Join(effectNames(effs), ",") != "read_status" {
				t.Fatalf("check: %v %v, want one status read", effectNames(effs), err)
			}
			if rs := effs[0].(ReadStatus); rs.ShopTransactionID != "oc-bind-1" {
				t.Errorf("reads %q", rs.ShopTransactionID)
			}
			ans := tt.answer
			ans.Seq = b.pollSeq
			b, effs, err = b.Handle(ans)
			if err != nil {
				t.Fatal(err)
			}
			if b.State != tt.want || !strings.Contains(b.Problem.English(), tt.problem) {
				t.Errorf("got %s %q, want %s with %q", b.State, b.Problem.English(), tt.want, tt.problem)
			}
			if got := strings.Join(effectNames(effs), ","); got != tt.effects {
				t.Errorf("effects %s, want %s", got, tt.effects)
			}
			// One read only: a restart does not poll.
			if _, effs, _ := b.Handle(Check{}); b.State != BindWaiting && len(effs) != 0 {
				t.Errorf("a second check on %s asks for %v", b.State, effectNames(effs))
			}
		})
	}
}

// Against the sandbox: a binding is journaled, an answer is lost, the
// console stops before it learns the outcome; at the next start
// ReconcileBindings resolves it from OCTO and journals it.
func TestSandboxBindingReconciledAtStart(t *testing.T) {
	ctx := context.Background()
	// lostCode binds up to the code, then sends it with the answer lost
	// and "crashes": the journal says confirming.
	lostCode := func(t *testing.T, e *e2e) Binding {
		t.Helper()
		b := e.newBinding(t)
		var err error
		if b, err = Drive(ctx, e.runner, b, Start{}); err != nil || b.State != BindAwaitingOTP {
			t.Fatalf("bind: %v %s (%s)", err, b.State, b.Problem.English())
		}
		code, _ := e.sb.LastCode(b.PaymentUUID)
		e.sb.Inject(sandbox.Fault{Method: "bind_card/check_sms_key", Kind: sandbox.FaultDrop})
		b, effs, err := b.Handle(SubmitCode{Code: code, At: e.clock.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if ev, ok := e.runner.RunAll(ctx, effs).(BindingConfirmed); !ok || !octo.MayHaveReached(ev.Err) {
			t.Fatalf("the code's answer was not lost: %#v", ev)
		}
		return b // the answer is never fed back: the console stopped
	}
	restart := func(t *testing.T, e *e2e) []Binding {
		t.Helper()
		open, err := e.journal.Bindings(ctx, true)
		if err != nil || len(open) != 1 {
			t.Fatalf("before the restart: %v, unfinished %+v", err, open)
		}
		r := &Runner{Gateway: e.client, Journal: e.journal, Clock: e.clock} // a new console, the same journal
		bs, err := ReconcileBindings(ctx, r, time.Now().Add(time.Hour))
		if err != nil || len(bs) != 1 {
			t.Fatalf("reconcile: %v %v", err, bs)
		}
		if open, _ := e.journal.Bindings(ctx, true); len(open) != 0 && bs[0].State != BindWaiting {
			t.Errorf("still unfinished after the restart: %+v", open)
		}
		return bs
	}
	bound := func(t *testing.T, e *e2e, b Binding, got Binding) {
		t.Helper()
		if got.State != BindBound || got.Token == "" || got.Token != b.Token {
			t.Fatalf("after the restart: %s token %q (%s), want bound with %q", got.State, got.Token, got.Problem.English(), b.Token)
		}
		recs, _ := e.journal.Bindings(ctx, false)
		if len(recs) != 1 || recs[0].State != BindBound {
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

	t.Run("a binding of this run is left to its screen", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		lostCode(t, e)
		reads := countCalls(e.sb, "prepare_payment")
		r := &Runner{Gateway: e.client, Journal: e.journal, Clock: e.clock}
		bs, err := ReconcileBindings(ctx, r, e.clock.Now().Add(-time.Minute))
		if err != nil || len(bs) != 0 || countCalls(e.sb, "prepare_payment") != reads {
			t.Errorf("reconciled a binding written after the start: %v %+v", err, bs)
		}
		if open, _ := e.journal.Bindings(ctx, true); len(open) != 1 {
			t.Errorf("the binding was touched: %+v", open)
		}
	})

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
		_, effs, err := b.Handle(Start{})
		if err != nil {
			t.Fatal(err)
		}
		if ev, ok := e.runner.RunAll(ctx, effs).(BindAnswered); !ok || !octo.MayHaveReached(ev.Err) {
			t.Fatalf("bind_card's answer was not lost: %#v", ev)
		}
		got := restart(t, e)[0]
		if got.State != BindFailed || !strings.Contains(got.Problem.English(), "restarted") || got.PaymentUUID == "" {
			t.Errorf("after the restart: %s %q uuid %q", got.State, got.Problem.English(), got.PaymentUUID)
		}
		if n := countCalls(e.sb, "bind_card"); n != 1 {
			t.Errorf("bind_card sent %d times", n)
		}
	})
	t.Run("bind_card journaled, never sent", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		rec := BindingRecord{ShopTransactionID: NewShopTransactionID(), State: BindSending, Customer: "cust-1",
			Operator: "ali", Method: octo.MethodUzcard, Card: "860000******0015"}
		if err := e.journal.WriteBinding(ctx, rec, e.clock.Now()); err != nil {
			t.Fatal(err)
		}
		got := restart(t, e)[0]
		if got.State != BindFailed || !strings.Contains(got.Problem.English(), "never received") {
			t.Errorf("after the restart: %s %q", got.State, got.Problem.English())
		}
		if n := countCalls(e.sb, "bind_card"); n != 0 {
			t.Errorf("bind_card sent %d times", n)
		}
	})
}
