package flows

import (
	"errors"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// How a payment ends: the outcome OCTO's status gives, the status reads
// that settle an unknown one, refunds, and captures or cancels settled.

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
			n.Problem = Problem{}
		}
		n.AttemptsLeft, n.OTPDeadline = 0, time.Time{}
		return n.to(Succeeded, ev, "")
	case octo.StatusWaitingForCapture:
		n.held = true
		n.AttemptsLeft, n.OTPDeadline = 0, time.Time{}
		if n.State != Held {
			n.Problem = Problem{}
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
				n.Problem = Problem{} // the cashier's own cancel; an expiry keeps its explanation
			}
			return n.to(Canceled, ev, string(st))
		}
		switch {
		case n.Hosted:
			n.Problem = n.pageEnded(ev, st)
		case n.origin == fromWrongCode && n.AttemptsLeft == 0:
			n.Problem = problem(ProblemThreeWrongCodes)
		case !n.refusal.IsZero() && n.origin != fromCodeError:
			n.Problem = problem(ProblemDeclinedWhy, n.refusal)
		case st == octo.StatusFailed && (n.State == Awaiting3DS || (n.State == Resolving && n.restoredFrom == Awaiting3DS)):
			// OCTO's status says only "failed": what failed is the step
			// the customer was on, the bank's 3-D Secure page. A payment
			// canceled there (its time ran out: the customer walked away)
			// did not fail the bank's check, so it is not said to.
			n.Problem = problem(ProblemThreeDSFailed)
		default:
			n.Problem = problem(ProblemDeclined)
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
			n.Problem = problem(ProblemHoldExpired)
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
				n.Problem = problem(ProblemNoSuchPayment)
				return n.to(Failed, e, errText(e.Err))
			}
			if errors.As(e.Err, &oe) && n.Kind == "" {
				n.Problem = problem(ProblemUnknownPayment, Words(oe.Message))
				return n, nil, nil
			}
			n.Problem = problem(ProblemCheckFailed, refusal(e.Err, notProvided))
			return n, nil, nil
		}
		n.Problem = problem(ProblemNoAnswerAgain)
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
			n.Problem = problem(ProblemCaptureFailed)
		case fromCancel:
			n.Problem = problem(ProblemCancelFailed)
		case fromPay, fromCheck, fromWrongCode, fromCodeError, fromRefund, fromHold, fromRestore:
			n.Problem = Problem{}
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
			n.Problem = problem(ProblemHoldExpired)
		}
		return n.outcome(e, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusPending:
	}
	n.OCTOStatus = in.Status
	switch {
	case n.origin == fromCodeError:
		n.Problem, n.refusal = problem(ProblemEnterCodeAgain, n.refusal), Problem{}
		return n.to(AwaitingOTP, e, "code not checked")
	case n.origin == fromWrongCode && n.AttemptsLeft > 0:
		n.Problem, n.refusal = problem(ProblemWrongCodeLeft, attemptsLeft(n.AttemptsLeft)), Problem{}
		return n.to(AwaitingOTP, e, "wrong code")
	case n.origin == fromCheck && n.polls >= checkGrace && n.PaymentID != 0:
		n.Problem = problem(ProblemCodeNotTaken)
		return n.call(Verifying, e, "", CallVerificationInfo{PaymentUUID: n.PaymentUUID})
	case n.origin == fromPay && n.internal && in.Status == octo.StatusCreated:
		// pay was refused with an internal error and OCTO still waits for
		// a card: nothing was charged, and OCTO expires it at its ttl.
		n.Problem = problem(ProblemPayInternal)
	case n.origin == fromPay && n.Method.NeedsOTP() && n.PaymentID == 0:
		n.Problem = problem(ProblemPayAnswerLost)
	case n.origin == fromRestore && n.Hosted:
		return n.restoredPage(e)
	case n.origin == fromRestore:
		if n.PaymentID != 0 && n.Method.NeedsOTP() && n.PaymentUUID != "" {
			// The OTP session survives a restart: ask for the code again.
			n.AttemptsLeft, n.Problem = MaxAttempts, problem(ProblemResumed)
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
		n.refundedFirst, n.back, n.Problem, n.refundRetry = n.Refunded, Succeeded, Problem{}, true
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
	n.refundAmount, n.refundedFirst, n.back, n.Problem = amt, n.Refunded, Succeeded, Problem{}
	return n.call(Refunding, ev, "refund "+amt.StringFixed(2)+" "+n.refundID, CallRefund{Params: octo.RefundParams{
		PaymentUUID: n.PaymentUUID, ShopRefundID: n.refundID, Amount: amt}})
}

func (n Payment) refunded(e RefundAnswered) (Payment, []Effect, error) {
	if e.Err != nil || e.Refund == nil {
		if octo.MayHaveReached(e.Err) || errors.Is(e.Err, octo.ErrInternal) {
			n.Problem, n.origin, n.polls = problem(ProblemRefundNoAnswer), fromRefund, 0
			return n.read(Resolving, e, pollFirst)
		}
		n.Problem = refusal(e.Err, notRefunded)
		n.refundID, n.refundAmount = "", decimal.Zero
		return n.to(Succeeded, e, errText(e.Err))
	}
	switch e.Refund.Status {
	case octo.RefundSucceeded:
		n.Refunded = n.refundedFirst.Add(n.refundAmount)
		n.refundID, n.refundAmount, n.Problem = "", decimal.Zero, Problem{}
		return n.to(Succeeded, e, "refund "+e.Refund.RefundID)
	case octo.RefundFailed, octo.RefundError, octo.RefundCanceled:
		n.Problem = problem(ProblemRefundRefused, Words(string(e.Refund.Status)))
		n.refundID, n.refundAmount = "", decimal.Zero
		return n.to(Succeeded, e, string(e.Refund.Status))
	case octo.RefundNew, octo.RefundPending, octo.RefundUnknown, octo.RefundOK:
	}
	n.Problem, n.origin, n.polls = problem(ProblemRefundProcessing), fromRefund, 0
	return n.read(Resolving, e, pollFirst)
}

func (n Payment) refundResolved(e StatusAnswered, in *octo.PaymentInfo) (Payment, []Effect, error) {
	n.OCTOStatus = in.Status
	if in.RefundedSum.GreaterThanOrEqual(n.refundedFirst.Add(n.refundAmount)) {
		n.Refunded = in.RefundedSum
		n.refundID, n.refundAmount, n.Problem = "", decimal.Zero, Problem{}
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
			n.Problem, n.origin, n.polls = problem(ProblemNoAnswerChecking), o, 0
			return n.read(Resolving, ev, pollFirst)
		}
		if errors.Is(err, octo.ErrInternal) {
			// An internal error proves nothing: the capture or cancel may
			// have been done. The status decides; the amount asked stays.
			n.Problem, n.origin, n.polls, n.internal = problem(ProblemInternalChecking), o, 0, true
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
