package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// BindHint is a bind notification: the token of a binding and its status.
type BindHint struct {
	ShopTransactionID string
	Token             string
	Status            octo.TokenStatus
}

type bindHintMsg BindHint

func waitBindHint(ch <-chan BindHint) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		h, ok := <-ch
		if !ok {
			return nil
		}
		return bindHintMsg(h)
	}
}

// startBinding saves the customer's card: the binding flow starts at once.
func (a App) startBinding(c enteredCard) (App, tea.Cmd) {
	b, err := flows.NewBinding(flows.BindOrder{
		Customer: a.bindCustomer, Operator: a.opts.Operator, Phone: a.bindCustomer,
		ReturnURL: a.opts.ReturnURL, NotifyURL: a.opts.NotifyURL, BindNotifyURL: a.opts.BindNotifyURL,
	}, c.card)
	if err != nil {
		a.errText = a.st.lang.errorWords(err)
		return a, nil
	}
	a.bind, a.hasBind = b, true
	a.bindS = newBindScreen(a.st)
	a.screen = screenBind
	m, cmd := a.handleBind(flows.Start{}, true)
	return m, batch(cmd, a.bindS.spinner.Tick)
}

// blockToken blocks a saved card through the binding flow.
func (a App) blockToken(t flows.SavedToken) (App, tea.Cmd) {
	a.bind, a.hasBind = flows.SavedBinding(t), true
	a.bindS = newBindScreen(a.st)
	a.screen = screenBind
	m, cmd := a.handleBind(flows.Block{}, true)
	return m, batch(cmd, a.bindS.spinner.Tick)
}

// handleBind feeds an event to the binding and runs its effects.
func (a App) handleBind(ev flows.Event, show bool) (App, tea.Cmd) {
	if !a.hasBind {
		return a, nil
	}
	next, effects, err := a.bind.Handle(ev)
	if err != nil {
		a.opts.Log.Warn("binding: event refused", "id", a.bindID(), "state", string(a.bind.State),
			"event", ev.EventName(), "err", err)
		if show {
			a.errText = a.st.lang.errorWords(err)
			if errors.Is(err, flows.ErrNotAllowed) {
				a.errText = a.st.T(notNowWhat(ev)) + " — " + a.st.T("the card is not at that step now")
			}
		}
		return a, nil
	}
	a.bind = next
	a.bindS = a.bindS.sync(next)
	a.busy = ""
	switch next.State {
	case flows.BindSending, flows.BindVerifying, flows.BindConfirming, flows.BindBlocking:
		a.busy = lowerFirst(a.st.T(bindLabel(next.State)))
	case flows.BindDraft, flows.BindAwaitingOTP, flows.BindWaiting, flows.BindBound, flows.BindBlocked, flows.BindFailed:
	}
	id := next.ShopTransactionID
	if id == "" {
		id = next.Token
	}
	// The binding's writes are booked with the payments' (journal_order.go):
	// a list of saved cards read later sees the token saved, and quitting
	// right after "Saved" waits for it (App.Settle).
	return a, runBooked(a.opts.Context, a.opts.Runner, writesOf(a.opts.Journal), effects, func(ev flows.Event) tea.Msg {
		return bindEventMsg{id: id, ev: ev}
	}, bindJournaledMsg{})
}

// bindJournaledMsg says a binding's journal writes are done: a list of
// saved cards read before them (esc right after "Saved") is read again.
type bindJournaledMsg struct{}

func (a App) bindID() string {
	if a.bind.ShopTransactionID != "" {
		return a.bind.ShopTransactionID
	}
	return a.bind.Token
}

func (a App) bindHint(h bindHintMsg) (App, tea.Cmd) {
	next := waitBindHint(a.opts.BindHints)
	if !a.hasBind || h.ShopTransactionID != a.bind.ShopTransactionID {
		return a, next
	}
	ev := flows.TokenNotified{Token: h.Token, Status: h.Status}
	if !a.bind.Can(ev) {
		return a, next
	}
	m, cmd := a.handleBind(ev, false)
	return m, batch(next, cmd)
}
