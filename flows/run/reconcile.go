package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Reconcile brings the journal and OCTO into agreement on start: every
// unfinished payment gets one status read and is journaled with its real
// outcome. A hold comes back Held with its expiry; a payment whose outcome
// was unknown gets its outcome; a card payment still waiting for its code
// comes back AwaitingOTP (the code can be entered again; resending needs
// the card, which was never stored). Nothing is ever sent again but reads.
// It returns the payments as they now stand, oldest first.
func Reconcile(ctx context.Context, r *Runner) ([]flows.Payment, error) {
	if r.Journal == nil {
		return nil, fmt.Errorf("flows: reconcile needs a journal")
	}
	recs, err := r.Journal.Unfinished(ctx)
	if err != nil {
		return nil, err
	}
	return ReconcileRecords(ctx, r, recs)
}

// ReconcileRecords is Reconcile of the unfinished payments recs, read from
// the journal earlier: a console reads them before its screens can journal
// anything, so that a sale typed the moment the journal opens is not taken
// for a crash's (restored to resolving under the cashier's hands, its next
// step would be refused).
func ReconcileRecords(ctx context.Context, r *Runner, recs []flows.Record) ([]flows.Payment, error) {
	if r.Journal == nil {
		return nil, fmt.Errorf("flows: reconcile needs a journal")
	}
	out := make([]flows.Payment, 0, len(recs))
	for _, rec := range recs {
		p := flows.Restore(rec)
		if r.PaymentTTL > 0 && !rec.Created.IsZero() {
			// OCTO dates the payment from prepare_payment, which went out
			// just after the journal's first write.
			p.Expires = rec.Created.Add(r.PaymentTTL)
		}
		if p.State != flows.Resolving && p.State != flows.Held {
			out = append(out, p)
			continue
		}
		p, err := Drive(ctx, r, p, flows.Check{})
		if err != nil {
			return out, fmt.Errorf("flows: reconcile %s: %w", rec.ShopTransactionID, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// ReconcileBindings does for card bindings what Reconcile does for
// payments: every binding journaled unfinished (bind_card or its code sent
// and the answer lost, the token awaited) is resolved on start and its
// outcome journaled. A bind notification journaled meanwhile decides first
// (the token is active or failed); otherwise one status read of the
// authorization does, by its shop_transaction_id, as for a lost answer
// during the binding. Nothing but reads is sent. It returns the bindings
// as they now stand, newest first.
//
// The console reads what to settle itself (wiring.go leftBefore: only what
// was written before the reconcile was asked for, and nothing on screen)
// and calls ReconcileBindingRecords, as it calls ReconcileRecords.
func ReconcileBindings(ctx context.Context, r *Runner) ([]flows.Binding, error) {
	if r.Journal == nil {
		return nil, fmt.Errorf("flows: reconcile needs a journal")
	}
	recs, err := r.Journal.Bindings(ctx, true)
	if err != nil {
		return nil, err
	}
	return ReconcileBindingRecords(ctx, r, recs)
}

// ReconcileBindingRecords is ReconcileBindings of the unfinished bindings
// recs, read from the journal earlier (a console reads them before its
// screens can journal anything).
func ReconcileBindingRecords(ctx context.Context, r *Runner, recs []flows.BindingRecord) ([]flows.Binding, error) {
	if r.Journal == nil {
		return nil, fmt.Errorf("flows: reconcile needs a journal")
	}
	out := make([]flows.Binding, 0, len(recs))
	for _, rec := range recs {
		b := flows.RestoreBinding(rec)
		if tn, ok, err := journaledToken(ctx, r.Journal, rec.ShopTransactionID); err != nil {
			return out, err
		} else if ok {
			if b, err = Drive(ctx, r, b, tn); err != nil {
				return out, fmt.Errorf("flows: reconcile binding %s: %w", rec.ShopTransactionID, err)
			}
		}
		if !b.Final() {
			var err error
			if b, err = Drive(ctx, r, b, flows.Check{}); err != nil {
				return out, fmt.Errorf("flows: reconcile binding %s: %w", rec.ShopTransactionID, err)
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// journaledToken is the last bind notification the listener journaled for
// a binding that told the token's fate (active, failed or blocked).
func journaledToken(ctx context.Context, j flows.Store, shopTransactionID string) (flows.TokenNotified, bool, error) {
	ns, err := j.Notifications(ctx, shopTransactionID)
	if err != nil {
		return flows.TokenNotified{}, false, err
	}
	for i := len(ns) - 1; i >= 0; i-- {
		n := ns[i]
		if n.Kind != "bind" {
			continue
		}
		var body struct {
			Token string `json:"card_token"`
		}
		_ = json.Unmarshal([]byte(n.Body), &body)
		switch st := octo.TokenStatus(n.Status); st {
		case octo.TokenActive, octo.TokenFailed, octo.TokenBlocked:
			return flows.TokenNotified{Token: body.Token, Status: st}, true, nil
		case octo.TokenInit:
		}
	}
	return flows.TokenNotified{}, false, nil
}

// settler is a journal shared by counters (journal.Postgres) that names
// the one to act on news of a payment.
type settler interface {
	Settles(ctx context.Context, shopTransactionID string) (bool, error)
}

// ApplyNotification brings a journaled payment up to date after OCTO
// notified that it changed, when no screen is driving it (the payment on
// the cashier's screen is fed Notified there): a hold OCTO canceled when it
// expired, a 3-D Secure payment the customer finished after the cashier
// moved on. As everywhere, the notification is only a hint: the payment's
// status is read and the outcome journaled. The caller passes only
// notifications whose signature was verified.
//
// It acts on payments waiting for OCTO or the customer (held, paid,
// awaiting a code, 3-D Secure or OCTO's page, unresolved); one with a request in flight
// is left to that request's answer, and a notification saying only that
// the customer has not finished yet (created, wait_user_action, pending)
// reads nothing. It reports whether it read the status; a payment the
// journal does not have is not an error.
//
// On a store journal every counter is woken; only the one the journal
// names (settler) reads, the others leave the payment as it is.
func ApplyNotification(ctx context.Context, r *Runner, shopTransactionID string, st octo.Status) (flows.Payment, bool, error) {
	if r.Journal == nil {
		return flows.Payment{}, false, fmt.Errorf("flows: a notification needs a journal")
	}
	switch st {
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusPending:
		return flows.Payment{}, false, nil
	case octo.StatusSucceeded, octo.StatusWaitingForCapture, octo.StatusCanceled, octo.StatusFailed:
	}
	if s, ok := r.Journal.(settler); ok {
		if mine, err := s.Settles(ctx, shopTransactionID); err != nil || !mine {
			return flows.Payment{}, false, err
		}
	}
	rec, err := r.Journal.Get(ctx, shopTransactionID)
	if errors.Is(err, flows.ErrNotJournaled) {
		return flows.Payment{}, false, nil
	}
	if err != nil {
		return flows.Payment{}, false, err
	}
	p := flows.Restore(rec)
	switch rec.State {
	case flows.Held, flows.Succeeded, flows.AwaitingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.AwaitingPage, flows.Resolving:
	case flows.Draft, flows.Preparing, flows.Paying, flows.Verifying, flows.CheckingOTP, flows.ResendingOTP, flows.Capturing, flows.Canceling, flows.Refunding,
		flows.Declined, flows.Canceled, flows.Failed:
		return p, false, nil
	}
	p, err = Drive(ctx, r, p, flows.Notified{Status: st})
	if err != nil {
		return p, true, fmt.Errorf("flows: notification for %s: %w", shopTransactionID, err)
	}
	return p, true, nil
}
