package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// noCardEntryText is what the cashier reads where card data would be
// typed on a console that takes none.
const noCardEntryText = "this console takes no card data ([octo] card_entry = false): the customer pays on their phone or with a saved card"

// phoneHook is the root's handling, ahead of its routing, of how the
// customer pays: the choice before the order (payby.go), an order paid on
// the customer's phone (qrpay.go), and the refusal of card data on a
// console without card entry. It says false for a message it leaves to
// the root.
func (a App) phoneHook(msg tea.Msg) (App, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case payByChosenMsg:
		a.errText = ""
		switch msg.via {
		case viaSaved:
			m, cmd := a.choose(actSavedCard)
			return m, cmd, true
		case viaCard:
			if a.opts.NoCardEntry {
				a.errText = a.st.T(noCardEntryText)
				return a, nil, true
			}
		case viaPhone:
		}
		a.via = msg.via
		a.screen = screenNewPayment
		a.newPay = newNewPaymentScreen(a.st.lang, a.opts.Currency, nil)
		if a.opts.Accessible {
			np := a.newPay
			return a, runAccessible(np.form, func(ok bool) tea.Msg { return np.finished(ok) }), true
		}
		m, cmd := a.enter(a.newPay.Init())
		return m, cmd, true
	case orderReadyMsg:
		if a.via != viaPhone || a.token != nil {
			return a, nil, false
		}
		a.errText = ""
		a.order = msg.order
		p, err := flows.NewPagePayment(a.kind(), a.flowOrder())
		if err != nil {
			a.errText = a.st.lang.errorWords(err)
			return a, nil, true
		}
		m, cmd := a.send(p)
		return m, cmd, true
	case bindCardMsg, cardReadyMsg:
		if a.opts.NoCardEntry {
			a.errText = a.st.T(noCardEntryText)
			return a, nil, true
		}
	case payWithTokenMsg:
		a.via = viaSaved
	case tea.KeyPressMsg:
		if a.screen == screenPayBy && a.confirm == nil && len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '9' {
			// The amount typed at once takes the first way (the card typed
			// here, or the phone without card entry), and is its first digit:
			// a quick cashier never sees the question.
			a, chosen, _ := a.phoneHook(payByChosenMsg{a.payBy.options[0]})
			m, cmd := a.updateScreen(msg)
			return m, batch(chosen, cmd), true
		}
	}
	return a, nil, false
}

// pagePayment is the UUID of the payment on screen while its customer
// pays on OCTO's page, for the scenario tool; "" otherwise.
func (a App) pagePayment() string {
	if a.hasPay && a.pay.State == flows.AwaitingPage {
		return a.pay.PaymentUUID
	}
	return ""
}
