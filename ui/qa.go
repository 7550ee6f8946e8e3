package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/qa"
)

// The QA tools (ui/qa: inspector F3, scenario F4, clock F5, notifications
// F6) open above whatever screen is on, even in the middle of a payment:
// that is when support needs to see what was sent, and when QA arms what
// the next call does. The screen underneath keeps running (its flow, its
// timers) and is back as it was when the tool closes. They are routed as
// an overlay by updateQA rather than as the root's screen, because the
// payment flow moves the screen on every tick.

// qaContext is what the tool on show is updated and drawn in.
func (a App) qaContext(width, height int) qa.Context {
	return qa.Context{
		Context: common.Context{Styles: a.st.shared(), Width: width, Height: height, Now: a.opts.Now},
		Gateway: a.opts.Gateway,
		Sandbox: a.opts.Sandbox,
	}
}

// trafficOf is the App's ring: main's when it feeds one, else its own.
func trafficOf(o Options) *qa.Traffic {
	if o.Traffic != nil {
		return o.Traffic
	}
	return qa.NewOwnTraffic(qa.TrafficLimit)
}

// updateQA sees every message before the root's routing. It records the
// traffic for the inspector, opens and closes the QA tools and routes to
// the one on show its keys and messages; done says the message is used up.
func (a App) updateQA(msg tea.Msg) (_ App, _ tea.Cmd, done bool) {
	ctx := a.qaContext(0, 0) // the tools' Update needs no room; View is given it
	switch msg := msg.(type) {
	case exchangeMsg:
		a.traffic.AddExchange(msg.x)
	case hintMsg:
		a.traffic.AddHint(string(msg.Status), msg.ShopTransactionID, a.opts.Now())
	case bindHintMsg:
		a.traffic.AddBindHint(string(msg.Status), msg.ShopTransactionID, msg.Token, a.opts.Now())
	case qa.CloseMsg:
		a.qa, a.qaKind = nil, ""
		return a, nil, true
	case qa.Msg:
		if a.qa == nil {
			return a, nil, true // a late answer for a tool no longer on show
		}
		var cmd tea.Cmd
		a.qa, cmd = a.qa.Update(msg, ctx)
		return a, cmd, true
	case tickMsg:
		if a.qa != nil {
			var cmd tea.Cmd
			a.qa, cmd = a.qa.Update(qa.TickMsg{}, ctx)
			return a, cmd, false
		}
	case tea.KeyPressMsg:
		if a.confirm != nil {
			return a, nil, false // a question to the cashier comes first
		}
		page := qa.Page{UUID: a.pagePayment(), Pays: a.opts.CustomerPays, NoCardEntry: a.opts.NoCardEntry}
		if t, kind, init, ok := qa.Open(msg, a.qaKeys, ctx, a.traffic, page); ok {
			if a.qa != nil && a.qaKind == kind {
				a.qa, a.qaKind = nil, "" // the same key again closes it
				return a, nil, true
			}
			a.qa, a.qaKind = t, kind
			return a, init, true
		}
		if a.qa != nil && !key.Matches(msg, a.keys.Quit, a.keys.Help, a.keys.SMS) {
			var cmd tea.Cmd
			a.qa, cmd = a.qa.Update(msg, ctx)
			return a, cmd, true
		}
	}
	return a, nil, false
}

// qaView draws the QA tool on show in place of the screen, in the room
// left by the header, status line, footer (one line, or more with f1), the
// padding and the title.
func (a App) qaView(width int) string {
	footer := lipgloss.Height(a.st.Footer.Render(a.help.View(a.activeKeys())))
	return a.st.Title.Render(a.qa.Title(a.st.shared())) + "\n" + a.qa.View(a.qaContext(width, a.height-6-footer))
}

// withQAHelp adds the QA keys to the footer's full help (f1).
func (a App) withQAHelp(km help.KeyMap) help.KeyMap {
	return qa.Help{KeyMap: km, Keys: a.qaKeys, Sandbox: a.opts.Sandbox != nil}
}
