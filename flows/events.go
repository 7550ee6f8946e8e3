package flows

import (
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Event is an input to a flow: a cashier's action, a clock tick, or the
// outcome of an effect as a Runner reports it.
type Event interface{ EventName() string }

// Cashier and clock events.
type (
	// Start sends a Draft payment (or binding).
	Start struct{}
	// SubmitCode sends the customer's SMS code. At is the caller's
	// monotonic now; a code submitted at or after the deadline is not sent.
	SubmitCode struct {
		Code string
		At   time.Time
	}
	// ResendCode asks OCTO for a new code (check_pan; card payments only).
	ResendCode struct{}
	// Capture captures a hold. A zero Amount captures it in full; a smaller
	// one captures part and releases the rest.
	Capture struct{ Amount decimal.Decimal }
	// Cancel cancels a hold: the whole amount is released.
	Cancel struct{}
	// Refund refunds a paid payment. A zero Amount refunds all that
	// remains. Min is the shop's smallest refund ([octo] refund_min, OCTO's
	// 1 USD equivalent); zero means DefaultRefundMin for the currency.
	Refund struct {
		Amount decimal.Decimal
		Min    decimal.Decimal
	}
	// Check reads the payment's status now.
	Check struct{}
	// Tick tells the flow the time: OTP and hold deadlines pass on it.
	Tick struct{ Now time.Time }
	// Notified is a notification from OCTO about this payment: a hint that
	// triggers a status read, never believed by itself.
	Notified struct{ Status octo.Status }
	// TokenNotified is a bind notification: the card token and its status.
	TokenNotified struct {
		Token  string
		Status octo.TokenStatus
	}
)

// Outcome events: a Runner's answer to an effect.
type (
	// Prepared answers CallPrepare. At is when the answer arrived (a
	// payment paid on OCTO's page expires its ttl after it).
	Prepared struct {
		Info *octo.PaymentInfo
		At   time.Time
		Err  error
	}
	// PayAnswered answers CallPay. At is when the answer arrived (a hold
	// whose expiry OCTO does not give is dated from it).
	PayAnswered struct {
		Payment *octo.Payment
		At      time.Time
		Err     error
	}
	// VerificationAnswered answers CallVerificationInfo (and a binding's).
	// At is when the answer arrived, on the caller's monotonic clock: the
	// OTP countdown is anchored on it.
	VerificationAnswered struct {
		Verification *octo.Verification
		At           time.Time
		Err          error
	}
	// CodeChecked answers CallCheckSMSKey. At is when the answer arrived.
	CodeChecked struct {
		Payment *octo.Payment
		At      time.Time
		Err     error
	}
	// CodeResent answers CallResendOTP.
	CodeResent struct {
		Verification *octo.Verification
		At           time.Time
		Err          error
	}
	// CaptureAnswered answers CallCapture.
	CaptureAnswered struct {
		Info *octo.PaymentInfo
		Err  error
	}
	// CancelAnswered answers CallCancel.
	CancelAnswered struct {
		Info *octo.PaymentInfo
		Err  error
	}
	// RefundAnswered answers CallRefund.
	RefundAnswered struct {
		Refund *octo.Refund
		Err    error
	}
	// StatusAnswered answers ReadStatus; Seq is the ReadStatus's. Card is
	// the masked card OCTO's latest verified notification about the
	// payment reported, for a ReadStatus WithCard (OCTO's status read
	// gives no card).
	StatusAnswered struct {
		Info *octo.PaymentInfo
		At   time.Time
		Seq  int
		Card string
		Err  error
	}
	// BindAnswered answers CallBindCard.
	BindAnswered struct {
		Binding *octo.Binding
		Err     error
	}
	// BindingConfirmed answers CallConfirmBinding.
	BindingConfirmed struct {
		Binding *octo.Binding
		Err     error
	}
	// TokenBlocked answers CallBlockToken.
	TokenBlocked struct {
		Status octo.TokenStatus
		Err    error
	}
	// JournalFailed says a Journal effect could not be written; the effects
	// after it (the request it guarded) were not run.
	JournalFailed struct{ Err error }
)

func (Start) EventName() string                { return "start" }
func (SubmitCode) EventName() string           { return "submit_code" }
func (ResendCode) EventName() string           { return "resend_code" }
func (Capture) EventName() string              { return "capture" }
func (Cancel) EventName() string               { return "cancel" }
func (Refund) EventName() string               { return "refund" }
func (Check) EventName() string                { return "check" }
func (Tick) EventName() string                 { return "tick" }
func (Notified) EventName() string             { return "notified" }
func (TokenNotified) EventName() string        { return "token_notified" }
func (Prepared) EventName() string             { return "prepared" }
func (PayAnswered) EventName() string          { return "pay_answered" }
func (VerificationAnswered) EventName() string { return "verification_answered" }
func (CodeChecked) EventName() string          { return "code_checked" }
func (CodeResent) EventName() string           { return "code_resent" }
func (CaptureAnswered) EventName() string      { return "capture_answered" }
func (CancelAnswered) EventName() string       { return "cancel_answered" }
func (RefundAnswered) EventName() string       { return "refund_answered" }
func (StatusAnswered) EventName() string       { return "status_answered" }
func (BindAnswered) EventName() string         { return "bind_answered" }
func (BindingConfirmed) EventName() string     { return "binding_confirmed" }
func (TokenBlocked) EventName() string         { return "token_blocked" }
func (JournalFailed) EventName() string        { return "journal_failed" }
