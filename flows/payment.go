package flows

import (
	"errors"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Limits of the OTP step. OCTO cancels a payment after three wrong codes
// (REFERENCE §2.6); its resend limit is undocumented (error 17 is the real
// stop), MaxResends is the console's own guard.
const (
	MaxAttempts = 3
	MaxResends  = 3
)

// Polling pace: OCTO allows about one status read a second per payment.
const (
	poll3DS     = 2 * time.Second
	pollFirst   = time.Second
	pollMax     = 30 * time.Second
	checkGrace  = 3 // status reads after a lost check_sms_key before asking for the code again
	refundPolls = 5 // status reads after a lost refund before leaving it to the cashier
	defaultCurr = "UZS"
)

// What did not happen when a request was refused, for refusal's wording.
const (
	notProvided = "charged"
	notRefunded = "refunded"
	notCanceled = "changed"
)

// origin says why a payment is Resolving: which request's outcome is unknown.
type origin string

const (
	fromPay       origin = "pay"
	fromCheck     origin = "check_sms_key"
	fromWrongCode origin = "wrong_code"
	fromCodeError origin = "code_error" // OCTO refused check_sms_key for another reason than the code
	fromCapture   origin = "capture"
	fromCancel    origin = "cancel"
	fromRefund    origin = "refund"
	fromHold      origin = "hold_expiry"
	fromRestore   origin = "restore"
)

// Order is what the cashier typed for a new payment.
type Order struct {
	ShopTransactionID string          // empty: NewShopTransactionID
	Amount            decimal.Decimal // > 0
	Currency          string          // "UZS" when empty
	Description       string
	Operator          string // who took the payment, for the journal and reports
	Customer          string // customer id, for saved tokens
	// Phone and Email go to OCTO as user_data (with Customer, else the
	// phone, as user_id): both or neither, see customerData. Phone is 12
	// digits with the country code, no "+".
	Email      string
	Phone      string
	Test       bool
	NotifyURL  string
	ReturnURL  string // where OCTO sends the customer after its pages; OCTO requires one
	Language   string // of OCTO's pages: "uz", "ru" or "en"; default "ru"
	TTLMinutes int
	// Fiscal are the shop's fiscal codes ([fiscal] in config.toml), sent
	// on the payment's one basket line.
	Fiscal FiscalCodes
	// HoldTimeout is how long OCTO keeps an unconfirmed hold before it
	// cancels it (set per shop in OCTO's cabinet; octo.hold_timeout). It
	// dates a hold whose answer gives no expiry, so the hold shows a
	// countdown; 0 leaves such a hold's expiry unknown.
	HoldTimeout time.Duration
}

// Payment is one sale or hold, with a card or a saved token: a value with a
// typed State. Handle is pure; the card data lives only in memory inside the
// value (it is needed for pay and for resending a code) and never reaches
// the Record, the journal or fmt's %v.
type Payment struct {
	Kind              Kind
	State             State
	ShopTransactionID string
	Method            octo.Method
	Amount            decimal.Decimal // what was asked; the hold for a two-stage payment
	Currency          string
	Description       string
	Operator          string
	Customer          string
	Test              bool

	Card      string // masked: first 6 and last 4
	CardToken string // the saved token paid with, if any

	PaymentUUID string // OCTO's octo_payment_UUID
	PaymentID   int64  // OCTO's numeric id (check_sms_key, check_pan)
	PayURL      string // OCTO's payment page
	// Hosted says the customer pays on OCTO's page (PayURL), on their own
	// phone by QR: OCTO takes the card and the code or 3-D Secure, and the
	// console never sees the card (no PCI DSS needed). Card is then what
	// OCTO's notification reports, once it does.
	Hosted bool
	// PayExpires is when OCTO cancels a payment the customer has not paid:
	// its ttl counted from the answer to prepare_payment (OCTO's expireTime
	// is createTime + ttl); zero when unknown.
	PayExpires  time.Time
	RedirectURL string // the 3-D Secure page for bank cards
	OCTOStatus  octo.Status

	// The OTP step.
	VerifyID     int64
	OTPPhone     string    // masked by OCTO
	OTPDeadline  time.Time // on the caller's monotonic clock
	AttemptsLeft int
	ResendsLeft  int

	// The hold.
	HoldExpires time.Time // when OCTO cancels an unconfirmed hold; zero if unknown
	// Expires is when OCTO cancels the payment if it is never paid (its
	// ttl from creation); zero if unknown. Set on payments restored after
	// a restart (Reconcile), to say how long one stuck before the code
	// stays open.
	Expires time.Time

	// Money after the outcome.
	Captured decimal.Decimal // charged: the sale's total or the captured part of a hold
	Released decimal.Decimal // the part of a hold given back (partial capture or cancel)
	Refunded decimal.Decimal
	Fee      decimal.Decimal
	Transfer decimal.Decimal // what the shop receives, net of OCTO's fee

	// Problem is the last thing that went wrong; zero when all is well.
	Problem Problem

	card          *octo.Card     // in memory only; a pointer, so %v prints an address, not the PAN
	user          *octo.UserData // prepare_payment's user_data; nil: none sent
	fiscal        FiscalCodes
	notifyURL     string
	returnURL     string
	language      string
	ttl           int
	holdTimeout   time.Duration // Order.HoldTimeout
	origin        origin
	back          State // where a failed journal write returns to (the request was not sent)
	polls         int
	pollSeq       int
	held          bool // the payment reached waiting_for_capture
	capturing     decimal.Decimal
	refundID      string          // a refund sent and not confirmed: its shop_refund_id
	refundAmount  decimal.Decimal // and its amount
	refundedFirst decimal.Decimal
	refundRetry   bool      // the refund in flight is the unconfirmed one sent again
	refundSent    time.Time // when the unconfirmed refund left, at the latest (the journal's time, or the first read after)
	refundLost    bool      // a read RefundInFlight after it shows OCTO never got it: it may be sent again
	refusal       Problem   // why OCTO refused the code: the decline's reason if the status read finds one
	internal      bool      // the request being resolved was answered with OCTO's internal error (4)
	restoredFrom  State     // the journaled state a restored payment was in
	settledBy     State     // the request state a status read settled while its answer was out
	restoreLogged bool      // the move from restoredFrom to Resolving is journaled
	reopened      bool      // restored on the counter's screen (Reopen), not in the background
}

// NewCardPayment starts a sale or hold paid with card data. The method is
// read from the card number when o does not force one through the card.
func NewCardPayment(kind Kind, o Order, card octo.Card) (Payment, error) {
	if card.PAN == "" || card.Exp == "" {
		return Payment{}, errors.New("flows: card number and expiry are required")
	}
	p, err := newPayment(kind, o)
	if err != nil {
		return Payment{}, err
	}
	c := card
	p.card = &c
	p.Method = MethodOf(card.PAN)
	p.Card = MaskPAN(card.PAN)
	return p, nil
}

// NewTokenPayment starts a sale or hold paid with a saved card token.
func NewTokenPayment(kind Kind, o Order, t SavedToken) (Payment, error) {
	if t.Token == "" {
		return Payment{}, errors.New("flows: card token is required")
	}
	if o.Customer == "" {
		o.Customer = t.Customer // the card's owner: user_id too, when user_data is sent
	}
	p, err := newPayment(kind, o)
	if err != nil {
		return Payment{}, err
	}
	p.CardToken = t.Token
	p.Method = t.Method
	p.Card = t.Card
	return p, nil
}

func newPayment(kind Kind, o Order) (Payment, error) {
	if kind != Sale && kind != Hold {
		return Payment{}, fmt.Errorf("flows: unknown payment kind %q", kind)
	}
	if !o.Amount.IsPositive() {
		return Payment{}, fmt.Errorf("flows: amount must be positive, got %s", o.Amount)
	}
	if o.Amount.Exponent() < -2 && !o.Amount.Equal(o.Amount.Round(2)) {
		return Payment{}, fmt.Errorf("flows: amount %s has more than 2 decimals", o.Amount)
	}
	user, err := customerData(o)
	if err != nil {
		return Payment{}, err
	}
	id := o.ShopTransactionID
	if id == "" {
		id = NewShopTransactionID()
	}
	cur := o.Currency
	if cur == "" {
		cur = defaultCurr
	}
	if o.Language == "" {
		o.Language = "ru"
	}
	if o.Description == "" {
		o.Description = "Payment " + id
	}
	return Payment{
		Kind: kind, State: Draft, ShopTransactionID: id, Amount: o.Amount, Currency: cur,
		Description: o.Description, Operator: o.Operator, Customer: o.Customer, Test: o.Test,
		AttemptsLeft: MaxAttempts, ResendsLeft: MaxResends,
		user: user, fiscal: o.Fiscal, notifyURL: o.NotifyURL, returnURL: o.ReturnURL, language: o.Language, ttl: o.TTLMinutes,
		holdTimeout: o.HoldTimeout,
	}, nil
}

// Restore rebuilds a payment from its journal record after a restart or to
// check any payment's status. A hold comes back Held; any other unfinished
// payment comes back Resolving. Feed it Check to read its status from OCTO:
// a hold that OCTO canceled meanwhile becomes Canceled, an unknown outcome
// gets its outcome.
func Restore(r Record) Payment {
	p := Payment{
		Kind: r.Kind, State: r.State, ShopTransactionID: r.ShopTransactionID, Method: r.Method,
		Amount: r.Amount, Currency: r.Currency, Description: r.Description, Operator: r.Operator,
		Customer: r.Customer, Test: r.Test, Card: r.Card, CardToken: r.CardToken,
		PaymentUUID: r.PaymentUUID, PaymentID: r.PaymentID, OCTOStatus: r.OCTOStatus,
		HoldExpires: r.HoldExpires, Captured: r.Captured, Released: r.Released,
		Refunded: r.Refunded, Fee: r.Fee, Transfer: r.Transfer, Problem: ParseProblem(r.Problem),
		AttemptsLeft: 0, ResendsLeft: 0, held: r.Held, Hosted: r.Hosted, PayURL: r.PayURL, PayExpires: r.PayExpires,
		refundID: r.PendingRefundID, refundAmount: r.PendingRefund, capturing: r.Capturing,
		refundSent: r.Updated,
	}
	if p.Currency == "" {
		p.Currency = defaultCurr
	}
	p.restoredFrom = r.State
	switch {
	case r.PendingRefundID != "":
		// One read decides at start; the cashier can check again later.
		p.State, p.origin, p.refundedFirst, p.polls = Resolving, fromRefund, r.Refunded, refundPolls-1
	case r.State == Held:
		// A hold stays a hold; Check reads whether OCTO still holds it.
	case !r.State.Final():
		p.State, p.origin = Resolving, fromRestore
	}
	return p
}

// StatusCheck is a payment known only by its shop_transaction_id, to read
// the status of any payment, journaled here or not. Feed it Check; once
// OCTO answers, it holds what OCTO says (and is journaled from then on).
func StatusCheck(shopTransactionID string) Payment {
	return Restore(Record{ShopTransactionID: shopTransactionID, State: Resolving, Currency: defaultCurr})
}

func (p Payment) prepareParams() octo.PrepareParams {
	pp := octo.PrepareParams{
		ShopTransactionID: p.ShopTransactionID, AutoCapture: p.Kind == Sale, Test: p.Test,
		TotalSum: p.Amount, Currency: p.Currency, Description: p.Description,
		NotifyURL: p.notifyURL, ReturnURL: p.returnURL, Language: p.language, TTLMinutes: p.ttl,
		Basket: basket(p.Description, p.Amount, p.fiscal),
	}
	if p.Method != "" {
		pp.PaymentMethods = []octo.Method{p.Method}
	}
	if p.user != nil {
		u := *p.user
		pp.User = &u
	}
	return pp
}

// to moves to s and journals the transition.
func (n Payment) to(s State, ev Event, note string) (Payment, []Effect, error) {
	from := n.State
	n.State = s
	return n, []Effect{n.journal(from, ev, note)}, nil
}

// call moves to s, journals it, then runs the request c.
func (n Payment) call(s State, ev Event, note string, c Effect) (Payment, []Effect, error) {
	if _, read := c.(ReadStatus); !read {
		n.internal = false // a new request: its own answer decides
	}
	n, effs, _ := n.to(s, ev, note)
	return n, append(effs, c), nil
}

// read stays in (or moves to) s and reads the status after wait.
func (n Payment) read(s State, ev Event, wait time.Duration) (Payment, []Effect, error) {
	n.pollSeq++
	rs := ReadStatus{ShopTransactionID: n.ShopTransactionID, After: wait, Seq: n.pollSeq, WithCard: n.Hosted && n.Card == ""}
	if s == n.State {
		return n, []Effect{rs}, nil
	}
	return n.call(s, ev, "", rs)
}

func (n Payment) journal(from State, ev Event, note string) Journal {
	name := ""
	if ev != nil {
		name = ev.EventName()
	}
	return Journal{Record: n.Record(), Transition: Transition{
		ShopTransactionID: n.ShopTransactionID, From: from, To: n.State, Event: name, Note: note}}
}
