// Package ui is the cashier console: Bubble Tea screens that render the
// state of the payment flows and turn the cashier's keys into flow events.
// The rules of money live in package flows; nothing here decides them.
package ui

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
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

// screenID is the screen on show.
type screenID int

const (
	screenHome screenID = iota
	screenNewPayment
	screenCard
	screenWorking // a request out, or an unknown outcome being resolved
	screenOTP
	screen3DS
	screenHold
	screenResult
	screenHolds // the open holds, from the journal
	screenShift
	screenSaved // a customer's saved cards
	screenBind  // saving (or blocking) a card
	screenTool  // a back-office or QA tool (see tool.go)
	screenPayBy // how the customer pays (payby.go)
	screenQR    // the customer pays on their phone (qrpay.go)
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

// Options is what the console needs from main.
type Options struct {
	Mode    string // ModeSandbox, ModeTest or ModeLive: the badge
	Gateway string // what the health line calls the other side: "sandbox" or "OCTO"
	Shop    string // shown in the header, e.g. "shop 27"
	// ShopName and ShopID head the receipts (config.toml's
	// [console] shop_name and the OCTO shop id).
	ShopName string
	ShopID   int64
	Operator string
	Currency string
	Now      func() time.Time

	// Exchanges carries the client's observed exchanges (main's Observer
	// sends to it without blocking); the status bar shows the last one.
	Exchanges <-chan octo.Exchange
	// Traffic, when set, is the inspector's feed main writes to directly
	// from the observer and the listener (lossless); nil: the App keeps
	// its own from Exchanges and Hints.
	Traffic *Traffic
	// Outbox reads the sandbox's SMS outbox; nil when talking to OCTO.
	Outbox func() []SMS
	// Accessible runs forms as plain line prompts (huh's accessible mode)
	// and draws without the alternate screen.
	Accessible bool

	// Context bounds the gateway calls the console makes.
	Context context.Context
	// Runner runs the flows' effects against the gateway and the journal.
	Runner Runner
	// Test creates payments with test: true (TEST and SANDBOX modes).
	Test bool
	// NotifyURL and ReturnURL go into every payment when set.
	NotifyURL, ReturnURL string
	// TTLMinutes is an unpaid payment's lifetime; 0 leaves it to OCTO.
	TTLMinutes int
	// PageLanguage is the language of OCTO's own pages ([octo] language:
	// uz, ru or en), sent with every payment; empty: flows' default.
	PageLanguage string
	// RefundMin is the smallest refund in UZS ([octo] refund_min, OCTO's
	// 1 USD equivalent); zero: flows.DefaultRefundMinUZS.
	RefundMin decimal.Decimal
	// Fiscal are the shop's fiscal codes ([fiscal]), on every payment's
	// basket line.
	Fiscal flows.FiscalCodes
	// HoldTimeout dates a hold whose answer from the gateway gives no
	// expiry (octo.hold_timeout), so it shows a countdown; 0: unknown.
	HoldTimeout time.Duration
	// Complete3DS completes the sandbox's 3-D Secure page; nil on OCTO.
	Complete3DS Complete3DS
	// Printer prints receipts (config.toml's [printer]); FiscalData asks
	// OCTO for a payment's fiscal receipt (nil: the key is off).
	Printer receipt.Printer
	// TemporaryJournal: the journal goes when the console quits (the
	// embedded sandbox's, unless one is configured); History and the shift
	// say so.
	TemporaryJournal bool
	// ExportDir is where the shift's CSV exports go.
	ExportDir  string
	FiscalData func(ctx context.Context, paymentUUID string) (*octo.FiscalData, error)
	// Journal lists the open holds and the history (a PaymentLog too, for
	// a payment's detail); Reconcile brings unfinished payments in
	// the journal up to date with the gateway (run once, in the background,
	// at start).
	Journal   Journal
	Reconcile func(ctx context.Context) ([]flows.Payment, error)
	// ReconcileShift reads, before a Z report, the status of every payment
	// the journal has not settled and says where the journal and the
	// gateway differed (flows.ReconcileShift); nil: z closes at once.
	ReconcileShift func(ctx context.Context) (int, []flows.Difference, error)
	// Hints carries the gateway's notifications (main's listener sends to
	// it without blocking); BindHints the bind notifications.
	Hints     <-chan Hint
	BindHints <-chan BindHint
	// ApplyHint brings a journaled payment that is not on screen up to
	// date after a verified notification about it (flows.ApplyNotification);
	// nil: such notifications only reload the open holds.
	ApplyHint func(ctx context.Context, shopTransactionID string, status octo.Status) error
	// Tokens lists a customer's saved cards; BindNotifyURL is where the
	// gateway announces a saved card's token.
	Tokens        Tokens
	BindNotifyURL string
	// CodeLength is how many digits OCTO's SMS codes have ([octo]
	// code_length): a code of another length is refused before it is sent
	// and costs none of OCTO's three attempts. 0 takes any length.
	CodeLength int
	// Shifts asks for a shift to be opened before the first sale
	// ([console] shifts).
	Shifts bool
	// LargeAmount is where an amount is confirmed a second time, spelled
	// out ([console] large_amount; zero: DefaultLargeAmount).
	LargeAmount decimal.Decimal
	// Language of the screens (en when empty).
	Language Lang
	// Sandbox is the embedded sandbox's controls for the QA tools (qa.go);
	// nil when talking to OCTO.
	Sandbox SandboxControls
	// NoCardEntry takes no card data at this console ([octo] card_entry =
	// false, a shop without PCI DSS): no card typed here, no card saved
	// here; the customer pays on their phone or with a saved card.
	NoCardEntry bool
	// CustomerPays has the sandbox's customer pay a payment on its page
	// with a test card (the scenario tool's "pays on their phone"); it
	// returns the payment's status. Nil on OCTO.
	CustomerPays func(paymentUUID, pan string) (string, error)
	// Log gets what the cashier is told in plain words, as it came (a
	// flow's refusal naming its state and event); nil: nowhere.
	Log *slog.Logger
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

	qa      tool     // a QA tool over the screen (qa.go), or nil
	qaKind  string   // the key that opened it
	qaKeys  qaKeys   // open the QA tools
	traffic *traffic // the inspector's history of exchanges and notifications

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
	// held are keys typed while a screen change waits for the journal
	// (waiting); they are handled, in order, once it has answered.
	held   []tea.Msg
	liveOK bool // the cashier confirmed charging real money this session

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

		qaKeys:  newQAKeys(opts.Language),
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
		// What the console waited for has come: the keys typed meanwhile.
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
				a.held = append(a.held, msg)
				return a, nil
			}
		case tea.PasteMsg:
			a.held = append(a.held, msg)
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

func (a App) choose(act homeAction) (App, tea.Cmd) {
	a.errText = ""
	if (act == actNewPayment || act == actSavedCard) && a.opts.Shifts && a.shiftNow.At.IsZero() {
		// [console] shifts: the first sale waits for a shift opened by
		// name, and goes on where the cashier was going once it is.
		next := act
		a.afterShift = &next
		a.screen = screenShift
		var load tea.Cmd
		a.shift, load = openShiftScreen(a.opts)
		var focus tea.Cmd
		a.shift, focus = a.shift.startOpening(a.opts)
		a.notice = a.st.T("Open a shift before the first sale: your name, and a PIN if you want the console locked when you step away.")
		m, cmd := a.enter(load)
		return m, batch(cmd, focus)
	}
	switch act {
	case actNewPayment:
		// First how the customer pays (payby.go), then the order.
		a.screen = screenPayBy
		a.payBy = newPayByScreen(a.st.lang, !a.opts.NoCardEntry)
		return a, nil
	case actOpenHolds:
		a.screen = screenHolds
		a.holds = newHoldsScreen(a.opts.Language)
		return a.enter(loadHolds(a.opts.Context, a.opts.Journal))
	case actHistory:
		return a, openHistory(a.opts)
	case actShift:
		a.screen = screenShift
		var load tea.Cmd
		a.shift, load = openShiftScreen(a.opts)
		return a.enter(load)
	case actSavedCard:
		a.screen = screenSaved
		a.saved = newSavedScreen(a.st)
		a.saved.noBind = a.opts.NoCardEntry
		return a, nil
	}
	return a, nil
}

// enter finishes switching to a new screen: it gets its size at once (a
// form laid out without one truncates its fields) and its Init runs.
func (a App) enter(initCmd tea.Cmd) (App, tea.Cmd) {
	m, cmd := a.updateScreen(a.screenSize())
	return m, batch(initCmd, cmd)
}

func (a App) updateScreen(msg tea.Msg) (App, tea.Cmd) {
	var cmd tea.Cmd
	switch a.screen {
	case screenHome:
		a.home, cmd = a.home.Update(msg)
	case screenNewPayment:
		a.newPay, cmd = a.newPay.Update(msg)
	case screenCard:
		a.card, cmd = a.card.Update(msg)
	case screenWorking:
		a.working, cmd = a.working.Update(msg, a.pay)
	case screenOTP:
		a.otp, cmd = a.otp.Update(msg, a.pay, a.opts.Now())
	case screen3DS:
		a.threeDS, cmd = a.threeDS.Update(msg, a.pay, a.opts.Complete3DS)
	case screenHold:
		a.hold, cmd = a.hold.Update(msg, a.pay)
	case screenResult:
		a.result, cmd = a.result.Update(msg, a.pay, a.opts)
	case screenHolds:
		a.holds, cmd = a.holds.Update(msg, a.opts)
	case screenShift:
		a.shift, cmd = a.shift.Update(msg, a.opts)
	case screenSaved:
		a.saved, cmd = a.saved.Update(msg, a.opts.Context, a.opts.Tokens)
	case screenBind:
		a.bindS, cmd = a.bindS.Update(msg, a.bind, a.opts.Now())
	case screenTool:
		if a.tool != nil {
			a.tool, cmd = a.tool.Update(msg, a.opts)
		}
	case screenPayBy:
		a.payBy, cmd = a.payBy.Update(msg)
	case screenQR:
		a.qrPay, cmd = a.qrPay.Update(msg, a.pay)
	}
	return a, cmd
}

// View draws the console.
func (a App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = !a.opts.Accessible
	v.WindowTitle = "octo-cashier · " + a.opts.Mode
	return v
}

// screenSize is the room the active screen has: the window less the
// header, status, footer, padding and the SMS panel.
func (a App) screenSize() tea.WindowSizeMsg {
	w := a.width - 4
	if a.smsVisible() {
		w -= smsPanelWidth
	}
	return tea.WindowSizeMsg{Width: max(w, 20), Height: max(a.height-6, 5)}
}

func (a App) smsVisible() bool {
	if a.opts.Outbox == nil {
		return false
	}
	if a.smsShown != nil {
		return *a.smsShown
	}
	// The QR code takes the room: the customer's SMS goes to their phone.
	return a.width >= smsPanelAutoWidth && a.screen != screenQR
}

// render lays out the header, the screen (with the SMS panel beside it),
// the status line and the footer with the active screen's keys.
func (a App) render() string {
	if a.lock.on {
		return a.lock.View(a.st, a.shiftNow, a.width, a.height, a.opts.Now())
	}
	if a.tooSmall() {
		text := a.st.Tf("The console needs a terminal of at least %d×%d.\nThis one is %d×%d: please make it larger.",
			minWidth, minHeight, a.width, a.height) + "\n" + a.st.T("Keys are paused until then (ctrl+c still quits).")
		if a.notice != "" {
			text += "\n\n! " + a.st.Problem(a.notice)
		}
		return text
	}
	header := a.header()
	status := a.statusLine()
	keys := a.activeKeys()
	footer := a.st.footer.Render(a.help.View(keys))
	if a.width > 0 && lipgloss.Width(footer) > a.width && !a.help.ShowAll {
		// Too wide: the keys that get the cashier out (esc, ctrl+c) go
		// first, so the cut takes the others.
		footer = a.st.footer.Render(a.help.ShortHelpView(wayOutFirst(keys.ShortHelp())))
	}
	if a.width > 0 && lipgloss.Width(footer) > a.width {
		// help.Model stops before a key that does not fit only when its own
		// "…" still fits; otherwise the line runs past the edge and wraps.
		lines := strings.Split(footer, "\n")
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, a.width-1, "…")
		}
		footer = strings.Join(lines, "\n")
	}

	bodyWidth := a.width
	panel := ""
	if a.smsVisible() {
		bodyWidth -= smsPanelWidth
	}
	var body string
	if a.confirm != nil {
		body = a.confirm.View(a.st, bodyWidth-4)
	} else {
		body = a.screenView(bodyWidth - 4)
	}
	if a.errText != "" {
		body += "\n\n" + a.st.errorLine.Render("✗ "+a.st.Problem(a.errText))
	}
	if a.notice != "" {
		body += "\n\n" + a.st.warn.Render("! "+a.st.Problem(a.notice))
	}
	bodyHeight := a.height - lipgloss.Height(header) - lipgloss.Height(status) - lipgloss.Height(footer)
	if a.width > 0 && bodyHeight > 0 {
		body = a.st.body.Width(bodyWidth).Height(bodyHeight).MaxHeight(bodyHeight).Render(body)
		if a.smsVisible() {
			panel = smsPanel(a.st, a.sms, smsPanelWidth-2, bodyHeight)
			body = lipgloss.JoinHorizontal(lipgloss.Top, body, panel)
		}
	} else {
		body = a.st.body.Render(body)
	}
	return lipgloss.JoinVertical(lipgloss.Left, header, body, status, footer)
}

// waiting reports whether a screen is waiting for the journal's answer — a
// shift being opened, the history's first page — so the keys typed
// meanwhile, meant for what follows (the sale the shift was opened for,
// the newest payment), wait too.
func (a App) waiting() bool {
	if h, ok := a.tool.(historyTool); ok && a.screen == screenTool && h.firstLoad() {
		return true // "y⏎" typed at once opens the newest payment, not an empty list
	}
	return a.screen == screenShift && a.shift.mode == shiftOpening && a.shift.open.sending
}

// searchTyped reports whether msg is text typed into the history's search
// while its first page is read: it needs no page (it starts a read of its
// own, which stops the first), so it goes on at once — unless keys are
// held already, which it must not overtake.
func (a App) searchTyped(msg tea.Msg) bool {
	if _, ok := a.tool.(historyTool); !ok || a.screen != screenTool {
		return false
	}
	switch k := msg.(type) {
	case tea.KeyPressMsg:
		return k.Text != ""
	case tea.PasteMsg:
		return true
	}
	return false
}

// releaseHeld handles the keys held while waiting, in order, until one of
// them makes the console wait again.
func (a App) releaseHeld() (App, tea.Cmd) {
	keys := a.held
	a.held = nil
	var cmds []tea.Cmd
	for i, k := range keys {
		if a.waiting() {
			a.held = append(a.held, keys[i:]...)
			break
		}
		var cmd tea.Cmd
		a, cmd = a.step(k)
		cmds = append(cmds, cmd)
	}
	return a, batch(cmds...)
}

// customerMidway reports whether the payment on screen waits for the
// customer: the SMS code, the bank's 3-D Secure page, OCTO's page.
func (a App) customerMidway() bool {
	if !a.hasPay {
		return false
	}
	switch a.pay.State {
	case flows.AwaitingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.AwaitingPage:
		return true
	}
	return false
}

// quitNowMsg quits once the cashier confirmed it (a payment under way).
type quitNowMsg struct{}

// tooSmall reports whether the window hides the screens behind the
// notice that asks for a larger one.
func (a App) tooSmall() bool {
	return a.width > 0 && (a.width < minWidth || a.height < minHeight)
}

func (a App) header() string {
	parts := []string{a.st.header.Render("octo-cashier")}
	if a.opts.Shop != "" {
		// "shop 27" as main writes it: translated like a composed text
		parts = append(parts, a.st.headerDim.Render(a.st.Problem(a.opts.Shop)))
	}
	if a.opts.Operator != "" {
		parts = append(parts, a.st.headerDim.Render(a.st.Tf("operator %s", a.opts.Operator)))
	}
	line := strings.Join(parts, a.st.headerDim.Render(" · "))
	if a.width > 2 {
		line = ansi.Truncate(line, a.width-2, "…") // the bar's padding
	}
	return a.st.headerBar.Render(line)
}

// statusLine is always visible: the mode badge, the connection health and
// what is in flight.
func (a App) statusLine() string {
	badge := a.st.badgeLive
	switch a.opts.Mode {
	case ModeSandbox:
		badge = a.st.badgeSandbox
	case ModeTest:
		badge = a.st.badgeTest
	}
	mode, health, busy := badge.Render(a.opts.Mode), a.health.view(a.st, a.opts.Gateway), ""
	if a.busy != "" {
		busy = "  " + a.st.warn.Render("⋯ "+a.busy)
	}
	if a.width > 0 {
		// What is in flight matters more than the last call's error text:
		// the health gives way, so the line never runs past the edge (where
		// the terminal cut "⋯ checking with OCTO" to "⋯ chec").
		room := a.width - a.st.statusBar.GetHorizontalFrameSize() - lipgloss.Width(mode) - 2 - lipgloss.Width(busy)
		if lipgloss.Width(health) > room {
			health = ansi.Truncate(health, max(room, 1), "…")
		}
	}
	return a.st.statusBar.Render(mode + "  " + health + busy)
}

func (a App) screenView(width int) string {
	if a.qa != nil {
		return a.qaView(width)
	}
	if a.opts.Accessible && (a.screen == screenNewPayment || a.screen == screenCard) {
		// The form runs as prompts below the screen (huh's accessible mode).
		return a.st.title.Render(a.st.T(map[screenID]string{screenNewPayment: "New payment", screenCard: "Customer's card"}[a.screen])) +
			"\n" + a.st.T("Answer the questions below, one per line.")
	}
	switch a.screen {
	case screenNewPayment:
		if a.token != nil {
			// No card screen follows: say which card will pay.
			return a.st.title.Render(a.st.T("New payment")+" · "+a.st.Tf("with the saved card %s", groupMasked(a.token.Card))) +
				"\n" + a.newPay.View()
		}
		return a.st.title.Render(a.st.T("New payment")) + "\n" + a.newPay.View()
	case screenCard:
		// One line: wrapped beside the SMS panel, the order pushed the
		// card fields down and left a stub of the description. A card
		// being saved has no order: the line says whose card it is.
		line := a.orderLine()
		if a.bindCustomer != "" {
			line = a.st.muted.Render(a.st.Tf("Saving a card for %s · no payment is taken", groupPhone(a.bindCustomer)))
		}
		return a.st.title.Render(a.st.T("Customer's card")) + "\n" + ansi.Truncate(line, max(width, 20), "…") + "\n\n" + a.card.View()
	case screenWorking:
		title := "Payment"
		switch {
		case a.pay.State == flows.Resolving && a.pay.Problem == flows.MsgCheckingCode:
			// A wrong code or a decline answered: the status read only
			// tells which. Routine, not the alarm of a lost answer.
			title = "SMS code"
		case a.pay.State == flows.Resolving:
			title = "Outcome unknown"
		}
		return a.st.title.Render(a.st.T(title)) + "\n" + a.working.View(a.st, a.pay)
	case screenOTP:
		hint := ""
		if a.opts.Outbox != nil && !a.smsVisible() {
			hint = a.st.T("Sandbox: f2 shows the customer's SMS.")
		}
		return a.st.title.Render(a.st.T("SMS code")) + "\n" + a.otp.View(a.st, a.pay, a.opts.Now(), hint)
	case screen3DS:
		return a.st.title.Render(a.st.T("3-D Secure")) + "\n" + a.threeDS.View(a.st, a.pay, width, a.height-8)
	case screenHold:
		return a.st.title.Render(a.st.T("Hold")) + "\n" + a.hold.View(a.st, a.pay, a.opts.Now())
	case screenResult:
		return a.st.title.Render(a.st.T("Result")) + "\n" + a.result.View(a.st, a.pay, a.opts.Now(), width, a.height-9)
	case screenHolds:
		return a.st.title.Render(a.st.T("Open holds")) + "\n" + a.holds.View(a.st, a.opts.Now())
	case screenShift:
		return a.st.title.Render(a.st.T("Shift")) + "\n" + a.shift.View(a.st, a.opts.Currency, a.opts.Now().Location())
	case screenSaved:
		return a.st.title.Render(a.st.T("Saved cards")) + "\n" + a.saved.View(a.st)
	case screenBind:
		title := "Saving a card"
		if a.bind.State == flows.BindBlocking || a.bind.State == flows.BindBlocked {
			title = "Blocking a saved card"
		}
		return a.st.title.Render(a.st.T(title)) + "\n" + a.bindS.View(a.st, a.bind, a.opts.Now())
	case screenTool:
		if a.tool != nil {
			return a.st.title.Render(a.tool.Title(a.st)) + "\n" + a.tool.View(a.st, a.opts, width, a.height-9)
		}
	case screenPayBy:
		return a.st.title.Render(a.st.T("New payment")) + "\n" + a.payBy.View(a.st, width)
	case screenQR:
		// No title: the code needs every line (its column names the screen).
		footer := lipgloss.Height(a.st.footer.Render(a.help.View(a.activeKeys())))
		return a.qrPay.View(a.st, a.pay, a.opts.Now(), width, a.height-4-footer)
	case screenHome:
	}
	return a.home.View(a.st, width)
}

// orderLine sums up the order above the card form.
func (a App) orderLine() string {
	kind := a.st.T("one-stage: charge now")
	if a.order.TwoStage {
		kind = a.st.T("two-stage: hold, capture later")
	}
	line := a.st.amount.Render(FormatMoney(a.order.Amount, a.opts.Currency)) + a.st.muted.Render(" · "+kind)
	if a.order.Description != "" {
		line += a.st.muted.Render(" · " + truncate(a.order.Description, 30))
	}
	return line
}

func (a App) activeKeys() help.KeyMap {
	var screen help.KeyMap
	switch a.screen {
	case screenNewPayment, screenCard:
		screen = newFormKeys()
	case screenHome:
		screen = a.home.keys
	case screenWorking:
		screen = a.working.keys
	case screenOTP:
		screen = a.otp.keys
	case screen3DS:
		screen = a.threeDS.keys
	case screenHold:
		screen = a.hold.keys
	case screenResult:
		screen = a.result.keys
	case screenHolds:
		screen = a.holds.keys
	case screenShift:
		screen = a.shift.keys
	case screenSaved:
		screen = a.saved.keys
	case screenBind:
		screen = a.bindS.keys
	case screenTool:
		if a.tool != nil {
			screen = a.tool.Keys()
		}
	case screenPayBy:
		screen = a.payBy.keys
	case screenQR:
		screen = a.qrPay.keys
	}
	if a.qa != nil {
		screen = a.qa.Keys()
	}
	if a.confirm != nil {
		screen = a.confirm.keys
	}
	return inLang{a.withQAHelp(withGlobal{screen, a.keys, a.opts.Outbox != nil, a.busy != ""}), a.st.lang}
}

// withGlobal adds the global keys to a screen's key map for the footer.
type withGlobal struct {
	screen help.KeyMap
	global globalKeys
	sms    bool
	busy   bool // money in flight: ctrl+c is refused
}

func (w withGlobal) ShortHelp() []key.Binding {
	ks := append([]key.Binding{}, w.screen.ShortHelp()...)
	if w.sms {
		ks = append(ks, w.global.SMS)
	}
	ks = append(ks, w.global.Help)
	if !w.busy {
		ks = append(ks, w.global.Quit) // refused while money is in flight: not offered
	}
	return ks
}

// wayOutFirst puts the bindings of esc and ctrl+c first, the rest after
// in their order.
func wayOutFirst(ks []key.Binding) []key.Binding {
	var first, rest []key.Binding
	for _, k := range ks {
		if slices.Contains(k.Keys(), "esc") || slices.Contains(k.Keys(), "ctrl+c") {
			first = append(first, k)
		} else {
			rest = append(rest, k)
		}
	}
	return append(first, rest...)
}

func (w withGlobal) FullHelp() [][]key.Binding {
	g := []key.Binding{w.global.Help}
	if !w.busy {
		g = append(g, w.global.Quit)
	}
	if w.sms {
		g = append(g, w.global.SMS)
	}
	return append(append([][]key.Binding{}, w.screen.FullHelp()...), g)
}

// unresolved counts payments whose outcome is still unknown.
func unresolved(ps []flows.Payment) int {
	n := 0
	for _, p := range ps {
		if p.State == flows.Resolving {
			n++
		}
	}
	return n
}
