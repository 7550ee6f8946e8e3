package ui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// historyScreen lists journaled payments, newest first, with a search
// field: a shop transaction id, the card's last 4 digits, an exact amount
// or a status.
type historyScreen struct {
	search  textinput.Model
	records []flows.Record
	cursor  int
	loaded  bool
	keys    historyKeys
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

// openRecordMsg opens a journaled payment.
type openRecordMsg struct{ rec flows.Record }

const historyLimit = 200

func newHistoryScreen() historyScreen {
	in := textinput.New()
	in.Placeholder = "last 4 digits, amount, oc-… id or status"
	in.CharLimit = 40
	in.SetWidth(44)
	in.Prompt = "search › "
	in.Focus()
	return historyScreen{search: in, keys: historyKeys{
		Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Search: key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("type", "search")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}}
}

var (
	last4RE = regexp.MustCompile(`^\d{4}$`)
	stateRE = regexp.MustCompile(`^[a-z_]+$`)
)

// filterFor reads the search text as the journal's filter.
func filterFor(q string) flows.Filter {
	q = strings.TrimSpace(q)
	f := flows.Filter{Limit: historyLimit}
	switch {
	case q == "":
	case strings.HasPrefix(q, "oc-"):
		f.ShopTransactionID = q
	case last4RE.MatchString(q):
		f.Last4 = q
	case stateRE.MatchString(strings.ToLower(q)):
		f.State = flows.State(strings.ToLower(q))
	default:
		if d, err := ParseAmount(q); err == nil {
			f.Amount = d
		} else {
			f.ShopTransactionID = q
		}
	}
	return f
}

func loadHistory(ctx context.Context, j Journal, q string) tea.Cmd {
	if j == nil {
		return nil
	}
	f := filterFor(q)
	return func() tea.Msg {
		rs, err := j.History(ctx, f)
		return historyMsg{q, rs, err}
	}
}

func (s historyScreen) Init() tea.Cmd { return textinput.Blink }

func (s historyScreen) Update(msg tea.Msg, ctx context.Context, j Journal) (historyScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case historyMsg:
		if msg.query != s.search.Value() {
			return s, nil
		}
		s.records, s.loaded = msg.records, true
		s.cursor = min(s.cursor, max(len(s.records)-1, 0))
		return s, nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Up) && len(s.records) > 0:
			s.cursor = (s.cursor + len(s.records) - 1) % len(s.records)
			return s, nil
		case key.Matches(msg, s.keys.Down) && len(s.records) > 0:
			s.cursor = (s.cursor + 1) % len(s.records)
			return s, nil
		case key.Matches(msg, s.keys.Open):
			if len(s.records) == 0 {
				return s, nil
			}
			rec := s.records[s.cursor]
			return s, func() tea.Msg { return openRecordMsg{rec} }
		case key.Matches(msg, s.keys.Back):
			return s, func() tea.Msg { return doneMsg{} }
		}
		before := s.search.Value()
		var cmd tea.Cmd
		s.search, cmd = s.search.Update(msg)
		if s.search.Value() != before {
			s.cursor = 0
			return s, tea.Batch(cmd, loadHistory(ctx, j, s.search.Value()))
		}
		return s, cmd
	}
	var cmd tea.Cmd
	s.search, cmd = s.search.Update(msg)
	return s, cmd
}

// shortState is a state in one word, for lists.
func shortState(r flows.Record) string {
	switch r.State {
	case flows.Succeeded:
		if r.Kind == flows.Hold {
			return "Captured"
		}
		if !r.Refunded.IsZero() {
			return "Refunded"
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
	case flows.Draft, flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP, flows.CheckingOTP,
		flows.ResendingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.Capturing, flows.Canceling, flows.Refunding:
	}
	return "Unfinished"
}

func (s historyScreen) View(st styles, height int, loc *time.Location) string {
	var b strings.Builder
	b.WriteString(s.search.View() + "\n\n")
	switch {
	case !s.loaded:
		b.WriteString(st.muted.Render("Reading the journal…"))
		return b.String()
	case len(s.records) == 0:
		b.WriteString("No payments match.")
		return b.String()
	}
	rows := max(height-4, 3)
	first := 0
	if s.cursor >= rows {
		first = s.cursor - rows + 1
	}
	for i := first; i < len(s.records) && i < first+rows; i++ {
		r := s.records[i]
		line := fmt.Sprintf("%s  %-10s %15s  %s  %s", r.Created.In(loc).Format("02.01 15:04"),
			shortState(r), FormatMoney(r.Amount, r.Currency), lastDigits(r.Card), truncate(r.Description, 22))
		if i == s.cursor {
			b.WriteString(st.menuSelected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString(st.menuItem.Render(line) + "\n")
		}
	}
	if len(s.records) > rows {
		fmt.Fprintf(&b, st.muted.Render("%d of %d"), s.cursor+1, len(s.records))
	}
	return b.String()
}

// lastDigits shows a masked card as "•0015".
func lastDigits(masked string) string {
	if len(masked) < 4 {
		return "     "
	}
	return "•" + masked[len(masked)-4:]
}
