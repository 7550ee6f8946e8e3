package flows

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/octo-cashier/octo-cashier/octo"
)

// Reconcile brings the journal and OCTO into agreement on start: every
// unfinished payment gets one status read and is journaled with its real
// outcome. A hold comes back Held with its expiry; a payment whose outcome
// was unknown gets its outcome; a card payment still waiting for its code
// comes back AwaitingOTP (the code can be entered again; resending needs
// the card, which was never stored). Nothing is ever sent again but reads.
// It returns the payments as they now stand, oldest first.
func Reconcile(ctx context.Context, r *Runner) ([]Payment, error) {
	if r.Journal == nil {
		return nil, fmt.Errorf("flows: reconcile needs a journal")
	}
	recs, err := r.Journal.Unfinished(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Payment, 0, len(recs))
	for _, rec := range recs {
		p := Restore(rec)
		if p.State != Resolving && p.State != Held {
			out = append(out, p)
			continue
		}
		p, err = Drive(ctx, r, p, Check{})
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
func ReconcileBindings(ctx context.Context, r *Runner) ([]Binding, error) {
	if r.Journal == nil {
		return nil, fmt.Errorf("flows: reconcile needs a journal")
	}
	recs, err := r.Journal.Bindings(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]Binding, 0, len(recs))
	for _, rec := range recs {
		b := RestoreBinding(rec)
		if tn, ok, err := journaledToken(ctx, r.Journal, rec.ShopTransactionID); err != nil {
			return out, err
		} else if ok {
			if b, err = Drive(ctx, r, b, tn); err != nil {
				return out, fmt.Errorf("flows: reconcile binding %s: %w", rec.ShopTransactionID, err)
			}
		}
		if !b.Final() {
			if b, err = Drive(ctx, r, b, Check{}); err != nil {
				return out, fmt.Errorf("flows: reconcile binding %s: %w", rec.ShopTransactionID, err)
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// journaledToken is the last bind notification the listener journaled for
// a binding that told the token's fate (active, failed or blocked).
func journaledToken(ctx context.Context, j *JournalStore, shopTransactionID string) (TokenNotified, bool, error) {
	ns, err := j.Notifications(ctx, shopTransactionID)
	if err != nil {
		return TokenNotified{}, false, err
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
			return TokenNotified{Token: body.Token, Status: st}, true, nil
		case octo.TokenInit:
		}
	}
	return TokenNotified{}, false, nil
}
