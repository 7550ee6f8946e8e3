// Package ui is the cashier console: Bubble Tea screens that render the
// state of the payment flows and turn the cashier's keys into flow events.
// The rules of money live in package flows; nothing here decides them.
package ui

import (
	"context"
	"log/slog"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
	"github.com/octo-cashier/octo-cashier/ui/qa"
)

// Minimum terminal size the screens are laid out for.
const (
	minWidth  = 80
	minHeight = 24
	// smsPanelWidth is the SMS outbox panel beside the screen.
	smsPanelWidth = 30
	// smsPanelAutoWidth is the width from which the panel shows by itself.
	smsPanelAutoWidth = 100
)

// errMsg carries an error to show on the current screen.
type errMsg struct{ err error }

// tickMsg is the console's one-second heartbeat: countdowns and the SMS
// outbox follow it.
type tickMsg time.Time

func tick() tea.Cmd { return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) }) }

// outboxMsg is a fresh read of the sandbox's SMS outbox.
type outboxMsg []SMS

// Mode badges.
const (
	ModeSandbox = "SANDBOX"
	ModeTest    = "TEST"
	ModeLive    = "LIVE"
)

// App is the root model: it owns the window size, global keys, navigation
// and the status bar, and routes everything else to the active screen.
// screenSet holds the App's screens and widgets. The App holds it by
// pointer: the screens weigh about 100 kB (a text input is 8 kB), and the
// App is passed by value through every step of the event loop, which
// copied them at each call and grew the loop's stack to megabytes
// (copied again at each growth, scanned at each collection). Copies of
// an App therefore share its screens: an App value stepped is the one
// kept.
type screenSet struct {
	help    help.Model
	home    homeScreen
	newPay  newPaymentScreen
	card    cardScreen
	working workingScreen
	otp     otpScreen
	threeDS threeDSScreen
	hold    holdScreen
	result  resultScreen
	holds   holdsScreen
	shift   shiftScreen
	saved   savedScreen
	bindS   bindScreen
	payBy   payByScreen
	qrPay   qrPayScreen
	lock    pinLock // the console locked behind the shift's PIN (see shift_root.go)

	smsDrawn smsDrawn // the SMS panel as last drawn (sms.go)
}

type App struct {
	opts   Options
	st     styles
	keys   globalKeys
	width  int
	height int

	screen screenID
	*screenSet
	via  payVia // how the customer pays the order being typed
	tool tool   // on show when screen is screenTool

	qa      qa.Tool     // a QA tool over the screen (qa.go), or nil
	qaKind  string      // the key that opened it
	qaKeys  qa.Keys     // open the QA tools
	traffic *qa.Traffic // the inspector's history of exchanges and notifications

	shiftNow flows.Shift // the open shift, whose PIN the lock checks
	// shiftOpened: this console opened a shift. The start-up read of the
	// shift can come back after that (the journal opens beside the first
	// frame): it is then older than shiftNow, and no restart's.
	shiftOpened bool

	bind         flows.Binding // the binding on screen, when hasBind
	hasBind      bool
	bindCustomer string            // the card form saves a card for this customer
	token        *flows.SavedToken // the order is paid with this saved card
	pending      *enteredCard      // the card the summary shows, until it is sent or changed (memory only)
	afterShift   *homeAction       // where the cashier was going when asked to open a shift first
	cameFrom     screenID          // the list the payment on screen was opened from (holds, saved cards); home otherwise

	order  order         // the sale being taken
	pay    flows.Payment // the payment on screen, when hasPay
	hasPay bool
	payGen int // counts the payments put on screen: tags their commands
	payOut int // commands with a request to the gateway out for the payment on screen
	// outSince is when the first of them went out; lastPeek the last status
	// read made because its answer was slow (peekIfSlow).
	outSince, lastPeek time.Time
	// held are keys typed while a screen waits (waiting); they are
	// handled, in order, once it no longer does — or dropped when they were
	// typed for a code and the code is not asked again (keepHeld).
	held        []tea.Msg
	heldForCode bool
	liveOK      bool // the cashier confirmed charging real money this session

	health   health
	sms      []SMS
	smsShown *bool // nil: automatic by width; set by F2

	confirm *confirmDialog
	// backTo is the history a payment on the counter's screens was opened
	// from (a refund, a status read): done goes back to it, search kept.
	backTo *historyTool
	// busy says why money is in flight (a call outstanding, an outcome
	// unknown); while it is set the console refuses to quit.
	busy   string
	notice string // a one-line message above the footer, e.g. a refused quit
	// quitting: the cashier quit and the console finishes its last writes
	// and prints first (quit); keys act no more.
	quitting bool
	// left are the payments left on "checking with OCTO" (esc): when a
	// notification settles one, the cashier is told how it ended.
	left map[string]bool
	// baseOperator is the configured operator, the header\'s name when no
	// shift is opened by name (after a Z report, say).
	baseOperator string
	errText      string // the last problem, shown where the cashier looks

	noTick bool // tests: no heartbeat (the driver waits for conditions)
}

// New builds the console.
func New(opts Options) App {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Currency == "" {
		opts.Currency = "UZS"
	}
	if opts.Gateway == "" {
		opts.Gateway = "OCTO"
	}
	if opts.Mode == "" {
		opts.Mode = ModeLive // the safe assumption: confirm before charging
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.Language == "" {
		opts.Language = LangEN
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	opts.Journal = ordered(opts.Journal) // reads after the writes before them (journal_order.go)
	h := help.New()
	st := newStyles()
	st.lang = opts.Language
	return App{
		opts:         opts,
		baseOperator: opts.Operator,
		st:           st,
		keys:         newGlobalKeys(),
		screenSet:    &screenSet{help: h, home: newHomeScreen(opts.Language)},

		qaKeys:  qa.NewKeys(i18n.Lang(opts.Language)),
		traffic: trafficOf(opts),
	}
}

// Init starts the heartbeat and the connection watch.
func (a App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.tick(), waitExchange(a.opts.Exchanges), waitHint(a.opts.Hints), waitBindHint(a.opts.BindHints), waitStoreStatus(a.opts.StoreStatus)}
	if a.opts.Outbox != nil {
		outbox := a.opts.Outbox
		cmds = append(cmds, func() tea.Msg { return outboxMsg(outbox()) })
	}
	if a.opts.Reconcile != nil {
		ctx, reconcile := a.opts.Context, a.opts.Reconcile
		cmds = append(cmds, func() tea.Msg {
			ps, err := reconcile(ctx, nil)
			return reconciledMsg{ps, err}
		})
	} else {
		cmds = append(cmds, loadHolds(a.opts.Context, a.opts.Journal))
	}
	cmds = append(cmds, loadShift(a.opts.Context, a.opts.Journal, true))
	return batch(cmds...)
}

func (a App) tick() tea.Cmd {
	if a.noTick {
		return nil
	}
	return tick()
}

// Update routes messages: the QA tools see them first (qa.go), then
// global ones here, the rest to the active screen. A screen's instant
// messages (instant.go) are handled before Update returns, so the next key
// reaches the screen they lead to.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return a.step(msg) }

// step is Update returning the App itself: an App put in an interface is
// copied to the heap (it is over 100 kB), so the routing passes App values
// and only the outermost caller boxes one (Program: none).
func (a App) step(msg tea.Msg) (App, tea.Cmd) {
	a, cmd := a.update(msg)
	a, cmd = settleInstant(a, cmd)
	if len(a.held) > 0 && !a.waiting() {
		// What the console waited for has come: the keys typed meanwhile,
		// where they were meant to go.
		if !a.keepHeld() {
			a.held, a.heldForCode = nil, false
			return a, cmd
		}
		a.heldForCode = false
		a, keys := a.releaseHeld()
		return a, batch(cmd, keys)
	}
	return a, cmd
}

func (a App) update(msg tea.Msg) (App, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && !a.lock.on {
		msg = a.keyOnItsPlace(k)
	}
	if a.waiting() && (len(a.held) > 0 || !a.searchTyped(msg)) {
		switch k := msg.(type) {
		case tea.KeyPressMsg:
			if !key.Matches(k, a.keys.Quit) {
				a.held, a.heldForCode = append(a.held, msg), a.heldForCode || a.codeBeingChecked()
				return a, nil
			}
		case tea.PasteMsg:
			a.held, a.heldForCode = append(a.held, msg), a.heldForCode || a.codeBeingChecked()
			return a, nil
		}
	}
	if a.tooSmall() {
		switch k := msg.(type) {
		case tea.KeyPressMsg:
			// Nothing acts on a screen the cashier cannot see (a hold was
			// once captured blind by f, y at 70×22) — but ctrl+c, which
			// keeps its guard while money is in flight.
			if key.Matches(k, a.keys.Quit) {
				return a.route(msg)
			}
			return a, nil
		case tea.PasteMsg:
			return a, nil
		}
	}
	// The PIN lock comes first: a locked console opens no tool either.
	if m, cmd, ok := a.shiftHook(msg); ok {
		return m, cmd
	}
	a, qaCmd, done := a.updateQA(msg)
	if done {
		return a, qaCmd
	}
	if m, cmd, ok := a.phoneHook(msg); ok {
		return m, batch(qaCmd, cmd)
	}
	if m, cmd, ok := a.storeHook(msg); ok {
		return m, batch(qaCmd, cmd)
	}
	m, cmd := a.route(msg)
	return m, batch(qaCmd, cmd)
}
