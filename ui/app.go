// Package ui is the cashier console: Bubble Tea screens that render the
// state of the payment flows and turn the cashier's keys into flow events.
// The rules of money live in package flows; nothing here decides them.
package ui

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
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
	via     payVia // how the customer pays the order being typed
	tool    tool   // on show when screen is screenTool

	qa      qa.Tool     // a QA tool over the screen (qa.go), or nil
	qaKind  string      // the key that opened it
	qaKeys  qa.Keys     // open the QA tools
	traffic *qa.Traffic // the inspector's history of exchanges and notifications

	lock     pinLock     // the console locked behind the shift's PIN (see shift_root.go)
	shiftNow flows.Shift // the open shift, whose PIN the lock checks

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
	h := help.New()
	st := newStyles()
	st.lang = opts.Language
	return App{
		opts:         opts,
		baseOperator: opts.Operator,
		st:           st,
		keys:         newGlobalKeys(),
		help:         h,
		home:         newHomeScreen(opts.Language),

		qaKeys:  qa.NewKeys(i18n.Lang(opts.Language)),
		traffic: trafficOf(opts),
	}
}

// Init starts the heartbeat and the connection watch.
func (a App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.tick(), waitExchange(a.opts.Exchanges), waitHint(a.opts.Hints), waitBindHint(a.opts.BindHints)}
	if a.opts.Outbox != nil {
		outbox := a.opts.Outbox
		cmds = append(cmds, func() tea.Msg { return outboxMsg(outbox()) })
	}
	if a.opts.Reconcile != nil {
		ctx, reconcile := a.opts.Context, a.opts.Reconcile
		cmds = append(cmds, func() tea.Msg {
			ps, err := reconcile(ctx)
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
	m, cmd := a.route(msg)
	return m, batch(qaCmd, cmd)
}

// route is the root's own routing: global messages here, the rest to the
// active screen.
func (a App) route(msg tea.Msg) (App, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.SetWidth(msg.Width - 2)
		return a.updateScreen(a.screenSize())
	case tea.KeyPressMsg:
		if key.Matches(msg, a.keys.Quit) {
			if a.busy != "" {
				a.notice = a.st.T("Not quitting") + ": " + a.busy + ". " + a.st.T("Wait for OCTO's answer.")
				return a, nil
			}
			if a.customerMidway() && (a.confirm == nil || a.confirm.onYes != quitNowMsg{}) {
				// A customer in the middle of paying (a code awaited, the
				// bank's or OCTO's page open) is not dropped by one key:
				// asked first, a second ctrl+c quits.
				a.confirm = newConfirm(a.st.T("Quit with a payment under way?"),
					a.st.T("It stays in the journal and is read again at the next start; nothing more is charged."),
					a.st.T("yes, quit"), quitNowMsg{}, nil)
				return a, nil
			}
			return a, tea.Quit
		}
		a.notice = ""
		if a.confirm != nil {
			return a, a.confirm.Update(msg)
		}
		if key.Matches(msg, a.keys.Help) {
			a.help.ShowAll = !a.help.ShowAll
			return a, nil
		}
		if key.Matches(msg, a.keys.SMS) && a.opts.Outbox != nil {
			shown := !a.smsVisible()
			a.smsShown = &shown
			return a.updateScreen(a.screenSize())
		}
	case tickMsg:
		if a.opts.Outbox != nil {
			a.sms = a.opts.Outbox()
		}
		var flowCmd, peek tea.Cmd
		if a.hasPay && !a.pay.State.Final() {
			a, flowCmd = a.handleFlow(flows.Tick{Now: a.opts.Now()}, false)
			a, peek = a.peekIfSlow(a.opts.Now())
			flowCmd = batch(flowCmd, peek)
		}
		if a.hasBind && !a.bind.Final() {
			a, flowCmd = a.handleBind(flows.Tick{Now: a.opts.Now()}, false)
		}
		m, cmd := a.updateScreen(msg)
		return m, batch(cmd, flowCmd, a.tick())
	case flowInputMsg:
		a.errText = ""
		return a.handleFlow(msg.ev, true)
	case flowEventMsg:
		if !a.hasPay || msg.id != a.pay.ShopTransactionID || msg.gen != a.payGen {
			return a, nil // a late answer for a payment no longer on screen
		}
		if msg.request && a.payOut > 0 {
			a.payOut--
			a = a.syncBusy()
		}
		return a.handleFlow(msg.ev, true)
	case leaveUnresolvedMsg:
		if !a.hasPay || msg.id != a.pay.ShopTransactionID ||
			(a.pay.State != flows.Resolving && a.pay.State != flows.Awaiting3DS && a.pay.State != flows.AwaitingPage) {
			return a, nil
		}
		m, cmd := a.route(doneMsg{})
		a = m
		a.notice = a.st.Tf(leftUnresolvedText, paymentName(a.pay.Description, a.pay.Card, FormatMoney(a.pay.Amount, a.pay.Currency)))
		a.left = maps.Clone(a.left) // a copy: App is a value, its old copies keep theirs
		if a.left == nil {
			a.left = map[string]bool{}
		}
		a.left[msg.id] = true
		return a, cmd
	case holdExpiredMsg:
		m, cmd := a.route(msg.holds)
		a = m
		a.notice = expiredText(a.st, msg.rec)
		return a, cmd
	case leftSettledMsg:
		m, cmd := a.route(msg.holds)
		a = m
		if msg.rec.State.Final() && a.left[msg.rec.ShopTransactionID] {
			a.left = maps.Clone(a.left)
			delete(a.left, msg.rec.ShopTransactionID)
			a.notice = settledText(a.st, msg.rec)
		}
		return a, cmd
	case askMsg:
		a.confirm = newConfirm(msg.title, msg.question, msg.yes, flowInputMsg{msg.ev}, nil)
		return a, nil
	case abandonMsg:
		a.confirm = newConfirm(a.st.T("Leave this payment?"),
			a.st.T("Nothing has been charged. The customer's code will not be used."),
			a.st.T("leave it"), doneMsg{}, nil)
		return a, nil
	case threeDSDoneMsg:
		if msg.err != nil {
			a.errText = "the sandbox's 3-D Secure page: " + msg.err.Error()
			return a, nil
		}
		return a.handleFlow(flows.Check{}, true)
	case doneMsg:
		fromCards := a.hasBind && a.saved.customer != ""
		a.hasPay, a.hasBind, a.token, a.bindCustomer, a.pending, a.afterShift = false, false, nil, "", nil, nil
		a.payOut = 0 // what is still out answers a payment no longer on screen
		a.busy = ""
		a.errText = ""
		if back := a.backTo; back != nil {
			a.backTo = nil
			h, load := back.reload(a.opts)
			a.screen, a.tool = screenTool, h
			return a, load
		}
		if fromCards {
			// A card saved or blocked from a customer's cards goes back to
			// them, read again: the cashier came to pay with one.
			a.screen = screenSaved
			var load tea.Cmd
			a.saved, load = a.saved.reload(a.opts.Context, a.opts.Tokens)
			return a, load
		}
		from := a.cameFrom
		a.cameFrom = screenHome
		switch from {
		case screenHolds:
			// Back to the list the hold was opened from, read again.
			a.screen = screenHolds
			a.holds = newHoldsScreen(a.opts.Language)
			return a.enter(loadHolds(a.opts.Context, a.opts.Journal))
		case screenSaved:
			if a.saved.customer != "" {
				a.screen = screenSaved
				var load tea.Cmd
				a.saved, load = a.saved.reload(a.opts.Context, a.opts.Tokens)
				return a, load
			}
		}
		a.screen = screenHome
		return a, loadHolds(a.opts.Context, a.opts.Journal)
	case retryMsg:
		// The same order again, the same way: on the customer's phone a
		// new QR code (never a card form — the console may take no card
		// data at all), else another card (esc goes back to the order as
		// typed). A new attempt gets a new id.
		a.hasPay, a.payOut = false, 0
		a.busy = ""
		if a.via == viaPhone || a.opts.NoCardEntry {
			a.via = viaPhone
			return a.update(orderReadyMsg{a.order})
		}
		a.screen = screenCard
		a.card = newCardScreen(a.st.lang, a.opts.Now, nil)
		return a.enter(a.card.Init())
	case startMsg:
		a.liveOK = true
		return a.handleFlow(flows.Start{}, true)
	case hintMsg:
		return a.hint(msg)
	case bindHintMsg:
		return a.bindHint(msg)
	case bindJournaledMsg:
		if a.screen == screenSaved && a.saved.customer != "" {
			var load tea.Cmd
			a.saved, load = a.saved.reload(a.opts.Context, a.opts.Tokens)
			return a, load
		}
		return a, nil
	case bindInputMsg:
		a.errText = ""
		return a.handleBind(msg.ev, true)
	case bindEventMsg:
		if !a.hasBind || msg.id != a.bindID() {
			return a, nil
		}
		return a.handleBind(msg.ev, true)
	case payWithTokenMsg:
		a.errText = ""
		t := msg.token
		a.token = &t
		a.cameFrom = screenSaved
		a.screen = screenNewPayment
		a.newPay = newNewPaymentScreen(a.st.lang, a.opts.Currency, nil)
		return a.enter(a.newPay.Init())
	case bindCardMsg:
		a.errText = ""
		a.bindCustomer = msg.customer
		a.screen = screenCard
		a.card = newCardScreen(a.st.lang, a.opts.Now, nil)
		return a.enter(a.card.Init())
	case blockTokenMsg:
		return a.blockToken(msg.token)
	case reconciledMsg:
		if msg.err != nil {
			a.errText = "checking unfinished payments with " + a.opts.Gateway + ": " + msg.err.Error()
		} else if n := unresolved(msg.payments); n > 0 {
			a.notice = fmt.Sprintf("%d earlier payment(s) still have no known outcome; see the journal", n)
		}
		return a, loadHolds(a.opts.Context, a.opts.Journal)
	case holdsMsg:
		if msg.err != nil {
			a.errText = "reading the open holds: " + msg.err.Error()
			return a, nil
		}
		a.home.openHolds = len(msg.holds)
		a.holds, _ = a.holds.Update(msg, a.opts)
		return a, nil
	case openRecordMsg:
		// A journaled payment on the counter's screens, fed msg.then (a
		// refund, a check); an unfinished one is read from the gateway first.
		a = a.onScreen(flows.Restore(msg.rec))
		a.screen, a.backTo = screenWorking, msg.back
		ev := msg.then
		if ev == nil && a.pay.State == flows.Resolving {
			ev = flows.Check{}
		}
		if ev == nil {
			var cmd tea.Cmd
			a, cmd = a.follow()
			return a, cmd
		}
		m, cmd := a.handleFlow(ev, true)
		return m, batch(cmd, a.working.Init())
	case askRootMsg:
		a.confirm = newConfirm(msg.title, msg.question, msg.yes, msg.then, nil)
		return a, nil
	case closeShiftMsg:
		return a, closeShift(a.opts.Context, a.opts.Journal, a.opts.Now())
	case refreshShiftMsg:
		return a, loadXReport(a.opts)
	case reportMsg:
		if msg.err != nil {
			a.errText = "shift report: " + msg.err.Error()
			return a, nil
		}
		if msg.closed {
			// The Z report closed the shift: its operator and PIN go with
			// it (the header named them on, ctrl+l locked with the old PIN).
			m, cmd := a.updateScreen(msg)
			return m, batch(cmd, loadShift(a.opts.Context, a.opts.Journal, false))
		}
	case openHoldMsg:
		// The journal's view may be old: read the status first; the flow
		// shows the hold once the gateway confirms it.
		a = a.onScreen(flows.Restore(msg.rec))
		a.screen = screenWorking
		a.cameFrom = screenHolds
		m, cmd := a.handleFlow(flows.Check{}, true)
		return m, batch(cmd, a.working.Init())
	case outboxMsg:
		a.sms = msg
		return a, nil
	case exchangeMsg:
		a.health = a.health.observe(msg.x)
		if a.opts.Outbox != nil {
			a.sms = a.opts.Outbox()
		}
		return a, waitExchange(a.opts.Exchanges)
	case quitNowMsg:
		return a, tea.Quit
	case confirmClosedMsg:
		a.confirm = nil
		if msg.then == nil {
			return a, nil
		}
		return a.step(msg.then)
	case errMsg:
		a.errText = msg.err.Error()
		return a, nil
	case homeChosenMsg:
		return a.choose(msg.action)
	case openToolMsg:
		a.errText = ""
		a.screen, a.tool = screenTool, msg.t
		return a.enter(msg.init)
	case closeToolMsg:
		a.errText = ""
		a.screen, a.tool = screenHome, nil
		return a, loadHolds(a.opts.Context, a.opts.Journal)
	case orderCanceledMsg:
		a.errText = ""
		a.token, a.pending = nil, nil
		if a.cameFrom == screenSaved {
			a.cameFrom = screenHome
			a.screen = screenSaved
			return a, nil
		}
		a.screen = screenHome
		return a, nil
	case cardReadyMsg:
		if a.bindCustomer != "" {
			return a.startBinding(msg.card)
		}
		c := msg.card
		a.pending = &c
		return a.summarize()
	case summaryOKMsg, summaryChangeMsg, largeOKMsg:
		return a.summaryAnswered(msg)
	case orderReadyMsg:
		a.errText = ""
		a.order = msg.order
		if a.token != nil {
			return a.summarize()
		}
		a.screen = screenCard
		a.card = newCardScreen(a.st.lang, a.opts.Now, nil)
		if a.opts.Accessible {
			card := a.card
			return a, runAccessibleSteps(card.accessibleSteps(), func(ok bool) tea.Msg { return card.finished(ok) })
		}
		return a.enter(a.card.Init())
	case cardCanceledMsg:
		a.errText = ""
		if a.bindCustomer != "" {
			a.bindCustomer = ""
			a.screen = screenSaved
			return a, nil
		}
		// Back to the order, with everything that was typed.""
		a.screen = screenNewPayment
		a.newPay = newNewPaymentScreen(a.st.lang, a.opts.Currency, a.newPay.fields)
		return a.enter(a.newPay.Init())
	}
	return a.updateScreen(msg)
}
