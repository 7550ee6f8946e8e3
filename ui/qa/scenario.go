package qa

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// scenario chooses how the sandbox treats what comes next, without
// remembering card numbers: each test card's outcome with the card to type,
// and faults to arm (a timeout after the work is done, a lost or duplicated
// notification, a slow gateway). It shows what is armed and clears it.
type scenario struct {
	items  []scenarioItem
	cursor int
	picks  []int   // the option chosen on each armable item
	done   string  // what the last key did
	armed  []Fault // the sandbox's armed faults, read after each key and tick
	keys   scenarioKeys
	page   pageScenario // the customer paying on their phone (scenario_page.go)
}

// scenarioItem is a test card (card set) or a fault to arm (options set).
type scenarioItem struct {
	label   string // English; translated when drawn
	card    string // the test card to type, grouped
	what    string // what happens, English
	options []scenarioOption
}

type scenarioOption struct {
	label string
	fault Fault
}

type scenarioKeys struct{ Up, Down, Prev, Next, Arm, Clear, Back key.Binding }

// ShortHelp is kept short to fit 80 columns in every language.
func (k scenarioKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Arm, k.Clear, k.Back}
}
func (k scenarioKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Prev, k.Next}, {k.Arm, k.Clear, k.Back}}
}

// testCardScenarios is the sandbox's test card table (octo/sandbox/README.md).
var testCardScenarios = []scenarioItem{
	{label: "Uzcard: approved after the code", card: "8600 0000 0000 0015", what: "Paid once the customer's SMS code is confirmed."},
	{label: "Uzcard: insufficient funds", card: "8600 0000 0000 0023", what: "Declined after the code: error 10, payment failed."},
	{label: "Uzcard: the answer to the code is lost", card: "8600 0000 0000 0031", what: "Paid, but the answer to the code is withheld for 2 minutes, then the connection drops."},
	{label: "Uzcard: card blocked", card: "8600 0000 0000 0049", what: "Refused at pay: error 10, card blocked."},
	{label: "Humo: approved after the code", card: "9860 0000 0000 0018", what: "Paid once the customer's SMS code is confirmed."},
	{label: "Humo: declined by the issuer", card: "9860 0000 0000 0026", what: "Declined after the code: error 10, payment failed."},
	{label: "Visa: approved after 3-D Secure", card: "4111 1111 1111 1111", what: "Paid once the 3-D Secure page is approved (any CVC)."},
	{label: "Mastercard: approved after 3-D Secure", card: "5555 5555 5555 4444", what: "Paid once the 3-D Secure page is approved (any CVC)."},
	{label: "Visa: 3-D Secure fails", card: "4000 0000 0000 0002", what: "3-D Secure fails: the payment is failed."},
}

// notifiedStatuses are the statuses a notification fault can aim at.
func notificationOptions(kind string) []scenarioOption {
	var out []scenarioOption
	for _, s := range []string{"succeeded", "waiting_for_capture", "failed", "canceled", "wait_user_action", ""} {
		label := s
		if s == "" {
			label = "any status"
		}
		out = append(out, scenarioOption{label: label, fault: Fault{Kind: kind, Method: s, Count: 1}})
	}
	return out
}

func faultScenarios() []scenarioItem {
	return []scenarioItem{
		{label: "Timeout after commit", what: "The sandbox does the work, then drops the connection: the outcome is unknown to the console, which must read the status.",
			options: []scenarioOption{
				{label: "confirming the code", fault: Fault{Kind: FaultDrop, Method: "check_sms_key", Count: 1}},
				{label: "sending the card", fault: Fault{Kind: FaultDrop, Method: "pay", Count: 1}},
				{label: "capture or cancel", fault: Fault{Kind: FaultDrop, Method: "set_accept", Count: 1}},
				{label: "a refund", fault: Fault{Kind: FaultDrop, Method: "refund", Count: 1}},
			}},
		{label: "Lost notification", what: "The next notification of this status is marked delivered but never sent.",
			options: notificationOptions(FaultLoseNotification)},
		{label: "Duplicated notification", what: "The next notification of this status is sent twice.",
			options: notificationOptions(FaultDuplicateNotification)},
		{label: "Slow gateway", what: "Every call waits this long before the sandbox answers, until cleared; past the client's timeout (30 s by default) calls time out.",
			options: []scenarioOption{
				{label: "+3 s", fault: Fault{Kind: FaultLatency, Rate: 1, Latency: 3 * time.Second}},
				{label: "+10 s", fault: Fault{Kind: FaultLatency, Rate: 1, Latency: 10 * time.Second}},
				{label: "+35 s", fault: Fault{Kind: FaultLatency, Rate: 1, Latency: 35 * time.Second}},
			}},
	}
}

func newScenario(l i18n.Lang, sb SandboxControls) scenario {
	items := append(append([]scenarioItem{}, testCardScenarios...), faultScenarios()...)
	var armed []Fault
	if sb != nil {
		armed = sb.Faults()
	}
	return scenario{items: items, picks: make([]int, len(items)), armed: armed, keys: scenarioKeys{
		Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", l.T("up"))),
		Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", l.T("down"))),
		Prev:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←", l.T("previous option"))),
		Next:  key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→", l.T("option"))),
		Arm:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("arm"))),
		Clear: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", l.T("clear all"))),
		Back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("back"))),
	}}
}

func (s scenario) Title(st common.Styles) string { return st.T("Scenario for the next payment") }

func (s scenario) Keys() help.KeyMap { return s.keys }

func (s scenario) Update(msg tea.Msg, ctx Context) (Tool, tea.Cmd) {
	if ctx.Sandbox == nil {
		if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, s.keys.Back) {
			return s, Close
		}
		return s, nil
	}
	// A counted fault goes once it fires, so what is armed is read again
	// on every key and every tick.
	if m, ok := msg.(scenarioPaidMsg); ok {
		s.page.result, s.done = m, "paid"
		return s, nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		s.armed = ctx.Sandbox.Faults()
		return s, nil
	}
	if key.Matches(km, s.keys.Back) {
		return s, Close
	}
	if cmd := s.page.pay(km, s.keys.Arm, s.items[s.cursor]); cmd != nil {
		s.done = "paying"
		return s, cmd
	}
	s = s.press(km, ctx.Sandbox)
	s.armed = ctx.Sandbox.Faults()
	return s, nil
}

func (s scenario) press(km tea.KeyPressMsg, sb SandboxControls) scenario {
	it := s.items[s.cursor]
	switch {
	case key.Matches(km, s.keys.Up):
		s.cursor = max(s.cursor-1, 0)
		s.done = ""
	case key.Matches(km, s.keys.Down):
		s.cursor = min(s.cursor+1, len(s.items)-1)
		s.done = ""
	case key.Matches(km, s.keys.Next) && len(it.options) > 0:
		s.picks[s.cursor] = (s.picks[s.cursor] + 1) % len(it.options)
	case key.Matches(km, s.keys.Prev) && len(it.options) > 0:
		s.picks[s.cursor] = (s.picks[s.cursor] + len(it.options) - 1) % len(it.options)
	case key.Matches(km, s.keys.Arm):
		if len(it.options) == 0 {
			s.done = "card"
			return s
		}
		sb.Inject(it.options[s.picks[s.cursor]].fault)
		s.done = "armed"
	case key.Matches(km, s.keys.Clear):
		sb.ClearFaults()
		s.done = "cleared"
	}
	return s
}

func (s scenario) View(ctx Context) string {
	st, width, height := ctx.Styles, ctx.Width, ctx.Height
	if ctx.Sandbox == nil {
		return sandboxOnly(st)
	}
	// The list scrolls; what is armed and what the selection does stay below.
	var list []string
	cursorLine := 0
	for n, it := range s.items {
		switch n {
		case 0:
			list = append(list, st.Subtitle.Render(st.T(s.page.heading())))
		case len(testCardScenarios):
			list = append(list, "", st.Subtitle.Render(st.T("Faults: ←/→ chooses, enter arms")))
		}
		right := it.card
		if len(it.options) > 0 {
			right = "‹ " + st.T(it.options[s.picks[n]].label) + " ›"
		}
		labelWidth := max(min(width-26, 44), 20)
		line := fmt.Sprintf("%-*s %s", labelWidth, common.Truncate(st.T(it.label), labelWidth), right)
		if n == s.cursor {
			cursorLine = len(list)
			list = append(list, st.MenuSelected.Render("› "+line))
		} else {
			list = append(list, st.MenuItem.Render(line))
		}
	}

	var below []string
	it := s.items[s.cursor]
	what := st.T(it.what)
	if it.card != "" {
		what = s.page.howTo(st, it.card) + " " + what
	}
	below = append(below, "", st.Muted.Render(common.Truncate(what, max(width*2, 40))))
	switch s.done {
	case "armed":
		below = append(below, st.OK.Render("✓ "+st.T("Armed.")))
	case "cleared":
		below = append(below, st.OK.Render("✓ "+st.T("Every fault cleared.")))
	case "card":
		below = append(below, st.Warn.Render("! "+st.T(s.page.notArmed())))
	case "paying", "paid":
		below = append(below, s.page.outcome(st, s.done == "paying"))
	}
	below = append(below, armedLines(st, s.armed, width)...)

	bottom := st.Value.Width(max(width, 20)).Render(strings.Join(below, "\n")) // wrapped
	rows := max(height-lipgloss.Height(bottom), 4)
	first := 0
	if cursorLine >= rows {
		first = cursorLine - rows + 1
	}
	end := min(first+rows, len(list))
	return strings.Join(list[first:end], "\n") + "\n" + bottom
}

// armedLines says what is armed, three faults at most.
func armedLines(st common.Styles, fs []Fault, width int) []string {
	if len(fs) == 0 {
		return []string{st.Muted.Render(st.T("Nothing armed: the sandbox behaves as its test cards say."))}
	}
	out := []string{st.Warn.Render(st.Tf("Armed (%d):", len(fs)))}
	for n, f := range fs {
		if n == 3 {
			out = append(out, st.Muted.Render(st.Tf("… and %d more", len(fs)-3)))
			break
		}
		out = append(out, "  "+common.Truncate(describeFault(st, f), max(width-2, 20)))
	}
	return out
}

// describeFault says what an armed fault does, in the console's language.
func describeFault(st common.Styles, f Fault) string {
	method := f.Method
	if method == "" {
		method = st.T("any call")
	}
	var what string
	switch f.Kind {
	case FaultDrop:
		what = st.Tf("%s: done, then no answer", method)
	case FaultError:
		what = st.Tf("%s: an error answer", method)
	case FaultLatency:
		what = st.Tf("%s: %s slower", method, f.Latency)
	case FaultLoseNotification, FaultDuplicateNotification:
		status := f.Method
		if status == "" {
			status = st.T("any status")
		}
		what = st.Tf("notification %s: lost", status)
		if f.Kind == FaultDuplicateNotification {
			what = st.Tf("notification %s: sent twice", status)
		}
	default:
		what = f.Kind + " " + method
	}
	switch {
	case f.Rate >= 1:
		what += " · " + st.T("every time until cleared")
	case f.Rate > 0:
		what += " · " + st.Tf("%.0f%% of the time", f.Rate*100)
	case f.Count > 0:
		what += " · " + st.Tf("next %d", f.Count)
	}
	return what
}
