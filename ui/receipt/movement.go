package receipt

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
)

// KindOf is the receipt of a money movement; a release has none of its
// own (it is on its capture's receipt).
func KindOf(m flows.MovementKind) (Kind, bool) {
	switch m {
	case flows.MoveSale:
		return KindSale, true
	case flows.MoveHold:
		return KindHold, true
	case flows.MoveCapture:
		return KindCapture, true
	case flows.MoveCancel:
		return KindCancel, true
	case flows.MoveRefund:
		return KindRefund, true
	case flows.MoveRelease:
	}
	return "", false
}

// Documents are the movements that have a receipt, oldest first: every
// movement but a release.
func Documents(ms []flows.Movement) []flows.Movement {
	out := make([]flows.Movement, 0, len(ms))
	for _, m := range ms {
		if _, ok := KindOf(m.Kind); ok {
			out = append(out, m)
		}
	}
	return out
}

// FromMovement builds the receipt of one money movement of a journaled
// payment: all are the payment's movements (journal.SQLite.Movements),
// which give a refund its earlier refunds and the payment's time, and the
// movement its number among those of its kind. The receipt is dated with
// the movement's time; it is a copy when the movement's receipt was
// printed before (m.Prints), unless o.PrintNo says which print it is.
func FromMovement(rec flows.Record, m flows.Movement, all []flows.Movement, o Options) (Receipt, error) {
	kind, ok := KindOf(m.Kind)
	if !ok {
		return Receipt{}, fmt.Errorf("receipt: a %s has no receipt of its own", m.Kind)
	}
	if m.ShopTransactionID != "" && m.ShopTransactionID != rec.ShopTransactionID {
		return Receipt{}, fmt.Errorf("receipt: movement of %s, payment %s", m.ShopTransactionID, rec.ShopTransactionID)
	}
	o.Kind, o.Time, o.Seq = kind, m.At, 1
	if o.PrintNo <= 0 {
		o.PrintNo = m.Prints + 1
	}
	o.Copy = o.Copy || o.PrintNo > 1
	o.Refund, o.RefundedBefore = decimal.Zero, decimal.Zero
	for _, x := range all {
		if x.ID == m.ID || (x.ID > m.ID && m.ID != 0) {
			break
		}
		if x.Kind == m.Kind {
			o.Seq++
		}
		if x.Kind == flows.MoveRefund {
			o.RefundedBefore = o.RefundedBefore.Add(x.Amount)
		}
		if x.Charges() && o.PaidAt.IsZero() {
			o.PaidAt = x.At
		}
	}
	if kind == KindRefund {
		o.Refund, o.RefundRef = m.Amount, m.Ref
		if o.PaidAt.IsZero() {
			o.PaidAt = rec.Created
		}
	} else {
		o.PaidAt = time.Time{} // only a refund names the payment's time
	}
	return FromRecord(rec, o)
}
