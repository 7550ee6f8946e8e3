package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"
)

// Before a card or a saved card is sent, the cashier sees once what is
// about to happen — "Charge 150 000 UZS to Uzcard 8600 00** **** 0015" —
// and enter sends it, esc goes back to change it. An amount at or above
// Options.LargeAmount is confirmed a second time, spelled out in words.

// DefaultLargeAmount is [console] large_amount's default: 10 000 000 UZS.
var DefaultLargeAmount = decimal.NewFromInt(10_000_000)

type (
	summaryOKMsg     struct{} // enter on the summary
	summaryChangeMsg struct{} // esc on the summary
	largeOKMsg       struct{} // y on the large amount's confirmation
)

// summarize shows the summary of the order on its way with the card
// entered (a.pending) or the saved card chosen (a.token).
func (a App) summarize() (App, tea.Cmd) {
	verb := "Charge %s to %s"
	if a.order.TwoStage {
		verb = "Hold %s on %s"
	}
	question := a.st.Tf(verb, FormatMoney(a.order.Amount, a.opts.Currency), a.cardOnTheWay())
	if d := strings.TrimSpace(a.order.Description); d != "" {
		question += "\n" + a.st.Tf("for %s", d)
	}
	if a.token != nil && a.pending == nil {
		question += "\n" + a.st.T("(a saved card)")
	}
	a.confirm = newEnterConfirm(a.st.T("Check before sending"), question,
		a.st.T("send it"), a.st.T("change"), summaryOKMsg{}, summaryChangeMsg{})
	return a, nil
}

// cardOnTheWay names the card the summary is about, masked.
func (a App) cardOnTheWay() string {
	switch {
	case a.pending != nil:
		return a.st.T(a.pending.scheme.String()) + " " + MaskedPAN(a.pending.card.PAN)
	case a.token != nil:
		// The masked number says which scheme it is, as on the saved cards.
		scheme := a.st.T(SchemeOf(strings.ReplaceAll(strings.ReplaceAll(a.token.Card, "*", "0"), " ", "")).String())
		return scheme + " " + groupMasked(a.token.Card)
	}
	return "—"
}

// inWords spells out an amount at or above large_amount under the
// question that moves it (a refund), as the summary does for a charge: a
// zero too many reads differently in words.
func inWords(l Lang, o Options, amt decimal.Decimal) string {
	limit := o.LargeAmount
	if limit.IsZero() {
		limit = DefaultLargeAmount
	}
	if amt.LessThan(limit) {
		return ""
	}
	return "\n" + l.Tf("In words: %s.", SpellAmount(l, amt))
}

// large reports whether the order's amount needs the second confirmation.
func (a App) large() bool {
	limit := a.opts.LargeAmount
	if limit.IsZero() {
		limit = DefaultLargeAmount
	}
	return a.order.Amount.GreaterThanOrEqual(limit)
}

// summaryAnswered handles the summary's and the large amount's answers.
func (a App) summaryAnswered(msg tea.Msg) (App, tea.Cmd) {
	switch msg.(type) {
	case summaryOKMsg:
		if a.large() {
			a.confirm = newConfirm(a.st.T("A large amount"),
				a.st.Tf("%s — %s.\nIs this the amount?", FormatMoney(a.order.Amount, a.opts.Currency), SpellAmount(a.st.lang, a.order.Amount)),
				a.st.T("yes, the amount is right"), largeOKMsg{}, summaryChangeMsg{})
			return a, nil
		}
		return a.sendSummarized()
	case largeOKMsg:
		return a.sendSummarized()
	case summaryChangeMsg:
		if c := a.pending; c != nil {
			// Back to the card, as it was typed.
			a.pending = nil
			a.screen = screenCard
			a.card = newCardScreen(a.st.lang, a.opts.Now, fieldsOf(*c))
			return a.enter(a.card.Init())
		}
		// A saved card: back to the order (the token stays chosen).
		a.screen = screenNewPayment
		a.newPay = newNewPaymentScreen(a.st.lang, a.opts.Currency, a.newPay.fields)
		return a.enter(a.newPay.Init())
	}
	return a, nil
}

// sendSummarized starts the payment the summary showed.
func (a App) sendSummarized() (App, tea.Cmd) {
	if c := a.pending; c != nil {
		a.pending = nil
		return a.startPayment(*c)
	}
	if a.token != nil {
		return a.startTokenPayment(*a.token)
	}
	return a, nil
}
