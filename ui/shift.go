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

// shiftScreen shows the X report (the shift so far) and closes the shift
// with a Z report, confirmed first.
type shiftScreen struct {
	report flows.Report
	loaded bool
	closed bool // the report on show is the Z report just made
	keys   shiftKeys
}

type shiftKeys struct{ Close, Refresh, Back key.Binding }

func (k shiftKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Close, k.Refresh, k.Back} }
func (k shiftKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

type reportMsg struct {
	report flows.Report
	closed bool
	err    error
}

type closeShiftMsg struct{}

func newShiftScreen() shiftScreen {
	return shiftScreen{keys: shiftKeys{
		Close:   key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "close shift (Z report)")),
		Refresh: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "X report again")),
		Back:    key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc", "back")),
	}}
}

func loadXReport(ctx context.Context, j Journal) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		r, err := j.XReport(ctx)
		return reportMsg{report: r, err: err}
	}
}

func closeShift(ctx context.Context, j Journal, now time.Time) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		r, err := j.ZReport(ctx, now)
		return reportMsg{report: r, closed: true, err: err}
	}
}

func (s shiftScreen) Update(msg tea.Msg) (shiftScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case reportMsg:
		if msg.err == nil {
			s.report, s.loaded, s.closed = msg.report, true, msg.closed
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Close):
			return s, func() tea.Msg {
				return askRootMsg{title: "Close the shift?",
					question: "The Z report is numbered and cannot be changed. A new shift starts.",
					yes:      "close the shift", then: closeShiftMsg{}}
			}
		case key.Matches(msg, s.keys.Refresh):
			s.closed = false
			return s, func() tea.Msg { return refreshShiftMsg{} }
		case key.Matches(msg, s.keys.Back):
			return s, func() tea.Msg { return doneMsg{} }
		}
	}
	return s, nil
}

// askRootMsg asks the root to confirm; then is handled on yes.
type askRootMsg struct {
	title, question, yes string
	then                 tea.Msg
}

type refreshShiftMsg struct{}

var reportBuckets = []struct{ bucket, label string }{
	{"sold", "Sold"}, {"held", "Held, open"}, {"captured", "Captured"}, {"canceled", "Canceled holds"},
	{"declined", "Declined"}, {"unknown", "Outcome unknown"}, {"open", "Not finished"},
}

func (s shiftScreen) View(st styles, currency string, loc *time.Location) string {
	if !s.loaded {
		return st.muted.Render("Reading the journal…")
	}
	r := s.report
	var b strings.Builder
	if s.closed {
		fmt.Fprintf(&b, "%s\n", st.ok.Render(fmt.Sprintf("Z report No %d — shift %d closed", r.No, r.Shift)))
	} else {
		fmt.Fprintf(&b, "X report — shift %d, open since %s\n", r.Shift, r.Opened.In(loc).Format("02.01.2006 15:04"))
	}
	b.WriteString("\n")
	for _, bk := range reportBuckets {
		n, amt := r.Total(bk.bucket)
		if n == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s%4d  %s\n", st.label.Render(bk.label), n, FormatMoney(amt, currency))
	}
	if len(r.Lines) == 0 {
		b.WriteString("No payments in this shift yet.\n")
	}
	if rel := r.Released(); !rel.IsZero() {
		fmt.Fprintf(&b, "%s      %s\n", st.label.Render("Released"), FormatMoney(rel, currency))
	}
	if ref := r.Refunded(); !ref.IsZero() {
		fmt.Fprintf(&b, "%s      %s\n", st.label.Render("Refunded"), FormatMoney(ref, currency))
	}
	return b.String()
}
