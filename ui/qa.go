package ui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The QA tools (inspector F3, scenario F4, clock F5, notifications F6) open
// above whatever screen is on, even in the middle of a payment: that is when
// support needs to see what was sent, and when QA arms what the next call
// does. The screen underneath keeps running (its flow, its timers) and is
// back as it was when the tool closes. They are tools (tool.go) routed as an
// overlay by updateQA rather than as the root's screen, because the payment
// flow moves the screen on every tick.

// SandboxControls is what the QA tools need from the embedded sandbox. It
// is nil when the console talks to OCTO: the inspector still works, the
// other tools say they exist only on the sandbox. main implements it over
// *sandbox.Sandbox.
type SandboxControls interface {
	// Now is the sandbox's virtual clock.
	Now() time.Time
	// Advance moves the clock and returns the deadlines the move passed.
	Advance(d time.Duration) []Expiry
	// Deadlines are the expiries still ahead, soonest first.
	Deadlines() []Expiry
	// Faults are the armed faults; Inject arms one; ClearFaults disarms all.
	Faults() []Fault
	Inject(f Fault)
	ClearFaults()
	// Notifications are the notifications the sandbox sent (or lost on
	// purpose), oldest first, with the answers they got.
	Notifications() []SentNotification
	// Replay sends a notification again as it was and returns the new one.
	Replay(seq int64) (SentNotification, error)
}

// Fault kinds, as the sandbox names them.
const (
	FaultLatency               = "latency"
	FaultError                 = "error"
	FaultDrop                  = "drop"
	FaultLoseNotification      = "lose_notification"
	FaultDuplicateNotification = "duplicate_notification"
)

// Fault is an armed failure of the sandbox: for the next Count calls of
// Method ("" any; the notified status for notification faults), or for a
// share Rate of them until cleared.
type Fault struct {
	Method  string
	Kind    string
	Count   int
	Rate    float64 // a probability in [0,1], not money
	Latency time.Duration
}

// What an Expiry ends.
const (
	ExpiryCode    = "code"
	ExpiryPayment = "payment"
	ExpiryHold    = "hold"
)

// Expiry is a deadline on the sandbox's clock.
type Expiry struct {
	What              string // ExpiryCode, ExpiryPayment or ExpiryHold
	PaymentUUID       string
	ShopTransactionID string
	At                time.Time
}

// SentNotification is one notification the sandbox posted (or lost), with
// the merchant's answer.
type SentNotification struct {
	Seq               int64
	Time              time.Time // the sandbox's clock
	Bind              bool      // to bind_notify_url
	Status            string
	PaymentUUID       string
	ShopTransactionID string
	URL               string
	Body              []byte
	HTTPStatus        int // 0 when nothing came back
	Answer            string
	Attempt           int
	Note              string
}

// qaMsg marks the QA tools' own messages: they go to the tool on show.
type qaMsg interface{ qa() }

// closeQAMsg takes the QA tool off and shows the screen underneath.
type closeQAMsg struct{}

func closeQA() tea.Msg { return closeQAMsg{} }

// updateQA sees every message before the root's routing. It records the
// traffic for the inspector, opens and closes the QA tools and routes to
// the one on show its keys and messages; done says the message is used up.
func (a App) updateQA(msg tea.Msg) (_ App, _ tea.Cmd, done bool) {
	switch msg := msg.(type) {
	case exchangeMsg:
		a.traffic.addExchange(msg.x)
	case hintMsg:
		a.traffic.addHint(Hint(msg), a.opts.Now())
	case bindHintMsg:
		a.traffic.addBindHint(BindHint(msg), a.opts.Now())
	case closeQAMsg:
		a.qa, a.qaKind = nil, ""
		return a, nil, true
	case qaMsg:
		if a.qa == nil {
			return a, nil, true // a late answer for a tool no longer on show
		}
		var cmd tea.Cmd
		a.qa, cmd = a.qa.Update(msg, a.opts)
		return a, cmd, true
	case tickMsg:
		if a.qa != nil {
			var cmd tea.Cmd
			a.qa, cmd = a.qa.Update(msg, a.opts)
			return a, cmd, false
		}
	case tea.KeyPressMsg:
		if a.confirm != nil {
			return a, nil, false // a question to the cashier comes first
		}
		if t, kind, init, ok := a.qaToolFor(msg); ok {
			if a.qa != nil && a.qaKind == kind {
				a.qa, a.qaKind = nil, "" // the same key again closes it
				return a, nil, true
			}
			a.qa, a.qaKind = t, kind
			return a, init, true
		}
		if a.qa != nil && !key.Matches(msg, a.keys.Quit, a.keys.Help, a.keys.SMS) {
			var cmd tea.Cmd
			a.qa, cmd = a.qa.Update(msg, a.opts)
			return a, cmd, true
		}
	}
	return a, nil, false
}

// qaToolFor is the tool a key opens, named by its key, with its first
// command.
func (a App) qaToolFor(msg tea.KeyPressMsg) (tool, string, tea.Cmd, bool) {
	l := a.opts.Language
	switch {
	case key.Matches(msg, a.qaKeys.Inspector):
		return newInspector(l, a.traffic), "f3", nil, true
	case key.Matches(msg, a.qaKeys.Scenario):
		s := newScenario(l, a.opts.Sandbox)
		s.page = pageScenario{uuid: a.pagePayment(), pays: a.opts.CustomerPays, noCardEntry: a.opts.NoCardEntry}
		return s, "f4", nil, true
	case key.Matches(msg, a.qaKeys.Clock):
		c := newClockTool(l)
		return c, "f5", c.refresh(a.opts.Sandbox), true
	case key.Matches(msg, a.qaKeys.Notifications):
		return newNotificationsTool(l), "f6", loadNotifications(a.opts.Sandbox), true
	}
	return nil, "", nil, false
}

// qaView draws the QA tool on show in place of the screen, in the room
// left by the header, status line, footer (one line, or more with f1), the
// padding and the title.
func (a App) qaView(width int) string {
	footer := lipgloss.Height(a.st.footer.Render(a.help.View(a.activeKeys())))
	return a.st.title.Render(a.qa.Title(a.st)) + "\n" + a.qa.View(a.st, a.opts, width, a.height-6-footer)
}

// qaHelp adds the QA keys to the footer's full help (f1): the inspector
// always, the sandbox's tools on the sandbox only.
type qaHelp struct {
	help.KeyMap
	keys    qaKeys
	sandbox bool
}

func (a App) withQAHelp(km help.KeyMap) help.KeyMap {
	return qaHelp{km, a.qaKeys, a.opts.Sandbox != nil}
}

func (h qaHelp) FullHelp() [][]key.Binding {
	col := []key.Binding{h.keys.Inspector}
	if h.sandbox {
		col = append(col, h.keys.Scenario, h.keys.Clock, h.keys.Notifications)
	}
	// Under the global keys, not in a column of their own: four columns
	// ran past 80 (the open holds' full help lost them to an ellipsis).
	groups := h.KeyMap.FullHelp()
	if len(groups) == 0 {
		return [][]key.Binding{col}
	}
	last := append(append([]key.Binding{}, groups[len(groups)-1]...), col...)
	return append(append([][]key.Binding{}, groups[:len(groups)-1]...), last)
}

// sandboxOnly is what a sandbox tool shows on OCTO.
func sandboxOnly(st styles) string {
	return st.muted.Render(st.T("This tool exists only on the sandbox: OCTO's clock, outcomes and notifications cannot be controlled from here.")) +
		"\n\n" + st.muted.Render(st.T("The inspector (f3) works on OCTO too."))
}
