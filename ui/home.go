package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/octo-cashier/octo-cashier/flows"
)

// homeAction is a choice on the home screen.
type homeAction int

const (
	actNewPayment homeAction = iota
	actSavedCard
	actOpenHolds
	actHistory
	actShift
)

type homeItem struct {
	action homeAction
	key    key.Binding
	label  string
}

// homeScreen is the start: what the cashier can do, and what waits.
type homeScreen struct {
	items     []homeItem
	cursor    int
	openHolds int // shown beside "Open holds"
	keys      homeKeys
}

type homeKeys struct {
	Up, Down, Choose key.Binding
}

func (k homeKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Up, k.Down, k.Choose} }
func (k homeKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// homeChosenMsg is sent when the cashier picks an action.
type homeChosenMsg struct{ action homeAction }

func newHomeScreen(l Lang) homeScreen {
	k := func(keys, label string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, l.T(label)))
	}
	return homeScreen{
		items: []homeItem{
			{actNewPayment, k("n", "new payment"), l.T("New payment")},
			{actSavedCard, k("s", "saved card"), l.T("Pay with a saved card")},
			{actOpenHolds, k("h", "open holds"), l.T("Capture or cancel open holds")},
			{actHistory, k("y", "history"), l.T("History, status and refunds")},
			{actShift, k("x", "shift"), l.T("Shift: X and Z reports")},
		},
		keys: homeKeys{
			Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", l.T("up"))),
			Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", l.T("down"))),
			Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("choose"))),
		},
	}
}

func (s homeScreen) Update(msg tea.Msg) (homeScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	switch {
	case key.Matches(km, s.keys.Up):
		s.cursor = (s.cursor + len(s.items) - 1) % len(s.items)
	case key.Matches(km, s.keys.Down):
		s.cursor = (s.cursor + 1) % len(s.items)
	case key.Matches(km, s.keys.Choose):
		a := s.items[s.cursor].action
		return s, instant(homeChosenMsg{a})
	default:
		for i, it := range s.items {
			if key.Matches(km, it.key) {
				s.cursor = i
				a := it.action
				return s, instant(homeChosenMsg{a})
			}
		}
	}
	return s, nil
}

func (s homeScreen) View(st styles, width int) string {
	var b strings.Builder
	b.WriteString(st.Title.Render(st.T("What would you like to do?")))
	b.WriteByte('\n')
	for i, it := range s.items {
		label := it.label
		if it.action == actOpenHolds && s.openHolds > 0 {
			label = st.Tf("%s (%d waiting)", label, s.openHolds)
		}
		key := "[" + it.key.Help().Key + "]"
		if room := width - 2 - lipgloss.Width(key) - 2; width > 0 && lipgloss.Width(label) > room {
			// A label too long for the row (beside the SMS panel, in
			// Russian) goes on under itself, not back under the key.
			label = strings.ReplaceAll(ansi.Wrap(label, max(room, 10), ""), "\n", "\n"+strings.Repeat(" ", lipgloss.Width(key)+2))
		}
		line := fmt.Sprintf("%s  %s", st.MenuKey.Render(key), label)
		if i == s.cursor {
			// menuItem pads every line; "▸ " starts only the first.
			b.WriteString(st.MenuSelected.Render("▸ " + strings.ReplaceAll(line, "\n", "\n  ")))
		} else {
			b.WriteString(st.MenuItem.Render(line))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// unresolved counts payments whose outcome is still unknown.
func unresolved(ps []flows.Payment) int {
	n := 0
	for _, p := range ps {
		if p.State == flows.Resolving {
			n++
		}
	}
	return n
}
