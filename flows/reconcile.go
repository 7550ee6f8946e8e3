package flows

import (
	"context"
	"fmt"
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
