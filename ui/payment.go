package ui

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// retryMsg takes the same order again after a payment that charged nothing.
type retryMsg struct{}

// startMsg sends the payment on screen (after the LIVE confirmation).
type startMsg struct{}

// startPayment builds the flow from the order and the card and sends it;
// in LIVE mode the first charge of the session is confirmed first.
func (a App) startPayment(c enteredCard) (App, tea.Cmd) {
	p, err := flows.NewCardPayment(a.kind(), a.flowOrder(), c.card)
	if err != nil {
		a.errText = a.st.lang.errorWords(err)
		return a, nil
	}
	return a.send(p)
}

// startTokenPayment is startPayment with a saved card.
func (a App) startTokenPayment(t flows.SavedToken) (App, tea.Cmd) {
	o := a.flowOrder()
	o.Customer = t.Customer
	p, err := flows.NewTokenPayment(a.kind(), o, t)
	a.token = nil
	if err != nil {
		a.errText = a.st.lang.errorWords(err)
		return a, nil
	}
	return a.send(p)
}

func (a App) kind() flows.Kind {
	if a.order.TwoStage {
		return flows.Hold
	}
	return flows.Sale
}

func (a App) flowOrder() flows.Order {
	return flows.Order{
		Amount:      a.order.Amount,
		Currency:    a.opts.Currency,
		Description: a.order.Description,
		Operator:    a.opts.Operator,
		Email:       a.order.Email,
		Phone:       a.order.Phone,
		Test:        a.opts.Test,
		NotifyURL:   a.opts.NotifyURL,
		ReturnURL:   a.opts.ReturnURL,
		TTLMinutes:  a.opts.TTLMinutes,
		HoldTimeout: a.opts.HoldTimeout,
		Language:    a.opts.PageLanguage,
		Fiscal:      a.opts.Fiscal,
	}
}

// send puts payment p on screen and starts it.
func (a App) send(p flows.Payment) (App, tea.Cmd) {
	if m, refused := a.storeRefuses(); refused {
		return m, nil // the screen and what was typed on it stay
	}
	kind := p.Kind
	a = a.onScreen(p)
	a.errText = ""
	a.screen = screenWorking
	if a.opts.Mode == ModeLive && !a.liveOK {
		question := "This is the first live payment of the session.\nCharge %s on %s?"
		if kind == flows.Hold {
			question = "This is the first live payment of the session.\nHold %s on %s?"
		}
		card := groupMasked(p.Card)
		if p.Hosted {
			card = a.st.T("the customer's phone")
		}
		a.confirm = newConfirm(a.st.T("LIVE: real money"),
			a.st.Tf(question, FormatMoney(p.Amount, p.Currency), card),
			a.st.T("yes, take the payment"), startMsg{}, doneMsg{})
		return a, a.working.Init()
	}
	m, cmd := a.handleFlow(flows.Start{}, true)
	return m, batch(cmd, a.working.Init())
}

// onScreen puts payment p on screen with fresh screens; answers to
// whatever was out for the one before are not fed to it.
func (a App) onScreen(p flows.Payment) App {
	a.pay, a.hasPay, a.backTo = p, true, nil
	a.payGen++
	a.payOut = 0
	a.resetFlowScreens()
	return a
}

// resetFlowScreens gives a new payment fresh screens.
func (a *App) resetFlowScreens() {
	a.result = newResultScreen(a.opts.Language)
	a.otp = newOTPScreen(a.st)
	a.otp.codeLen = a.opts.CodeLength
	a.threeDS = newThreeDSScreen(a.st, a.opts.Complete3DS != nil)
	a.hold = newHoldScreen(a.st)
	a.working = newWorkingScreen(a.st)
	a.qrPay = newQRPayScreen(a.st)
}

// handleFlow feeds an event to the payment, follows it to the right screen
// and runs the effects it asked for. Refused events are shown, not fatal.
func (a App) handleFlow(ev flows.Event, show bool) (App, tea.Cmd) {
	if !a.hasPay {
		return a, nil
	}
	next, effects, err := a.pay.Handle(ev)
	if err != nil {
		a.opts.Log.Warn("payment: event refused", "id", a.pay.ShopTransactionID, "state", string(a.pay.State),
			"event", ev.EventName(), "err", err)
		if show {
			a.errText = refusedText(a.st.lang, ev, a.pay.State, err)
		}
		return a, nil
	}
	switch {
	case a.pay.State == flows.Resolving && next.State.Final() && !a.pay.Problem.Is(flows.ProblemCheckingCode),
		slowAnswered(a.pay.State, ev) && next.State.Final():
		// The result says so: the cashier saw "checking with OCTO" after a
		// lost answer, or the request's answer was slow and a status read
		// settled it (a refused code's routine read is neither).
		a.result.readAt = a.opts.Now()
	case !next.State.Final():
		a.result.readAt = time.Time{} // a refund under way: its answer decides anew
	}
	a.pay = next
	if a.opts.Runner == nil && len(effects) > 0 {
		a.errText = a.st.lang.errorWords(errNoRunner)
	}
	run := runEffects(a.opts.Context, a.opts.Runner, writesOf(a.opts.Journal), a.pay.ShopTransactionID, a.payGen, effects)
	if run != nil && hasRequest(effects) {
		if a.payOut == 0 {
			a.outSince = a.opts.Now()
		}
		a.payOut++
	}
	var enter tea.Cmd
	a, enter = a.follow()
	return a, batch(enter, run)
}

// syncBusy says what is in flight for the payment on screen: a request
// out, the customer on the 3-D Secure page. An unknown outcome counts only
// while a status read is out: between reads (OCTO silent, the reads left
// for later) nothing is in flight and the console may quit — the journal
// has the payment and reconcile reads it at the next start.
func (a App) syncBusy() App {
	p := a.pay
	a.busy = ""
	if p.State.InFlight() && (p.State != flows.Resolving || a.payOut > 0) {
		a.busy = lowerFirst(a.st.T(p.State.Label()))
	} else if strings.HasPrefix(a.notice, a.st.T("Not quitting")) {
		a.notice = "" // the reason is gone; the cashier may quit now
	}
	return a
}

// follow puts the screen that renders the payment's state on show.
func (a App) follow() (App, tea.Cmd) {
	p := a.pay
	a = a.syncBusy()
	a.working = a.working.sync(p)
	var want screenID
	switch p.State {
	case flows.AwaitingOTP, flows.CheckingOTP, flows.ResendingOTP, flows.OTPExpired:
		want = screenOTP
	case flows.Awaiting3DS:
		want = screen3DS
	case flows.AwaitingPage:
		want = screenQR
	case flows.Held, flows.Capturing, flows.Canceling:
		want = screenHold
	case flows.Succeeded, flows.Declined, flows.Canceled, flows.Failed:
		want = screenResult
	case flows.Draft, flows.Preparing, flows.Paying, flows.Verifying, flows.Resolving, flows.Refunding:
		want = screenWorking
	default:
		want = screenWorking
	}
	if want == a.screen {
		if want == screenResult {
			// A status read changed the money: the receipts are read again.
			var cmd tea.Cmd
			a.result, cmd = a.result.refresh(p, a.opts)
			return a, cmd
		}
		return a, nil
	}
	a.screen = want
	now := a.opts.Now()
	switch want {
	case screenOTP:
		a.otp = a.otp.sync(p, now)
	case screen3DS:
		a.threeDS = a.threeDS.sync(p)
		return a, a.threeDS.Init()
	case screenHold:
		a.hold = a.hold.sync(p)
	case screenWorking:
		return a, a.working.Init()
	case screenQR:
		a.qrPay = a.qrPay.sync(p)
		return a, a.qrPay.Init()
	case screenResult:
		var cmd tea.Cmd
		a.result, cmd = a.result.sync(p).refresh(p, a.opts)
		return a, cmd
	case screenHome, screenNewPayment, screenCard, screenHolds, screenShift, screenSaved, screenBind, screenPayBy:
	}
	return a, nil
}

// lowerFirst lower-cases the first letter, in any of the console's
// languages ("Создание платежа" → "создание платежа"), for a label used
// inside a sentence; a name in capitals stays ("OCTO'da tekshirilmoqda").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// refusedText is what the cashier reads when the flow refuses an event:
// for one not allowed in the payment's state, what cannot be done now and
// why, in the catalog's words ("The hold cannot be captured now — its
// outcome is still being checked with OCTO"); the flow's own error, which
// names the state and the event in Go's terms, goes only to the log. Any
// other refusal (an amount out of bounds) says what was wrong as it is.
// Worded in l: each half is a catalogue sentence.
func refusedText(l Lang, ev flows.Event, s flows.State, err error) string {
	if !errors.Is(err, flows.ErrNotAllowed) {
		return l.errorWords(err)
	}
	return l.T(notNowWhat(ev)) + " — " + l.T(notNowWhy(s))
}

// notNowWhat names what cannot be done, by the event refused.
func notNowWhat(ev flows.Event) string {
	switch ev.(type) {
	case flows.Start:
		return "The payment cannot be sent now"
	case flows.SubmitCode:
		return "The code cannot be sent now"
	case flows.ResendCode:
		return "A new code cannot be asked for now"
	case flows.Capture:
		return "The hold cannot be captured now"
	case flows.Cancel:
		return "The hold cannot be canceled now"
	case flows.Refund:
		return "The payment cannot be refunded now"
	case flows.Check, flows.Notified:
		return "The status cannot be checked now"
	case flows.Block:
		return "The card cannot be blocked now"
	case flows.Prepared, flows.PayAnswered, flows.VerificationAnswered, flows.CodeChecked, flows.CodeResent,
		flows.CaptureAnswered, flows.CancelAnswered, flows.RefundAnswered, flows.StatusAnswered,
		flows.BindAnswered, flows.BindingConfirmed, flows.TokenBlocked:
		return "A late answer from OCTO was not used"
	}
	return "That cannot be done now"
}

// notNowWhy says why, by the payment's state.
func notNowWhy(s flows.State) string {
	switch s {
	case flows.Draft:
		return "the payment has not been sent yet"
	case flows.Preparing, flows.Paying, flows.Verifying, flows.CheckingOTP, flows.ResendingOTP,
		flows.Capturing, flows.Canceling, flows.Refunding:
		return "a request to OCTO is still waiting for its answer"
	case flows.Resolving:
		return "its outcome is still being checked with OCTO"
	case flows.AwaitingOTP:
		return "the payment is waiting for the customer's SMS code"
	case flows.OTPExpired:
		return "the customer's code has expired"
	case flows.Awaiting3DS:
		return "the customer is still on the 3-D Secure page"
	case flows.AwaitingPage:
		return "the customer is still paying on their phone"
	case flows.Held:
		return "the payment is held, waiting to be captured or canceled"
	case flows.Succeeded:
		return "the payment is already paid"
	case flows.Declined:
		return "the payment was declined"
	case flows.Canceled:
		return "the payment was canceled"
	case flows.Failed:
		return "the payment was never sent"
	}
	return "the payment is at another step"
}

// A request whose answer is slow is not waited out to its timeout: after
// slowAnswer the payment's status is read every peekEvery (OCTO allows
// about one read a second), and a final status settles it at once
// (flows' whileOut). The request itself is never sent again.
const (
	slowAnswer = 3 * time.Second
	peekEvery  = 2 * time.Second
)

// peekIfSlow reads the status of the payment on screen when its request
// has been out for slowAnswer, at most every peekEvery.
func (a App) peekIfSlow(now time.Time) (App, tea.Cmd) {
	switch {
	case !a.hasPay || a.payOut == 0 || a.outSince.IsZero():
		return a, nil
	case now.Sub(a.outSince) < slowAnswer || now.Sub(a.lastPeek) < peekEvery:
		return a, nil
	}
	switch a.pay.State {
	case flows.Paying, flows.CheckingOTP, flows.Capturing, flows.Canceling:
	default:
		return a, nil
	}
	a.lastPeek = now
	return a.handleFlow(flows.Check{}, false)
}

// slowAnswered reports whether ev is a status read that came while a
// request's answer was awaited in state s (peekIfSlow).
func slowAnswered(s flows.State, ev flows.Event) bool {
	if _, read := ev.(flows.StatusAnswered); !read {
		return false
	}
	switch s {
	case flows.Paying, flows.CheckingOTP, flows.Capturing, flows.Canceling:
		return true
	}
	return false
}
