package flows

import (
	"errors"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Handle is the payment's state machine: the next value, the effects to
// run in order, or an error naming the state and the event when the event
// is not allowed now. It never panics and never reads the clock.
//
// As etcd's raft splits Step by role, Handle does what every state shares
// (a tick, a failed journal write) and hands the event to the step of the
// state's group: creating, code, customer, hold, paid, resolving or final.
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
		return p.journalFailed(n, e), nil, nil
	}
	switch p.State {
	case Draft, Preparing, Paying, Verifying:
		return p.handleCreating(n, ev)
	case AwaitingOTP, OTPExpired, CheckingOTP, ResendingOTP:
		return p.handleCode(n, ev)
	case Awaiting3DS, AwaitingPage:
		return p.handleCustomer(n, ev)
	case Held, Capturing, Canceling:
		return p.handleHold(n, ev)
	case Succeeded, Refunding:
		return p.handlePaid(n, ev)
	case Resolving:
		return p.handleResolving(n, ev)
	case Declined, Canceled, Failed:
		return p.handleFinal(ev)
	}
	return p.unhandled(ev)
}

// journalFailed: the journal write before a request failed, so the request
// was never sent and the payment goes back to where it was asked from.
func (p Payment) journalFailed(n Payment, e JournalFailed) Payment {
	n.Problem = problem(ProblemJournalUnsent, errProblem(e.Err))
	if p.back != "" {
		n.State = p.back
	}
	if p.State == Refunding && !p.refundRetry {
		n.refundID, n.refundAmount = "", decimal.Zero // a new refund, never sent: nothing pending
	}
	if p.State == Capturing {
		n.capturing = decimal.Zero // the capture was never sent
	}
	return n
}

// unhandled is an event no step took: a late answer or a stale status
// read changes nothing; anything else is not allowed now.
func (p Payment) unhandled(ev Event) (Payment, []Effect, error) {
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

// handleCreating steps a payment being created and sent: prepare_payment,
// pay and the verification that follows it.
func (p Payment) handleCreating(n Payment, ev Event) (Payment, []Effect, error) {
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
	}
	return p.unhandled(ev)
}

// handleCode steps a payment waiting for the customer's SMS code, checking
// it or sending a new one.
func (p Payment) handleCode(n Payment, ev Event) (Payment, []Effect, error) {
	switch p.State {
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
			n.back, n.Problem = p.State, Problem{}
			return n.call(CheckingOTP, ev, "", CallCheckSMSKey{Params: octo.CheckSMSKeyParams{
				PaymentID: p.PaymentID, VerifyID: p.VerifyID, Code: e.Code}})
		case ResendCode:
			if !p.canResend() {
				break
			}
			n.back, n.Problem = p.State, Problem{}
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
			return p.codeResent(n, e)
		}
	}
	return p.unhandled(ev)
}

// codeResent applies the answer to resend_otp: a new code session, or back
// to where the resend was asked from with what went wrong.
func (p Payment) codeResent(n Payment, e CodeResent) (Payment, []Effect, error) {
	if e.Err != nil {
		n.Problem = refusal(e.Err, notProvided)
		if errors.Is(e.Err, octo.ErrResendLimit) {
			n.ResendsLeft = 0
		} else if octo.MayHaveReached(e.Err) {
			n.Problem = problem(ProblemResendLost)
		}
		back := p.back // where the resend was asked from
		if back != AwaitingOTP || n.OTPDeadline.IsZero() {
			back = OTPExpired
		}
		return n.to(back, e, "resend failed")
	}
	n.ResendsLeft--
	return n.verified(e, e.Verification, e.At, nil, ResendingOTP)
}

// handleCustomer steps a payment the customer finishes away from the
// counter: on the bank's 3-D Secure page or on OCTO's own page.
func (p Payment) handleCustomer(n Payment, ev Event) (Payment, []Effect, error) {
	if p.State == AwaitingPage {
		return n.onPage(ev)
	}
	switch e := ev.(type) {
	case StatusAnswered:
		return n.observed(e)
	case Check, Notified:
		return n.read(Awaiting3DS, ev, 0)
	}
	return p.unhandled(ev)
}

// handleHold steps a hold: held, its capture or its cancel in flight.
func (p Payment) handleHold(n Payment, ev Event) (Payment, []Effect, error) {
	switch p.State {
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
			n.back, n.capturing, n.Problem = Held, amt, Problem{}
			return n.call(Capturing, ev, "capture "+amt.StringFixed(2), CallCapture{PaymentUUID: p.PaymentUUID, Amount: amt})
		case Cancel:
			n.back, n.Problem = Held, Problem{}
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
	}
	return p.unhandled(ev)
}

// handlePaid steps a paid payment: its refunds.
func (p Payment) handlePaid(n Payment, ev Event) (Payment, []Effect, error) {
	if p.State == Refunding {
		if e, ok := ev.(RefundAnswered); ok {
			return n.refunded(e)
		}
		return p.unhandled(ev)
	}
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
	return p.unhandled(ev)
}

// handleResolving steps a payment whose outcome is read from OCTO's status.
func (p Payment) handleResolving(n Payment, ev Event) (Payment, []Effect, error) {
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
	return p.unhandled(ev)
}

// handleFinal: late or duplicated news about a finished payment changes
// nothing; anything else is not allowed.
func (p Payment) handleFinal(ev Event) (Payment, []Effect, error) {
	switch ev.(type) {
	case Notified, StatusAnswered:
		return p, nil, nil
	}
	return p.unhandled(ev)
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
