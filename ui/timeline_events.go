package ui

// eventWords are the journal's event names (flows' EventName) as the
// payment's timeline says them: what happened, in the cashier's words.
var eventWords = map[string]string{
	"start":                 "started at the counter",
	"submit_code":           "code typed",
	"resend_code":           "new code asked for",
	"capture":               "capture asked for",
	"cancel":                "cancel asked for",
	"refund":                "refund asked for",
	"check":                 "status check asked for",
	"tick":                  "time ran out",
	"notified":              "OCTO's notification",
	"token_notified":        "OCTO's card notification",
	"prepared":              "OCTO created the payment",
	"pay_answered":          "OCTO answered the card",
	"verification_answered": "OCTO said where the code went",
	"code_checked":          "OCTO checked the code",
	"code_resent":           "OCTO sent a new code",
	"capture_answered":      "OCTO answered the capture",
	"cancel_answered":       "OCTO answered the cancel",
	"refund_answered":       "OCTO answered the refund",
	"status_answered":       "OCTO's status read",
	"bind_answered":         "OCTO answered the card",
	"binding_confirmed":     "OCTO confirmed the card",
	"token_blocked":         "OCTO blocked the card",
	"block":                 "block asked for",
	"journal_failed":        "the journal could not be written",
}

// eventText is an event for the timeline; a name it does not know (an
// older journal's, a test's) shows as it is.
func eventText(lang Lang, event string) string {
	if w, ok := eventWords[event]; ok {
		return lang.T(w)
	}
	return event
}
