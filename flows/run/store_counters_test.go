package run

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Counters of one store: each its own runner, all on one sandbox and one
// PostgreSQL journal (a fresh schema per test).

// storeCounters opens the store journal once per counter name, in one schema.
func storeCounters(t *testing.T, names ...string) []*journal.Postgres {
	t.Helper()
	url := flowstest.PostgresSchema(t)
	out := make([]*journal.Postgres, len(names))
	for i, n := range names {
		out[i] = openTestPostgres(t, url, n)
	}
	return out
}

// Two counters capture one hold at the same instant: exactly one
// set_accept reaches OCTO (the sandbox's event log), the other counter is
// refused before sending and told which counter holds the payment.
func TestStoreRaceOnOneHold(t *testing.T) {
	js := storeCounters(t, "A", "B")
	e := newE2E(t, sandbox.Options{})
	runners := []*Runner{
		{Gateway: e.client, Journal: js[0], Clock: e.clock},
		{Gateway: e.client, Journal: js[1], Clock: e.clock},
	}
	e.runner, e.listener.Journal = runners[0], js[0]
	ctx := context.Background()
	const rounds = 4
	for round := range rounds {
		held := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
		if held.State != flows.Held {
			t.Fatalf("round %d: hold %s (%s)", round, held.State, held.Problem)
		}
		// Both counters show the hold (read before either acts), then both capture.
		shown := make([]flows.Payment, 2)
		for i, r := range runners {
			rec, err := r.Journal.Get(ctx, held.ShopTransactionID)
			if err != nil {
				t.Fatal(err)
			}
			shown[i] = flows.Restore(rec)
		}
		var wg sync.WaitGroup
		got := make([]flows.Payment, 2)
		errs := make([]error, 2)
		for i, r := range runners {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], errs[i] = Drive(ctx, r, shown[i], flows.Capture{})
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		captured, refused := 0, 0
		for i, p := range got {
			switch {
			case p.State == flows.Succeeded:
				captured++
			case p.State == flows.Held && strings.Contains(p.Problem.English(), "at counter "):
				refused++
				other := "AB"[1-i : 2-i]
				if !strings.Contains(p.Problem.English(), "at counter "+other) {
					t.Errorf("round %d: counter %d told %q, want counter %s named", round, i, p.Problem, other)
				}
			default:
				t.Errorf("round %d: counter %d ended %s (%s)", round, i, p.State, p.Problem)
			}
		}
		if captured != 1 || refused != 1 {
			t.Errorf("round %d: %d captured, %d refused; want one of each", round, captured, refused)
		}
		rec, err := js[1].Get(ctx, held.ShopTransactionID)
		if err != nil || rec.State != flows.Succeeded || rec.Counter != "A" {
			t.Errorf("round %d: the store journal says %s at counter %q, %v", round, rec.State, rec.Counter, err)
		}
	}
	if n := countCalls(e.sb, "set_accept"); n != rounds {
		t.Errorf("set_accept sent %d times for %d holds", n, rounds)
	}
}

// Counter A is killed after journaling a capture and sending it, before
// the answer. While A lives, counter B starting leaves the payment to it;
// once A is gone (its connection, presence and request lock with it), B
// recovers it from the store journal by reading OCTO (no second capture),
// and a third start finds nothing left.
func TestStoreKilledCounterRecoveredOnce(t *testing.T) {
	js := storeCounters(t, "A", "B", "C")
	e := newE2E(t, sandbox.Options{})
	a := &Runner{Gateway: e.client, Journal: js[0], Clock: e.clock}
	e.runner, e.listener.Journal = a, js[0]
	ctx := context.Background()
	held := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
	p, effs, err := held.Handle(flows.Capture{Amount: octotest.Dec("600")})
	if err != nil || p.State != flows.Capturing || len(effs) != 2 {
		t.Fatalf("capture: %s %v %v", p.State, flowstest.EffectNames(effs), err)
	}
	if ev := a.Run(ctx, effs[0]); ev != nil { // journaled
		t.Fatalf("journal: %v", ev)
	}
	_ = a.Run(ctx, effs[1]) // sent; its answer dies with counter A

	b := &Runner{Gateway: e.client, Journal: js[1], Clock: e.clock}
	ps, err := Reconcile(ctx, b)
	if err != nil || len(ps) != 0 {
		t.Fatalf("counter B while A lives: %+v, %v", ps, err)
	}
	if rec, _ := js[1].Get(ctx, held.ShopTransactionID); rec.State != flows.Capturing {
		t.Fatalf("counter B wrote over A's capture: %s", rec.State)
	}
	_ = js[0].Close() // kill -9 of counter A: the server drops its sessions
	// …when its backends have seen the connections go, a moment after the
	// close returns: until then A is still running and B leaves its payment.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		ps, err = Reconcile(ctx, b)
		if err != nil || len(ps) != 0 || time.Now().After(deadline) {
			break
		}
	}
	if err != nil || len(ps) != 1 || ps[0].State != flows.Succeeded || !ps[0].Captured.Equal(octotest.Dec("600")) {
		t.Fatalf("counter B's recovery: %+v, %v", ps, err)
	}
	c := &Runner{Gateway: e.client, Journal: js[2], Clock: e.clock}
	if ps, err := Reconcile(ctx, c); err != nil || len(ps) != 0 {
		t.Errorf("counter C found %d payments to recover, %v", len(ps), err)
	}
	if n := countCalls(e.sb, "set_accept"); n != 1 {
		t.Errorf("set_accept sent %d times", n)
	}
	tl, err := js[2].Timeline(ctx, held.ShopTransactionID)
	if err != nil || len(tl) == 0 || tl[len(tl)-1].To != flows.Succeeded {
		t.Errorf("timeline %+v, %v", tl, err)
	}
}

// Counter B starts while counter A's customer is typing the code of a
// hold: B's start-up reconcile leaves the payment to A (it used to restore
// it to resolving and read its status, journaling over A, so that A's
// capture was refused as "being handled at counter B"). A takes the code,
// captures, and the journal and OCTO agree; B read nothing of it.
func TestStoreStartLeavesARunningCountersPayment(t *testing.T) {
	js := storeCounters(t, "A", "B")
	e := newE2E(t, sandbox.Options{})
	a := &Runner{Gateway: e.client, Journal: js[0], Clock: e.clock}
	e.runner, e.listener.Journal = a, js[0]
	ctx := context.Background()
	waiting := e.pay(flows.Hold, octotest.PAN, "1000")
	reads := countCalls(e.sb, "prepare_payment")

	b := &Runner{Gateway: e.client, Journal: js[1], Clock: e.clock}
	if ps, err := Reconcile(ctx, b); err != nil || len(ps) != 0 {
		t.Fatalf("counter B's start while A runs: %+v, %v", ps, err)
	}
	if n := countCalls(e.sb, "prepare_payment"); n != reads {
		t.Errorf("counter B read A's payment's status (%d reads, %d before)", n, reads)
	}
	if rec, _ := js[1].Get(ctx, waiting.ShopTransactionID); rec.State != flows.AwaitingOTP || rec.Counter != "A" {
		t.Fatalf("counter B wrote over A's payment: %s by %s", rec.State, rec.Counter)
	}
	held := e.code(waiting)
	if held.State != flows.Held {
		t.Fatalf("A's code: %s (%s)", held.State, held.Problem)
	}
	captured := e.drive(held, flows.Capture{})
	if captured.State != flows.Succeeded {
		t.Fatalf("A's capture: %s (%s)", captured.State, captured.Problem)
	}
	rec, err := js[1].Get(ctx, captured.ShopTransactionID)
	in, serr := e.client.Status(ctx, captured.ShopTransactionID)
	if err != nil || serr != nil || rec.State != flows.Succeeded || !rec.Captured.Equal(octotest.Dec("1000")) || in.Status != octo.StatusSucceeded {
		t.Errorf("the store journal says %s, captured %s (%v); OCTO says %v (%v)", rec.State, rec.Captured, err, in, serr)
	}
}

// A write into a request state that does not start from the journal's
// state is refused with ErrPaymentBusy, naming the counter.
func TestStoreRefusesAStaleRequest(t *testing.T) {
	js := storeCounters(t, "A", "B")
	ctx := context.Background()
	r := flowstest.Rec("h", flows.Hold, flows.Held, "500", "0", "860000******0015")
	if err := js[0].Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{To: flows.Held}}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	r.State = flows.Canceling
	if err := js[0].Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{From: flows.Held, To: flows.Canceling}}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	r.State = flows.Capturing
	err := js[1].Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{From: flows.Held, To: flows.Capturing}}, octotest.T0)
	var busy *journal.PaymentBusyError
	if !errors.Is(err, journal.ErrPaymentBusy) || !errors.As(err, &busy) || busy.Counter != "A" || busy.State != flows.Canceling {
		t.Fatalf("stale capture: %v", err)
	}
	if got, _ := js[1].Get(ctx, "h"); got.State != flows.Canceling {
		t.Errorf("the refused write changed the payment to %s", got.State)
	}
}

// Eight counters sell at once against one sandbox and one store journal;
// then a payment taken at counter A is refunded at counter H. Every sale
// is paid once on the wire, every counter sees all of them, and the
// journal agrees with OCTO on each.
func TestStoreEightCountersSellAndRefundElsewhere(t *testing.T) {
	names := []string{"A", "B", "C", "D", "E", "F", "G", "H"}
	js := storeCounters(t, names...)
	e := newE2E(t, sandbox.Options{})
	e.listener.Journal = js[0]
	ctx := context.Background()
	const perCounter = 2
	type sale struct {
		p       flows.Payment
		counter string
		err     error
	}
	sales := make(chan sale, len(names)*perCounter)
	var wg sync.WaitGroup
	for i, j := range js {
		r := &Runner{Gateway: e.client, Journal: j, Clock: e.clock}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range perCounter {
				p, err := flows.NewCardPayment(flows.Sale, e.order(fmt.Sprintf("%d", 100000+i*100+k)), octo.Card{PAN: octotest.PAN, Exp: octotest.Exp, HolderName: "TEST CARD"})
				if err == nil {
					p, err = Drive(ctx, r, p, flows.Start{})
				}
				if err == nil && p.State == flows.AwaitingOTP {
					c, _ := e.sb.LastCode(p.PaymentUUID)
					p, err = Drive(ctx, r, p, flows.SubmitCode{Code: c, At: e.clock.Now()})
				}
				sales <- sale{p: p, counter: names[i], err: err}
			}
		}()
	}
	wg.Wait()
	close(sales)
	var first flows.Payment
	n := 0
	for s := range sales {
		n++
		if s.err != nil || s.p.State != flows.Succeeded {
			t.Errorf("counter %s: %s (%s), %v", s.counter, s.p.State, s.p.Problem, s.err)
			continue
		}
		rec, err := js[7].Get(ctx, s.p.ShopTransactionID)
		if err != nil || rec.State != flows.Succeeded || rec.Counter != s.counter || !rec.Captured.Equal(s.p.Amount) {
			t.Errorf("counter H reads %s as %s at %q, %v", s.p.ShopTransactionID, rec.State, rec.Counter, err)
		}
		if in, err := e.client.Status(ctx, s.p.ShopTransactionID); err != nil || in.Status != octo.StatusSucceeded {
			t.Errorf("OCTO says %v about %s, %v", in, s.p.ShopTransactionID, err)
		}
		if s.counter == "A" && first.ShopTransactionID == "" {
			first = s.p
		}
	}
	if n != len(names)*perCounter || countCalls(e.sb, "pay") != n {
		t.Errorf("%d sales, pay sent %d times", n, countCalls(e.sb, "pay"))
	}
	if all, err := js[3].History(ctx, flows.Filter{}); err != nil || len(all) != n {
		t.Errorf("counter D's History lists %d of %d, %v", len(all), n, err)
	}

	rec, err := js[7].Get(ctx, first.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	h := &Runner{Gateway: e.client, Journal: js[7], Clock: e.clock}
	p, err := Drive(ctx, h, flows.Restore(rec), flows.Refund{Amount: octotest.Dec("15000"), Min: octotest.Min})
	if err != nil || !p.Refunded.Equal(octotest.Dec("15000")) {
		t.Fatalf("refund at counter H: %s refunded %s (%s), %v", p.State, p.Refunded, p.Problem, err)
	}
	if got, _ := js[0].Get(ctx, first.ShopTransactionID); !got.Refunded.Equal(octotest.Dec("15000")) || got.Counter != "A" {
		t.Errorf("counter A reads refunded %s, taken at %q", got.Refunded, got.Counter)
	}
	if x, err := js[7].XReportAt(ctx, time.Now()); err != nil || !x.Refunded().Equal(octotest.Dec("15000")) {
		t.Errorf("counter H's X report: refunded %s, %v", x.Refunded(), err)
	}
	if x, err := js[0].XReportAt(ctx, time.Now()); err != nil || x.Refunded().IsPositive() {
		t.Errorf("counter A's X report: refunded %s (the refund was H's), %v", x.Refunded(), err)
	}
}

// The store's receiver wakes every counter about a hold OCTO let expire:
// only the till that wrote it last reads its status (OCTO allows about one
// read a second per payment, and the others would journal over that till);
// once that till has stopped, one other running till reads it, the first
// by name, not each of them.
func TestStoreNotificationSettledByOneCounter(t *testing.T) {
	js := storeCounters(t, "A", "B", "C")
	e := newE2E(t, sandbox.Options{HoldTimeout: 10 * time.Minute})
	runners := make([]*Runner, len(js))
	for i, j := range js {
		runners[i] = &Runner{Gateway: e.client, Journal: j, Clock: e.clock}
	}
	e.runner, e.listener.Journal = runners[0], js[0]
	ctx := context.Background()
	first := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
	second := e.code(e.pay(flows.Hold, "9860000000000018", "2000"))
	e.sb.Advance(10*time.Minute + time.Second) // both expire at OCTO
	apply := func(i int, id string) bool {
		t.Helper()
		_, read, err := ApplyNotification(ctx, runners[i], id, octo.StatusCanceled)
		if err != nil {
			t.Fatalf("counter %s: %v", "ABC"[i:i+1], err)
		}
		return read
	}
	state := func(id string) flows.State {
		rec, err := js[1].Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return rec.State
	}

	reads := countCalls(e.sb, "prepare_payment")
	if apply(1, first.ShopTransactionID) || apply(2, first.ShopTransactionID) {
		t.Error("a counter other than A, which runs and wrote the hold, read its status")
	}
	if n := countCalls(e.sb, "prepare_payment"); n != reads || state(first.ShopTransactionID) != flows.Held {
		t.Errorf("after B and C: %d status reads (%d before), the journal says %s", n, reads, state(first.ShopTransactionID))
	}
	if !apply(0, first.ShopTransactionID) || state(first.ShopTransactionID) != flows.Canceled {
		t.Errorf("counter A did not settle its hold: %s", state(first.ShopTransactionID))
	}

	_ = js[0].Close() // A stops: its news is one other counter's
	waitFor(t, "A's presence gone", func() bool {
		mine, err := js[1].Settles(ctx, second.ShopTransactionID)
		return err == nil && mine
	})
	if apply(2, second.ShopTransactionID) {
		t.Error("counter C read the stopped till's hold as well as B")
	}
	if !apply(1, second.ShopTransactionID) || state(second.ShopTransactionID) != flows.Canceled {
		t.Errorf("counter B did not settle the stopped till's hold: %s", state(second.ShopTransactionID))
	}
}
