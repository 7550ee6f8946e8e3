package ui

import (
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/ui/common"
)

// The flows write a short note on some transitions, in English: the
// amount of a capture or a refund, a refund's reference, why a code was
// refused. The timeline says them in the cashier's language, with
// amounts as the screens write them; a note it does not know (OCTO's own
// words in an error, an older journal's) shows as it is.

var (
	captureNote      = common.CompileLater(`^capture (\d+\.\d{2})$`)
	refundNote       = common.CompileLater(`^refund (\d+\.\d{2}) (\S+)( again)?$`)
	refundDoneNote   = common.CompileLater(`^refund (\S+)$`)
	fixedTransitions = map[string]string{
		"wrong code":                        "wrong code",
		"status read":                       "status read",
		"secondsLeft 0":                     "the code's time ran out",
		"restored":                          "restored from the journal",
		"resend failed":                     "a new code could not be sent",
		"refund unconfirmed":                "refund not confirmed by OCTO yet",
		"refund confirmed by status":        "refund confirmed by OCTO's status",
		"code submitted after the deadline": "code typed after its time ran out",
		"code not checked":                  "code not checked",
	}
)

// noteText is a transition's note in the cashier's language.
func noteText(lang Lang, note, currency string) string {
	if w, ok := fixedTransitions[note]; ok {
		return lang.T(w)
	}
	money := func(s string) string { return lang.Money(decimal.RequireFromString(s), currency) }
	if m := captureNote().FindStringSubmatch(note); m != nil {
		return lang.Tf("capture of %s", money(m[1]))
	}
	if m := refundNote().FindStringSubmatch(note); m != nil {
		if m[3] != "" {
			return lang.Tf("refund of %s sent again, reference %s", money(m[1]), m[2])
		}
		return lang.Tf("refund of %s, reference %s", money(m[1]), m[2])
	}
	if m := refundDoneNote().FindStringSubmatch(note); m != nil {
		return lang.Tf("refund done, OCTO's reference %s", m[1])
	}
	return note
}

// signatureText says whether a notification's signature checked out.
func signatureText(lang Lang, sig string) string {
	switch sig {
	case "ok":
		return lang.T("signature valid")
	case "bad":
		return lang.T("signature BAD")
	case "unchecked":
		return lang.T("signature not checked")
	}
	return sig
}
