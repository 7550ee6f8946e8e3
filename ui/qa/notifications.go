package qa

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// notificationsTool lists the notifications the sandbox sent (and those it
// lost or doubled on purpose), newest first, with the answer each got, and
// sends the selected one again as it was: the way to check that the
// console takes a repeated or late notification as a hint and no more.
type notificationsTool struct {
	list      []SentNotification // newest first
	read      bool
	sel       int64 // the selected notification's seq; 0 follows the newest
	open      bool  // the selected notification's body is on show
	scroll    int   // first line of the body on show
	replaying bool
	replayed  *SentNotification // the last replay, when it got through
	problem   string            // why the last replay failed
	keys      notificationsKeys
}

type notificationsKeys struct{ Up, Down, Open, Replay, Back key.Binding }

// ShortHelp is kept short to fit 80 columns in every language.
func (k notificationsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Replay, k.Back}
}

func (k notificationsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.Replay, k.Back}}
}

// notificationsMsg is a fresh read of the sandbox's notification log
// (oldest first, as the sandbox keeps it); replayedMsg a replay's outcome.
type notificationsMsg struct{ list []SentNotification }

type replayedMsg struct {
	n   SentNotification
	err error
}

func (notificationsMsg) qa() {}
func (replayedMsg) qa()      {}

func newNotificationsTool(l i18n.Lang) notificationsTool {
	return notificationsTool{keys: notificationsKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", l.T("up"))),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", l.T("down"))),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("body"))),
		Replay: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", l.T("replay"))),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("back"))),
	}}
}

func loadNotifications(sb SandboxControls) tea.Cmd {
	if sb == nil {
		return nil
	}
	return func() tea.Msg { return notificationsMsg{sb.Notifications()} }
}

func replay(sb SandboxControls, seq int64) tea.Cmd {
	return func() tea.Msg {
		n, err := sb.Replay(seq)
		return replayedMsg{n, err}
	}
}

func (t notificationsTool) Title(st common.Styles) string {
	return st.T("Notifications sent by the sandbox")
}

func (t notificationsTool) Keys() help.KeyMap { return t.keys }

func (t notificationsTool) cursor() int {
	for n, x := range t.list {
		if x.Seq == t.sel {
			return n
		}
	}
	return 0
}

func (t notificationsTool) Update(msg tea.Msg, ctx Context) (Tool, tea.Cmd) {
	switch msg := msg.(type) {
	case notificationsMsg:
		t.read = true
		t.list = t.list[:0:0]
		for i := len(msg.list) - 1; i >= 0; i-- {
			t.list = append(t.list, msg.list[i])
		}
		if len(t.list) == 0 {
			t.open = false // the log was emptied (a sandbox reset)
		}
	case replayedMsg:
		t.replaying = false
		t.replayed, t.problem = nil, ""
		if msg.err != nil && msg.n.Seq == 0 {
			t.problem = msg.err.Error()
		} else {
			n := msg.n
			t.replayed = &n
		}
		return t, loadNotifications(ctx.Sandbox)
	case TickMsg:
		return t, loadNotifications(ctx.Sandbox)
	case tea.KeyPressMsg:
		c := t.cursor()
		if t.open && len(t.list) > 0 {
			switch {
			case key.Matches(msg, t.keys.Back), key.Matches(msg, t.keys.Open):
				t.open = false
			case key.Matches(msg, t.keys.Up):
				t.scroll = max(t.scroll-1, 0)
			case key.Matches(msg, t.keys.Down):
				t.scroll = min(t.scroll+1, len(common.RedactedLines(t.list[c].Body)))
			}
			return t, nil
		}
		switch {
		case key.Matches(msg, t.keys.Back):
			return t, Close
		case len(t.list) == 0:
		case key.Matches(msg, t.keys.Open):
			t.sel, t.open, t.scroll = t.list[c].Seq, true, 0
		case key.Matches(msg, t.keys.Up):
			if c <= 1 {
				t.sel = 0
			} else {
				t.sel = t.list[c-1].Seq
			}
		case key.Matches(msg, t.keys.Down):
			if c+1 < len(t.list) {
				t.sel = t.list[c+1].Seq
			}
		case key.Matches(msg, t.keys.Replay):
			if t.replaying || ctx.Sandbox == nil {
				return t, nil
			}
			t.sel = t.list[c].Seq // stay on it while newer ones arrive
			t.replaying, t.replayed, t.problem = true, nil, ""
			return t, replay(ctx.Sandbox, t.list[c].Seq)
		}
	}
	return t, nil
}

func (t notificationsTool) View(ctx Context) string {
	st, width, height := ctx.Styles, ctx.Width, ctx.Height
	if ctx.Sandbox == nil {
		return sandboxOnly(st)
	}
	if !t.read {
		return st.Muted.Render(st.T("Reading the sandbox's log…"))
	}
	if len(t.list) == 0 {
		return st.T("The sandbox has sent no notification yet.") + "\n\n" +
			st.Muted.Render(st.T("Each change of a payment's status is announced to its notify_url."))
	}
	if t.open && len(t.list) > 0 {
		return t.body(st, ctx, width, height)
	}
	var b strings.Builder
	b.WriteString(st.Muted.Render(st.Tf("%d notifications, newest first", len(t.list))) + "\n")
	cols := notificationColumns(width)
	b.WriteString(st.Label.Width(0).Render(fmt.Sprintf("  %-8s  %-20s %-*s %4s  %-*s %s",
		st.T("time"), st.T("status"), cols.id, st.T("payment"), "HTTP", cols.answer, st.T("answer"), st.T("try"))) + "\n")
	c := t.cursor()
	rows := max(height-11, 3)
	first := 0
	if c >= rows {
		first = c - rows + 1
	}
	loc := ctx.Now().Location()
	for n := first; n < len(t.list) && n < first+rows; n++ {
		line := common.Truncate(t.row(st, t.list[n], loc, cols), max(width-2, 20))
		if n == c {
			b.WriteString(st.MenuSelected.Render("› "+line) + "\n")
		} else {
			b.WriteString(st.MenuItem.Render(line) + "\n")
		}
	}
	x := t.list[c]
	b.WriteString("\n")
	lw := width - 20
	fmt.Fprintf(&b, "%s%s\n", st.Label.Render("URL"), common.Truncate(x.URL, max(lw, 20)))
	fmt.Fprintf(&b, "%s%s\n", st.Label.Render(st.T("Merchant's answer")), common.Truncate(answerText(st, x), max(lw, 20)))
	if x.Note != "" {
		fmt.Fprintf(&b, "%s%s\n", st.Label.Render(st.T("Sandbox's note")), common.Truncate(x.Note, max(lw, 20)))
	}
	switch {
	case t.replaying:
		b.WriteString(st.Muted.Render(st.T("Sending it again…")))
	case t.problem != "":
		b.WriteString(st.ErrorLine.Render("✗ " + common.Truncate(st.T("Not replayed: ")+t.problem, max(width, 20))))
	case t.replayed != nil:
		r := t.replayed
		msg := st.Tf("Replayed as #%d: HTTP %d, answer %s", r.Seq, r.HTTPStatus, common.Truncate(answerText(st, *r), 30))
		if r.HTTPStatus == 0 {
			b.WriteString(st.ErrorLine.Render("✗ " + common.Truncate(st.Tf("Replayed as #%d: not delivered (%s)", r.Seq, r.Note), max(width, 20))))
		} else {
			b.WriteString(st.OK.Render("✓ " + common.Truncate(msg, max(width, 20))))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// body shows the selected notification as it was posted, redacted.
func (t notificationsTool) body(st common.Styles, ctx Context, width, height int) string {
	x := t.list[t.cursor()]
	id := x.ShopTransactionID
	if id == "" {
		id = x.PaymentUUID
	}
	head := []string{
		st.Subtitle.Render(x.Status) + " · " + id + " · " + x.Time.In(ctx.Now().Location()).Format("15:04:05"),
		st.Label.Render("URL") + common.Truncate(x.URL, max(width-20, 20)),
		st.Label.Render(st.T("Merchant's answer")) + common.Truncate(answerText(st, x), max(width-20, 20)),
	}
	lines := common.RedactedLines(x.Body)
	if lines == nil {
		lines = []string{st.Muted.Render(st.T("(no body)"))}
	}
	return strings.Join(head, "\n") + "\n\n" + common.Scrolled(st, lines, t.scroll, max(height-len(head)-1, 3), width)
}

// notificationColumns are the widths of the payment and answer columns:
// a whole shop transaction id and more of the answer when there is room.
func notificationColumns(width int) struct{ id, answer int } {
	if width >= 100 {
		return struct{ id, answer int }{27, max(min(width-75, 40), 12)}
	}
	// At 80 columns the answer gives two columns to the last header, so
	// "попытка" and "urinish" fit on the header line instead of wrapping.
	return struct{ id, answer int }{18, 10}
}

func (t notificationsTool) row(st common.Styles, x SentNotification, loc *time.Location, cols struct{ id, answer int }) string {
	status := x.Status
	if x.Bind {
		status = st.Tf("bind: %s", status)
	}
	id := x.ShopTransactionID
	if id == "" {
		id = x.PaymentUUID
	}
	httpStatus := "—"
	if x.HTTPStatus != 0 {
		httpStatus = fmt.Sprint(x.HTTPStatus)
	}
	try := ""
	if x.Attempt > 0 {
		try = fmt.Sprint(x.Attempt)
	}
	return fmt.Sprintf("%-8s  %-20s %-*s %4s  %-*s %s", x.Time.In(loc).Format("15:04:05"), common.Truncate(status, 20),
		cols.id, common.Truncate(id, cols.id), httpStatus, cols.answer, common.Truncate(answerText(st, x), cols.answer), try)
}

// answerText is what the merchant answered, or why nothing came back.
func answerText(st common.Styles, x SentNotification) string {
	switch {
	case x.HTTPStatus == 0 && strings.HasPrefix(x.Note, "lost"):
		return st.T("lost on purpose")
	case strings.HasPrefix(x.Note, "duplicate"):
		// The copy the sandbox sent again on purpose (its answer is not kept).
		return st.T("duplicate (fault)")
	case x.HTTPStatus == 0:
		return st.T("no answer")
	case strings.TrimSpace(x.Answer) == "":
		return st.T("(empty)")
	}
	return common.ScrubPANs(strings.Join(strings.Fields(x.Answer), " "))
}
