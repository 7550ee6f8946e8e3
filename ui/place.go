package ui

import (
	"fmt"
	"strings"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// callText is callName in the screen's language.
func callText(name string, lang Lang) string {
	if name == common.StatusReadName {
		return lang.T(name)
	}
	return name
}

// screenNames name the screens in recordings.
var screenNames = map[screenID]string{
	screenHome: "home", screenNewPayment: "new-payment", screenCard: "card", screenWorking: "working",
	screenOTP: "otp", screen3DS: "3ds", screenHold: "hold", screenResult: "result", screenHolds: "holds",
	screenShift: "shift", screenSaved: "saved", screenBind: "bind", screenTool: "tool",
	screenPayBy: "pay-by", screenQR: "qr",
}

// where names the place an input arrives at: the screen, the state of the
// flow on it, and an open question. Replay waits until the console is at
// the recorded place before it sends the input, so a key never overtakes
// the gateway's answer it was waiting for.
func (a App) where() string {
	s := screenNames[a.screen]
	switch a.screen {
	case screenWorking, screenOTP, screen3DS, screenHold, screenResult:
		if a.hasPay {
			s += "/" + string(a.pay.State)
		}
	case screenBind:
		if a.hasBind {
			s += "/" + string(a.bind.State)
		}
	case screenTool:
		if a.tool != nil { // which tool: "tool/history", "tool/detail", ...
			s += "/" + strings.TrimSuffix(strings.TrimPrefix(fmt.Sprintf("%T", a.tool), "ui."), "Tool")
		}
	case screenShift:
		// The opening form is its own place: a key recorded after the
		// shift opened (ctrl+l) waits in a replay until it has.
		if a.shift.mode == shiftOpening {
			s += "/opening"
		}
	case screenHome, screenNewPayment, screenCard, screenHolds, screenSaved:
	}
	if a.confirm != nil {
		s += "+confirm"
	}
	if a.lock.on {
		s += "+locked"
	}
	return s
}

// inFlight reports whether the App is at a moment of a call: a request
// out, its answer not in. A replay may pass such a place before it looks
// (it waits for it only a little). Waiting for the customer (the 3-D
// Secure page, a code) is not such a moment: that place is waited for.
func (a App) inFlight() bool {
	if a.hasPay && a.screen != screenHome {
		switch a.pay.State {
		case flows.Preparing, flows.Paying, flows.Verifying, flows.CheckingOTP, flows.ResendingOTP,
			flows.Capturing, flows.Canceling, flows.Refunding, flows.Resolving:
			return true
		case flows.Draft, flows.AwaitingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.AwaitingPage, flows.Held,
			flows.Succeeded, flows.Declined, flows.Canceled, flows.Failed:
		}
	}
	if a.hasBind && a.screen == screenBind {
		switch a.bind.State {
		case flows.BindSending, flows.BindVerifying, flows.BindConfirming, flows.BindWaiting, flows.BindBlocking:
			return true
		case flows.BindDraft, flows.BindAwaitingOTP, flows.BindBound, flows.BindBlocked, flows.BindFailed:
		}
	}
	return false
}
