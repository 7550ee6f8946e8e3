package main

import (
	"context"
	"slices"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/run"
)

// What a console's reconciles settle, and when: at start what earlier runs
// (or stopped counters) left, read before the journal was wired; when the
// store journal is back, what this counter left, but nothing journaled
// since the reconcile was asked for and nothing on screen.

// leftoverWait bounds the start-up read of what was left unfinished.
const leftoverWait = 15 * time.Second

// leftover is a reconcile's share: the unfinished payments and card
// bindings it settles (err and berr: why they could not be read).
type leftover struct {
	payments  []flows.Record
	bindings  []flows.BindingRecord
	err, berr error
}

// unfinishedIn is what the journal lists unfinished for this counter: its
// own, and on a store journal those of counters not running.
func unfinishedIn(ctx context.Context, j flows.Store) *leftover {
	left := &leftover{}
	left.payments, left.err = j.Unfinished(ctx)
	left.bindings, left.berr = j.Bindings(ctx, true)
	return left
}

// readLeftover reads, as the journal opens and before the runner has it,
// what the start-up reconcile settles. The screens' first write waits for
// this read: a store journal that does not answer holds it no longer than
// leftoverWait.
func (w *wiring) readLeftover(j flows.Store) {
	ctx, cancel := context.WithTimeout(w.ctx, leftoverWait)
	defer cancel()
	w.leftover.Store(unfinishedIn(ctx, j))
}

// leftHere is a store journal's (journal.Postgres): the payments and
// bindings this counter wrote last and did not finish.
type leftHere interface {
	LeftHere(ctx context.Context) ([]flows.Record, []flows.BindingRecord, error)
}

// leftBefore is what this counter left unfinished (on a store journal;
// LeftHere), last written before asOf.
func leftBefore(ctx context.Context, j flows.Store, asOf time.Time) *leftover {
	left := &leftover{}
	if h, ok := j.(leftHere); ok {
		left.payments, left.bindings, left.err = h.LeftHere(ctx)
		left.berr = left.err
	} else {
		left = unfinishedIn(ctx, j)
	}
	left.payments = slices.DeleteFunc(left.payments, func(r flows.Record) bool { return !r.Updated.Before(asOf) })
	left.bindings = slices.DeleteFunc(left.bindings, func(r flows.BindingRecord) bool { return !r.Updated.Before(asOf) })
	return left
}

// reconcile settles the payments and card bindings left unfinished: at
// start, what was left before this run could journal anything (a sale
// typed as the journal opens is the cashier's, not a crash's); later (the
// store journal back), what this counter left unfinished but the payment
// or binding on screen — the screens do not ask while a payment is in
// flight. Another till's are left to a start (journal.Postgres LeftHere).
func (w *wiring) reconcile(ctx context.Context, onScreen []string) ([]flows.Payment, error) {
	return w.reconcileAsOf(ctx, onScreen, w.clock.Now())
}

// reconcileAsOf is reconcile asked for at asOf: what was journaled since
// is the cashier's — a sale typed while the reconcile waited for the
// journal to be wired (the store journal back before it was: the start-up
// reconcile may then be the one left without the leftover), or typed
// after onScreen was taken — not a crash's nor the store's absence's.
func (w *wiring) reconcileAsOf(ctx context.Context, onScreen []string, asOf time.Time) ([]flows.Payment, error) {
	j, err := w.jg.wait()
	if err != nil {
		return nil, err
	}
	<-w.jg.wired // the runner has its journal
	left := w.leftover.Swap(nil)
	if left == nil {
		left = leftBefore(ctx, j, asOf)
	}
	var ps []flows.Payment
	if err = left.err; err == nil {
		recs := slices.DeleteFunc(left.payments, func(r flows.Record) bool { return slices.Contains(onScreen, r.ShopTransactionID) })
		ps, err = run.ReconcileRecords(ctx, w.runner, recs)
	}
	// Card bindings move money too (an authorization): one whose answer
	// was lost before the console stopped is resolved the same way. They
	// are not on the screens; the journal and the log say.
	berr := left.berr
	if berr == nil {
		recs := slices.DeleteFunc(left.bindings, func(r flows.BindingRecord) bool { return slices.Contains(onScreen, r.ShopTransactionID) })
		var bs []flows.Binding
		bs, berr = run.ReconcileBindingRecords(ctx, w.runner, recs)
		for _, b := range bs {
			w.log.Info("binding reconciled", "shop_transaction_id", b.ShopTransactionID, "state", string(b.State),
				"problem", b.Problem)
		}
	}
	if berr != nil {
		w.log.Error("reconcile bindings", "err", berr)
	}
	return ps, err
}

// reconcileShift reads OCTO's word on the shift's payments before a Z.
func (w *wiring) reconcileShift(ctx context.Context) (int, []run.Difference, error) {
	if _, err := w.jg.wait(); err != nil {
		return 0, nil, err
	}
	<-w.jg.wired
	n, diffs, err := run.ReconcileShift(ctx, w.runner)
	for _, d := range diffs {
		w.log.Info("reconciled before Z", "shop_transaction_id", d.Before.ShopTransactionID,
			"journal", string(d.Before.State), "octo", string(d.After.State), "err", d.Err)
	}
	return n, diffs, err
}
