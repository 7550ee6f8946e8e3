package flows

import (
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Effect is work a flow asks for, as data. Effects returned by one Handle
// run in order, one after the other: a Journal effect always comes before
// the request it records, and if it fails the request is not sent (the
// Runner answers JournalFailed instead). At most one effect per Handle is a
// request to OCTO, and it is the last.
type Effect interface{ EffectName() string }

// Journal appends a transition to the journal and stores the payment's
// current record. It never contains card data or codes.
type Journal struct {
	Record     Record
	Transition Transition
}

// JournalBinding stores a card binding's record (masked card, customer,
// state); it comes before bind_card and its code, as Journal does for a payment.
type JournalBinding struct{ Record BindingRecord }

// JournalToken stores a saved card token (masked card, customer) or its new status.
type JournalToken struct{ Token SavedToken }

// CallPrepare creates the payment (prepare_payment).
type CallPrepare struct{ Params octo.PrepareParams }

// CallPay pays with card data or a token. It carries the card in memory only.
type CallPay struct{ Params octo.PayParams }

// CallVerificationInfo reads the OTP session of a payment or a binding.
type CallVerificationInfo struct{ PaymentUUID string }

// CallCheckSMSKey sends the customer's code. The code lives only here.
type CallCheckSMSKey struct{ Params octo.CheckSMSKeyParams }

// CallResendOTP asks for a new code (check_pan); carries the PAN in memory only.
type CallResendOTP struct{ Params octo.ResendOTPParams }

// CallCapture captures a hold for Amount (set_accept capture).
type CallCapture struct {
	PaymentUUID string
	Amount      decimal.Decimal
}

// CallCancel cancels a hold (set_accept cancel).
type CallCancel struct{ PaymentUUID string }

// CallRefund refunds; Params.ShopRefundID is stored in the journal first.
type CallRefund struct{ Params octo.RefundParams }

// ReadStatus reads the payment's status after waiting After (zero: now).
// It is also the flows' only timer: 3-D Secure and unknown outcomes are
// polled with it at OCTO's allowed pace (at most one read a second).
type ReadStatus struct {
	ShopTransactionID string
	After             time.Duration
	Seq               int // echoed in StatusAnswered: only the latest read keeps a poll going
	// WithCard asks for the card OCTO's notifications reported as well: a
	// payment paid on OCTO's page, whose card the console never saw.
	WithCard bool
}

// CallBindCard starts a card binding; carries the card in memory only.
type CallBindCard struct{ Params octo.BindCardParams }

// CallConfirmBinding sends the binding's SMS code.
type CallConfirmBinding struct{ Params octo.ConfirmBindingParams }

// CallBlockToken blocks a saved card token.
type CallBlockToken struct{ Token string }

func (Journal) EffectName() string              { return "journal" }
func (JournalToken) EffectName() string         { return "journal_token" }
func (JournalBinding) EffectName() string       { return "journal_binding" }
func (CallPrepare) EffectName() string          { return "prepare_payment" }
func (CallPay) EffectName() string              { return "pay" }
func (CallVerificationInfo) EffectName() string { return "verification_info" }
func (CallCheckSMSKey) EffectName() string      { return "check_sms_key" }
func (CallResendOTP) EffectName() string        { return "check_pan" }
func (CallCapture) EffectName() string          { return "capture" }
func (CallCancel) EffectName() string           { return "cancel" }
func (CallRefund) EffectName() string           { return "refund" }
func (ReadStatus) EffectName() string           { return "read_status" }
func (CallBindCard) EffectName() string         { return "bind_card" }
func (CallConfirmBinding) EffectName() string   { return "confirm_binding" }
func (CallBlockToken) EffectName() string       { return "block_card_token" }
