package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// When keys wait or do nothing: while a screen waits for the journal,
// while the window is too small to show the screens, and the questions
// asked before a customer mid-way is left.

// waiting reports whether a screen is waiting for the journal's answer — a
// shift being opened, the history's first page — so the keys typed
// meanwhile, meant for what follows (the sale the shift was opened for,
// the newest payment), wait too.
func (a App) waiting() bool {
	if h, ok := a.tool.(historyTool); ok && a.screen == screenTool && h.firstLoad() {
		return true // "y⏎" typed at once opens the newest payment, not an empty list
	}
	return a.codeBeingChecked() || (a.screen == screenShift && a.shift.mode == shiftOpening && a.shift.open.sending)
}

// codeBeingChecked reports whether OCTO's answer to a code is awaited
// (check_sms_key out, or the status read after a refused code). A cashier
// who hears the code was wrong types the next one at once: its keys wait
// for the code field — and are dropped if the payment ends instead, so an
// enter meant for a code never closes the result.
func (a App) codeBeingChecked() bool {
	return a.hasPay && (a.pay.State == flows.CheckingOTP ||
		(a.pay.State == flows.Resolving && a.pay.Problem.Is(flows.ProblemCheckingCode)))
}

// keepHeld decides, once nothing is waited for, whether the keys held are
// still meant for the screen on show: those typed for a code only when the
// code is asked again.
func (a App) keepHeld() bool {
	if !a.heldForCode {
		return true
	}
	return a.hasPay && a.pay.State == flows.AwaitingOTP
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
