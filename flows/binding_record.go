package flows

import (
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// A card binding moves money too: bind_card debits a small authorization
// and OCTO reverses it. So, like a payment, every binding attempt is
// journaled under its shop_transaction_id before bind_card is sent, and
// its record follows it (the code is sent, the token is saved, it failed).
// An unknown outcome is then read from OCTO by that id, never sent again
// under a new one.

// BindingRecord is a card binding as the journal keeps it: the card masked
// to 6+4, no expiry, no code.
type BindingRecord struct {
	ShopTransactionID string // the authorization payment's key
	State             BindState
	Customer          string
	Operator          string
	Method            octo.Method
	Card              string // masked
	PaymentUUID       string
	Token             string
	Problem           string
	Created           time.Time // set by the journal on the first write
	Updated           time.Time
}

// Record is the binding's journal record.
func (b Binding) Record() BindingRecord {
	return BindingRecord{ShopTransactionID: b.ShopTransactionID, State: b.State, Customer: b.Customer,
		Operator: b.Operator, Method: b.Method, Card: b.Card, PaymentUUID: b.PaymentUUID, Token: b.Token,
		Problem: b.Problem.Stored()}
}
