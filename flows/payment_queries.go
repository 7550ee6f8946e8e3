package flows

import (
	"fmt"
	"math"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// What a payment allows and shows now: the events it takes, the
// cashier's actions, the code's and the hold's time left, what can be
// refunded, and its printable form without card data.

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

func (p Payment) expiredText() Problem {
	if p.canResend() {
		return problem(ProblemCodeExpired)
	}
	return problem(ProblemCodeExpiredNoResend)
}

func (p Payment) canResend() bool {
	return p.card != nil && p.ResendsLeft > 0 && p.PaymentID != 0
}
