package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// Runner executes one flow effect against the gateway and the journal and
// returns the event it produced: the answer of a request, JournalFailed,
// or nil for an effect that needs no answer (a journal write that worked).
// main hands the console the flows package's runner.
type Runner interface {
	Run(ctx context.Context, e flows.Effect) flows.Event
}

// flowInputMsg is an event from the cashier (a code, a capture) for the
// payment on screen.
type flowInputMsg struct{ ev flows.Event }

// flowEventMsg is the outcome of the effects a Handle asked for, for the
// payment with the given shop_transaction_id, put on screen the gen-th
// time (a late answer for a payment no longer on screen, or for an earlier
// showing of it, is not fed to another one). request says the command
// carried a request to the gateway: it is no longer out.
type flowEventMsg struct {
	id      string
	gen     int
	request bool
	ev      flows.Event
}

// runEffects runs effects in order, as flows requires (journal before the
// request it records), and reports the first event one of them produces.
// A JournalFailed stops the rest: the request it guarded is not sent.
// The journal writes are booked on writes now, as the screen moves on
// (journal_order.go): they wait for the writes booked before them, and a
// read booked later waits for them; the request after them does not hold
// the queue.
func runEffects(ctx context.Context, r Runner, writes *writeOrder, id string, gen int, effects []flows.Effect) tea.Cmd {
	request := hasRequest(effects)
	return runBooked(ctx, r, writes, effects, func(ev flows.Event) tea.Msg {
		return flowEventMsg{id: id, gen: gen, request: request, ev: ev}
	}, nil)
}

// runBooked runs effects in order with their journal writes booked on
// writes (a payment's, a card binding's): answered is the message of the
// first event an effect produces, done the message when none does.
func runBooked(ctx context.Context, r Runner, writes *writeOrder, effects []flows.Effect, answered func(flows.Event) tea.Msg, done tea.Msg) tea.Cmd {
	if len(effects) == 0 || r == nil {
		return nil
	}
	var before <-chan struct{}
	written := func() {}
	if writesJournal(effects) {
		before, written = writes.book()
	}
	return func() tea.Msg {
		defer written()
		_ = waitTurn(ctx, before) // a context ended: the effects see it themselves
		for _, e := range effects {
			if !journalWrite(e) {
				written()
			}
			if ev := r.Run(ctx, e); ev != nil {
				return answered(ev)
			}
		}
		return done
	}
}

// journalWrite says whether e only writes the journal.
func journalWrite(e flows.Effect) bool {
	switch e.(type) {
	case flows.Journal, flows.JournalToken, flows.JournalBinding:
		return true
	}
	return false
}

// writesJournal says whether effects write the journal.
func writesJournal(effects []flows.Effect) bool {
	for _, e := range effects {
		if journalWrite(e) {
			return true
		}
	}
	return false
}

// hasRequest says whether effects send anything to the gateway (a status
// read included), not only write the journal.
func hasRequest(effects []flows.Effect) bool {
	for _, e := range effects {
		if !journalWrite(e) {
			return true
		}
	}
	return false
}

// errNoRunner is shown when the console was built without a gateway.
var errNoRunner = problem("the console has no connection to a gateway")
