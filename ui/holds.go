package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// Journal is what the console reads from the journal (flows.JournalStore
// has these): open holds, history, shift reports.
type Journal interface {
	OpenHolds(ctx context.Context) ([]flows.Record, error)
	History(ctx context.Context, f flows.Filter) ([]flows.Record, error)
	XReport(ctx context.Context) (flows.Report, error)
	ZReport(ctx context.Context, at time.Time) (flows.Report, error)
}

// holdsScreen lists the holds waiting for a decision; choosing one reads
// its status from the gateway and opens the hold screen.
type holdsScreen struct {
	holds  []flows.Record
	cursor int
	loaded bool
	keys   holdsKeys
}

type holdsKeys struct{ Up, Down, Open, Back key.Binding }

func (k holdsKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Up, k.Down, k.Open, k.Back} }
func (k holdsKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// holdsMsg is a fresh read of the open holds.
type holdsMsg struct {
	holds []flows.Record
	err   error
}

// reconciledMsg reports the start-up reconciliation.
type reconciledMsg struct {
	payments []flows.Payment
	err      error
}

// openHoldMsg opens one hold from the list.
type openHoldMsg struct{ rec flows.Record }

func newHoldsScreen() holdsScreen {
	return holdsScreen{keys: holdsKeys{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", "up")),
		Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "down")),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}}
}

func loadHolds(ctx context.Context, j Journal) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		h, err := j.OpenHolds(ctx)
		return holdsMsg{h, err}
	}
}

func (s holdsScreen) Update(msg tea.Msg) (holdsScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case holdsMsg:
		s.holds, s.loaded = msg.holds, true
		s.cursor = min(s.cursor, max(len(s.holds)-1, 0))
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Up) && len(s.holds) > 0:
			s.cursor = (s.cursor + len(s.holds) - 1) % len(s.holds)
		case key.Matches(msg, s.keys.Down) && len(s.holds) > 0:
			s.cursor = (s.cursor + 1) % len(s.holds)
		case key.Matches(msg, s.keys.Open) && len(s.holds) > 0:
			rec := s.holds[s.cursor]
			return s, func() tea.Msg { return openHoldMsg{rec} }
		case key.Matches(msg, s.keys.Back):
			return s, func() tea.Msg { return doneMsg{} }
		}
	}
	return s, nil
}

func (s holdsScreen) View(st styles, now time.Time) string {
	if !s.loaded {
		return st.muted.Render("Reading the journal…")
	}
	if len(s.holds) == 0 {
		return "No holds are waiting for a decision."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d waiting. Choose one to capture or cancel it.\n\n", len(s.holds))
	for i, h := range s.holds {
		left := "expiry unknown"
		if !h.HoldExpires.IsZero() {
			if d := h.HoldExpires.Sub(now); d > 0 {
				left = "expires in " + formatCountdown(d)
			} else {
				left = "expired — will be checked"
			}
		}
		line := fmt.Sprintf("%-16s %s  %s", FormatMoney(h.Amount, h.Currency), groupMasked(h.Card), left)
		if h.Description != "" {
			line += "  " + truncate(h.Description, 20)
		}
		if i == s.cursor {
			b.WriteString(st.menuSelected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString(st.menuItem.Render(line) + "\n")
		}
	}
	return b.String()
}
