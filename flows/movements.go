package flows

import (
	"time"

	"github.com/shopspring/decimal"
)

// MovementKind is what a money movement did.
type MovementKind string

// The money movements.
const (
	MoveSale    MovementKind = "sale"    // a one-stage payment charged
	MoveHold    MovementKind = "hold"    // money held on the card
	MoveCapture MovementKind = "capture" // a hold charged (the captured part)
	MoveRelease MovementKind = "release" // the part of a hold given back by a partial capture
	MoveCancel  MovementKind = "cancel"  // a hold canceled or expired: all of it released
	MoveRefund  MovementKind = "refund"  // money given back to the card
)

// Movement is one money movement of a payment.
type Movement struct {
	ID                int64
	ShopTransactionID string
	At                time.Time
	Shift             int64 // the shift open when it was journaled
	Kind              MovementKind
	Channel           string // Channel*, as the shift report counts it
	Amount            decimal.Decimal
	Fee               decimal.Decimal // OCTO's fee, on a sale or a capture, when known
	Ref               string          // a refund's shop_refund_id, when known
	Prints            int             // how many times its receipt was printed
}

// Charges says whether the movement charged the customer (a sale or a capture).
func (m Movement) Charges() bool { return m.Kind == MoveSale || m.Kind == MoveCapture }

// Net is what the movement did to the money that stays charged: a sale or
// a capture adds its amount, a refund takes its amount away; a hold, a
// release and a cancel charge nothing.
func (m Movement) Net() decimal.Decimal {
	switch m.Kind {
	case MoveSale, MoveCapture:
		return m.Amount
	case MoveRefund:
		return m.Amount.Neg()
	case MoveHold, MoveRelease, MoveCancel:
	}
	return decimal.Zero
}
