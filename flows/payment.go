package flows

import (
	"errors"
	"fmt"
	"math"
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

	// Problem is the last thing that went wrong, in a cashier's words; empty when all is well.
	Problem string

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
	refusal       string
	internal      bool  // the request being resolved was answered with OCTO's internal error (4)
	restoredFrom  State // the journaled state a restored payment was in
	settledBy     State // the request state a status read settled while its answer was out
	restoreLogged bool  // the move from restoredFrom to Resolving is journaled
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
		Refunded: r.Refunded, Fee: r.Fee, Transfer: r.Transfer, Problem: r.Problem,
		AttemptsLeft: 0, ResendsLeft: 0, held: r.Held, Hosted: r.Hosted,
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

// Handle is the payment's state machine: the next value, the effects to
// run in order, or an error naming the state and the event when the event
// is not allowed now. It never panics and never reads the clock.
func (p Payment) Handle(ev Event) (Payment, []Effect, error) {
	n := p
	n.back = ""
	if ev == nil {
		return p, nil, errors.New("flows: nil event")
	}
	switch e := ev.(type) {
	case Tick:
		return p.tick(e.Now)
	case JournalFailed:
		n.Problem = "The journal could not be written (" + errText(e.Err) + "); nothing was sent"
		if p.back != "" {
			n.State = p.back
		}
		if p.State == Refunding && !p.refundRetry {
			n.refundID, n.refundAmount = "", decimal.Zero // a new refund, never sent: nothing pending
		}
		if p.State == Capturing {
			n.capturing = decimal.Zero // the capture was never sent
		}
		return n, nil, nil
	}

	switch p.State {
	case Draft:
		if _, ok := ev.(Start); ok {
			n.back = Draft
			return n.call(Preparing, ev, "", CallPrepare{Params: p.prepareParams()})
		}
	case Preparing:
		if e, ok := ev.(Prepared); ok {
			return n.prepared(e)
		}
	case Paying:
		if e, ok := ev.(PayAnswered); ok {
			return n.paid(e)
		}
		return n.whileOut(p, ev)
	case Verifying:
		if e, ok := ev.(VerificationAnswered); ok {
			return n.verified(ev, e.Verification, e.At, e.Err, Verifying)
		}
	case AwaitingOTP, OTPExpired:
		switch e := ev.(type) {
		case SubmitCode:
			if p.State == OTPExpired {
				break
			}
			if e.Code == "" {
				return p, nil, errors.New("flows: empty code")
			}
			if !p.OTPDeadline.IsZero() && !e.At.Before(p.OTPDeadline) {
				n.Problem = n.expiredText()
				return n.to(OTPExpired, ev, "code submitted after the deadline")
			}
			n.back, n.Problem = p.State, ""
			return n.call(CheckingOTP, ev, "", CallCheckSMSKey{Params: octo.CheckSMSKeyParams{
				PaymentID: p.PaymentID, VerifyID: p.VerifyID, Code: e.Code}})
		case ResendCode:
			if !p.canResend() {
				break
			}
			n.back, n.Problem = p.State, ""
			return n.call(ResendingOTP, ev, "", CallResendOTP{Params: octo.ResendOTPParams{
				PAN: p.card.PAN, ExpYYMM: p.card.Exp, PaymentID: p.PaymentID}})
		case Check, Notified:
			return n.read(p.State, ev, 0)
		case StatusAnswered:
			return n.observed(e)
		}
	case CheckingOTP:
		if e, ok := ev.(CodeChecked); ok {
			return n.codeChecked(e)
		}
		return n.whileOut(p, ev)
	case ResendingOTP:
		if e, ok := ev.(CodeResent); ok {
			if e.Err != nil {
				n.Problem = refusal(e.Err, notProvided)
				if errors.Is(e.Err, octo.ErrResendLimit) {
					n.ResendsLeft = 0
				} else if octo.MayHaveReached(e.Err) {
					n.Problem = "No answer from OCTO — a new code may have been sent; ask again if none arrives"
				}
				back := p.back // where the resend was asked from
				if back != AwaitingOTP || n.OTPDeadline.IsZero() {
					back = OTPExpired
				}
				return n.to(back, ev, "resend failed")
			}
			n.ResendsLeft--
			return n.verified(ev, e.Verification, e.At, nil, ResendingOTP)
		}
	case Awaiting3DS:
		switch e := ev.(type) {
		case StatusAnswered:
			return n.observed(e)
		case Check, Notified:
			return n.read(Awaiting3DS, ev, 0)
		}
	case AwaitingPage:
		return n.onPage(ev)
	case Held:
		switch e := ev.(type) {
		case Capture:
			amt := e.Amount
			if amt.IsZero() {
				amt = p.Amount
			}
			if !amt.IsPositive() || amt.GreaterThan(p.Amount) {
				return p, nil, fmt.Errorf("flows: capture amount %s must be more than 0 and at most the hold %s", amt, p.Amount)
			}
			if !amt.Equal(amt.Round(2)) {
				return p, nil, fmt.Errorf("flows: capture amount %s has more than 2 decimals", amt)
			}
			n.back, n.capturing, n.Problem = Held, amt, ""
			return n.call(Capturing, ev, "capture "+amt.StringFixed(2), CallCapture{PaymentUUID: p.PaymentUUID, Amount: amt})
		case Cancel:
			n.back, n.Problem = Held, ""
			return n.call(Canceling, ev, "", CallCancel{PaymentUUID: p.PaymentUUID})
		case Check, Notified:
			return n.read(Held, ev, 0)
		case StatusAnswered:
			return n.observed(e)
		}
	case Capturing:
		if e, ok := ev.(CaptureAnswered); ok {
			return n.settled(ev, e.Info, e.Err, fromCapture)
		}
		return n.whileOut(p, ev)
	case Canceling:
		if e, ok := ev.(CancelAnswered); ok {
			return n.settled(ev, e.Info, e.Err, fromCancel)
		}
		return n.whileOut(p, ev)
	case Succeeded:
		switch e := ev.(type) {
		case Refund:
			return n.refund(ev, e.Amount, e.Min)
		case Check, Notified:
			if p.refundID != "" {
				// A refund's outcome is unknown: one read decides whether it went through.
				n.origin, n.polls = fromRefund, refundPolls-1
				return n.read(Resolving, ev, 0)
			}
			return n.read(Succeeded, ev, 0)
		case StatusAnswered:
			return n.observed(e)
		}
	case Refunding:
		if e, ok := ev.(RefundAnswered); ok {
			return n.refunded(e)
		}
	case Resolving:
		switch e := ev.(type) {
		case StatusAnswered:
			return n.resolved(e)
		case Check, Notified:
			if p.restoredFrom != "" && p.restoredFrom != Resolving && !p.restoreLogged {
				// The journal still says where the payment was before the restart.
				n.restoreLogged = true
				n.pollSeq++
				j := n.journal(p.restoredFrom, ev, "restored from the journal")
				return n, []Effect{j, ReadStatus{ShopTransactionID: n.ShopTransactionID, Seq: n.pollSeq, WithCard: n.Hosted && n.Card == ""}}, nil
			}
			return n.read(Resolving, ev, 0)
		}
	case Declined, Canceled, Failed:
		switch ev.(type) {
		case Notified, StatusAnswered:
			// Late or duplicated news about a finished payment changes nothing.
			return p, nil, nil
		}
	}
	if lateAnswer(p, ev) {
		// The answer to a request whose outcome a status read or a signed
		// notification already settled (whileOut): OCTO's status decided.
		return p, nil, nil
	}
	if _, ok := ev.(StatusAnswered); ok {
		// A status answer that arrives after the flow moved on (a poll
		// overtaken by a notification or a cashier's action) is stale.
		return p, nil, nil
	}
	return p, nil, fmt.Errorf("flows: %s payment in state %s: event %s %w", p.Kind, p.State, ev.EventName(), ErrNotAllowed)
}

// whileOut handles what may come while a request's answer is awaited (pay,
// check_sms_key, set_accept): a status read (the console asks for one when
// the answer is slow) or a signed notification. A final status settles the
// payment at once — the request is never sent again, and its answer, when
// it comes, changes nothing (lateAnswer). Anything else keeps waiting.
func (n Payment) whileOut(p Payment, ev Event) (Payment, []Effect, error) {
	switch e := ev.(type) {
	case Check, Notified:
		return n.read(p.State, ev, 0)
	case StatusAnswered:
		if e.Err != nil || e.Info == nil || e.Seq != p.pollSeq {
			return p, nil, nil
		}
		in := e.Info
		switch in.Status {
		case octo.StatusSucceeded, octo.StatusCanceled, octo.StatusFailed:
		case octo.StatusWaitingForCapture:
			if p.State == Capturing || p.State == Canceling {
				return p, nil, nil // still held: the capture or cancel is not done yet
			}
		default:
			return p, nil, nil
		}
		n.takeSums(in)
		n.settledBy = p.State
		return n.outcome(e, in.Status, in.TotalSum, in.RefundedSum)
	}
	return p, nil, fmt.Errorf("flows: %s payment in state %s: event %s %w", p.Kind, p.State, ev.EventName(), ErrNotAllowed)
}

// lateAnswer reports whether ev answers a request of the state the payment
// was in when a status read settled it (whileOut).
func lateAnswer(p Payment, ev Event) bool {
	switch ev.(type) {
	case PayAnswered:
		return p.settledBy == Paying
	case CodeChecked:
		return p.settledBy == CheckingOTP
	case CaptureAnswered:
		return p.settledBy == Capturing
	case CancelAnswered:
		return p.settledBy == Canceling
	}
	return false
}

// Can reports whether Handle would accept ev now.
func (p Payment) Can(ev Event) bool {
	_, _, err := p.Handle(ev)
	return err == nil
}

// Needs says what the payment waits for from the cashier or the customer.
func (p Payment) Needs() Input {
	switch p.State {
	case Draft:
		return NeedStart
	case AwaitingOTP:
		return NeedOTP
	case OTPExpired:
		return NeedResend
	case Awaiting3DS:
		return NeedCustomer
	case AwaitingPage:
		return NeedPage
	case Held:
		return NeedDecision
	case Preparing, Paying, Verifying, CheckingOTP, ResendingOTP, Capturing, Canceling, Refunding,
		Resolving, Succeeded, Declined, Canceled, Failed:
	}
	return NeedNothing
}

// Allowed lists the cashier's actions that make sense now, for enabling buttons.
func (p Payment) Allowed() []Action {
	switch p.State {
	case Draft:
		return []Action{ActStart}
	case AwaitingOTP:
		a := []Action{ActSubmitCode}
		if p.canResend() {
			a = append(a, ActResendCode)
		}
		return append(a, ActCheck, ActNew)
	case OTPExpired:
		var a []Action
		if p.canResend() {
			a = append(a, ActResendCode)
		}
		return append(a, ActCheck, ActNew)
	case Awaiting3DS:
		if p.RedirectURL != "" {
			return []Action{ActOpen3DS, ActCheck}
		}
		return []Action{ActCheck}
	case AwaitingPage:
		return []Action{ActCheck}
	case Held:
		return []Action{ActCapture, ActCancel, ActCheck}
	case Succeeded:
		if p.refundID != "" {
			// A refund's outcome is unknown: only a status read (or the very
			// same refund again, Refund{}) until it is known; sending it
			// again is offered once OCTO's status shows it never arrived.
			if p.refundLost {
				return []Action{ActRefundAgain, ActCheck, ActNew}
			}
			return []Action{ActCheck, ActNew}
		}
		if p.Refundable().IsPositive() {
			return []Action{ActRefund, ActCheck, ActNew}
		}
		return []Action{ActCheck, ActNew}
	case Resolving:
		if p.origin == fromPay && p.polls > 0 && p.PaymentID == 0 &&
			((p.Method.NeedsOTP() && (p.OCTOStatus == octo.StatusCreated || p.OCTOStatus == octo.StatusWaitUserAction)) ||
				(p.internal && p.OCTOStatus == octo.StatusCreated)) {
			// OCTO waits for a code this console cannot send: no money can move.
			return []Action{ActCheck, ActNew}
		}
		if p.canLeaveRestored() {
			return []Action{ActCheck, ActNew} // likewise after a restart: OCTO expires it
		}
		return []Action{ActCheck}
	case Declined, Canceled, Failed:
		return []Action{ActNew}
	case Preparing, Paying, Verifying, CheckingOTP, ResendingOTP, Capturing, Canceling, Refunding:
	}
	return nil
}

// OTPSecondsLeft is the code's remaining lifetime at now (the caller's
// monotonic clock), rounded up so it reads as OCTO's secondsLeft would.
func (p Payment) OTPSecondsLeft(now time.Time) int {
	if p.OTPDeadline.IsZero() {
		return 0
	}
	d := p.OTPDeadline.Sub(now)
	if d <= 0 {
		return 0
	}
	return int(math.Ceil(d.Seconds()))
}

// HoldTimeLeft is how long the hold stays open at now; zero when unknown or past.
func (p Payment) HoldTimeLeft(now time.Time) time.Duration {
	if p.HoldExpires.IsZero() || !now.Before(p.HoldExpires) {
		return 0
	}
	return p.HoldExpires.Sub(now)
}

// Refundable is what can still be refunded: charged minus refunded, minus
// a refund sent whose outcome is not known yet (it may have gone through).
func (p Payment) Refundable() decimal.Decimal {
	if p.State != Succeeded && p.State != Refunding {
		return decimal.Zero
	}
	r := p.Captured.Sub(p.Refunded)
	if p.refundID != "" {
		r = r.Sub(p.refundAmount)
	}
	if r.IsNegative() {
		return decimal.Zero
	}
	return r
}

// String shows the payment without card data.
func (p Payment) String() string {
	return fmt.Sprintf("%s %s %s %s %s", p.Kind, p.ShopTransactionID, p.State, p.Amount.StringFixed(2), p.Card)
}

// GoString is String: %#v must not print the card either.
func (p Payment) GoString() string { return p.String() }

func (p Payment) expiredText() string {
	if p.canResend() {
		return msgCodeExpired
	}
	return msgCodeExpiredNoResend
}

func (p Payment) canResend() bool {
	return p.card != nil && p.ResendsLeft > 0 && p.PaymentID != 0
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

func (n Payment) tick(now time.Time) (Payment, []Effect, error) {
	switch n.State {
	case AwaitingOTP:
		if !n.OTPDeadline.IsZero() && !now.Before(n.OTPDeadline) {
			n.Problem = n.expiredText()
			return n.to(OTPExpired, Tick{Now: now}, "code expired")
		}
	case Held:
		if !n.HoldExpires.IsZero() && !now.Before(n.HoldExpires) {
			n.origin, n.polls = fromHold, 0
			return n.read(Resolving, Tick{Now: now}, 0)
		}
	case Draft, Preparing, Paying, Verifying, CheckingOTP, ResendingOTP, OTPExpired, Awaiting3DS, AwaitingPage,
		Capturing, Canceling, Refunding, Resolving, Succeeded, Declined, Canceled, Failed:
	}
	return n, nil, nil
}

func (n Payment) prepared(e Prepared) (Payment, []Effect, error) {
	if e.Err != nil || e.Info == nil {
		// Without pay nothing can be charged, whatever happened to the request.
		n.Problem = refusal(e.Err, notProvided)
		if octo.MayHaveReached(e.Err) || e.Err == nil {
			n.Problem = msgUnreachableNothingCharged
		}
		return n.to(Failed, e, errText(e.Err))
	}
	n.PaymentUUID, n.PayURL, n.OCTOStatus = e.Info.PaymentUUID, e.Info.PayURL, e.Info.Status
	if e.Info.Status.IsFinal() || e.Info.Status == octo.StatusWaitingForCapture {
		// The shop_transaction_id was used before: never pay it twice.
		n.origin = fromRestore
		return n.read(Resolving, e, 0)
	}
	if n.Hosted {
		return n.awaitPage(e)
	}
	pp := octo.PayParams{PaymentUUID: n.PaymentUUID, Method: n.Method}
	if n.user != nil {
		pp.Email = n.user.Email // OCTO requires it on pay once user_data was sent (§2.3)
	}
	if n.card != nil {
		c := *n.card
		pp.Card = &c
	} else {
		pp.CardToken = n.CardToken
	}
	n.back = Failed
	return n.call(Paying, e, "", CallPay{Params: pp})
}

func (n Payment) paid(e PayAnswered) (Payment, []Effect, error) {
	if e.Err != nil || e.Payment == nil {
		if octo.MayHaveReached(e.Err) {
			n.Problem, n.origin, n.polls = msgNoAnswerChecking, fromPay, 0
			return n.read(Resolving, e, pollFirst)
		}
		if errors.Is(e.Err, octo.ErrInternal) {
			// OCTO's internal error proves nothing about the card: the
			// status says whether pay went through.
			n.Problem, n.origin, n.polls, n.internal = msgInternalChecking, fromPay, 0, true
			return n.read(Resolving, e, pollFirst)
		}
		n.Problem = refusal(e.Err, notProvided)
		var oe *octo.Error
		if errors.As(e.Err, &oe) {
			return n.to(Declined, e, errText(e.Err))
		}
		return n.to(Failed, e, errText(e.Err))
	}
	pm := e.Payment
	n.absorb(pm)
	switch {
	case pm.Status == octo.StatusSucceeded, pm.Status == octo.StatusWaitingForCapture,
		pm.Status == octo.StatusFailed, pm.Status == octo.StatusCanceled:
		return n.outcome(e, pm.Status, pm.TotalSum, pm.RefundedSum)
	case n.Method.NeedsOTP():
		return n.call(Verifying, e, "", CallVerificationInfo{PaymentUUID: n.PaymentUUID})
	default:
		n.polls = 0
		return n.read(Awaiting3DS, e, poll3DS)
	}
}

// absorb copies what OCTO's payment object says.
func (n *Payment) absorb(pm *octo.Payment) {
	if pm.ID != 0 {
		n.PaymentID = pm.ID
	}
	if pm.UUID != "" {
		n.PaymentUUID = pm.UUID
	}
	if pm.RedirectURL != "" {
		n.RedirectURL = pm.RedirectURL
	}
	if m := mask64(pm.First6, pm.Last4); m != "" && n.Card == "" {
		n.Card = m
	}
	if !pm.ExpiredHoldTime.IsZero() {
		n.HoldExpires = pm.ExpiredHoldTime
	}
	// A given 0 is money; only an absent (null) sum keeps what was known.
	if pm.FeeGiven {
		n.Fee = pm.Fee
	}
	if pm.TransferSumGiven {
		n.Transfer = pm.TransferSum
	}
	n.OCTOStatus = pm.Status
}

// dateHold gives a hold just made the expiry the shop's hold timeout
// implies, when OCTO's answer gave none, counted from the answer's arrival.
func (n *Payment) dateHold(ev Event) {
	if !n.HoldExpires.IsZero() || n.holdTimeout <= 0 {
		return
	}
	var at time.Time
	switch e := ev.(type) {
	case StatusAnswered:
		at = e.At
	case PayAnswered:
		at = e.At
	case CodeChecked:
		at = e.At
	}
	if !at.IsZero() {
		n.HoldExpires = at.Add(n.holdTimeout)
	}
}

// takeSums copies the money after OCTO's fee from a short payment view (a
// status read, set_accept's answer): transfer_sum, and the fee as
// total_sum − transfer_sum, since that view has no fee of its own (pay's
// payment object does; absorb takes it from there). The fee is set only
// when both sums are given and the transfer is not more than the total. A
// transfer_sum of 0.00 is OCTO saying the shop gets nothing (a canceled or
// expired hold): no fee either, whatever total_sum echoes. An absent one
// changes nothing.
func (n *Payment) takeSums(in *octo.PaymentInfo) {
	if !in.TransferSumGiven {
		return
	}
	n.Transfer = in.TransferSum
	if in.TransferSum.IsZero() {
		n.Fee = decimal.Zero
		return
	}
	total, transfer := in.TotalSum, in.TransferSum
	if n.capturing.IsPositive() && total.GreaterThan(n.capturing) {
		// OCTO may echo the whole hold after a partial capture (see
		// outcome): the fee is taken on what was captured.
		total = n.capturing
	}
	if !total.IsPositive() || !transfer.IsPositive() || transfer.GreaterThan(total) {
		return
	}
	n.Fee = total.Sub(transfer)
}

func (n Payment) verified(ev Event, v *octo.Verification, at time.Time, err error, from State) (Payment, []Effect, error) {
	if err != nil || v == nil {
		n.Problem = "Could not get the code session from OCTO — check the status or start a new payment"
		if n.canResend() {
			n.Problem = "Could not get the code session from OCTO — send a new code or check the status"
		}
		if err != nil {
			n.Problem += " (" + refusal(err, notProvided) + ")"
		}
		n.OTPDeadline = time.Time{}
		return n.to(OTPExpired, ev, errText(err))
	}
	n.VerifyID, n.OTPPhone = v.VerifyID, v.Phone
	if v.Expired() {
		n.OTPDeadline = time.Time{}
		n.Problem = n.expiredText()
		return n.to(OTPExpired, ev, "secondsLeft 0")
	}
	n.OTPDeadline = at.Add(time.Duration(v.SecondsLeft) * time.Second)
	if from == ResendingOTP {
		n.Problem = ""
	}
	return n.to(AwaitingOTP, ev, fmt.Sprintf("secondsLeft %d", v.SecondsLeft))
}

func (n Payment) codeChecked(e CodeChecked) (Payment, []Effect, error) {
	if e.Err != nil || e.Payment == nil {
		var oe *octo.Error
		switch {
		case octo.MayHaveReached(e.Err):
			n.Problem, n.origin, n.polls = msgNoAnswerChecking, fromCheck, 0
			return n.read(Resolving, e, pollFirst)
		case errors.Is(e.Err, octo.ErrInternal) || errors.Is(e.Err, octo.ErrAuth) || errors.Is(e.Err, octo.ErrFormat):
			// Not about the code: no attempt used; the status read tells whether anything happened.
			n.refusal = refusal(e.Err, notProvided)
			n.Problem, n.origin, n.polls = MsgCheckingCode, fromCodeError, 0
			return n.read(Resolving, e, pollFirst)
		case codeExpired(e.Err):
			// The code ran out (or a newer one replaced it): not a wrong code,
			// no attempt used; a new code is what the customer needs.
			n.OTPDeadline = time.Time{}
			n.Problem = n.expiredText()
			return n.to(OTPExpired, e, errText(e.Err))
		case errors.As(e.Err, &oe):
			// A wrong code or a decline: the status read tells which.
			n.AttemptsLeft--
			if n.AttemptsLeft < 0 {
				n.AttemptsLeft = 0
			}
			n.refusal = oe.Message
			n.Problem, n.origin, n.polls = MsgCheckingCode, fromWrongCode, 0
			return n.read(Resolving, e, pollFirst)
		}
		n.Problem = "Could not reach OCTO; the code was not sent — enter it again"
		return n.to(AwaitingOTP, e, errText(e.Err))
	}
	pm := e.Payment
	n.absorb(pm)
	switch pm.Status {
	case octo.StatusSucceeded, octo.StatusWaitingForCapture, octo.StatusFailed, octo.StatusCanceled:
		return n.outcome(e, pm.Status, pm.TotalSum, pm.RefundedSum)
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusPending:
	}
	n.origin, n.polls = fromCheck, 0
	return n.read(Resolving, e, pollFirst)
}

// outcome moves to the state OCTO's status says, with the money it shows.
func (n Payment) outcome(ev Event, st octo.Status, total, refunded decimal.Decimal) (Payment, []Effect, error) {
	n.OCTOStatus = st
	switch st {
	case octo.StatusSucceeded:
		if n.capturing.IsPositive() && (!total.IsPositive() || total.GreaterThan(n.capturing)) {
			// OCTO may echo the whole hold after a partial capture: the
			// money taken is what the capture asked for (journaled before it was sent).
			total = n.capturing
		}
		if total.IsPositive() {
			n.Captured = total
		} else if n.Captured.IsZero() {
			n.Captured = n.Amount
		}
		if n.held || n.Kind == Hold {
			n.Released = n.Amount.Sub(n.Captured)
		}
		if refunded.GreaterThan(n.Refunded) {
			n.Refunded = refunded
		}
		if n.State != Resolving || n.origin != fromRefund {
			n.Problem = ""
		}
		n.AttemptsLeft, n.OTPDeadline = 0, time.Time{}
		return n.to(Succeeded, ev, "")
	case octo.StatusWaitingForCapture:
		n.held = true
		n.AttemptsLeft, n.OTPDeadline = 0, time.Time{}
		if n.State != Held {
			n.Problem = ""
		}
		n.dateHold(ev)
		return n.to(Held, ev, "")
	case octo.StatusCanceled, octo.StatusFailed:
		n.OTPDeadline = time.Time{}
		// Nothing was charged: no fee, nothing to the shop, whatever an
		// earlier answer (the hold's) said it would be.
		n.Fee, n.Transfer = decimal.Zero, decimal.Zero
		if n.held {
			n.Released = n.Amount
			if n.State == Canceling || (n.State == Resolving && n.origin == fromCancel) {
				n.Problem = "" // the cashier's own cancel; an expiry keeps its explanation
			}
			return n.to(Canceled, ev, string(st))
		}
		switch {
		case n.Hosted:
			n.Problem = n.pageEnded(ev, st)
		case n.origin == fromWrongCode && n.AttemptsLeft == 0:
			n.Problem = msgThreeWrongCodes
		case n.refusal != "" && n.origin != fromCodeError:
			n.Problem = "Declined: " + n.refusal + "; nothing was charged"
		default:
			n.Problem = "Declined; nothing was charged"
		}
		return n.to(Declined, ev, string(st))
	}
	return n, nil, fmt.Errorf("flows: status %q is not an outcome", st)
}

// observed applies a status read made while waiting (OTP, 3-D Secure, a
// hold, a paid payment): an outcome moves the payment, anything else keeps
// it where it is (and keeps polling 3-D Secure).
func (n Payment) observed(e StatusAnswered) (Payment, []Effect, error) {
	before := n
	current := e.Seq == n.pollSeq
	cardNew := n.takeCard(e)
	if e.Err != nil || e.Info == nil {
		if cardNew && n.State != Awaiting3DS {
			return n, []Effect{n.journal(n.State, e, "card reported by OCTO")}, nil
		}
		if n.State == Awaiting3DS && current {
			return n.read(Awaiting3DS, e, poll3DS)
		}
		return n, nil, nil
	}
	in := e.Info
	if in.RefundedSum.GreaterThan(n.Refunded) {
		n.Refunded = in.RefundedSum
	}
	n.takeSums(in)
	switch in.Status {
	case octo.StatusSucceeded:
		if n.State == Succeeded {
			n.OCTOStatus = in.Status
			if n.Refunded.Equal(before.Refunded) && n.Transfer.Equal(before.Transfer) && n.Fee.Equal(before.Fee) && !cardNew {
				return n, nil, nil // nothing new: nothing to journal
			}
			return n, []Effect{n.journal(Succeeded, e, "status read")}, nil
		}
		return n.outcome(e, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusWaitingForCapture:
		if n.State == Held {
			if cardNew {
				return n, []Effect{n.journal(Held, e, "card reported by OCTO")}, nil
			}
			return n, nil, nil
		}
		return n.outcome(e, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusCanceled, octo.StatusFailed:
		if n.State == Held {
			n.Problem = msgHoldExpired
		}
		return n.outcome(e, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusPending:
	}
	n.OCTOStatus = in.Status
	if n.State == Awaiting3DS && current {
		return n.read(Awaiting3DS, e, poll3DS)
	}
	return n, nil, nil
}

func backoff(polls int) time.Duration {
	d := pollFirst << min(polls, 5)
	return min(d, pollMax)
}

// resolved applies a status read while the outcome of a request is unknown.
func (n Payment) resolved(e StatusAnswered) (Payment, []Effect, error) {
	if e.Seq != n.pollSeq {
		return n, nil, nil // an older read; the newer one decides
	}
	n.polls++
	n.takeCard(e)
	if e.Err != nil || e.Info == nil {
		if n.origin == fromRestore {
			// One read per restored payment: a restart must not hang on OCTO.
			var oe *octo.Error
			if errors.As(e.Err, &oe) && n.restoredFrom == Preparing {
				n.Problem = "OCTO has no such payment; nothing was charged"
				return n.to(Failed, e, errText(e.Err))
			}
			if errors.As(e.Err, &oe) && n.Kind == "" {
				n.Problem = "OCTO does not know this payment (" + oe.Message + ")"
				return n, nil, nil
			}
			n.Problem = "Could not check with OCTO — check again later (" + refusal(e.Err, notProvided) + ")"
			return n, nil, nil
		}
		n.Problem = "No answer from OCTO — checking again"
		return n.read(Resolving, e, backoff(n.polls))
	}
	in := e.Info
	if n.PaymentUUID == "" {
		n.PaymentUUID = in.PaymentUUID
	}
	if n.Kind == "" { // a status check of a payment this console did not make
		n.Kind, n.Amount = Sale, in.TotalSum
		if in.Status == octo.StatusWaitingForCapture {
			n.Kind = Hold
		}
	}
	n.takeSums(in)
	switch in.Status {
	case octo.StatusSucceeded:
		if n.origin == fromRefund {
			return n.refundResolved(e, in)
		}
		return n.outcome(e, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusWaitingForCapture:
		switch n.origin {
		case fromCapture:
			n.Problem = "The capture did not go through — the hold is still open"
		case fromCancel:
			n.Problem = "The cancel did not go through — the hold is still open"
		case fromPay, fromCheck, fromWrongCode, fromCodeError, fromRefund, fromHold, fromRestore:
			n.Problem = ""
		}
		n.held, n.capturing = true, decimal.Zero // still held: nothing was captured
		n.OCTOStatus = in.Status
		n.AttemptsLeft, n.OTPDeadline = 0, time.Time{}
		switch n.origin {
		case fromHold:
			// Still held after the expiry the console expected: OCTO keeps
			// it longer (the cabinet's setting differs from hold_timeout,
			// or OCTO's own expiry moved). Unknown from now on, so the
			// countdown does not read the status on every tick.
			n.HoldExpires = time.Time{}
		case fromPay, fromCheck, fromWrongCode, fromCodeError:
			n.dateHold(e) // the hold was just made: dated from this read
		case fromCapture, fromCancel, fromRefund, fromRestore:
			// An older hold: its start is not known here.
		}
		return n.to(Held, e, "")
	case octo.StatusCanceled, octo.StatusFailed:
		if n.origin == fromHold {
			n.Problem = msgHoldExpired
		}
		return n.outcome(e, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusPending:
	}
	n.OCTOStatus = in.Status
	switch {
	case n.origin == fromCodeError:
		n.Problem, n.refusal = n.refusal+" — enter the code again", ""
		return n.to(AwaitingOTP, e, "code not checked")
	case n.origin == fromWrongCode && n.AttemptsLeft > 0:
		n.Problem, n.refusal = "Wrong code — "+attemptsWord(n.AttemptsLeft), ""
		return n.to(AwaitingOTP, e, "wrong code")
	case n.origin == fromCheck && n.polls >= checkGrace && n.PaymentID != 0:
		n.Problem = "OCTO has not taken the code — enter it again"
		return n.call(Verifying, e, "", CallVerificationInfo{PaymentUUID: n.PaymentUUID})
	case n.origin == fromPay && n.internal && in.Status == octo.StatusCreated:
		// pay was refused with an internal error and OCTO still waits for
		// a card: nothing was charged, and OCTO expires it at its ttl.
		n.Problem = msgPayInternalNothingCharged
	case n.origin == fromPay && n.Method.NeedsOTP() && n.PaymentID == 0:
		n.Problem = "The answer to pay was lost, so the code cannot be sent: nothing is charged and OCTO will expire this payment — start a new one"
	case n.origin == fromRestore:
		if n.PaymentID != 0 && n.Method.NeedsOTP() && n.PaymentUUID != "" {
			// The OTP session survives a restart: ask for the code again.
			n.AttemptsLeft, n.Problem = MaxAttempts, "Resumed after a restart — enter the customer's code"
			return n.call(Verifying, e, "restored", CallVerificationInfo{PaymentUUID: n.PaymentUUID})
		}
		n.Problem = n.restoredWaiting(in.Status)
		return n, nil, nil
	}
	return n.read(Resolving, e, backoff(n.polls))
}

func (n Payment) refund(ev Event, amt, minUZS decimal.Decimal) (Payment, []Effect, error) {
	if n.refundID != "" {
		// The last refund's outcome is unknown. Another refund could go
		// through beside it; the same one again cannot: OCTO answers a
		// repeated shop_refund_id with the first refund and moves no money.
		if amt.IsZero() {
			amt = n.refundAmount
		}
		if !amt.Equal(n.refundAmount) {
			return n, nil, fmt.Errorf("flows: a refund of %s is not confirmed yet: check its status first (or send the same refund again)", n.refundAmount.StringFixed(2))
		}
		n.refundedFirst, n.back, n.Problem, n.refundRetry = n.Refunded, Succeeded, "", true
		n.refundSent, n.refundLost = time.Time{}, false
		return n.call(Refunding, ev, "refund "+amt.StringFixed(2)+" "+n.refundID+" again", CallRefund{Params: octo.RefundParams{
			PaymentUUID: n.PaymentUUID, ShopRefundID: n.refundID, Amount: amt}})
	}
	if amt.IsZero() {
		amt = n.Refundable()
	}
	if err := n.CheckRefund(amt, minUZS); err != nil {
		return n, nil, err
	}
	if !amt.Equal(amt.Round(2)) {
		return n, nil, fmt.Errorf("flows: refund amount %s has more than 2 decimals", amt)
	}
	n.refundID, n.refundRetry, n.refundSent, n.refundLost = NewShopRefundID(), false, time.Time{}, false
	n.refundAmount, n.refundedFirst, n.back, n.Problem = amt, n.Refunded, Succeeded, ""
	return n.call(Refunding, ev, "refund "+amt.StringFixed(2)+" "+n.refundID, CallRefund{Params: octo.RefundParams{
		PaymentUUID: n.PaymentUUID, ShopRefundID: n.refundID, Amount: amt}})
}

func (n Payment) refunded(e RefundAnswered) (Payment, []Effect, error) {
	if e.Err != nil || e.Refund == nil {
		if octo.MayHaveReached(e.Err) || errors.Is(e.Err, octo.ErrInternal) {
			n.Problem, n.origin, n.polls = "No answer from OCTO — checking whether the refund went through", fromRefund, 0
			return n.read(Resolving, e, pollFirst)
		}
		n.Problem = refusal(e.Err, notRefunded)
		n.refundID, n.refundAmount = "", decimal.Zero
		return n.to(Succeeded, e, errText(e.Err))
	}
	switch e.Refund.Status {
	case octo.RefundSucceeded:
		n.Refunded = n.refundedFirst.Add(n.refundAmount)
		n.refundID, n.refundAmount, n.Problem = "", decimal.Zero, ""
		return n.to(Succeeded, e, "refund "+e.Refund.RefundID)
	case octo.RefundFailed, octo.RefundError, octo.RefundCanceled:
		n.Problem = fmt.Sprintf("OCTO refused the refund (%s); nothing was refunded", e.Refund.Status)
		n.refundID, n.refundAmount = "", decimal.Zero
		return n.to(Succeeded, e, string(e.Refund.Status))
	case octo.RefundNew, octo.RefundPending, octo.RefundUnknown, octo.RefundOK:
	}
	n.Problem, n.origin, n.polls = "OCTO is processing the refund — checking", fromRefund, 0
	return n.read(Resolving, e, pollFirst)
}

func (n Payment) refundResolved(e StatusAnswered, in *octo.PaymentInfo) (Payment, []Effect, error) {
	n.OCTOStatus = in.Status
	if in.RefundedSum.GreaterThanOrEqual(n.refundedFirst.Add(n.refundAmount)) {
		n.Refunded = in.RefundedSum
		n.refundID, n.refundAmount, n.Problem = "", decimal.Zero, ""
		return n.to(Succeeded, e, "refund confirmed by status")
	}
	if n.refundSent.IsZero() {
		n.refundSent = e.At // the first read after the send: no earlier than it
	}
	if n.polls < refundPolls {
		return n.read(Resolving, e, backoff(n.polls))
	}
	return n.refundUnconfirmed(e)
}

func (n Payment) settled(ev Event, in *octo.PaymentInfo, err error, o origin) (Payment, []Effect, error) {
	if err != nil || in == nil {
		if octo.MayHaveReached(err) {
			n.Problem, n.origin, n.polls = msgNoAnswerChecking, o, 0
			return n.read(Resolving, ev, pollFirst)
		}
		if errors.Is(err, octo.ErrInternal) {
			// An internal error proves nothing: the capture or cancel may
			// have been done. The status decides; the amount asked stays.
			n.Problem, n.origin, n.polls, n.internal = msgInternalChecking, o, 0, true
			return n.read(Resolving, ev, pollFirst)
		}
		n.Problem = refusal(err, notCanceled)
		n.capturing = decimal.Zero // OCTO answered: nothing was captured
		return n.to(Held, ev, errText(err))
	}
	switch in.Status {
	case octo.StatusSucceeded:
		// outcome takes the capture amount when total_sum is missing or
		// shows more than was asked; the answer itself is not changed.
		n.takeSums(in)
		return n.outcome(ev, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusCanceled, octo.StatusFailed:
		return n.outcome(ev, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusWaitingForCapture, octo.StatusPending:
	}
	n.origin, n.polls = o, 0
	return n.read(Resolving, ev, pollFirst)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
