package main

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// A sale journaled the moment the journal is wired — a cashier typing at
// once, before the start-up reconcile has read the journal — is the
// cashier's, not a crash's: the reconcile leaves it (it used to restore it
// to resolving and read its status under the cashier's hands). So does a
// later one (the store journal back) while the sale is on screen.
func TestStartReconcileLeavesTheSaleTypedAtOnce(t *testing.T) {
	ctx := context.Background()
	w := openedConsole(t, sandboxConsoleConfig(t))
	<-w.jg.wired
	p, err := flows.NewCardPayment(flows.Sale, flows.Order{Amount: decimal.NewFromInt(5000), Test: true, ReturnURL: w.opts.ReturnURL},
		octo.Card{PAN: "8600000000000015", Exp: "2912"})
	if err != nil {
		t.Fatal(err)
	}
	if p, err = run.Drive(ctx, w.runner, p, flows.Start{}); err != nil || p.State != flows.AwaitingOTP {
		t.Fatalf("the sale: %s (%s), %v", p.State, p.Problem, err)
	}
	ps, err := w.opts.Reconcile(ctx, nil)
	if err != nil || len(ps) != 0 {
		t.Fatalf("the start-up reconcile took %+v, %v; want nothing", ps, err)
	}
	// The store journal back, the sale still on screen waiting for its code.
	if ps, err = w.opts.Reconcile(ctx, []string{p.ShopTransactionID}); err != nil || len(ps) != 0 {
		t.Fatalf("the reconcile with the sale on screen took %+v, %v; want nothing", ps, err)
	}
	j, _ := w.jg.wait()
	if tl, err := j.Timeline(ctx, p.ShopTransactionID); err != nil || tl[len(tl)-1].To != flows.AwaitingOTP {
		t.Errorf("the sale's timeline after the reconciles: %+v, %v", tl, err)
	}
	// Off the screen, a later reconcile does read it.
	if ps, err = w.opts.Reconcile(ctx, nil); err != nil || len(ps) != 1 {
		t.Errorf("the reconcile with nothing on screen took %+v, %v; want the sale", ps, err)
	}
}

// The store journal comes back after a server restart, and counter B's
// ping is back before counter A's: A holds no presence yet, so A looks
// stopped. B's reconcile then settles only what B left — A's hold whose
// code is being typed there, and A's card binding, are not read from B
// (they used to be restored to resolving under A's cashier); a start
// settles a stopped till's.
func TestStoreBackReconcileLeavesAnotherTills(t *testing.T) {
	pgURL := storeSchemaURL(t, "storeback")
	ctx := context.Background()
	// Counter A under a name of its own: its sessions are terminated below
	// by it, and other tests (and test binaries) run tills named A.
	const tillA = "A restarted"
	a, err := journal.OpenPostgres(ctx, pgURL, tillA)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	pay := flows.Record{ShopTransactionID: "oc-at-a", Kind: flows.Hold, Method: flows.MethodOf("8600000000000015"),
		State: flows.AwaitingOTP, Currency: "UZS", Amount: decimal.NewFromInt(150000), Card: "860000******0015", Operator: "ali"}
	if err := a.Write(ctx, flows.Journal{Record: pay, Transition: flows.Transition{To: flows.AwaitingOTP}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	bind := flows.BindingRecord{ShopTransactionID: "oc-bind-at-a", State: flows.BindAwaitingOTP, Customer: "c-1", Operator: "ali",
		Card: "860000******0015"}
	if err := a.WriteBinding(ctx, bind, time.Now()); err != nil {
		t.Fatal(err)
	}

	cfg := sandboxConsoleConfig(t)
	cfg.Console.Journal, cfg.Console.Counter = pgURL, "B"
	w := openedConsole(t, cfg)
	if ps, err := w.opts.Reconcile(ctx, nil); err != nil || len(ps) != 0 {
		t.Fatalf("B's start while A runs took %+v, %v; want nothing", ps, err)
	}
	j, err := w.jg.wait()
	if err != nil {
		t.Fatal(err)
	}
	// The server restarts, as far as A knows: its sessions and presence go.
	admin, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = admin.Close(ctx) }()
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = $1`, "octo-cashier counter "+tillA); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		recs, err := j.Unfinished(ctx)
		if err == nil && slices.ContainsFunc(recs, func(r flows.Record) bool { return r.ShopTransactionID == pay.ShopTransactionID }) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("A's presence did not go: %v", err)
		}
	}
	requests := func() (n int) {
		for _, ev := range w.sb.Events() {
			if ev.Kind == sandbox.EventRequest {
				n++
				t.Logf("B asked OCTO: %s %s", ev.Method, ev.Body)
			}
		}
		return n
	}
	before := requests()
	if ps, err := w.opts.Reconcile(ctx, nil); err != nil || len(ps) != 0 {
		t.Errorf("B's reconcile after the store's return took %+v, %v; want nothing of A's", ps, err)
	}
	if n := requests(); n != before {
		t.Errorf("B's reconcile after the store's return asked OCTO %d times about A's payment and binding", n-before)
	}
	if tl, err := j.Timeline(ctx, pay.ShopTransactionID); err != nil || len(tl) != 1 {
		t.Errorf("A's hold after B's reconcile: %+v, %v; want A's one write", tl, err)
	}
}

// The store journal back while a card binding waits on screen for its
// code: the reconcile that follows leaves it (its status read from there
// would journal over the cashier's), and settles it once off the screen.
func TestStoreBackReconcileLeavesTheBindingOnScreen(t *testing.T) {
	ctx := context.Background()
	w := openedConsole(t, sandboxConsoleConfig(t))
	if ps, err := w.opts.Reconcile(ctx, nil); err != nil || len(ps) != 0 { // the start-up one
		t.Fatalf("the start-up reconcile: %+v, %v", ps, err)
	}
	b, err := flows.NewBinding(flows.BindOrder{Customer: "cust-1", Operator: "ali", Phone: "998901234567", ReturnURL: w.opts.ReturnURL,
		NotifyURL: w.opts.NotifyURL, BindNotifyURL: w.opts.BindNotifyURL}, octo.Card{PAN: "8600000000000015", Exp: "2912"})
	if err != nil {
		t.Fatal(err)
	}
	if b, err = run.Drive(ctx, w.runner, b, flows.Start{}); err != nil || b.State != flows.BindAwaitingOTP {
		t.Fatalf("the binding: %s (%s), %v", b.State, b.Problem, err)
	}
	reads := func() (n int) {
		for _, ev := range w.sb.Events() {
			if ev.Kind == sandbox.EventRequest && ev.Method == "prepare_payment" {
				n++
			}
		}
		return n
	}
	before := reads()
	if _, err := w.opts.Reconcile(ctx, []string{b.ShopTransactionID}); err != nil {
		t.Fatal(err)
	}
	if n := reads(); n != before {
		t.Errorf("the reconcile with the binding on screen read its status (%d reads)", n-before)
	}
	if _, err := w.opts.Reconcile(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if n := reads(); n == before {
		t.Error("the reconcile with nothing on screen left the binding unread")
	}
}

// A reconcile asked for before a sale was typed (the store journal back
// while the journal was being wired, or a moment before the cashier
// started) reads the journal after: the sale is the cashier's, and is
// left, whichever reconcile got the start-up's share.
func TestReconcileLeavesWhatWasJournaledSinceItWasAsked(t *testing.T) {
	ctx := context.Background()
	w := openedConsole(t, sandboxConsoleConfig(t))
	if ps, err := w.opts.Reconcile(ctx, nil); err != nil || len(ps) != 0 { // the start-up one
		t.Fatalf("the start-up reconcile: %+v, %v", ps, err)
	}
	asked := w.clock.Now()
	p, err := flows.NewCardPayment(flows.Sale, flows.Order{Amount: decimal.NewFromInt(5000), Test: true, ReturnURL: w.opts.ReturnURL},
		octo.Card{PAN: "8600000000000015", Exp: "2912"})
	if err != nil {
		t.Fatal(err)
	}
	if p, err = run.Drive(ctx, w.runner, p, flows.Start{}); err != nil || p.State != flows.AwaitingOTP {
		t.Fatalf("the sale: %s (%s), %v", p.State, p.Problem, err)
	}
	if ps, err := w.reconcileAsOf(ctx, nil, asked); err != nil || len(ps) != 0 {
		t.Errorf("the reconcile asked for before the sale took %+v, %v; want nothing", ps, err)
	}
	if ps, err := w.reconcileAsOf(ctx, nil, w.clock.Now()); err != nil || len(ps) != 1 {
		t.Errorf("the reconcile asked for after the sale took %+v, %v; want the sale", ps, err)
	}
}

// What a later reconcile reads (leftBefore): the unfinished payments and
// card bindings last written before it was asked for — a sale or a card
// being saved since is the screens' — both kinds alike.
func TestLeftBeforeTakesOnlyWhatWasWrittenBefore(t *testing.T) {
	ctx := context.Background()
	j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	asked := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	for i, at := range []time.Time{asked.Add(-time.Minute), asked.Add(time.Minute)} {
		id := []string{"oc-before", "oc-after"}[i]
		r := flows.Record{ShopTransactionID: id, Kind: flows.Sale, State: flows.AwaitingOTP, Currency: "UZS",
			Amount: decimal.NewFromInt(5000), Card: "860000******0015"}
		if err := j.Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{To: flows.AwaitingOTP}}, at); err != nil {
			t.Fatal(err)
		}
		b := flows.BindingRecord{ShopTransactionID: "bind-" + id, State: flows.BindAwaitingOTP, Customer: "998901234567", Card: "860000******0015"}
		if err := j.WriteBinding(ctx, b, at); err != nil {
			t.Fatal(err)
		}
	}
	left := leftBefore(ctx, j, asked)
	if left.err != nil || left.berr != nil || len(left.payments) != 1 || left.payments[0].ShopTransactionID != "oc-before" ||
		len(left.bindings) != 1 || left.bindings[0].ShopTransactionID != "bind-oc-before" {
		t.Errorf("left before the ask: payments %+v (%v), bindings %+v (%v); want the ones written before it",
			left.payments, left.err, left.bindings, left.berr)
	}
}
