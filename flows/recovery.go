package flows

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
)

// RefundInFlight is how long after a refund was sent it may still reach
// OCTO: longer than a request's timeout (octo.timeout, 30 s by default)
// with room for OCTO to act on it. A status read later than that which
// shows the refunded sum unchanged means OCTO never got the refund: it
// may be sent again, with the same shop_refund_id (OCTO refunds one id
// once), when the cashier confirms.
const RefundInFlight = 2 * time.Minute

// ActRefundAgain sends an unconfirmed refund again with its own
// shop_refund_id, once OCTO's status shows it never arrived.
const ActRefundAgain Action = "refund_again"

// PendingRefund is the amount of a refund sent whose outcome is not known
// (zero when none), and whether OCTO's status showed it never arrived, so
// that it can be sent again (Refund with this amount).
func (p Payment) PendingRefund() (amount decimal.Decimal, lost bool) {
	if p.refundID == "" {
		return decimal.Zero, false
	}
	return p.refundAmount, p.refundLost
}

// refundUnconfirmed ends the reads of a refund whose outcome OCTO's status
// does not show. When the read came RefundInFlight or more after the
// refund was sent, the refund cannot still be on its way: OCTO never got
// it, and the cashier is offered to send it again (same shop_refund_id).
func (n Payment) refundUnconfirmed(e StatusAnswered) (Payment, []Effect, error) {
	if n.refundSent.IsZero() || e.At.IsZero() || e.At.Sub(n.refundSent) < RefundInFlight {
		n.Problem = problem(ProblemRefundUnconfirmed)
		return n.to(Succeeded, e, "refund unconfirmed")
	}
	n.refundLost = true
	n.Problem = problem(ProblemRefundNeverArrived, Words(n.refundAmount.StringFixed(2)))
	return n.to(Succeeded, e, "refund never reached OCTO")
}

// Reopen is Restore for a payment the cashier opens on the counter's
// screen (from History or the open holds). A payment on the customer's
// phone that OCTO still shows waiting goes back to its page after the
// first status read, with the link and the time left the journal kept,
// and is read at OCTO's pace until the customer pays or the page expires.
// Restore alone stops after one read: a restart or a shift's check must
// never wait on a customer.
func Reopen(r Record) Payment {
	p := Restore(r)
	p.reopened = true
	return p
}

// restoredWaiting words a payment restored after a restart that OCTO
// still shows unpaid (created) or waiting for the customer
// (wait_user_action) when the code cannot be asked for here: pay's answer,
// with the payment's numeric id check_sms_key needs, was lost with the
// console, or the customer is on 3-D Secure. Never a bare "unknown": it
// says what is charged (nothing yet) and when OCTO cancels it, when that
// is known (Expires).
func (n Payment) restoredWaiting(st octo.Status) Problem {
	at, later := ProblemRestoredCustomer, ProblemRestoredCustTTL
	switch {
	case st == octo.StatusCreated:
		at, later = ProblemRestoredNoCard, ProblemRestoredNoCardTTL
	case n.Method.NeedsOTP():
		at, later = ProblemRestoredNoCode, ProblemRestoredNoCodeTTL
	}
	if n.Expires.IsZero() {
		return problem(later)
	}
	return problem(at, Words(n.Expires.Format("15:04")))
}

// canLeaveRestored reports whether a restored payment can only end by
// OCTO's expiry (no code can be sent from here): a new one may be started.
func (p Payment) canLeaveRestored() bool {
	if p.origin != fromRestore || p.PaymentID != 0 {
		return false
	}
	return p.OCTOStatus == octo.StatusCreated || (p.OCTOStatus == octo.StatusWaitUserAction && p.Method.NeedsOTP())
}
