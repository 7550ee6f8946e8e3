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
// payment with the given shop_transaction_id (a late answer for a payment
// no longer on screen is not fed to another one).
type flowEventMsg struct {
	id string
	ev flows.Event
}

// runEffects runs effects in order, as flows requires (journal before the
// request it records), and reports the first event one of them produces.
// A JournalFailed stops the rest: the request it guarded is not sent.
func runEffects(ctx context.Context, r Runner, id string, effects []flows.Effect) tea.Cmd {
	if len(effects) == 0 || r == nil {
		return nil
	}
	return func() tea.Msg {
		for _, e := range effects {
			if ev := r.Run(ctx, e); ev != nil {
				return flowEventMsg{id: id, ev: ev}
			}
		}
		return nil
	}
}

// errNoRunner is shown when the console was built without a gateway.
var errNoRunner = problem("the console has no connection to a gateway")
