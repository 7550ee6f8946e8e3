package qa

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// inspector lists every request to the gateway with its answer, and every
// notification the console received, newest first and live; Enter opens
// one's redacted request and response. It reads the client's observer, so
// it works against OCTO as on the sandbox: support sees what was sent.
type inspector struct {
	log        *Traffic
	keys       inspectorKeys
	sel        int64 // the selected entry's seq; 0 follows the newest
	errorsOnly bool
	open       bool // the selected entry's bodies are on show
	scroll     int  // first line of the bodies on show
}

type inspectorKeys struct {
	Up, Down, Open, Errors, PageUp, PageDown, Back key.Binding
	open                                           bool
}

// ShortHelp is kept short: the footer must fit 80 columns in every
// language (help's ellipsis gives up when it has no room for itself).
func (k inspectorKeys) ShortHelp() []key.Binding {
	if k.open {
		return []key.Binding{k.PageDown, k.Back}
	}
	return []key.Binding{k.Open, k.Errors, k.Back}
}

func (k inspectorKeys) FullHelp() [][]key.Binding {
	if k.open {
		return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Back}}
	}
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.Errors, k.Back}}
}

func newInspector(l i18n.Lang, log *Traffic) inspector {
	return inspector{log: log, keys: inspectorKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", l.T("up"))),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", l.T("down"))),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("request and response"))),
		Errors:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", l.T("errors only"))),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", l.T("page up"))),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", l.T("page down"))),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("back"))),
	}}
}

func (i inspector) Title(st common.Styles) string { return st.T("Inspector") }

func (i inspector) Keys() help.KeyMap { k := i.keys; k.open = i.open; return k }

func (i inspector) entries() []trafficEntry {
	if !i.errorsOnly {
		return i.log.newestFirst(nil)
	}
	return i.log.newestFirst(trafficEntry.failed)
}

// cursor is the index of the selected entry in es (0 when it is gone).
func (i inspector) cursor(es []trafficEntry) int {
	for n, e := range es {
		if e.seq == i.sel {
			return n
		}
	}
	return 0
}

func (i inspector) Update(msg tea.Msg, _ Context) (Tool, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return i, nil
	}
	if i.open {
		switch {
		case key.Matches(km, i.keys.Back):
			i.open = false
		case key.Matches(km, i.keys.Up):
			i.scroll = max(i.scroll-1, 0)
		case key.Matches(km, i.keys.Down):
			i.scroll++
		case key.Matches(km, i.keys.PageUp):
			i.scroll = max(i.scroll-10, 0)
		case key.Matches(km, i.keys.PageDown):
			i.scroll += 10
		}
		// View keeps the last page in sight; this keeps Up from having
		// to climb back from far past the end.
		i.scroll = min(i.scroll, i.bodyLines())
		return i, nil
	}
	es := i.entries()
	c := i.cursor(es)
	switch {
	case key.Matches(km, i.keys.Back):
		return i, Close
	case key.Matches(km, i.keys.Up):
		if c <= 1 {
			i.sel = 0 // back at the top: follow the newest again
		} else {
			i.sel = es[c-1].seq
		}
	case key.Matches(km, i.keys.Down):
		if c+1 < len(es) {
			i.sel = es[c+1].seq
		}
	case key.Matches(km, i.keys.Errors):
		i.errorsOnly = !i.errorsOnly
		i.sel = 0
	case key.Matches(km, i.keys.Open):
		if len(es) > 0 {
			i.sel, i.open, i.scroll = es[c].seq, true, 0
		}
	}
	return i, nil
}

func (i inspector) View(ctx Context) string {
	st, width, height := ctx.Styles, ctx.Width, ctx.Height
	es := i.entries()
	if i.open && len(es) > 0 {
		return i.detail(st, es[i.cursor(es)], width, height)
	}
	var b strings.Builder
	head := st.Tf("%d exchanges (the last %d are kept), newest first", len(es), TrafficLimit)
	if i.errorsOnly {
		head += " · " + st.T("errors only")
	}
	if n := i.log.Dropped(); n > 0 {
		head += " · " + st.Tf("%d older dropped", n)
	}
	b.WriteString(st.Muted.Render(head) + "\n")
	if len(es) == 0 {
		if i.errorsOnly {
			b.WriteString("\n" + st.T("No failed exchanges."))
		} else {
			b.WriteString("\n" + st.Tf("Nothing sent to %s yet.", ctx.Gateway))
		}
		return b.String()
	}
	b.WriteString(st.Label.Width(0).Render(fmt.Sprintf("  %-8s  %-24s %5s  %-10s %9s", st.T("time"), st.T("method"), "HTTP", "OCTO", st.T("took"))) + "\n")
	c := i.cursor(es)
	rows := max(height-5, 3)
	first := 0
	if c >= rows {
		first = c - rows + 1
	}
	for n := first; n < len(es) && n < first+rows; n++ {
		line := common.Truncate(i.row(st, es[n]), max(width-2, 20))
		if n == c {
			b.WriteString(st.MenuSelected.Render("› "+line) + "\n")
		} else {
			b.WriteString(st.MenuItem.Render(line) + "\n")
		}
	}
	if e := es[c]; e.x.Err != "" {
		b.WriteString("\n" + st.Bad.Render(common.Truncate("✗ "+common.ScrubPANs(e.x.Err), max(width, 20))))
	}
	return strings.TrimRight(b.String(), "\n")
}

func (i inspector) row(st common.Styles, e trafficEntry) string {
	at := e.at.Format("15:04:05")
	if e.inbound {
		what := "← " + st.T("notification")
		if e.bind {
			what = "← " + st.T("bind notification")
		}
		rest := e.status
		if e.shopTx != "" {
			rest += " · " + e.shopTx
		}
		if e.token != "" {
			rest += " · " + e.token
		}
		if e.signature == "bad" {
			rest += " · " + st.T("signature failed")
		}
		return fmt.Sprintf("%-8s  %-24s %s", at, common.Truncate(what, 24), rest)
	}
	x := e.x
	httpStatus := "—"
	if x.HTTPStatus != 0 {
		httpStatus = fmt.Sprint(x.HTTPStatus)
	}
	outcome := st.T("ok")
	switch {
	case x.Code != 0:
		outcome = st.Tf("error %d", x.Code)
	case x.HTTPStatus == 0 && x.Err != "":
		outcome = st.T("no answer")
	case x.Err != "":
		outcome = st.T("failed")
	}
	line := fmt.Sprintf("%-8s  %-24s %5s  %-10s %9s", at, common.Truncate("→ "+common.CallName(x.Method, x.Request), 24), httpStatus, common.Truncate(outcome, 10), common.FormatLatency(x.Duration, st.T("ms")))
	if x.Attempt > 1 {
		line += "  " + st.Tf("try %d", x.Attempt)
	}
	return line
}

// bodyLines counts the lines of the open entry's bodies.
func (i inspector) bodyLines() int {
	es := i.entries()
	if len(es) == 0 {
		return 0
	}
	return len(entryLines(common.NewStyles(), es[i.cursor(es)]))
}

// entryBody is what the detail shows of an entry: its facts and its lines.
func entryLines(st common.Styles, e trafficEntry) []string {
	if e.inbound {
		return notificationOf(e).Lines(st)
	}
	return common.ExchangeBodyOf(e.x).Lines(st)
}

func notificationOf(e trafficEntry) common.NotificationBody {
	return common.NotificationBody{At: e.at, Bind: e.bind, Status: e.status, ShopTx: e.shopTx, Token: e.token,
		Signature: e.signature, Body: e.body}
}

// detail shows one entry: what it was, then its redacted bodies, scrolled.
func (i inspector) detail(st common.Styles, e trafficEntry, width, height int) string {
	var head []string
	if e.inbound {
		head = notificationOf(e).Head(st, e.at.Location())
	} else {
		head = common.ExchangeBodyOf(e.x).Head(st, e.at.Location(), width)
	}
	lines := entryLines(st, e)
	return strings.Join(head, "\n") + "\n\n" + common.Scrolled(st, lines, i.scroll, max(height-len(head)-1, 3), width)
}
