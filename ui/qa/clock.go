package qa

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// clockTool shows the sandbox's clock and the deadlines ahead (one-time
// codes, unpaid payments, holds) and moves the clock forward, then says
// what the move expired. The console's screens learn of an expiry as they
// would from OCTO: from the sandbox's answers and notifications.
type clockTool struct {
	now    time.Time
	ahead  []Expiry
	read   bool // now and ahead have been read
	custom textinput.Model
	typing bool
	moved  time.Duration // the last move, 0 before the first
	passed []Expiry      // what the last move expired
	bad    *moveError    // what was wrong with the typed duration
	keys   clockKeys
}

type clockKeys struct {
	Minute, Five, Hour, Day, Custom, Apply, Back key.Binding
	typing                                       bool
}

func (k clockKeys) ShortHelp() []key.Binding {
	if k.typing {
		return []key.Binding{k.Apply, k.Back}
	}
	return []key.Binding{k.Custom, k.Back} // the moves are listed on the screen
}

func (k clockKeys) FullHelp() [][]key.Binding {
	if k.typing {
		return [][]key.Binding{k.ShortHelp()}
	}
	return [][]key.Binding{{k.Minute, k.Five, k.Hour, k.Day, k.Custom, k.Back}}
}

// clockReadMsg is a fresh read of the sandbox's clock and deadlines;
// clockMovedMsg the same after a move, with what it expired.
type clockReadMsg struct {
	now   time.Time
	ahead []Expiry
}

type clockMovedMsg struct {
	clockReadMsg
	by     time.Duration
	passed []Expiry
}

func (clockReadMsg) qa()  {}
func (clockMovedMsg) qa() {}

func newClockTool(l i18n.Lang) clockTool {
	in := common.NewInput()
	in.Placeholder = "90s, 45m, 2h30m, 1d"
	in.CharLimit = 16
	in.SetWidth(20)
	in.Prompt = l.T("move by") + " › "
	return clockTool{custom: in, keys: clockKeys{
		Minute: key.NewBinding(key.WithKeys("1"), key.WithHelp("1", l.T("+1 min"))),
		Five:   key.NewBinding(key.WithKeys("5"), key.WithHelp("5", l.T("+5 min"))),
		Hour:   key.NewBinding(key.WithKeys("h"), key.WithHelp("h", l.T("+1 h"))),
		Day:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", l.T("+1 day"))),
		Custom: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", l.T("other…"))),
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("move"))),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("back"))),
	}}
}

func (c clockTool) Title(st common.Styles) string { return st.T("Sandbox clock") }

func (c clockTool) Keys() help.KeyMap { k := c.keys; k.typing = c.typing; return k }

// refresh reads the clock and the deadlines.
func (c clockTool) refresh(sb SandboxControls) tea.Cmd {
	if sb == nil {
		return nil
	}
	return func() tea.Msg { return clockReadMsg{now: sb.Now(), ahead: sb.Deadlines()} }
}

func advance(sb SandboxControls, d time.Duration) tea.Cmd {
	return func() tea.Msg {
		passed := sb.Advance(d)
		return clockMovedMsg{clockReadMsg{now: sb.Now(), ahead: sb.Deadlines()}, d, passed}
	}
}

func (c clockTool) Update(msg tea.Msg, ctx Context) (Tool, tea.Cmd) {
	sb := ctx.Sandbox
	switch msg := msg.(type) {
	case clockReadMsg:
		c.now, c.ahead, c.read = msg.now, msg.ahead, true
	case clockMovedMsg:
		c.now, c.ahead, c.read = msg.now, msg.ahead, true
		c.moved, c.passed = msg.by, msg.passed
	case TickMsg:
		return c, c.refresh(sb)
	case tea.KeyPressMsg:
		if c.typing {
			return c.updateTyping(msg, sb)
		}
		switch {
		case key.Matches(msg, c.keys.Back):
			return c, Close
		case sb == nil:
		case key.Matches(msg, c.keys.Minute):
			return c, advance(sb, time.Minute)
		case key.Matches(msg, c.keys.Five):
			return c, advance(sb, 5*time.Minute)
		case key.Matches(msg, c.keys.Hour):
			return c, advance(sb, time.Hour)
		case key.Matches(msg, c.keys.Day):
			return c, advance(sb, 24*time.Hour)
		case key.Matches(msg, c.keys.Custom):
			c.typing, c.bad = true, nil
			return c, c.custom.Focus()
		}
	}
	return c, nil
}

func (c clockTool) updateTyping(msg tea.KeyPressMsg, sb SandboxControls) (Tool, tea.Cmd) {
	switch {
	case key.Matches(msg, c.keys.Back):
		c.typing, c.bad = false, nil
		c.custom.Blur()
		return c, nil
	case key.Matches(msg, c.keys.Apply):
		d, err := parseClockMove(c.custom.Value())
		if err != nil {
			c.bad = err // what was typed stays, to be corrected
			return c, nil
		}
		c.typing, c.bad = false, nil
		c.custom.Blur()
		c.custom.SetValue("")
		return c, advance(sb, d)
	}
	var cmd tea.Cmd
	c.custom, cmd = c.custom.Update(msg)
	return c, cmd
}

// maxClockMove bounds a typed move: a year is past every sandbox deadline.
const maxClockMove = 366 * 24 * time.Hour

// moveError is a typed move the clock cannot make; format is the English
// text, translated when shown.
type moveError struct{ format, typed string }

func (e *moveError) Error() string { return e.in(common.Styles{}) }

func (e *moveError) in(st common.Styles) string {
	if !strings.Contains(e.format, "%") {
		return st.T(e.format)
	}
	return st.Tf(e.format, e.typed)
}

// parseClockMove reads a move like 90s, 45m, 2h30m or 1d (days are 24 h).
func parseClockMove(typed string) (time.Duration, *moveError) {
	s := strings.ToLower(strings.TrimSpace(typed))
	notDuration := &moveError{"%q is not a duration like 90s, 45m, 2h30m or 1d", typed}
	if s == "" {
		return 0, &moveError{"type how far to move, like 90s, 45m, 2h30m or 1d", ""}
	}
	var days time.Duration
	if i := strings.Index(s, "d"); i >= 0 {
		n, err := strconv.Atoi(s[:i])
		if err != nil || n < 0 {
			return 0, notDuration
		}
		days, s = time.Duration(n)*24*time.Hour, s[i+1:]
	}
	var rest time.Duration
	if s != "" {
		var err error
		if rest, err = time.ParseDuration(s); err != nil {
			return 0, notDuration
		}
	}
	d := days + rest
	switch {
	case d <= 0:
		return 0, &moveError{"the clock only moves forward: type more than zero", ""}
	case d > maxClockMove:
		return 0, &moveError{"%s is more than a year: move at most a year at a time", typed}
	}
	return d, nil
}

func (c clockTool) View(ctx Context) string {
	st, width, height := ctx.Styles, ctx.Width, ctx.Height
	if ctx.Sandbox == nil {
		return sandboxOnly(st)
	}
	if !c.read {
		return st.Muted.Render(st.T("Reading the sandbox's clock…"))
	}
	var b strings.Builder
	loc := ctx.Now().Location()
	fmt.Fprintf(&b, "%s%s\n\n", st.Label.Render(st.T("Sandbox time")), st.Value.Render(c.now.In(loc).Format("02.01.2006 15:04:05")))
	b.WriteString(st.Subtitle.Render(st.T("Ahead")) + "\n")
	if len(c.ahead) == 0 {
		b.WriteString(st.Muted.Render(st.T("No code, unpaid payment or hold is waiting.")) + "\n")
	}
	rows := max(height-12, 2)
	for n, e := range c.ahead {
		if n == rows {
			b.WriteString(st.Muted.Render(st.Tf("… and %d more", len(c.ahead)-rows)) + "\n")
			break
		}
		lw := max(min(width-26, 48), 20)
		fmt.Fprintf(&b, "  %-*s %-12s %s\n", lw, common.Truncate(expiryLabel(st, e), lw),
			st.Tf("in %s", formatLeft(e.At.Sub(c.now))), st.Muted.Render(e.At.In(loc).Format("15:04:05")))
	}
	b.WriteString("\n")
	if c.typing {
		b.WriteString(c.custom.View() + "\n")
		if c.bad != nil {
			b.WriteString(st.ErrorLine.Render("✗ "+c.bad.in(st)) + "\n")
		}
	} else {
		b.WriteString(st.Muted.Render(st.T("Move the clock: 1 +1 min · 5 +5 min · h +1 h · d +1 day · c other")) + "\n")
	}
	if c.moved > 0 {
		b.WriteString("\n")
		if len(c.passed) == 0 {
			b.WriteString(st.Tf("Moved %s: nothing expired.", formatSpan(st, c.moved)) + "\n")
		} else {
			b.WriteString(st.Warn.Render(st.Tf("Moved %s; expired:", formatSpan(st, c.moved))) + "\n")
			for _, e := range c.passed {
				b.WriteString("  ✓ " + common.Truncate(expiryLabel(st, e), max(width-4, 20)) + "\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// expiryLabel says what a deadline ends: "code of oc-…".
func expiryLabel(st common.Styles, e Expiry) string {
	id := e.ShopTransactionID
	if id == "" {
		id = e.PaymentUUID
	}
	switch e.What {
	case ExpiryCode:
		return st.Tf("code of %s", id)
	case ExpiryPayment:
		return st.Tf("unpaid payment %s", id)
	case ExpiryHold:
		return st.Tf("hold %s", id)
	}
	return e.What + " " + id
}

// formatLeft is a duration for people: 2:31, 1 h 05 min, 2 d 3 h.
func formatLeft(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < 0:
		return "0:00"
	case d < time.Hour:
		return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h %02d min", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d d %d h", int(d.Hours())/24, int(d.Hours())%24)
}

// formatSpan is how far the clock moved: 90 s, 5 min, 2 h 30 min, 1 d.
func formatSpan(st common.Styles, d time.Duration) string {
	var parts []string
	for _, u := range []struct {
		unit   time.Duration
		format string
	}{{24 * time.Hour, "%d d"}, {time.Hour, "%d h"}, {time.Minute, "%d min"}, {time.Second, "%d s"}} {
		if n := d / u.unit; n > 0 {
			parts = append(parts, st.Tf(u.format, int(n)))
			d -= n * u.unit
		}
	}
	return strings.Join(parts, " ")
}
