package flows

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Counters of one store: each its own runner, all on one sandbox and one
// PostgreSQL journal (a fresh schema per test).

// storeCounters opens the store journal once per counter name, in one schema.
func storeCounters(t *testing.T, names ...string) []*PostgresJournal {
	t.Helper()
	url := testPostgresSchema(t)
	out := make([]*PostgresJournal, len(names))
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
		held := e.code(e.pay(Hold, testPAN, "1000"))
		if held.State != Held {
			t.Fatalf("round %d: hold %s (%s)", round, held.State, held.Problem.English())
		}
		// Both counters show the hold (read before either acts), then both capture.
		shown := make([]Payment, 2)
		for i, r := range runners {
			rec, err := r.Journal.Get(ctx, held.ShopTransactionID)
			if err != nil {
				t.Fatal(err)
			}
			shown[i] = Restore(rec)
		}
		var wg sync.WaitGroup
		got := make([]Payment, 2)
		errs := make([]error, 2)
		for i, r := range runners {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], errs[i] = Drive(ctx, r, shown[i], Capture{})
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		captured, refused := 0, 0
		for i, p := range got {
			switch {
			case p.State == Succeeded:
				captured++
			case p.State == Held && strings.Contains(p.Problem.English(), "at counter "):
				refused++
				other := "AB"[1-i : 2-i]
				if !strings.Contains(p.Problem.English(), "at counter "+other) {
					t.Errorf("round %d: counter %d told %q, want counter %s named", round, i, p.Problem.English(), other)
				}
			default:
				t.Errorf("round %d: counter %d ended %s (%s)", round, i, p.State, p.Problem.English())
			}
		}
		if captured != 1 || refused != 1 {
			t.Errorf("round %d: %d captured, %d refused; want one of each", round, captured, refused)
		}
		rec, err := js[1].Get(ctx, held.ShopTransactionID)
		if err != nil || rec.State != Succeeded || rec.Counter != "A" {
			t.Errorf("round %d: the store journal says %s at counter %q, %v", round, rec.State, rec.Counter, err)
		}
	}
	if n := countCalls(e.sb, "set_accept"); n != rounds {
		t.Errorf("set_accept sent %d times for %d holds", n, rounds)
	}
}

// Counter A is killed after journaling a capture and sending it, before
// the answer. While A lives, counter B starting is told A holds the
// payment and leaves it; once A is gone (its connection and request lock
// with it), B recovers it from the store journal by reading OCTO (no
// second capture), and a third start finds nothing left.
func TestStoreKilledCounterRecoveredOnce(t *testing.T) {
	js := storeCounters(t, "A", "B", "C")
	e := newE2E(t, sandbox.Options{})
	a := &Runner{Gateway: e.client, Journal: js[0], Clock: e.clock}
	e.runner, e.listener.Journal = a, js[0]
	ctx := context.Background()
	held := e.code(e.pay(Hold, testPAN, "1000"))
	p, effs, err := held.Handle(Capture{Amount: dec("600")})
	if err != nil || p.State != Capturing || len(effs) != 2 {
		t.Fatalf("capture: %s %v %v", p.State, effectNames(effs), err)
	}
	if ev := a.Run(ctx, effs[0]); ev != nil { // journaled
		t.Fatalf("journal: %v", ev)
	}
	_ = a.Run(ctx, effs[1]) // sent; its answer dies with counter A

	b := &Runner{Gateway: e.client, Journal: js[1], Clock: e.clock}
	ps, err := Reconcile(ctx, b)
	if err != nil || len(ps) != 1 || !strings.Contains(ps[0].Problem.English(), "at counter A") {
		t.Fatalf("counter B while A lives: %+v, %v", ps, err)
	}
	if rec, _ := js[1].Get(ctx, held.ShopTransactionID); rec.State != Capturing {
		t.Fatalf("counter B wrote over A's capture: %s", rec.State)
	}
	_ = js[0].Close() // kill -9 of counter A: the server drops its sessions
	ps, err = Reconcile(ctx, b)
	if err != nil || len(ps) != 1 || ps[0].State != Succeeded || !ps[0].Captured.Equal(dec("600")) {
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
	if err != nil || len(tl) == 0 || tl[len(tl)-1].To != Succeeded {
		t.Errorf("timeline %+v, %v", tl, err)
	}
}

// A write into a request state that does not start from the journal's
// state is refused with ErrPaymentBusy, naming the counter.
func TestStoreRefusesAStaleRequest(t *testing.T) {
	js := storeCounters(t, "A", "B")
	ctx := context.Background()
	r := rec("h", Hold, Held, "500", "0", "860000******0015")
	if err := js[0].Write(ctx, Journal{Record: r, Transition: Transition{To: Held}}, t0); err != nil {
		t.Fatal(err)
	}
	r.State = Canceling
	if err := js[0].Write(ctx, Journal{Record: r, Transition: Transition{From: Held, To: Canceling}}, t0); err != nil {
		t.Fatal(err)
	}
	r.State = Capturing
	err := js[1].Write(ctx, Journal{Record: r, Transition: Transition{From: Held, To: Capturing}}, t0)
	var busy *PaymentBusyError
	if !errors.Is(err, ErrPaymentBusy) || !errors.As(err, &busy) || busy.Counter != "A" || busy.State != Canceling {
		t.Fatalf("stale capture: %v", err)
	}
	if got, _ := js[1].Get(ctx, "h"); got.State != Canceling {
		t.Errorf("the refused write changed the payment to %s", got.State)
	}
}

// Eight counters starting at once on an empty database migrate it once:
// each opens, the schema's versions are applied once, and every counter
// has its own first shift.
func TestStoreCountersMigrateOnce(t *testing.T) {
	url := testPostgresSchema(t)
	const n = 8
	js := make([]*PostgresJournal, n)
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
		p       Payment
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
				p, err := NewCardPayment(Sale, e.order(fmt.Sprintf("%d", 100000+i*100+k)), octo.Card{PAN: testPAN, Exp: testExp, HolderName: "TEST CARD"})
				if err == nil {
					p, err = Drive(ctx, r, p, Start{})
				}
				if err == nil && p.State == AwaitingOTP {
					c, _ := e.sb.LastCode(p.PaymentUUID)
					p, err = Drive(ctx, r, p, SubmitCode{Code: c, At: e.clock.Now()})
				}
				sales <- sale{p: p, counter: names[i], err: err}
			}
		}()
	}
	wg.Wait()
	close(sales)
	var first Payment
	n := 0
	for s := range sales {
		n++
		if s.err != nil || s.p.State != Succeeded {
			t.Errorf("counter %s: %s (%s), %v", s.counter, s.p.State, s.p.Problem.English(), s.err)
			continue
		}
		rec, err := js[7].Get(ctx, s.p.ShopTransactionID)
		if err != nil || rec.State != Succeeded || rec.Counter != s.counter || !rec.Captured.Equal(s.p.Amount) {
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
	if all, err := js[3].History(ctx, Filter{}); err != nil || len(all) != n {
		t.Errorf("counter D's History lists %d of %d, %v", len(all), n, err)
	}

	rec, err := js[7].Get(ctx, first.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	h := &Runner{Gateway: e.client, Journal: js[7], Clock: e.clock}
	p, err := Drive(ctx, h, Restore(rec), Refund{Amount: dec("15000"), Min: testMin})
	if err != nil || !p.Refunded.Equal(dec("15000")) {
		t.Fatalf("refund at counter H: %s refunded %s (%s), %v", p.State, p.Refunded, p.Problem.English(), err)
	}
	if got, _ := js[0].Get(ctx, first.ShopTransactionID); !got.Refunded.Equal(dec("15000")) || got.Counter != "A" {
		t.Errorf("counter A reads refunded %s, taken at %q", got.Refunded, got.Counter)
	}
	if x, err := js[7].XReportAt(ctx, time.Now()); err != nil || !x.Refunded().Equal(dec("15000")) {
		t.Errorf("counter H's X report: refunded %s, %v", x.Refunded(), err)
	}
	if x, err := js[0].XReportAt(ctx, time.Now()); err != nil || x.Refunded().IsPositive() {
		t.Errorf("counter A's X report: refunded %s (the refund was H's), %v", x.Refunded(), err)
	}
}
