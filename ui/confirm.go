package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// confirmDialog asks one yes/no question before something that moves money
// (a live charge, a capture, a cancel). Yes sends onYes; no sends onNo (or
// just closes).
type confirmDialog struct {
	title    string
	question string
	yesLabel string
	noLabel  string
	onYes    tea.Msg
	onNo     tea.Msg
	keys     confirmKeys
}

type confirmKeys struct{ Yes, No key.Binding }

func (k confirmKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.No} }
func (k confirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// confirmClosedMsg closes the dialog; msg (if any) is then handled.
type confirmClosedMsg struct{ then tea.Msg }

func newConfirm(title, question, yesLabel string, onYes, onNo tea.Msg) *confirmDialog {
	return &confirmDialog{
		title: title, question: question, yesLabel: yesLabel, noLabel: "no, go back", onYes: onYes, onNo: onNo,
		keys: confirmKeys{
			Yes: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", yesLabel)),
			No:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no, go back")),
		},
	}
}

// newEnterConfirm is a dialog answered with enter and esc: the summary
// before a card is sent, where enter is the cashier's next step anyway.
func newEnterConfirm(title, question, yesLabel, noLabel string, onYes, onNo tea.Msg) *confirmDialog {
	return &confirmDialog{
		title: title, question: question, yesLabel: yesLabel, noLabel: noLabel, onYes: onYes, onNo: onNo,
		keys: confirmKeys{
			Yes: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", yesLabel)),
			No:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", noLabel)),
		},
	}
}

func (d *confirmDialog) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, d.keys.Yes):
		then := d.onYes
		return instant(confirmClosedMsg{then})
	case key.Matches(km, d.keys.No):
		then := d.onNo
		return instant(confirmClosedMsg{then})
	}
	return nil
}

// View shows the texts in the console's language. Callers that word a
// question with values (an amount) translate it themselves; a fixed text
// in English is translated here, so a screen may pass either. The box is
// as wide as its longest line, but never wider than width: a long question
// (one naming open holds, in Russian) wraps inside the frame instead of
// pushing the frame past the edge.
func (d *confirmDialog) View(st styles, width int) string {
	text := st.Subtitle.Render(st.T(d.title)) + "\n\n" + st.T(d.question) + "\n\n" +
		st.MenuKey.Render("["+d.keys.Yes.Help().Key+"] "+st.T(d.yesLabel)+"    ["+noKey(d.keys.No)+"] "+st.T(d.noLabel))
	box := st.Box
	if width > 0 && lipgloss.Width(text)+box.GetHorizontalFrameSize() > width {
		box = box.Width(width)
	}
	return box.Render(text)
}

// noKey is the first key that answers no, as the dialog names it ("n" of
// "n/esc": the footer lists both).
func noKey(b key.Binding) string { return b.Keys()[0] }
