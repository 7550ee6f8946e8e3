package flows

import (
	"errors"
	"fmt"
	"strings"

	"github.com/octo-cashier/octo-cashier/octo"
)

// Problem texts a cashier reads. They say what happened to the money.
const (
	msgUnreachableNothingCharged = "Could not reach OCTO; nothing was charged"
	msgNoAnswerChecking          = "No answer from OCTO — checking the payment's status"
	msgCodeExpired               = "The code expired — send a new one or start a new payment"
	msgCodeExpiredNoResend       = "The code expired — start a new payment; nothing was charged"
	msgResendLimit               = "OCTO will not send more codes — start a new payment"
	msgThreeWrongCodes           = "Wrong code three times — OCTO canceled the payment; nothing was charged"
	msgHoldExpired               = "The hold expired — OCTO released the money"
	msgAuth                      = "OCTO refused the shop's credentials — check the shop ID and secret"
	// After a restart (flows/recovery.go); %s is the time OCTO cancels
	// the payment, 15:04. The ...Later forms are for an unknown time.
	msgRestoredNoCard        = "OCTO is still waiting for a card: nothing is charged; OCTO cancels this payment at %s — start a new one"
	msgRestoredNoCode        = "OCTO waits for the customer's code, but pay's answer was lost in the restart, so the code cannot be sent from here: nothing is charged; OCTO cancels this payment at %s — start a new one"
	msgRestoredCustomer      = "The customer is on OCTO's 3-D Secure page: the outcome is read from OCTO; if it is not finished OCTO cancels this payment at %s"
	msgRestoredNoCardLater   = "OCTO is still waiting for a card: nothing is charged; OCTO cancels this payment when its lifetime runs out — start a new one"
	msgRestoredNoCodeLater   = "OCTO waits for the customer's code, but pay's answer was lost in the restart, so the code cannot be sent from here: nothing is charged; OCTO cancels this payment when its lifetime runs out — start a new one"
	msgRestoredCustomerLater = "The customer is on OCTO's 3-D Secure page: the outcome is read from OCTO; if it is not finished OCTO cancels this payment when its lifetime runs out"
	// %s is the amount.
	msgRefundNeverArrived  = "OCTO never received the refund of %s: nothing was refunded — send it again (the same refund: OCTO makes it once)"
	msgFiscalNotRegistered = "The fiscal codes are not registered with OCTO for this shop — have OCTO register them or correct them in the configuration"
	// OCTO's error 4 (internal service error) on pay, set_accept or a
	// refund says nothing about whether it was done: the status is read.
	msgInternalChecking          = "OCTO had an internal error — checking the payment's status"
	msgPayInternalNothingCharged = "OCTO had an internal error and did not take the card: nothing is charged and OCTO will expire this payment — start a new one"
)

// MsgCheckingCode is the problem while a refused (or failed) code's
// outcome is read: the screens tell this second from a lost answer by it.
const MsgCheckingCode = "Checking the code's outcome with OCTO"

func attemptsWord(n int) string {
	if n == 1 {
		return "1 attempt left"
	}
	return fmt.Sprintf("%d attempts left", n)
}

// refusal turns OCTO's refusal or a transport error into words, with what
// it means for the money in the context of call (e.g. "charged", "refunded").
func refusal(err error, nothing string) string {
	var oe *octo.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, octo.ErrAuth):
		return msgAuth
	case octo.MayHaveReached(err):
		return msgNoAnswerChecking
	case errors.As(err, &oe):
		switch {
		case errors.Is(err, octo.ErrTokenNotFound):
			return "The saved card is unknown to OCTO — bind the card again; nothing was " + nothing
		case errors.Is(err, octo.ErrTokenNotActive):
			return "The saved card is not active — bind it again; nothing was " + nothing
		case errors.Is(err, octo.ErrResendLimit):
			return msgResendLimit
		case errors.Is(err, octo.ErrRefundAmount):
			return "OCTO refused the refund amount; nothing was refunded"
		case errors.Is(err, octo.ErrTooOften):
			return "OCTO asks to slow down — try again in a second"
		case errors.Is(err, octo.ErrFiscalNotRegistered):
			return msgFiscalNotRegistered + "; nothing was " + nothing
		case errors.Is(err, octo.ErrInternal):
			return "OCTO had an internal error; nothing was " + nothing
		}
		msg := strings.TrimSpace(oe.Message)
		if msg == "" {
			msg = fmt.Sprintf("error %d", oe.Code)
		}
		return fmt.Sprintf("OCTO refused: %s; nothing was %s", msg, nothing)
	}
	return "Could not reach OCTO; nothing was " + nothing
}
