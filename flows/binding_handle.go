package flows

import (
	"errors"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// Handle is the binding's state machine. As Payment.Handle, it does what
// every state shares (a tick, a failed journal write, a binding restored
// after a restart) and hands the event to the step of the state's group:
// card, code, waiting, token or final.
func (b Binding) Handle(ev Event) (Binding, []Effect, error) {
	n := b
	n.back = ""
	if ev == nil {
		return b, nil, errors.New("flows: nil event")
	}
	if e, ok := ev.(Tick); ok {
		if b.State == BindAwaitingOTP && !b.OTPDeadline.IsZero() && !e.Now.Before(b.OTPDeadline) {
			n.State, n.Problem = BindFailed, problem(ProblemBindCodeExpired)
			return n, n.journaled(), nil
		}
		return n, nil, nil
	}
	if e, ok := ev.(JournalFailed); ok {
		n.Problem = problem(ProblemJournal, errProblem(e.Err))
		if b.back != "" {
			n.State = b.back
			n.Problem.Code = ProblemJournalUnsent
		}
		return n, nil, nil
	}
	if b.restored {
		switch e := ev.(type) {
		case Check:
			return n.poll(0)
		case StatusAnswered:
			return n.reconciled(e)
		case TokenNotified:
			return n.tokenNotified(e)
		}
	}
	switch b.State {
	case BindDraft, BindSending, BindVerifying:
		return b.handleCard(n, ev)
	case BindAwaitingOTP, BindConfirming:
		return b.handleCode(n, ev)
	case BindWaiting:
		return b.handleWaiting(n, ev)
	case BindBound, BindBlocking:
		return b.handleToken(n, ev)
	case BindBlocked, BindFailed:
		switch ev.(type) {
		case TokenNotified, StatusAnswered, Notified:
			return b, nil, nil
		}
	}
	return b.unhandled(ev)
}

// unhandled is an event no step took: a stale status read changes
// nothing; anything else is not allowed now.
func (b Binding) unhandled(ev Event) (Binding, []Effect, error) {
	if _, ok := ev.(StatusAnswered); ok {
		return b, nil, nil
	}
	return b, nil, fmt.Errorf("flows: binding in state %s: event %s %w", b.State, ev.EventName(), ErrNotAllowed)
}

// handleCard steps the card on its way to OCTO: bind_card and the code
// session that follows it.
func (b Binding) handleCard(n Binding, ev Event) (Binding, []Effect, error) {
	switch b.State {
	case BindDraft:
		if _, ok := ev.(Start); ok {
			// Journaled first: the attempt's shop_transaction_id is what
			// resolves a lost answer (the authorization is read by it).
			n.State, n.back = BindSending, BindDraft
			return n, n.journaled(CallBindCard{Params: octo.BindCardParams{
				ShopTransactionID: b.ShopTransactionID, Card: *b.card, Method: b.Method, Phone: b.order.Phone,
				ReturnURL: b.order.ReturnURL, NotifyURL: b.order.NotifyURL, BindNotifyURL: b.order.BindNotifyURL}}), nil
		}
	case BindSending:
		if e, ok := ev.(BindAnswered); ok {
			return b.bindAnswered(n, e)
		}
	case BindVerifying:
		if e, ok := ev.(VerificationAnswered); ok {
			if e.Err != nil || e.Verification == nil || e.Verification.Expired() {
				n.State, n.Problem = BindFailed, problem(ProblemBindNoSession)
				return n, n.journaled(), nil
			}
			n.VerifyID, n.OTPPhone = e.Verification.VerifyID, e.Verification.Phone
			n.OTPDeadline = e.At.Add(time.Duration(e.Verification.SecondsLeft) * time.Second)
			n.State = BindAwaitingOTP
			return n, nil, nil
		}
	}
	return b.unhandled(ev)
}

// bindAnswered applies the answer to bind_card.
func (b Binding) bindAnswered(n Binding, e BindAnswered) (Binding, []Effect, error) {
	if octo.MayHaveReached(e.Err) {
		// OCTO may have started the authorization: read it by its
		// shop_transaction_id; binding again would start a second one.
		n.lost, n.polls, n.Problem = BindSending, 0, problem(ProblemBindNoAnswerSend)
		return n.wait(pollFirst)
	}
	if e.Err != nil || e.Binding == nil {
		n.State, n.Problem = BindFailed, refusal(e.Err, "saved")
		return n, n.journaled(), nil
	}
	n.absorb(e.Binding)
	if e.Binding.Status == octo.StatusFailed || e.Binding.Status == octo.StatusCanceled {
		n.State, n.Problem = BindFailed, problem(ProblemBindDeclined)
		return n, n.journaled(), nil
	}
	if b.Method.NeedsOTP() {
		n.State = BindVerifying
		return n, []Effect{CallVerificationInfo{PaymentUUID: n.PaymentUUID}}, nil
	}
	return n.wait(0)
}

// handleCode steps the customer's code: waited for, then sent.
func (b Binding) handleCode(n Binding, ev Event) (Binding, []Effect, error) {
	switch b.State {
	case BindAwaitingOTP:
		if e, ok := ev.(SubmitCode); ok {
			if e.Code == "" {
				return b, nil, errors.New("flows: empty code")
			}
			if !b.OTPDeadline.IsZero() && !e.At.Before(b.OTPDeadline) {
				n.State, n.Problem = BindFailed, problem(ProblemBindCodeExpired)
				return n, n.journaled(), nil
			}
			n.State, n.Problem, n.back = BindConfirming, Problem{}, BindAwaitingOTP
			return n, n.journaled(CallConfirmBinding{Params: octo.ConfirmBindingParams{
				PaymentUUID: b.PaymentUUID, VerifyID: b.VerifyID, Code: e.Code}}), nil
		}
	case BindConfirming:
		if e, ok := ev.(BindingConfirmed); ok {
			return n.confirmed(e)
		}
	}
	return b.unhandled(ev)
}

// confirmed applies the answer to the customer's code.
func (n Binding) confirmed(e BindingConfirmed) (Binding, []Effect, error) {
	var oe *octo.Error
	switch {
	case e.Err == nil && e.Binding != nil:
		n.absorb(e.Binding)
		if e.Binding.Status == octo.StatusFailed || e.Binding.Status == octo.StatusCanceled {
			n.State, n.Problem = BindFailed, problem(ProblemBindDeclined)
			return n, n.journaled(), nil
		}
		return n.wait(0)
	case octo.MayHaveReached(e.Err):
		// The code may have been taken: the status says; the code is not sent again.
		n.lost, n.polls, n.Problem = BindConfirming, 0, problem(ProblemBindNoAnswerCode)
		return n.wait(pollFirst)
	case codeExpired(e.Err):
		n.State, n.Problem = BindFailed, problem(ProblemBindCodeExpired)
		return n, n.journaled(), nil
	case errors.As(e.Err, &oe):
		n.State, n.Problem = BindAwaitingOTP, problem(ProblemBindWrongCode, Words(oe.Message))
		return n, nil, nil
	}
	n.State, n.Problem = BindAwaitingOTP, problem(ProblemCodeNotSent)
	return n, nil, nil
}

// handleWaiting steps a binding waiting for its token to be activated (the
// bind notification) or for a lost answer's outcome (a status read).
func (b Binding) handleWaiting(n Binding, ev Event) (Binding, []Effect, error) {
	switch e := ev.(type) {
	case TokenNotified:
		return n.tokenNotified(e)
	case StatusAnswered:
		if e.Seq != b.pollSeq {
			return b, nil, nil
		}
		n.polls++
		if n.lost != "" {
			return n.resolved(e)
		}
		if e.Err == nil && e.Info != nil {
			switch e.Info.Status {
			case octo.StatusSucceeded, octo.StatusCanceled:
				// The authorization went through (OCTO debits and reverses it).
				if n.Token != "" {
					n.State, n.TokenStatus, n.Problem = BindBound, octo.TokenActive, Problem{}
					return n, n.journaled(JournalToken{Token: n.SavedToken()}), nil
				}
			case octo.StatusFailed:
				n.State, n.Problem = BindFailed, problem(ProblemBindDeclined)
				return n, n.journaled(), nil
			case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusWaitingForCapture, octo.StatusPending:
			}
		}
		return n.poll(backoff(n.polls))
	case Check, Notified:
		return n.poll(0)
	}
	return b.unhandled(ev)
}

// handleToken steps a saved token: bound, and its block in flight.
func (b Binding) handleToken(n Binding, ev Event) (Binding, []Effect, error) {
	switch b.State {
	case BindBound:
		if _, ok := ev.(Block); ok {
			n.State, n.Problem = BindBlocking, Problem{}
			return n, []Effect{CallBlockToken{Token: b.Token}}, nil
		}
	case BindBlocking:
		if e, ok := ev.(TokenBlocked); ok {
			if e.Err != nil {
				n.State, n.Problem = BindBound, refusal(e.Err, "blocked")
				if errors.Is(e.Err, octo.ErrTokenNotActive) || errors.Is(e.Err, octo.ErrTokenNotFound) {
					n.State, n.TokenStatus = BindBlocked, octo.TokenBlocked
					return n, []Effect{JournalToken{Token: n.SavedToken()}}, nil
				}
				return n, nil, nil
			}
			n.State, n.TokenStatus = BindBlocked, octo.TokenBlocked
			if e.Status != "" {
				n.TokenStatus = e.Status
			}
			return n, []Effect{JournalToken{Token: n.SavedToken()}}, nil
		}
	}
	return b.unhandled(ev)
}
