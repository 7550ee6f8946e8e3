// Package flows holds the rules of money: the console's payment workflows
// as pure state machines (sale and hold with a card or a saved token,
// capture, cancel, refund, status checks, card binding), and the plain
// data the journal keeps of them (Record, Transition, Report, Shift,
// Movement, …) behind the Store interface the rest of the program uses.
// It does no I/O: the journals are in flows/journal (SQLite, PostgreSQL),
// the runner, reconcile and the notification listener in flows/run.
//
// A flow is a value with a typed state. Handle(event) returns the next value
// and the effects to run, as data; a run.Runner executes them against OCTO
// and the journal and hands the outcome back as the next event. Flows never
// do HTTP and never read the clock: times arrive inside events.
//
// A payment moves like this (every move is journaled before the request it
// leads to is sent):
//
//	draft → preparing → paying ─┬→ verifying → awaiting_otp ⇄ checking_otp / resending_otp / otp_expired
//	                            └→ awaiting_3ds (status reads)
//	draft → preparing → awaiting_page (OCTO's page takes the card on the customer's phone; status reads)
//	    … → held → capturing / canceling → succeeded / canceled
//	    … → succeeded ⇄ refunding
//	    any request whose answer was lost → resolving (status reads only, never re-sent)
//	    final: succeeded, declined, canceled, failed (nothing sent or nothing charged)
//
// A UI drives a flow one event at a time: Handle, then run the effects in
// order in a tea.Cmd (run.Runner.RunAll) and feed the resulting event back.
// Tests and tools use run.Drive, which loops until the flow needs the cashier.
package flows

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Gateway is what the flows need from OCTO; *octo.Client satisfies it.
type Gateway interface {
	PreparePayment(ctx context.Context, p octo.PrepareParams) (*octo.PaymentInfo, error)
	Status(ctx context.Context, shopTransactionID string) (*octo.PaymentInfo, error)
	Pay(ctx context.Context, p octo.PayParams) (*octo.Payment, error)
	VerificationInfo(ctx context.Context, paymentUUID string) (*octo.Verification, error)
	CheckSMSKey(ctx context.Context, p octo.CheckSMSKeyParams) (*octo.Payment, error)
	ResendOTP(ctx context.Context, p octo.ResendOTPParams) (*octo.Verification, error)
	Capture(ctx context.Context, paymentUUID string, finalAmount decimal.Decimal) (*octo.PaymentInfo, error)
	Cancel(ctx context.Context, paymentUUID string) (*octo.PaymentInfo, error)
	Refund(ctx context.Context, p octo.RefundParams) (*octo.Refund, error)
	BindCard(ctx context.Context, p octo.BindCardParams) (*octo.Binding, error)
	ConfirmBinding(ctx context.Context, p octo.ConfirmBindingParams) (*octo.Binding, error)
	BlockCardToken(ctx context.Context, token string) (octo.TokenStatus, error)
}

// State is where a payment is in its workflow.
type State string

// The payment states. Final states are Succeeded, Declined, Canceled and
// Failed; a Succeeded payment still accepts refunds.
const (
	Draft        State = "draft"         // built, nothing sent
	Preparing    State = "preparing"     // prepare_payment in flight
	Paying       State = "paying"        // pay in flight
	Verifying    State = "verifying"     // verificationInfo in flight
	AwaitingOTP  State = "awaiting_otp"  // the customer's code is needed
	CheckingOTP  State = "checking_otp"  // check_sms_key in flight
	ResendingOTP State = "resending_otp" // check_pan in flight
	OTPExpired   State = "otp_expired"   // the code session ran out: resend or start over
	Awaiting3DS  State = "awaiting_3ds"  // the customer is on the 3-D Secure page; status reads until the outcome
	AwaitingPage State = "awaiting_page" // the customer pays on OCTO's page (octo_pay_url); status reads until the outcome
	Held         State = "held"          // waiting_for_capture: capture or cancel
	Capturing    State = "capturing"     // set_accept capture in flight
	Canceling    State = "canceling"     // set_accept cancel in flight
	Refunding    State = "refunding"     // refund in flight
	Resolving    State = "resolving"     // outcome unknown: reading the status, never re-sending
	Succeeded    State = "succeeded"     // paid (sale) or captured (hold); refunds possible
	Declined     State = "declined"      // the card, the issuer or OCTO refused; nothing charged
	Canceled     State = "canceled"      // the hold was canceled or expired; the money was released
	Failed       State = "failed"        // stopped before any charge (OCTO unreachable, refused the request)
)

// Final reports whether the workflow is over (a Succeeded payment can still
// be refunded, which starts again from Succeeded).
func (s State) Final() bool {
	switch s {
	case Succeeded, Declined, Canceled, Failed:
		return true
	case Draft, Preparing, Paying, Verifying, AwaitingOTP, CheckingOTP, ResendingOTP,
		OTPExpired, Awaiting3DS, AwaitingPage, Held, Capturing, Canceling, Refunding, Resolving:
	}
	return false
}

// InFlight reports whether a request to OCTO is outstanding in this state:
// the console must not quit then.
func (s State) InFlight() bool {
	switch s {
	case Preparing, Paying, Verifying, CheckingOTP, ResendingOTP, Capturing, Canceling, Refunding, Resolving, Awaiting3DS,
		AwaitingPage:
		return true
	case Draft, AwaitingOTP, OTPExpired, Held, Succeeded, Declined, Canceled, Failed:
	}
	return false
}

// Label is the state in a cashier's words.
func (s State) Label() string {
	switch s {
	case Draft:
		return "New"
	case Preparing:
		return "Creating the payment"
	case Paying:
		return "Sending the card"
	case Verifying:
		return "Asking for a code"
	case AwaitingOTP:
		return "Waiting for the SMS code"
	case CheckingOTP:
		return "Checking the code"
	case ResendingOTP:
		return "Sending a new code"
	case OTPExpired:
		return "Code expired"
	case Awaiting3DS:
		return "Waiting for 3-D Secure"
	case AwaitingPage:
		return "Waiting for the customer's phone"
	case Held:
		return "Held — capture or cancel"
	case Capturing:
		return "Capturing"
	case Canceling:
		return "Canceling"
	case Refunding:
		return "Refunding"
	case Resolving:
		return "Checking with OCTO"
	case Succeeded:
		return "Paid"
	case Declined:
		return "Declined"
	case Canceled:
		return "Canceled"
	case Failed:
		return "Not sent"
	}
	return string(s)
}

// ErrNotAllowed is what Handle's error wraps when the event is not allowed
// in the flow's state (the error names both); screens tell it, with
// errors.Is, from a refused value such as a capture amount.
var ErrNotAllowed = errors.New("not allowed")

// Kind says whether a payment is one-stage or two-stage.
type Kind string

// The two payment kinds.
const (
	Sale Kind = "sale" // one-stage: auto_capture true
	Hold Kind = "hold" // two-stage: a hold, then capture or cancel
)

// Action is something the cashier can do now; screens enable buttons by it.
type Action string

// The cashier's actions.
const (
	ActStart      Action = "start"       // send the payment
	ActSubmitCode Action = "submit_code" // send the SMS code
	ActResendCode Action = "resend_code" // ask for a new code (card payments only)
	ActCapture    Action = "capture"     // capture the hold, fully or partly
	ActCancel     Action = "cancel"      // cancel the hold
	ActRefund     Action = "refund"      // refund a paid payment, fully or partly
	ActCheck      Action = "check"       // read the status from OCTO now
	ActOpen3DS    Action = "open_3ds"    // show the 3-D Secure page (RedirectURL) to the customer
	ActNew        Action = "new"         // start a new payment (this one is over)
	ActBlock      Action = "block"       // block a saved card token
)

// Input is what a workflow waits for from the cashier or the customer.
type Input string

// The inputs a workflow can wait for.
const (
	NeedNothing  Input = ""              // working or over
	NeedStart    Input = "start"         // confirm to send
	NeedOTP      Input = "otp"           // the customer's SMS code
	NeedResend   Input = "resend"        // the code expired: resend or start over
	NeedCustomer Input = "customer_3ds"  // the customer completes 3-D Secure on RedirectURL
	NeedPage     Input = "customer_page" // the customer pays on OCTO's page (PayURL), by QR on their phone
	NeedDecision Input = "decision"      // capture (full or partial) or cancel the hold
)

// NewShopTransactionID returns a fresh idempotency key for one payment
// attempt: "oc-" and 24 hex digits from crypto/rand.
func NewShopTransactionID() string { return "oc-" + randomHex(12) }

// NewShopRefundID returns a fresh idempotency key for one refund.
func NewShopRefundID() string { return "rf-" + randomHex(12) }

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand does not fail on supported platforms (Go 1.24+ panics inside Read instead).
		panic(fmt.Sprintf("flows: crypto/rand: %v", err))
	}
	return hex.EncodeToString(b)
}

// MethodOf reads OCTO's payment method from a card number's BIN:
// 8600/5614 Uzcard, 9860 Humo, anything else a bank card (Visa, Mastercard).
func MethodOf(pan string) octo.Method {
	switch {
	case strings.HasPrefix(pan, "8600"), strings.HasPrefix(pan, "5614"):
		return octo.MethodUzcard
	case strings.HasPrefix(pan, "9860"):
		return octo.MethodHumo
	}
	return octo.MethodBankCard
}

// MaskPAN shows at most the first 6 and the last 4 digits: "860000******0015".
func MaskPAN(pan string) string {
	if len(pan) < 10 {
		return strings.Repeat("*", len(pan))
	}
	return pan[:6] + strings.Repeat("*", len(pan)-10) + pan[len(pan)-4:]
}

func mask64(first6, last4 string) string {
	if first6 == "" && last4 == "" {
		return ""
	}
	return first6 + "******" + last4
}

// The OCTO client is the production Gateway.
var _ Gateway = (*octo.Client)(nil)
