package flows

import "sort"

// The problems a cashier reads. The code is what the journal keeps and the
// screens word; its English format below is what the console says in
// English, so a journal row and an English screen read as they always did.
const (
	// What did not happen, inside a refusal ("…; nothing was charged").
	ProblemNothingCharged  ProblemCode = "nothing_charged"
	ProblemNothingRefunded ProblemCode = "nothing_refunded"
	ProblemNothingChanged  ProblemCode = "nothing_changed"
	ProblemNothingSaved    ProblemCode = "nothing_saved"
	ProblemNothingBlocked  ProblemCode = "nothing_blocked"

	// OCTO's refusals (refusal); the last argument is what did not happen.
	ProblemAuth             ProblemCode = "auth"
	ProblemNoAnswerChecking ProblemCode = "no_answer_checking"
	ProblemTokenUnknown     ProblemCode = "token_unknown"
	ProblemTokenNotActive   ProblemCode = "token_not_active"
	ProblemResendLimit      ProblemCode = "resend_limit"
	ProblemRefundAmount     ProblemCode = "refund_amount"
	ProblemTooOften         ProblemCode = "too_often"
	ProblemFiscalNothing    ProblemCode = "fiscal_not_registered"
	ProblemInternalNothing  ProblemCode = "internal"
	ProblemOCTORefused      ProblemCode = "octo_refused"   // OCTO's message, what did not happen
	ProblemOCTOErrorCode    ProblemCode = "octo_error"     // OCTO's error code, for a refusal without a message
	ProblemUnreachable      ProblemCode = "unreachable"    // what did not happen
	ProblemJournal          ProblemCode = "journal"        // the error
	ProblemJournalUnsent    ProblemCode = "journal_unsent" // the error
	ProblemBusy             ProblemCode = "busy"           // payment, counter
	ProblemBusyState        ProblemCode = "busy_state"     // payment, its state, counter

	// The code step.
	ProblemCodeExpired         ProblemCode = "code_expired"
	ProblemCodeExpiredNoResend ProblemCode = "code_expired_no_resend"
	ProblemResendLost          ProblemCode = "resend_lost"
	ProblemCheckingCode        ProblemCode = "checking_code"
	ProblemCodeNotSent         ProblemCode = "code_not_sent"
	ProblemCodeNotTaken        ProblemCode = "code_not_taken"
	ProblemWrongCodeLeft       ProblemCode = "wrong_code_left" // the attempts left
	ProblemAttemptsLeft        ProblemCode = "attempts_left"   // a count
	ProblemEnterCodeAgain      ProblemCode = "enter_code_again"
	ProblemThreeWrongCodes     ProblemCode = "three_wrong_codes"
	ProblemSessionStatusNew    ProblemCode = "session_status_new"
	ProblemSessionResend       ProblemCode = "session_resend"
	ProblemSessionStatusNewWhy ProblemCode = "session_status_new_why" // the refusal
	ProblemSessionResendWhy    ProblemCode = "session_resend_why"     // the refusal
	ProblemPayAnswerLost       ProblemCode = "pay_answer_lost"
	ProblemResumed             ProblemCode = "resumed"

	// Outcomes and their reading.
	ProblemDeclinedWhy       ProblemCode = "declined_why" // OCTO's reason
	ProblemDeclined          ProblemCode = "declined"
	ProblemThreeDSFailed     ProblemCode = "3ds_failed"
	ProblemHoldExpired       ProblemCode = "hold_expired"
	ProblemInternalChecking  ProblemCode = "internal_checking"
	ProblemPayInternal       ProblemCode = "pay_internal"
	ProblemNoSuchPayment     ProblemCode = "no_such_payment"
	ProblemUnknownPayment    ProblemCode = "unknown_payment" // OCTO's message
	ProblemCheckFailed       ProblemCode = "check_failed"    // the refusal
	ProblemNoAnswerAgain     ProblemCode = "no_answer_again"
	ProblemCaptureFailed     ProblemCode = "capture_failed"
	ProblemCancelFailed      ProblemCode = "cancel_failed"
	ProblemPageExpired       ProblemCode = "page_expired"
	ProblemPageCanceled      ProblemCode = "page_canceled"
	ProblemPageDeclined      ProblemCode = "page_declined"
	ProblemRestoredNoCard    ProblemCode = "restored_no_card"  // the time OCTO cancels
	ProblemRestoredNoCode    ProblemCode = "restored_no_code"  // the time OCTO cancels
	ProblemRestoredCustomer  ProblemCode = "restored_customer" // the time OCTO cancels
	ProblemRestoredNoCardTTL ProblemCode = "restored_no_card_ttl"
	ProblemRestoredNoCodeTTL ProblemCode = "restored_no_code_ttl"
	ProblemRestoredCustTTL   ProblemCode = "restored_customer_ttl"
	// A payment on the customer's phone from a journal that did not keep
	// its page's link: the QR code cannot be shown again.
	ProblemRestoredPageNoLink ProblemCode = "restored_page_no_link"
	// One read in the background (a restart, a shift's check): the page
	// is shown again only when the cashier opens the payment (Reopen).
	ProblemRestoredPage ProblemCode = "restored_page"

	// Refunds.
	ProblemRefundNoAnswer     ProblemCode = "refund_no_answer"
	ProblemRefundRefused      ProblemCode = "refund_refused" // the refund's status
	ProblemRefundProcessing   ProblemCode = "refund_processing"
	ProblemRefundUnconfirmed  ProblemCode = "refund_unconfirmed"
	ProblemRefundNeverArrived ProblemCode = "refund_never_arrived" // the amount

	// Card bindings.
	ProblemBindCodeExpired    ProblemCode = "bind_code_expired"
	ProblemBindNoAnswerSend   ProblemCode = "bind_no_answer_sending"
	ProblemBindNoAnswerCode   ProblemCode = "bind_no_answer_code"
	ProblemBindDeclined       ProblemCode = "bind_declined"
	ProblemBindNoSession      ProblemCode = "bind_no_session"
	ProblemBindWrongCode      ProblemCode = "bind_wrong_code" // OCTO's message
	ProblemBindNotActivated   ProblemCode = "bind_not_activated"
	ProblemBindNeverReceived  ProblemCode = "bind_never_received"
	ProblemBindNeverSaid      ProblemCode = "bind_never_said"
	ProblemBindAwaitingToken  ProblemCode = "bind_awaiting_token"
	ProblemBindStillWorking   ProblemCode = "bind_still_working" // OCTO's status
	ProblemBindRestarted      ProblemCode = "bind_restarted"
	ProblemBindWaitingPayment ProblemCode = "bind_waiting_customer" // OCTO's status
)

// AttemptLeftOne is ProblemAttemptsLeft's English for one attempt.
const AttemptLeftOne = "1 attempt left"

// problemFormats is each code's English. Formats take %s for each
// argument, except ProblemAttemptsLeft's count (%d; AttemptLeftOne for 1).
var problemFormats = map[ProblemCode]string{
	ProblemNothingCharged:  "nothing was charged",
	ProblemNothingRefunded: "nothing was refunded",
	ProblemNothingChanged:  "nothing was changed",
	ProblemNothingSaved:    "nothing was saved",
	ProblemNothingBlocked:  "nothing was blocked",

	ProblemAuth:             "OCTO refused the shop's credentials — check the shop ID and secret",
	ProblemNoAnswerChecking: "No answer from OCTO — checking the payment's status",
	ProblemTokenUnknown:     "The saved card is unknown to OCTO — bind the card again; %s",
	ProblemTokenNotActive:   "The saved card is not active — bind it again; %s",
	ProblemResendLimit:      "OCTO will not send more codes — start a new payment",
	ProblemRefundAmount:     "OCTO refused the refund amount; nothing was refunded",
	ProblemTooOften:         "OCTO asks to slow down — try again in a second",
	ProblemFiscalNothing:    "The fiscal codes are not registered with OCTO for this shop — have OCTO register them or correct them in the configuration; %s",
	ProblemInternalNothing:  "OCTO had an internal error; %s",
	ProblemOCTORefused:      "OCTO refused: %s; %s",
	ProblemOCTOErrorCode:    "error %s",
	ProblemUnreachable:      "Could not reach OCTO; %s",
	ProblemJournal:          "The journal could not be written (%s)",
	ProblemJournalUnsent:    "The journal could not be written (%s); nothing was sent",
	ProblemBusy:             "payment %s is being handled at counter %s",
	ProblemBusyState:        "payment %s is %s at counter %s",

	ProblemCodeExpired:         "The code expired — send a new one or start a new payment",
	ProblemCodeExpiredNoResend: "The code expired — start a new payment; nothing was charged",
	ProblemResendLost:          "No answer from OCTO — a new code may have been sent; ask again if none arrives",
	ProblemCheckingCode:        "Checking the code's outcome with OCTO",
	ProblemCodeNotSent:         "Could not reach OCTO; the code was not sent — enter it again",
	ProblemCodeNotTaken:        "OCTO has not taken the code — enter it again",
	ProblemWrongCodeLeft:       "Wrong code — %s",
	ProblemAttemptsLeft:        "%d attempts left",
	ProblemEnterCodeAgain:      "%s — enter the code again",
	ProblemThreeWrongCodes:     "Wrong code three times — OCTO canceled the payment; nothing was charged",
	ProblemSessionStatusNew:    "Could not get the code session from OCTO — check the status or start a new payment",
	ProblemSessionResend:       "Could not get the code session from OCTO — send a new code or check the status",
	ProblemSessionStatusNewWhy: "Could not get the code session from OCTO — check the status or start a new payment (%s)",
	ProblemSessionResendWhy:    "Could not get the code session from OCTO — send a new code or check the status (%s)",
	ProblemPayAnswerLost:       "The answer to pay was lost, so the code cannot be sent: nothing is charged and OCTO will expire this payment — start a new one",
	ProblemResumed:             "Resumed after a restart — enter the customer's code",

	ProblemDeclinedWhy:        "Declined: %s; nothing was charged",
	ProblemDeclined:           "Declined; nothing was charged",
	ProblemThreeDSFailed:      "Not confirmed on the bank's 3-D Secure page — ask for another card or another way to pay; nothing was charged",
	ProblemHoldExpired:        "The hold expired — OCTO released the money",
	ProblemInternalChecking:   "OCTO had an internal error — checking the payment's status",
	ProblemPayInternal:        "OCTO had an internal error and did not take the card: nothing is charged and OCTO will expire this payment — start a new one",
	ProblemNoSuchPayment:      "OCTO has no such payment; nothing was charged",
	ProblemUnknownPayment:     "OCTO does not know this payment (%s)",
	ProblemCheckFailed:        "Could not check with OCTO — check again later (%s)",
	ProblemNoAnswerAgain:      "No answer from OCTO — checking again",
	ProblemCaptureFailed:      "The capture did not go through — the hold is still open",
	ProblemCancelFailed:       "The cancel did not go through — the hold is still open",
	ProblemPageExpired:        "Expired — nothing was charged",
	ProblemPageCanceled:       "Canceled on OCTO's page — nothing was charged",
	ProblemPageDeclined:       "Declined on OCTO's page — nothing was charged",
	ProblemRestoredNoCard:     "OCTO is still waiting for a card: nothing is charged; OCTO cancels this payment at %s — start a new one",
	ProblemRestoredNoCode:     "OCTO waits for the customer's code, but pay's answer was lost in the restart, so the code cannot be sent from here: nothing is charged; OCTO cancels this payment at %s — start a new one",
	ProblemRestoredCustomer:   "The customer is on OCTO's 3-D Secure page: the outcome is read from OCTO; if it is not finished OCTO cancels this payment at %s",
	ProblemRestoredNoCardTTL:  "OCTO is still waiting for a card: nothing is charged; OCTO cancels this payment when its lifetime runs out — start a new one",
	ProblemRestoredNoCodeTTL:  "OCTO waits for the customer's code, but pay's answer was lost in the restart, so the code cannot be sent from here: nothing is charged; OCTO cancels this payment when its lifetime runs out — start a new one",
	ProblemRestoredCustTTL:    "The customer is on OCTO's 3-D Secure page: the outcome is read from OCTO; if it is not finished OCTO cancels this payment when its lifetime runs out",
	ProblemRestoredPage:       "The customer may still pay on their phone: nothing is charged until they do; open the payment from History to show its QR code again",
	ProblemRestoredPageNoLink: "OCTO still waits for the customer to pay on their phone, but the journal did not keep the page's link, so its QR code cannot be shown again: nothing is charged until they pay; check the status later",

	ProblemRefundNoAnswer:     "No answer from OCTO — checking whether the refund went through",
	ProblemRefundRefused:      "OCTO refused the refund (%s); nothing was refunded",
	ProblemRefundProcessing:   "OCTO is processing the refund — checking",
	ProblemRefundUnconfirmed:  "OCTO has not confirmed the refund — check again later; no other refund until it is confirmed",
	ProblemRefundNeverArrived: "OCTO never received the refund of %s: nothing was refunded — send it again (the same refund: OCTO makes it once)",

	ProblemBindCodeExpired:    "The code expired — bind the card again",
	ProblemBindNoAnswerSend:   "No answer from OCTO — checking whether the card reached OCTO",
	ProblemBindNoAnswerCode:   "No answer from OCTO — waiting for the card's status",
	ProblemBindDeclined:       "OCTO declined the card; nothing saved",
	ProblemBindNoSession:      "OCTO did not start the code session — bind the card again",
	ProblemBindWrongCode:      "Wrong code: %s",
	ProblemBindNotActivated:   "OCTO could not activate the card",
	ProblemBindNeverReceived:  "OCTO never received the card; nothing was saved — bind the card again",
	ProblemBindNeverSaid:      "OCTO never said the card was saved; look for it in the customer's cards, else bind it again",
	ProblemBindAwaitingToken:  "OCTO took the card — waiting for it to be activated",
	ProblemBindStillWorking:   "OCTO is still working on the card (%s) — check again later",
	ProblemBindRestarted:      "The console restarted before the card's code was taken; nothing was saved — bind the card again",
	ProblemBindWaitingPayment: "Waiting for the customer at OCTO (%s) — check again later",
}

func sortCodes(cs []ProblemCode) { sort.Slice(cs, func(i, j int) bool { return cs[i] < cs[j] }) }

// withCause is the code of a problem with the refusal that caused it
// said in parentheses.
var withCause = map[ProblemCode]ProblemCode{
	ProblemSessionStatusNew: ProblemSessionStatusNewWhy,
	ProblemSessionResend:    ProblemSessionResendWhy,
}
