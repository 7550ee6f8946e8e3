package qa

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// pageScenario is the scenario tool's part for payments made on the
// customer's phone: on the QR screen a test card is not typed here but
// paid with on OCTO's page, as the customer would, so a demo needs no
// phone; on a console that takes no card data the test cards are what
// the customer types on their phone.
type pageScenario struct {
	uuid        string // the payment waiting on OCTO's page; "" when none is on screen
	pays        func(paymentUUID, pan string) (string, error)
	noCardEntry bool
	result      scenarioPaidMsg
}

// scenarioPaidMsg is how the customer's payment on the page went.
type scenarioPaidMsg struct {
	status string
	err    error
}

func (scenarioPaidMsg) qa() {}

// on reports whether enter pays the payment on screen.
func (p pageScenario) on() bool { return p.uuid != "" && p.pays != nil }

// pay has the customer pay with the test card it (arm pressed on a card).
func (p pageScenario) pay(km tea.KeyPressMsg, arm key.Binding, it scenarioItem) tea.Cmd {
	if !p.on() || it.card == "" || !key.Matches(km, arm) {
		return nil
	}
	uuid, pan, pays := p.uuid, common.CardDigits(it.card), p.pays
	return func() tea.Msg {
		st, err := pays(uuid, pan)
		return scenarioPaidMsg{status: st, err: err}
	}
}

func (p pageScenario) heading() string {
	switch {
	case p.on():
		return "Test cards: enter has the customer pay on their phone"
	case p.noCardEntry:
		return "Test cards: the customer types them on their phone"
	}
	return "Test cards: type the card on the card screen"
}

func (p pageScenario) howTo(st common.Styles, card string) string {
	switch {
	case p.on():
		return st.Tf("Enter: the customer pays on their phone with card %s.", card)
	case p.noCardEntry:
		return st.Tf("On the QR screen, enter pays with %s; or the customer types it on their phone.", card)
	}
	return st.Tf("Type %s, any future expiry.", card)
}

func (p pageScenario) notArmed() string {
	if p.noCardEntry {
		return "Cards are not armed: start a payment on the customer's phone, then choose the card here."
	}
	return "Cards are not armed: type this one on the card screen."
}

func (p pageScenario) outcome(st common.Styles, paying bool) string {
	switch {
	case paying:
		return st.Muted.Render("⋯ " + st.T("The customer is paying on their phone…"))
	case p.result.err != nil:
		return st.Warn.Render("! " + st.Tf("The customer's page said: %s", p.result.err.Error()))
	}
	return st.OK.Render("✓ " + st.Tf("The customer paid on their phone: OCTO says %s.", p.result.status))
}
