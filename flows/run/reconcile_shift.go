package run

import (
	"context"
	"fmt"

	"github.com/octo-cashier/octo-cashier/flows"
)

// Difference is what a status read before closing a shift found otherwise
// than the journal had it: the payment before and after the read, or why
// its status could not be read.
type Difference struct {
	Before, After flows.Record
	Err           error
}

// Differs says whether the journal and OCTO disagreed on the payment (or
// the status could not be read).
func (d Difference) Differs() bool {
	b, a := d.Before, d.After
	return d.Err != nil || a.State != b.State || !a.Captured.Equal(b.Captured) || !a.Refunded.Equal(b.Refunded) ||
		!a.Released.Equal(b.Released) || a.PendingRefundID != b.PendingRefundID
}

// ReconcileShift reads, before a Z report, the status of every payment the
// journal has not settled (holds, unknown outcomes, payments waiting for
// the customer, refunds not confirmed) and journals what OCTO says, so the
// report closes on OCTO's figures. Nothing but status reads is sent. It
// returns how many payments it read and those on which the journal and
// OCTO differed; an error reading one does not stop the others.
//
// On a store journal it reads what Unfinished lists: this counter's and
// those of counters not running. A payment another running till wrote
// last is that till's (its screen may be driving it), even when it is
// booked in this shift: the Z closes on the journal's word for it.
func ReconcileShift(ctx context.Context, r *Runner) (read int, diffs []Difference, err error) {
	if r.Journal == nil {
		return 0, nil, fmt.Errorf("flows: reconcile needs a journal")
	}
	recs, err := r.Journal.Unfinished(ctx)
	if err != nil {
		return 0, nil, err
	}
	for _, rec := range recs {
		if err := ctx.Err(); err != nil {
			return read, diffs, err
		}
		p := flows.Restore(rec)
		if !p.Can(flows.Check{}) {
			continue
		}
		read++
		after, err := Drive(ctx, r, p, flows.Check{})
		d := Difference{Before: rec, After: after.Record(), Err: err}
		if d.Differs() {
			diffs = append(diffs, d)
		}
	}
	return read, diffs, nil
}
