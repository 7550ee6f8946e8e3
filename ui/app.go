// Package ui is the cashier console: Bubble Tea screens that render the
// state of the payment flows and turn the cashier's keys into flow events.
// The rules of money live in package flows; nothing here decides them.
package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Minimum terminal size the screens are laid out for.
const (
	minWidth  = 80
	minHeight = 24
	// sidePanelWidth is the SMS outbox panel, shown when the terminal is wide.
	sidePanelWidth = 36
)

// screenID is the screen on show.
type screenID int

const (
	screenHome screenID = iota
	screenNewPayment
	screenCard
)

// errMsg carries an error to show on the current screen.
type errMsg struct{ err error }

// Options is what the console needs from main.
type Options struct {
	Mode     string // SANDBOX, TEST or LIVE: the badge
	Shop     string // shown in the header, e.g. "shop 27"
	Operator string
	Currency string
	Now      func() time.Time
}

// App is the root model: it owns the window size, global keys, navigation
// and the status bar, and routes everything else to the active screen.
type App struct {
	opts   Options
	st     styles
	keys   globalKeys
	help   help.Model
	width  int
	height int

	screen  screenID
	home    homeScreen
	newPay  newPaymentScreen
	card    cardScreen
	order   *orderFields // what the new-payment form held, kept for going back
	errText string       // the last problem, shown where the cashier looks
}

// New builds the console.
func New(opts Options) App {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Currency == "" {
		opts.Currency = "UZS"
	}
	return App{
		opts: opts,
		st:   newStyles(),
		keys: newGlobalKeys(),
		help: help.New(),
		home: newHomeScreen(),
	}
}

// Init starts nothing: the home screen waits for the cashier.
func (a App) Init() tea.Cmd { return nil }

// Update routes messages: global ones here, the rest to the active screen.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.SetWidth(msg.Width)
	case tea.KeyPressMsg:
		if key.Matches(msg, a.keys.Quit) {
			return a, tea.Quit
		}
		if key.Matches(msg, a.keys.Help) {
			a.help.ShowAll = !a.help.ShowAll
			return a, nil
		}
	case errMsg:
		a.errText = msg.err.Error()
		return a, nil
	case homeChosenMsg:
		return a.choose(msg.action)
	case orderCanceledMsg:
		a.screen = screenHome
		return a, nil
	case orderReadyMsg:
		a.screen = screenCard
		a.card = newCardScreen(a.opts.Now)
		return a, a.card.Init()
	case cardCanceledMsg:
		// Back to the order, with everything that was typed.
		a.screen = screenNewPayment
		a.newPay = newNewPaymentScreen(a.opts.Currency, a.newPay.fields)
		return a, a.newPay.Init()
	}
	return a.updateScreen(msg)
}

func (a App) choose(act homeAction) (tea.Model, tea.Cmd) {
	a.errText = ""
	switch act {
	case actNewPayment:
		a.screen = screenNewPayment
		a.newPay = newNewPaymentScreen(a.opts.Currency, nil)
		return a, a.newPay.Init()
	case actSavedCard, actOpenHolds:
	}
	return a, nil
}

func (a App) updateScreen(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch a.screen {
	case screenHome:
		a.home, cmd = a.home.Update(msg)
	case screenNewPayment:
		a.newPay, cmd = a.newPay.Update(msg)
	case screenCard:
		a.card, cmd = a.card.Update(msg)
	}
	return a, cmd
}

// View lays out the header, the screen (with the SMS panel beside it when
// there is room) and the footer with the active screen's keys.
func (a App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = "octo-cashier · " + a.opts.Mode
	return v
}

func (a App) render() string {
	if a.width > 0 && (a.width < minWidth || a.height < minHeight) {
		return fmt.Sprintf("The console needs a terminal of at least %d×%d.\nThis one is %d×%d: please make it larger.",
			minWidth, minHeight, a.width, a.height)
	}
	header := a.header()
	footer := a.st.footer.Render(a.help.View(a.activeKeys()))
	body := a.st.body.Render(a.screenView())
	if a.errText != "" {
		body += "\n" + a.st.errorLine.Render("  ✗ "+a.errText)
	}
	bodyHeight := a.height - lipgloss.Height(header) - lipgloss.Height(footer)
	if a.height > 0 && bodyHeight > 0 {
		body = lipgloss.NewStyle().Height(bodyHeight).MaxHeight(bodyHeight).Render(body)
	}
	return lipgloss.JoinVertical(lipgloss.Left, header, body, footer)
}

func (a App) header() string {
	badge := a.st.badgeSandbox
	switch a.opts.Mode {
	case "TEST":
		badge = a.st.badgeTest
	case "LIVE":
		badge = a.st.badgeLive
	}
	parts := []string{badge.Render(a.opts.Mode), a.st.header.Render("octo-cashier")}
	if a.opts.Shop != "" {
		parts = append(parts, a.st.headerDim.Render(a.opts.Shop))
	}
	if a.opts.Operator != "" {
		parts = append(parts, a.st.headerDim.Render("operator "+a.opts.Operator))
	}
	return strings.Join(parts, "  ")
}

func (a App) screenView() string {
	switch a.screen {
	case screenNewPayment:
		return a.st.title.Render("New payment") + "\n" + a.newPay.View()
	case screenCard:
		return a.st.title.Render("Customer's card") + "\n" + a.card.View()
	case screenHome:
	}
	return a.home.View(a.st)
}

func (a App) activeKeys() help.KeyMap {
	switch a.screen {
	case screenNewPayment, screenCard:
		return newFormKeys()
	case screenHome:
	}
	return a.home.keys
}
