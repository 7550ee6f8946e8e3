package ui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
)

// Journal is what the console reads from the journal (journal.SQLite
// has these): open holds, history, the shift and its reports, the export.
type Journal interface {
	OpenHolds(ctx context.Context) ([]flows.Record, error)
	History(ctx context.Context, f flows.Filter) ([]flows.Record, error)
	// XReportAt totals the open shift so far, with the holds open at at.
	XReportAt(ctx context.Context, at time.Time) (flows.Report, error)
	ZReport(ctx context.Context, at time.Time) (flows.Report, error)
	ZReports(ctx context.Context) ([]flows.Report, error)
	CurrentShift(ctx context.Context) (flows.Shift, error)
	OpenShift(ctx context.Context, operator, pin string, at time.Time) (flows.Shift, error)
	// RecordPINTries keeps the lock's wrong PINs, so a restart does not
	// reset the pause after too many.
	RecordPINTries(ctx context.Context, shift int64, wrong int, notBefore time.Time) error
	// ExportCSV writes the money movements of [from, to) as CSV.
	ExportCSV(ctx context.Context, w io.Writer, from, to time.Time, f flows.CSVFormat) error
}

// holdWarnBefore is how long before its expiry a hold is shown as urgent.
const holdWarnBefore = 10 * time.Minute

// holdsScreen lists the holds waiting for a decision with their countdowns.
// Enter opens one on the hold screen (full or partial capture, cancel);
// space selects several, which are then captured in full or canceled one
// after the other (confirmed first, with the total).
type holdsScreen struct {
	holds    []flows.Record
	cursor   int
	loaded   bool
	selected map[string]bool // by shop_transaction_id
	width    int
	height   int
	batch    *holdsBatch // the selected holds being captured or canceled
	keys     holdsKeys
}

type holdsKeys struct{ Up, Down, Open, Select, All, Capture, Cancel, Back key.Binding }

func (k holdsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Select, k.Capture, k.Cancel, k.Back}
}
func (k holdsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.Select, k.All}, {k.Capture, k.Cancel, k.Back}}
}

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

func newHoldsScreen(l Lang) holdsScreen {
	return holdsScreen{selected: map[string]bool{}, keys: holdsKeys{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", l.T("up"))),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", l.T("down"))),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("open one"))),
		Select:  key.NewBinding(key.WithKeys("space"), key.WithHelp("space", l.T("select/unselect"))),
		All:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", l.T("select all"))),
		Capture: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", l.T("capture selected"))),
		Cancel:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", l.T("cancel selected"))),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("back"))),
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

// sync enables the keys that make sense now.
func (s holdsScreen) sync() holdsScreen {
	idle := s.batch == nil
	some := idle && s.loaded && len(s.holds) > 0
	for _, b := range []*key.Binding{&s.keys.Up, &s.keys.Down, &s.keys.Open, &s.keys.Select, &s.keys.All, &s.keys.Capture, &s.keys.Cancel} {
		b.SetEnabled(some)
	}
	s.keys.Back.SetEnabled(idle || s.batch.finished())
	return s
}

// chosen is what capture and cancel act on: the selected holds, or the
// one under the cursor when none is selected.
func (s holdsScreen) chosen() []flows.Record {
	var out []flows.Record
	for _, h := range s.holds {
		if s.selected[h.ShopTransactionID] {
			out = append(out, h)
		}
	}
	if len(out) == 0 && len(s.holds) > 0 {
		out = append(out, s.holds[s.cursor])
	}
	return out
}

func (s holdsScreen) Update(msg tea.Msg, o Options) (holdsScreen, tea.Cmd) {
	if s.selected == nil {
		s.selected = map[string]bool{}
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width, s.height = msg.Width, msg.Height
	case holdsMsg:
		if msg.err != nil {
			return s.sync(), nil
		}
		s.holds, s.loaded = msg.holds, true
		s.cursor = min(s.cursor, max(len(s.holds)-1, 0))
		open := map[string]bool{}
		for _, h := range s.holds {
			open[h.ShopTransactionID] = true
		}
		for id := range s.selected {
			if !open[id] {
				delete(s.selected, id) // decided meanwhile
			}
		}
	case startBatchMsg:
		if s.batch != nil && !s.batch.finished() {
			return s, nil
		}
		s.batch = newHoldsBatch(msg.capture, msg.holds)
		s = s.sync()
		return s, s.batch.step(o)
	case batchStepMsg:
		if s.batch == nil {
			return s, nil
		}
		s.batch.record(msg.outcome)
		delete(s.selected, msg.outcome.rec.ShopTransactionID)
		s = s.sync()
		if s.batch.finished() {
			return s, loadHolds(o.Context, o.Journal)
		}
		return s, s.batch.step(o)
	case tea.KeyPressMsg:
		return s.key(msg, o)
	}
	return s.sync(), nil
}

func (s holdsScreen) key(msg tea.KeyPressMsg, o Options) (holdsScreen, tea.Cmd) {
	s = s.sync()
	if s.batch != nil {
		if s.batch.finished() {
			// The outcomes stay until the cashier has seen them.
			s.batch = nil
			s = s.sync()
		}
		return s, nil
	}
	l := o.Language
	switch {
	case key.Matches(msg, s.keys.Up):
		s.cursor = (s.cursor + len(s.holds) - 1) % len(s.holds)
	case key.Matches(msg, s.keys.Down):
		s.cursor = (s.cursor + 1) % len(s.holds)
	case key.Matches(msg, s.keys.Select):
		id := s.holds[s.cursor].ShopTransactionID
		if s.selected[id] {
			delete(s.selected, id)
		} else {
			s.selected[id] = true
		}
		s.cursor = min(s.cursor+1, len(s.holds)-1)
	case key.Matches(msg, s.keys.All):
		all := len(s.selected) == len(s.holds)
		clear(s.selected)
		if !all {
			for _, h := range s.holds {
				s.selected[h.ShopTransactionID] = true
			}
		}
	case key.Matches(msg, s.keys.Open):
		rec := s.holds[s.cursor]
		return s, instant(openHoldMsg{rec})
	case key.Matches(msg, s.keys.Capture), key.Matches(msg, s.keys.Cancel):
		capture := key.Matches(msg, s.keys.Capture)
		hs := s.chosen()
		total := sumHolds(hs)
		var title, question, yes string
		if capture {
			title = l.Tf("Capture %d hold(s) in full?", len(hs))
			question = l.Tf("Charge %s in all, each hold for its whole amount.", total)
			yes = l.Tf("capture %s", total)
		} else {
			title = l.Tf("Cancel %d hold(s)?", len(hs))
			question = l.Tf("Release %s in all back to the customers. Nothing is charged.", total)
			yes = l.T("cancel the holds")
		}
		then := startBatchMsg{capture: capture, holds: hs}
		return s, instant(askRootMsg{title: title, question: question, yes: yes, then: then})
	case key.Matches(msg, s.keys.Back):
		return s, instant(doneMsg{})
	}
	return s, nil
}

// sumHolds writes the holds' total, per currency if they differ.
func sumHolds(hs []flows.Record) string {
	sums := map[string]decimal.Decimal{}
	var order []string
	for _, h := range hs {
		if _, ok := sums[h.Currency]; !ok {
			order = append(order, h.Currency)
		}
		sums[h.Currency] = sums[h.Currency].Add(h.Amount)
	}
	parts := make([]string, 0, len(order))
	for _, c := range order {
		parts = append(parts, FormatMoney(sums[c], c))
	}
	return strings.Join(parts, " + ")
}

// holdLeft is a hold's countdown in words, and whether it is urgent.
func holdLeft(l Lang, h flows.Record, now time.Time) (string, bool) {
	if h.HoldExpires.IsZero() {
		return l.T("expiry unknown"), false
	}
	d := h.HoldExpires.Sub(now)
	switch {
	case d <= 0:
		return l.T("expired — open to check"), true // nothing checks it until it is opened
	case d < holdWarnBefore:
		return l.Tf("expires in %s ⚠", formatCountdown(d)), true
	}
	return l.Tf("expires in %s", formatCountdown(d)), false
}

func (s holdsScreen) View(st styles, now time.Time) string {
	if s.batch != nil {
		return s.batch.View(st)
	}
	if !s.loaded {
		return st.Muted.Render(st.T("Reading the journal…"))
	}
	if len(s.holds) == 0 {
		return st.T("No holds are waiting for a decision.")
	}
	var b strings.Builder
	head := st.Tf("%d waiting. Choose one to capture or cancel it.", len(s.holds))
	if n := len(s.selected); n > 0 {
		head = st.Tf("%d waiting, %d selected: %s.", len(s.holds), n, sumHolds(s.chosen()))
	}
	b.WriteString(head + "\n")
	urgent, expired := 0, 0
	for _, h := range s.holds {
		if !h.HoldExpires.IsZero() {
			if d := h.HoldExpires.Sub(now); d <= 0 {
				expired++
			} else if d < holdWarnBefore {
				urgent++
			}
		}
	}
	if urgent > 0 {
		b.WriteString(st.Warn.Render(st.Tf("⚠ %d hold(s) expire within 10 minutes: capture or cancel them now.", urgent)) + "\n")
	}
	if expired > 0 {
		b.WriteString(st.CountdownWarn.Render(st.Tf("⚠ %d hold(s) expired: open them to check with OCTO.", expired)) + "\n")
	}
	b.WriteString("\n")
	// A long list shows the window around the cursor.
	first, last := 0, len(s.holds)
	if room := s.height - 1 - strings.Count(b.String(), "\n"); s.height > 0 && room >= 3 && len(s.holds) > room {
		first = min(max(s.cursor-room/2, 0), len(s.holds)-room+1)
		last = first + room - 1
	}
	for i := first; i < last; i++ {
		h := s.holds[i]
		mark := "[ ]"
		if s.selected[h.ShopTransactionID] {
			mark = "[x]"
		}
		left, warn := holdLeft(st.lang, h, now)
		head := fmt.Sprintf("%s %-16s %s  ", mark, FormatMoney(h.Amount, h.Currency), groupMasked(h.Card))
		// The description gets what room the line has left (the cursor
		// mark and padding take 4 cells).
		desc := ""
		if room := s.width - 4 - lipgloss.Width(head+left) - 2; h.Description != "" && (s.width == 0 || room >= 8) {
			desc = "  " + h.Description
			if s.width > 0 {
				desc = "  " + truncate(h.Description, min(room, 30))
			}
		}
		if warn {
			left = st.CountdownWarn.Render(left)
		}
		line := head + left + desc
		if i == s.cursor {
			b.WriteString(st.MenuSelected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString(st.MenuItem.Render(line) + "\n")
		}
	}
	if first > 0 || last < len(s.holds) {
		b.WriteString(st.Muted.Render(st.Tf("↑↓ %d of %d shown", last-first, len(s.holds))) + "\n")
	}
	return b.String()
}
