package ui

import (
	"maps"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// route is the root's own routing: global messages here, the rest to the
// active screen.
func (a App) route(msg tea.Msg) (App, tea.Cmd) {
	for _, group := range []func(App, tea.Msg) (App, tea.Cmd, bool){
		App.routeConsole, App.routePayment, App.routeOrder, App.routeBackOffice,
	} {
		m, cmd, ok := group(a, msg)
		if a = m; ok {
			return a, cmd
		}
	}
	return a.updateScreen(msg)
}

// handled is a group's answer for a message it took.
func handled(a App, cmd tea.Cmd) (App, tea.Cmd, bool) { return a, cmd, true }

// routeConsole handles the terminal (size, keys), the heartbeat and what
// main feeds the console (exchanges, SMS, notifications), and the
// root's own questions and errors. ok false leaves msg to the screen on show.
func (a App) routeConsole(msg tea.Msg) (App, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.SetWidth(msg.Width - 2)
		return handled(a.updateScreen(a.screenSize()))
	case tea.KeyPressMsg:
		if a.quitting {
			return handled(a, nil) // nothing new starts under a quit
		}
		if key.Matches(msg, a.keys.Quit) {
			if a.busy != "" {
				a.notice = a.st.T("Not quitting") + ": " + a.busy + ". " + a.st.T("Wait for OCTO's answer.")
				return handled(a, nil)
			}
			if a.customerMidway() && (a.confirm == nil || a.confirm.onYes != quitNowMsg{}) {
				// A customer in the middle of paying (a code awaited, the
				// bank's or OCTO's page open) is not dropped by one key:
				// asked first, a second ctrl+c quits.
				a.confirm = newConfirm(a.st.T("Quit with a payment under way?"),
					a.st.T("It stays in the journal and is read again at the next start; nothing more is charged."),
					a.st.T("yes, quit"), quitNowMsg{}, nil)
				return handled(a, nil)
			}
			return handled(a.quit())
		}
		a.notice = ""
		if a.confirm != nil {
			return handled(a, a.confirm.Update(msg))
		}
		if key.Matches(msg, a.keys.Help) {
			a.help.ShowAll = !a.help.ShowAll
			return handled(a, nil)
		}
		if key.Matches(msg, a.keys.SMS) && a.opts.Outbox != nil {
			shown := !a.smsVisible()
			a.smsShown = &shown
			return handled(a.updateScreen(a.screenSize()))
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
		return handled(m, batch(cmd, flowCmd, a.tick()))
	case hintMsg:
		return handled(a.hint(msg))
	case bindHintMsg:
		return handled(a.bindHint(msg))
	case askRootMsg:
		a.confirm = newConfirm(msg.title, msg.question, msg.yes, msg.then, nil)
		return handled(a, nil)
	case outboxMsg:
		a.sms = msg
		return handled(a, nil)
	case exchangeMsg:
		a.health = a.health.observe(msg.x)
		if a.opts.Outbox != nil {
			a.sms = a.opts.Outbox()
		}
		return handled(a, waitExchange(a.opts.Exchanges))
	case quitNowMsg:
		return handled(a.quit())
	case confirmClosedMsg:
		a.confirm = nil
		if msg.then == nil {
			return handled(a, nil)
		}
		return handled(a.step(msg.then))
	case errMsg:
		a.errText = a.st.lang.errorWords(msg.err)
		return handled(a, nil)
	}
	return a, nil, false
}

// routePayment handles the payment on screen: the flow's inputs and the
// gateway's answers, leaving it unresolved, asking before a step, 3-D
// Secure, a retry, and a journaled payment or hold opened on the counter. ok false leaves msg to the screen on show.
func (a App) routePayment(msg tea.Msg) (App, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case flowInputMsg:
		a.errText = ""
		return handled(a.handleFlow(msg.ev, true))
	case flowEventMsg:
		if !a.hasPay || msg.id != a.pay.ShopTransactionID || msg.gen != a.payGen {
			return handled(a, nil) // a late answer for a payment no longer on screen
		}
		if msg.request && a.payOut > 0 {
			a.payOut--
			a = a.syncBusy()
		}
		return handled(a.handleFlow(msg.ev, true))
	case leaveUnresolvedMsg:
		if !a.hasPay || msg.id != a.pay.ShopTransactionID ||
			(a.pay.State != flows.Resolving && a.pay.State != flows.Awaiting3DS && a.pay.State != flows.AwaitingPage) {
			return handled(a, nil)
		}
		m, cmd := a.route(doneMsg{})
		a = m
		a.notice = a.st.Tf(leftUnresolvedText, paymentName(a.pay.Description, a.pay.Card, FormatMoney(a.pay.Amount, a.pay.Currency)))
		a.left = maps.Clone(a.left) // a copy: App is a value, its old copies keep theirs
		if a.left == nil {
			a.left = map[string]bool{}
		}
		a.left[msg.id] = true
		return handled(a, cmd)
	case holdExpiredMsg:
		m, cmd := a.route(msg.holds)
		a = m
		a.notice = expiredText(a.st, msg.rec)
		return handled(a, cmd)
	case leftSettledMsg:
		m, cmd := a.route(msg.holds)
		a = m
		if msg.rec.State.Final() && a.left[msg.rec.ShopTransactionID] {
			a.left = maps.Clone(a.left)
			delete(a.left, msg.rec.ShopTransactionID)
			a.notice = settledText(a.st, msg.rec)
		}
		return handled(a, cmd)
	case askMsg:
		a.confirm = newConfirm(msg.title, msg.question, msg.yes, flowInputMsg{msg.ev}, nil)
		return handled(a, nil)
	case abandonMsg:
		a.confirm = newConfirm(a.st.T("Leave this payment?"),
			a.st.T("Nothing has been charged. The customer's code will not be used."),
			a.st.T("leave it"), doneMsg{}, nil)
		return handled(a, nil)
	case threeDSDoneMsg:
		if msg.err != nil {
			a.errText = a.st.Tf("the sandbox's 3-D Secure page: %s", a.st.lang.errorWords(msg.err))
			return handled(a, nil)
		}
		return handled(a.handleFlow(flows.Check{}, true))
	case retryMsg:
		// The same order again, the same way: on the customer's phone a
		// new QR code (never a card form — the console may take no card
		// data at all), else another card (esc goes back to the order as
		// typed). A new attempt gets a new id.
		a.hasPay, a.payOut = false, 0
		a.busy = ""
		if a.via == viaPhone || a.opts.NoCardEntry {
			a.via = viaPhone
			return handled(a.update(orderReadyMsg{a.order}))
		}
		a.screen = screenCard
		a.card = newCardScreen(a.st.lang, a.opts.Now, nil)
		return handled(a.enter(a.card.Init()))
	case startMsg:
		a.liveOK = true
		return handled(a.handleFlow(flows.Start{}, true))
	case openRecordMsg:
		// A journaled payment on the counter's screens, fed msg.then (a
		// refund, a check); an unfinished one is read from the gateway first.
		a = a.onScreen(flows.Reopen(msg.rec))
		a.screen, a.backTo = screenWorking, msg.back
		ev := msg.then
		if ev == nil && a.pay.State == flows.Resolving {
			ev = flows.Check{}
		}
		if ev == nil {
			var cmd tea.Cmd
			a, cmd = a.follow()
			return handled(a, cmd)
		}
		m, cmd := a.handleFlow(ev, true)
		return handled(m, batch(cmd, a.working.Init()))
	case openHoldMsg:
		// The journal's view may be old: read the status first; the flow
		// shows the hold once the gateway confirms it.
		a = a.onScreen(flows.Reopen(msg.rec))
		a.screen = screenWorking
		a.cameFrom = screenHolds
		m, cmd := a.handleFlow(flows.Check{}, true)
		return handled(m, batch(cmd, a.working.Init()))
	}
	return a, nil, false
}

// routeOrder handles the order and the card as they are typed, the
// summary's answers, paying with or saving a card, and the end of a
// payment (doneMsg), which goes back to where it started. ok false leaves msg to the screen on show.
func (a App) routeOrder(msg tea.Msg) (App, tea.Cmd, bool) {
	switch msg := msg.(type) {
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
			return handled(a, load)
		}
		if fromCards {
			// A card saved or blocked from a customer's cards goes back to
			// them, read again: the cashier came to pay with one.
			a.screen = screenSaved
			var load tea.Cmd
			a.saved, load = a.saved.reload(a.opts.Context, a.opts.Tokens)
			return handled(a, load)
		}
		from := a.cameFrom
		a.cameFrom = screenHome
		switch from {
		case screenHolds:
			// Back to the list the hold was opened from, read again.
			a.screen = screenHolds
			a.holds = newHoldsScreen(a.opts.Language)
			return handled(a.enter(loadHolds(a.opts.Context, a.opts.Journal)))
		case screenSaved:
			if a.saved.customer != "" {
				a.screen = screenSaved
				var load tea.Cmd
				a.saved, load = a.saved.reload(a.opts.Context, a.opts.Tokens)
				return handled(a, load)
			}
		}
		a.screen = screenHome
		return handled(a, loadHolds(a.opts.Context, a.opts.Journal))
	case payWithTokenMsg:
		a.errText = ""
		t := msg.token
		a.token = &t
		a.cameFrom = screenSaved
		a.screen = screenNewPayment
		a.newPay = newNewPaymentScreen(a.st.lang, a.opts.Currency, nil)
		return handled(a.enter(a.newPay.Init()))
	case bindCardMsg:
		a.errText = ""
		a.bindCustomer = msg.customer
		a.screen = screenCard
		a.card = newCardScreen(a.st.lang, a.opts.Now, nil)
		return handled(a.enter(a.card.Init()))
	case orderCanceledMsg:
		a.errText = ""
		a.token, a.pending = nil, nil
		if a.cameFrom == screenSaved {
			a.cameFrom = screenHome
			a.screen = screenSaved
			return handled(a, nil)
		}
		a.screen = screenHome
		return handled(a, nil)
	case cardReadyMsg:
		if a.bindCustomer != "" {
			return handled(a.startBinding(msg.card))
		}
		c := msg.card
		a.pending = &c
		return handled(a.summarize())
	case summaryOKMsg, summaryChangeMsg, largeOKMsg:
		return handled(a.summaryAnswered(msg))
	case orderReadyMsg:
		a.errText = ""
		a.order = msg.order
		if a.token != nil {
			return handled(a.summarize())
		}
		a.screen = screenCard
		a.card = newCardScreen(a.st.lang, a.opts.Now, nil)
		if a.opts.Accessible {
			card := a.card
			return handled(a, runAccessibleSteps(card.accessibleSteps(), func(ok bool) tea.Msg { return card.finished(ok) }))
		}
		return handled(a.enter(a.card.Init()))
	case cardCanceledMsg:
		a.errText = ""
		if a.bindCustomer != "" {
			a.bindCustomer = ""
			a.screen = screenSaved
			return handled(a, nil)
		}
		// Back to the order, with everything that was typed.""
		a.screen = screenNewPayment
		a.newPay = newNewPaymentScreen(a.st.lang, a.opts.Currency, a.newPay.fields)
		return handled(a.enter(a.newPay.Init()))
	}
	return a, nil, false
}

// routeBackOffice handles saved cards, the journal's lists (holds,
// reconcile), the shift's reports and the back office's tools. ok false leaves msg to the screen on show.
func (a App) routeBackOffice(msg tea.Msg) (App, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case bindJournaledMsg:
		if a.screen == screenSaved && a.saved.customer != "" {
			var load tea.Cmd
			a.saved, load = a.saved.reload(a.opts.Context, a.opts.Tokens)
			return handled(a, load)
		}
		return handled(a, nil)
	case bindInputMsg:
		a.errText = ""
		return handled(a.handleBind(msg.ev, true))
	case bindEventMsg:
		if !a.hasBind || msg.id != a.bindID() {
			return handled(a, nil)
		}
		return handled(a.handleBind(msg.ev, true))
	case blockTokenMsg:
		return handled(a.blockToken(msg.token))
	case reconciledMsg:
		if msg.err != nil {
			a.errText = a.st.Tf("checking unfinished payments with %s: %s", a.opts.Gateway, a.st.lang.errorWords(msg.err))
		} else if n := unresolved(msg.payments); n > 0 {
			a.notice = a.st.Tf("%d earlier payment(s) still have no known outcome; see the journal", n)
		}
		return handled(a, loadHolds(a.opts.Context, a.opts.Journal))
	case holdsMsg:
		if msg.err != nil {
			a.errText = a.st.Tf("reading the open holds: %s", a.st.lang.errorWords(msg.err))
			return handled(a, nil)
		}
		a.home.openHolds = len(msg.holds)
		a.holds, _ = a.holds.Update(msg, a.opts)
		return handled(a, nil)
	case closeShiftMsg:
		return handled(a, closeShift(a.opts.Context, a.opts.Journal, a.opts.Now()))
	case refreshShiftMsg:
		return handled(a, loadXReport(a.opts))
	case reportMsg:
		if msg.err != nil {
			a.errText = a.st.Tf("shift report: %s", a.st.lang.errorWords(msg.err))
			return handled(a, nil)
		}
		if msg.closed {
			// The Z report closed the shift: its operator and PIN go with
			// it (the header named them on, ctrl+l locked with the old PIN).
			m, cmd := a.updateScreen(msg)
			return handled(m, batch(cmd, loadShift(a.opts.Context, a.opts.Journal, false)))
		}
	case homeChosenMsg:
		return handled(a.choose(msg.action))
	case openToolMsg:
		a.errText = ""
		a.screen, a.tool = screenTool, msg.t
		return handled(a.enter(msg.init))
	case closeToolMsg:
		a.errText = ""
		a.screen, a.tool = screenHome, nil
		return handled(a, loadHolds(a.opts.Context, a.opts.Journal))
	}
	return a, nil, false
}
