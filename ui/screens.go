package ui

import (
	tea "charm.land/bubbletea/v2"
)

// Which screen is on show, and how the root enters one and hands it its
// messages.

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

func (a App) choose(act homeAction) (App, tea.Cmd) {
	a.errText = ""
	if act == actNewPayment || act == actSavedCard {
		if m, refused := a.storeRefuses(); refused {
			return m, nil
		}
	}
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
