// Package qa is the QA tools: the inspector (f3), the scenario (f4), the
// sandbox's clock (f5) and the notifications it sent (f6). They open over
// whatever screen is on; the root (package ui) routes to the one on show
// and draws the header, status line and footer around it.
package qa

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// Context is what a QA tool is updated and drawn in: the shared context,
// and what the tools need of the console besides — what the status line
// calls the gateway, and the sandbox's controls (nil on OCTO).
type Context struct {
	common.Context
	Gateway string
	Sandbox SandboxControls
}

// Tool is a QA tool on show. It keeps its own state and reaches the rest
// of the console only through its Context; it leaves with Close.
type Tool interface {
	// Title is the tool's heading, in the console's language.
	Title(st common.Styles) string
	Update(msg tea.Msg, ctx Context) (Tool, tea.Cmd)
	// View draws the tool in ctx.Width×ctx.Height cells.
	View(ctx Context) string
	// Keys are the tool's keys, shown in the footer.
	Keys() help.KeyMap
}

// Msg marks the QA tools' own messages: the root gives them to the tool on
// show, and drops them when none is (a late answer for a closed tool).
type Msg interface{ qa() }

// CloseMsg takes the tool off and shows the screen underneath.
type CloseMsg struct{}

// Close is the command a tool leaves with.
func Close() tea.Msg { return CloseMsg{} }

// TickMsg is the root's heartbeat, given to the tool on show: the clock
// and the notifications read the sandbox again, the scenario what is armed.
type TickMsg struct{}

// Keys open the QA tools.
type Keys struct{ Inspector, Scenario, Clock, Notifications key.Binding }

func NewKeys(l i18n.Lang) Keys {
	return Keys{
		Inspector:     key.NewBinding(key.WithKeys("f3"), key.WithHelp("f3", l.T("inspector"))),
		Scenario:      key.NewBinding(key.WithKeys("f4"), key.WithHelp("f4", l.T("scenario"))),
		Clock:         key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", l.T("clock"))),
		Notifications: key.NewBinding(key.WithKeys("f6"), key.WithHelp("f6", l.T("notifications"))),
	}
}

// Page is the payment on screen, for the scenario's "the customer pays on
// their phone": the payment waiting on OCTO's page ("" when none), how
// the sandbox's customer pays it (nil on OCTO), and whether this console
// takes no card data.
type Page struct {
	UUID        string
	Pays        func(paymentUUID, pan string) (string, error)
	NoCardEntry bool
}

// Open is the tool a key opens, named by its key, with its first command;
// false when the key opens none.
func Open(msg tea.KeyPressMsg, keys Keys, ctx Context, traffic *Traffic, page Page) (Tool, string, tea.Cmd, bool) {
	l := ctx.Lang()
	switch {
	case key.Matches(msg, keys.Inspector):
		return newInspector(l, traffic), "f3", nil, true
	case key.Matches(msg, keys.Scenario):
		s := newScenario(l, ctx.Sandbox)
		s.page = pageScenario{uuid: page.UUID, pays: page.Pays, noCardEntry: page.NoCardEntry}
		return s, "f4", nil, true
	case key.Matches(msg, keys.Clock):
		c := newClockTool(l)
		return c, "f5", c.refresh(ctx.Sandbox), true
	case key.Matches(msg, keys.Notifications):
		return newNotificationsTool(l), "f6", loadNotifications(ctx.Sandbox), true
	}
	return nil, "", nil, false
}

// Help adds the QA keys to a footer's full help (f1): the inspector
// always, the sandbox's tools on the sandbox only.
type Help struct {
	help.KeyMap
	Keys    Keys
	Sandbox bool
}

func (h Help) FullHelp() [][]key.Binding {
	col := []key.Binding{h.Keys.Inspector}
	if h.Sandbox {
		col = append(col, h.Keys.Scenario, h.Keys.Clock, h.Keys.Notifications)
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
