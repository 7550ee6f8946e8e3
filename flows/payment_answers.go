package flows

import (
	"errors"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// A payment's answers: what OCTO said to each request (prepare_payment,
// pay, verificationInfo, check_sms_key) and what may come while one is
// still out (a status read, a signed notification).

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

func (n Payment) prepared(e Prepared) (Payment, []Effect, error) {
	if e.Err != nil || e.Info == nil {
		// Without pay nothing can be charged, whatever happened to the request.
		n.Problem = refusal(e.Err, notProvided)
		if octo.MayHaveReached(e.Err) || e.Err == nil {
			n.Problem = problem(ProblemUnreachable, problem(ProblemNothingCharged))
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
			n.Problem, n.origin, n.polls = problem(ProblemNoAnswerChecking), fromPay, 0
			return n.read(Resolving, e, pollFirst)
		}
		if errors.Is(e.Err, octo.ErrInternal) {
			// OCTO's internal error proves nothing about the card: the
			// status says whether pay went through.
			n.Problem, n.origin, n.polls, n.internal = problem(ProblemInternalChecking), fromPay, 0, true
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
		n.Problem = problem(ProblemSessionStatusNew)
		if n.canResend() {
			n.Problem = problem(ProblemSessionResend)
		}
		if err != nil {
			n.Problem = problem(withCause[n.Problem.Code], refusal(err, notProvided))
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
		n.Problem = Problem{}
	}
	return n.to(AwaitingOTP, ev, fmt.Sprintf("secondsLeft %d", v.SecondsLeft))
}

func (n Payment) codeChecked(e CodeChecked) (Payment, []Effect, error) {
	if e.Err != nil || e.Payment == nil {
		var oe *octo.Error
		switch {
		case octo.MayHaveReached(e.Err):
			n.Problem, n.origin, n.polls = problem(ProblemNoAnswerChecking), fromCheck, 0
			return n.read(Resolving, e, pollFirst)
		case errors.Is(e.Err, octo.ErrInternal) || errors.Is(e.Err, octo.ErrAuth) || errors.Is(e.Err, octo.ErrFormat):
			// Not about the code: no attempt used; the status read tells whether anything happened.
			n.refusal = refusal(e.Err, notProvided)
			n.Problem, n.origin, n.polls = problem(ProblemCheckingCode), fromCodeError, 0
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
			n.refusal = Words(oe.Message)
			n.Problem, n.origin, n.polls = problem(ProblemCheckingCode), fromWrongCode, 0
			return n.read(Resolving, e, pollFirst)
		}
		n.Problem = problem(ProblemCodeNotSent)
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
