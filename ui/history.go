package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// historyTool lists journaled payments, newest first, narrowed by a
// search (see historyQuery); enter opens a payment's detail, which comes
// back here with the search and the cursor as they were.
type historyTool struct {
	search  textinput.Model
	query   historyQuery
	records []flows.Record
	cursor  int
	loaded  bool
	err     string
	keys    historyKeys
	// stop cancels the journal read in flight: a search typed on supersedes
	// it, and over a million payments a superseded read is worth stopping.
	stop context.CancelFunc
}

type historyKeys struct{ Up, Down, Open, Search, Back key.Binding }

func (k historyKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Search, k.Back}
}
func (k historyKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

type historyMsg struct {
	query   string // what was searched: late answers to older searches are dropped
	records []flows.Record
	err     error
}

// openHistory puts the history on screen and reads its first page.
func openHistory(o Options) tea.Cmd {
	h := newHistoryTool(o.Language)
	h.query = parseHistoryQuery("", o.Now(), o.Language, o.Currency)
	if o.Journal == nil {
		h.loaded, h.err = true, o.Language.T("the console has no journal")
	}
	h, load := h.reload(o)
	return openTool(h, batch(textinput.Blink, load))
}

// firstLoad reports whether the history opened and its first page is not
// read yet.
func (h historyTool) firstLoad() bool { return !h.loaded && h.search.Value() == "" && h.err == "" }

func newHistoryTool(lang Lang) historyTool {
	in := newInput()
	// The search's own words (see historyQuery) in the screen's language.
	in.Placeholder = lang.T("today, 2026-11-23, paid, 0015, 150000, oc-…")
	in.CharLimit = 60
	in.SetWidth(50)
	in.Prompt = lang.T("search") + " › "
	in.Focus()
	return historyTool{search: in, keys: historyKeys{
		Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", lang.T("up"))),
		Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", lang.T("down"))),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", lang.T("details"))),
		Search: key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp(lang.T("type"), lang.T("search"))),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", lang.T("back"))),
	}}
}

func loadHistory(ctx context.Context, j Journal, q string, f flows.Filter) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		rs, err := j.History(ctx, f)
		return historyMsg{q, rs, err}
	}
}

// reload reads the list again with the same search (a refund or a check
// may have changed a payment since).
func (h historyTool) reload(o Options) (historyTool, tea.Cmd) {
	if h.stop != nil {
		h.stop()
	}
	ctx, stop := context.WithCancel(o.Context)
	h.stop = stop
	return h, loadHistory(ctx, o.Journal, h.search.Value(), h.query.filter)
}

func (historyTool) Title(st styles) string { return st.T("History") }
func (h historyTool) Keys() help.KeyMap    { return h.keys }

func (h historyTool) Update(msg tea.Msg, o Options) (tool, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// The field fits beside the SMS panel too, so it never wraps.
		h.search.SetWidth(max(min(50, msg.Width-lipgloss.Width(h.search.Prompt)-1), 10))
		return h, nil
	case historyMsg:
		if msg.query != h.search.Value() || errors.Is(msg.err, context.Canceled) {
			return h, nil // superseded: a newer read answers
		}
		h.loaded, h.err = true, ""
		if h.stop != nil {
			h.stop() // the read is over: release its context
			h.stop = nil
		}
		if msg.err != nil {
			h.err = o.Language.T("the journal could not be read") + ": " + o.Language.T(msg.err.Error())
			return h, nil
		}
		h.records = msg.records
		h.cursor = min(h.cursor, max(len(h.records)-1, 0))
		return h, nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, h.keys.Up) && len(h.records) > 0:
			h.cursor = (h.cursor + len(h.records) - 1) % len(h.records)
			return h, nil
		case key.Matches(msg, h.keys.Down) && len(h.records) > 0:
			h.cursor = (h.cursor + 1) % len(h.records)
			return h, nil
		case key.Matches(msg, h.keys.Open):
			if len(h.records) == 0 {
				return h, nil
			}
			d := newDetailTool(h.records[h.cursor], h, o.Language)
			return d, d.load(o)
		case key.Matches(msg, h.keys.Back):
			if h.stop != nil {
				h.stop()
			}
			return h, closeTool
		}
		before := h.search.Value()
		var cmd tea.Cmd
		h.search, cmd = h.search.Update(msg)
		if q := h.search.Value(); q != before {
			h.cursor = 0
			h.query = parseHistoryQuery(q, o.Now(), o.Language, o.Currency)
			var load tea.Cmd
			h, load = h.reload(o)
			return h, batch(cmd, load)
		}
		return h, cmd
	}
	var cmd tea.Cmd
	h.search, cmd = h.search.Update(msg)
	return h, cmd
}

// shortState is a state in one word, for lists.
func shortState(r flows.Record) string {
	switch r.State {
	case flows.Succeeded:
		if !r.Refunded.IsZero() {
			if r.Refunded.GreaterThanOrEqual(r.Captured) {
				return "Refunded"
			}
			return "Part refunded"
		}
		if r.Kind == flows.Hold {
			return "Captured"
		}
		return "Paid"
	case flows.Held:
		return "Held"
	case flows.Declined:
		return "Declined"
	case flows.Canceled:
		return "Canceled"
	case flows.Failed:
		return "Not sent"
	case flows.Resolving:
		return "Unknown"
	case flows.Refunding:
		return "Refunding"
	case flows.Draft, flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP, flows.CheckingOTP,
		flows.ResendingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.AwaitingPage, flows.Capturing, flows.Canceling:
	}
	return "Unfinished"
}

func (h historyTool) View(st styles, o Options, width, height int) string {
	var b strings.Builder
	b.WriteString(h.search.View() + "\n")
	switch {
	case h.query.problem != "":
		b.WriteString(st.ErrorLine.Render("✗ "+h.query.problem) + "\n")
	case len(h.query.parts) > 0:
		b.WriteString(st.Muted.Render(st.T("Showing")+": "+strings.Join(h.query.parts, " · ")) + "\n")
	default:
		b.WriteString(st.Muted.Render(st.T("All payments, newest first")) + "\n")
	}
	if o.TemporaryJournal {
		b.WriteString(st.Warn.Render(st.T(temporaryJournalText)) + "\n")
	} else {
		b.WriteString("\n")
	}
	switch {
	case h.err != "":
		b.WriteString(st.ErrorLine.Render("✗ " + h.err))
		return b.String()
	case !h.loaded:
		b.WriteString(st.Muted.Render(st.T("Reading the journal…")))
		return b.String()
	case len(h.records) == 0 && len(h.query.parts) > 0:
		b.WriteString(st.T("No payments match this search."))
		return b.String()
	case len(h.records) == 0:
		b.WriteString(st.T("No payments yet."))
		return b.String()
	}
	rows := max(height-5, 3)
	first := 0
	if h.cursor >= rows {
		first = h.cursor - rows + 1
	}
	loc := o.Now().Location()
	// A row is date, status, amount, card and description; on a narrow
	// screen (the SMS panel open) the description goes first, then the
	// status is shortened, so a row never wraps.
	statusWidth, descWidth := 17, width-61
	if width < 57 {
		statusWidth = max(width-40, 6)
	}
	for i := first; i < len(h.records) && i < first+rows; i++ {
		r := h.records[i]
		// The money that moved: a hold captured in part shows what was
		// charged (the detail has the hold beside it).
		amount := r.Amount
		if r.State == flows.Succeeded && r.Captured.IsPositive() && !r.Captured.Equal(r.Amount) {
			amount = r.Captured
		}
		card := lastDigits(r.Card)
		if r.Hosted && r.Card == "" {
			card = "QR   " // on the customer's phone; OCTO has not told the card
		}
		line := fmt.Sprintf("%s  %-*s %15s  %s", r.Created.In(loc).Format("02.01 15:04"),
			statusWidth, truncate(st.T(shortState(r)), statusWidth), st.lang.Money(amount, r.Currency), card)
		if desc := withCounter(r); descWidth >= 8 && desc != "" {
			line += "  " + truncate(desc, descWidth)
		}
		if i == h.cursor {
			b.WriteString(st.MenuSelected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString(st.MenuItem.Render(line) + "\n")
		}
	}
	switch {
	case len(h.records) >= historyLimit:
		b.WriteString(st.Muted.Render(st.Tf("%d of the newest %d; narrow the search to see older ones", h.cursor+1, len(h.records))))
	case len(h.records) > rows:
		b.WriteString(st.Muted.Render(st.Tf("%d of %d", h.cursor+1, len(h.records))))
	}
	return b.String()
}

// withCounter is a row's description led by the counter that took the
// payment, in a store's History ("B · Coffee beans").
func withCounter(r flows.Record) string {
	switch {
	case r.Counter == "":
		return r.Description
	case r.Description == "":
		return r.Counter
	}
	return r.Counter + " · " + r.Description
}

// lastDigits shows a masked card as "•0015".
func lastDigits(masked string) string {
	if len(masked) < 4 {
		return "     "
	}
	return "•" + masked[len(masked)-4:]
}
