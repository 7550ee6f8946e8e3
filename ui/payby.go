package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// payVia is how the customer pays, chosen before the order is typed.
type payVia int

const (
	viaCard  payVia = iota // the cashier types the customer's card here (the shop needs PCI DSS)
	viaPhone               // the customer's phone: OCTO's page by QR, no card data here
	viaSaved               // a saved card (token), as from home
)

// payByScreen asks how the customer pays. Without card entry
// ([octo] card_entry = false, a shop without PCI DSS) the card typed here
// is not offered.
type payByScreen struct {
	options []payVia
	cursor  int
	keys    payByKeys
}

type payByKeys struct{ Up, Down, Choose, Card, Phone, Saved, Back key.Binding }

func (k payByKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.Back}
}
func (k payByKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Choose}, {k.Card, k.Phone, k.Saved, k.Back}}
}

// payByChosenMsg is the cashier's choice.
type payByChosenMsg struct{ via payVia }

func newPayByScreen(l Lang, cardEntry bool) payByScreen {
	s := payByScreen{options: []payVia{viaPhone, viaSaved}, keys: payByKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", l.T("up"))),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", l.T("down"))),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("choose"))),
		Card:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", l.T("card typed here"))),
		Phone:  key.NewBinding(key.WithKeys("q"), key.WithHelp("q", l.T("the customer's phone"))),
		Saved:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", l.T("saved card"))),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("back"))),
	}}
	if cardEntry {
		s.options = append([]payVia{viaCard}, s.options...)
	}
	s.keys.Card.SetEnabled(cardEntry)
	return s
}

func (s payByScreen) Update(msg tea.Msg) (payByScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	chosen := func(v payVia) tea.Cmd { return instant(payByChosenMsg{v}) }
	switch {
	case key.Matches(km, s.keys.Up):
		s.cursor = (s.cursor + len(s.options) - 1) % len(s.options)
	case key.Matches(km, s.keys.Down):
		s.cursor = (s.cursor + 1) % len(s.options)
	case key.Matches(km, s.keys.Choose):
		return s, chosen(s.options[s.cursor])
	case key.Matches(km, s.keys.Card):
		return s, chosen(viaCard)
	case key.Matches(km, s.keys.Phone):
		return s, chosen(viaPhone)
	case key.Matches(km, s.keys.Saved):
		return s, chosen(viaSaved)
	case key.Matches(km, s.keys.Back):
		return s, instant(orderCanceledMsg{})
	}
	return s, nil
}

// payByText is each choice's key, line and what it means for the shop.
var payByText = map[payVia][3]string{
	viaCard:  {"c", "Card typed here", "you type the customer's card; the shop needs PCI DSS"},
	viaPhone: {"q", "The customer's phone (QR)", "the customer scans a QR code and pays on OCTO's page; no card data here"},
	viaSaved: {"s", "A saved card", "a card the customer saved earlier, found by their phone"},
}

func (s payByScreen) View(st styles, width int) string {
	hint := lipgloss.NewStyle().Width(max(width-7, 20))
	var b strings.Builder
	b.WriteString(st.T("How does the customer pay?") + "\n\n")
	for i, v := range s.options {
		t := payByText[v]
		line := "[" + t[0] + "]  " + st.T(t[1])
		if i == s.cursor {
			b.WriteString(st.MenuSelected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString(st.MenuItem.Render(line) + "\n")
		}
		for _, l := range strings.Split(hint.Render(st.T(t[2])), "\n") {
			b.WriteString("       " + st.Muted.Render(strings.TrimRight(l, " ")) + "\n")
		}
	}
	return b.String()
}
