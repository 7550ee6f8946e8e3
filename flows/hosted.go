package flows

import (
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// A payment on OCTO's page: the integration that needs no PCI DSS
// (REFERENCE §1, "Two integration modes"; flows §3.1, §3.2). The console
// calls prepare_payment and shows octo_pay_url as a QR code; the customer
// pays on their own phone, where OCTO takes the card and the SMS code or
// 3-D Secure. The console never sends pay and never sees the card: it
// waits, reading the status at OCTO's pace (a notification reads it at
// once), until OCTO says paid, held, declined or expired.
//
//	draft → preparing → awaiting_page → succeeded | held | declined
//
// Like every flow it journals each move before the request it leads to.

// Texts of a payment that ended on OCTO's page without money taken.
const (
	msgPageExpired  = "Expired — nothing was charged"
	msgPageCanceled = "Canceled on OCTO's page — nothing was charged"
	msgPageDeclined = "Declined on OCTO's page — nothing was charged"
	msgPageNoAnswer = "No answer from OCTO — checking again"
)

// NewPagePayment starts a sale or hold the customer pays on OCTO's page
// (octo_pay_url), on their own phone: no card passes through the console.
func NewPagePayment(kind Kind, o Order) (Payment, error) {
	p, err := newPayment(kind, o)
	if err != nil {
		return Payment{}, err
	}
	p.Hosted = true
	return p, nil
}

// pagePoll is the wait before the next status read while the customer is
// on OCTO's page: OCTO's one read a second at first, backing off to every
// few seconds for a customer who takes their time.
func pagePoll(polls int) time.Duration {
	switch {
	case polls < 15:
		return pollFirst
	case polls < 30:
		return 2 * time.Second
	}
	return 5 * time.Second
}

// awaitPage shows the page's link and starts reading the status.
func (n Payment) awaitPage(e Prepared) (Payment, []Effect, error) {
	if n.ttl > 0 && !e.At.IsZero() {
		n.PayExpires = e.At.Add(time.Duration(n.ttl) * time.Minute)
	}
	n.polls = 0
	return n.read(AwaitingPage, e, pollFirst)
}

// onPage is the AwaitingPage state: status reads, the cashier's check and
// OCTO's notifications; nothing else happens until the customer pays.
func (n Payment) onPage(ev Event) (Payment, []Effect, error) {
	switch e := ev.(type) {
	case StatusAnswered:
		return n.pageObserved(e)
	case Check, Notified:
		return n.read(AwaitingPage, ev, 0)
	}
	return n.notAllowed(ev)
}

// pageObserved applies a status read while the customer is on the page.
func (n Payment) pageObserved(e StatusAnswered) (Payment, []Effect, error) {
	if e.Seq != n.pollSeq {
		return n, nil, nil // an older read; the newer one decides
	}
	n.polls++
	n.takeCard(e)
	if e.Err != nil || e.Info == nil {
		n.Problem = problem(ProblemNoAnswerAgain)
		return n.read(AwaitingPage, e, pagePoll(n.polls))
	}
	in := e.Info
	n.takeSums(in)
	switch in.Status {
	case octo.StatusSucceeded, octo.StatusWaitingForCapture, octo.StatusCanceled, octo.StatusFailed:
		n.Problem = Problem{}
		return n.outcome(e, in.Status, in.TotalSum, in.RefundedSum)
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusPending:
	}
	n.OCTOStatus, n.Problem = in.Status, Problem{}
	return n.read(AwaitingPage, e, pagePoll(n.polls))
}

// restoredPage is a restored payment on the customer's phone that OCTO
// still shows waiting. Reopened on the counter's screen it goes back to
// its page: the same link, with the time the customer has left there,
// both as the journal kept them. Restored in the background it stops
// after this one read and says how to show the code again.
func (n Payment) restoredPage(e StatusAnswered) (Payment, []Effect, error) {
	switch {
	case n.PayURL == "":
		n.Problem = problem(ProblemRestoredPageNoLink)
	case n.reopened:
		n.Problem, n.polls = Problem{}, 0
		return n.read(AwaitingPage, e, pollFirst)
	default:
		n.Problem = problem(ProblemRestoredPage)
	}
	return n, nil, nil
}

// pageEnded says how a payment on the page ended without money taken:
// failed is a decline; canceled at or after its ttl is an expiry (as it
// is when the ttl is unknown, after a restart: the customer walked away
// far more often than they typed three wrong codes).
func (n Payment) pageEnded(ev Event, st octo.Status) Problem {
	if st == octo.StatusFailed {
		return problem(ProblemPageDeclined)
	}
	var at time.Time
	if e, ok := ev.(StatusAnswered); ok {
		at = e.At
	}
	if n.PayExpires.IsZero() || at.IsZero() || !at.Before(n.PayExpires) {
		return problem(ProblemPageExpired)
	}
	return problem(ProblemPageCanceled)
}

// takeCard keeps the card OCTO reported for a payment paid on its page;
// it reports whether the card is new.
func (n *Payment) takeCard(e StatusAnswered) bool {
	if !n.Hosted || n.Card != "" || e.Card == "" {
		return false
	}
	n.Card = octo.MaskPAN(e.Card)
	if n.Card == "" || n.Card == "****" {
		n.Card = ""
		return false
	}
	n.Method = MethodOf(n.Card)
	return true
}

// PayTimeLeft is how long the customer still has on OCTO's page at now;
// zero when unknown or past.
func (p Payment) PayTimeLeft(now time.Time) time.Duration {
	if p.PayExpires.IsZero() || !now.Before(p.PayExpires) {
		return 0
	}
	return p.PayExpires.Sub(now)
}

// notAllowed is Handle's refusal of an event in the payment's state.
func (p Payment) notAllowed(ev Event) (Payment, []Effect, error) {
	if _, ok := ev.(StatusAnswered); ok {
		return p, nil, nil // a late answer is stale, never an error
	}
	return p, nil, fmt.Errorf("flows: %s payment in state %s: event %s %w", p.Kind, p.State, ev.EventName(), ErrNotAllowed)
}
