package flows

import (
	"errors"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Record is a payment as the journal keeps it: no PAN beyond first 6 and
// last 4, no CVC, no code.
type Record struct {
	ShopTransactionID string
	Kind              Kind
	Method            octo.Method
	State             State
	Currency          string
	Amount            decimal.Decimal
	Captured          decimal.Decimal
	Released          decimal.Decimal
	Refunded          decimal.Decimal
	Fee               decimal.Decimal
	Transfer          decimal.Decimal
	Card              string // masked
	CardToken         string
	Customer          string
	Operator          string
	Description       string
	PaymentUUID       string
	PaymentID         int64
	OCTOStatus        octo.Status
	Test              bool
	Held              bool
	Hosted            bool // paid on OCTO's page, on the customer's phone (Payment.Hosted)
	// PayURL and PayExpires are OCTO's page for a payment on the
	// customer's phone and when its time there runs out (zero: unknown):
	// kept so that a payment reopened later shows the same QR code and
	// the time the customer still has, never a link rebuilt by guess.
	PayURL          string
	PayExpires      time.Time
	HoldExpires     time.Time
	PendingRefundID string // a refund sent but not confirmed: its idempotency key
	PendingRefund   decimal.Decimal
	Capturing       decimal.Decimal // the amount of a capture asked for (journaled before it is sent)
	Problem         string
	Created         time.Time // set by the journal on the first write
	Updated         time.Time
	// Shift is the shift whose report lists the payment's current bucket:
	// the shift in which the payment last moved (see journal/sqlite_ledger.go).
	Shift int64
	// Counter is the till that took the payment (the store journal's;
	// empty in a single till's SQLite journal). Set by the journal.
	Counter string
}

// Record is the payment's journal record.
func (p Payment) Record() Record {
	return Record{
		ShopTransactionID: p.ShopTransactionID, Kind: p.Kind, Method: p.Method, State: p.State,
		Currency: p.Currency, Amount: p.Amount, Captured: p.Captured, Released: p.Released,
		Refunded: p.Refunded, Fee: p.Fee, Transfer: p.Transfer, Card: p.Card, CardToken: p.CardToken,
		Customer: p.Customer, Operator: p.Operator, Description: p.Description,
		PaymentUUID: p.PaymentUUID, PaymentID: p.PaymentID, OCTOStatus: p.OCTOStatus, Test: p.Test,
		Held: p.held, Hosted: p.Hosted, PayURL: p.PayURL, PayExpires: p.PayExpires, HoldExpires: p.HoldExpires, PendingRefundID: p.refundID, PendingRefund: p.refundAmount,
		Capturing: p.capturing, Problem: p.Problem.Stored(),
	}
}

// Last4 is the card's last four digits, if known.
func (r Record) Last4() string {
	if len(r.Card) < 4 {
		return ""
	}
	return r.Card[len(r.Card)-4:]
}

// Transition is one step of a payment's timeline. The journal only appends them.
type Transition struct {
	ID                int64
	ShopTransactionID string
	At                time.Time // set by the runner when zero
	From, To          State
	Event             string
	Note              string
}

// SavedToken is a customer's saved card: the token and the masked card.
type SavedToken struct {
	Token    string
	Customer string
	Card     string // masked
	Method   octo.Method
	Status   octo.TokenStatus
	Updated  time.Time
}

// NotificationRecord is a notification as journaled: redacted.
type NotificationRecord struct {
	At                time.Time
	Kind              string // "payment" or "bind"
	ShopTransactionID string
	PaymentUUID       string
	Status            string
	Signature         string // "ok", "bad" or "unchecked"
	Body              string // redacted JSON
}

// Report buckets: where a payment's money stands, for X and Z reports.
const (
	BucketSold     = "sold"     // one-stage, paid
	BucketHeld     = "held"     // two-stage, waiting for capture
	BucketCaptured = "captured" // two-stage, captured (the captured part)
	BucketCanceled = "canceled" // two-stage, canceled or expired
	BucketDeclined = "declined" // refused, nothing charged
	BucketUnknown  = "unknown"  // outcome being resolved with OCTO
	BucketOpen     = "open"     // not finished: waiting for the customer or a request
)

// Filter narrows History. Zero fields do not filter.
type Filter struct {
	From, To time.Time // created in [From, To)
	State    State
	// States widens State: a payment in any of them (with State, if set).
	States []State
	// Refunded: payments with money refunded (in part or in full).
	Refunded bool
	Amount   decimal.Decimal // exact amount: what was asked, or what was charged (a hold captured in part)
	Last4    string
	// Last4OrAmount widens Amount and Last4, both set, to payments that
	// match either: a bare "5000" typed in the history's search may be an
	// amount or a card's last 4 digits.
	Last4OrAmount     bool
	ShopTransactionID string
	Limit             int // 0: 500
}

// ErrNotJournaled is Get's error for a payment the journal does not have.
var ErrNotJournaled = errors.New("not journaled")
