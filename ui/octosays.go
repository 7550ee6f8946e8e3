package ui

import (
	"strings"

	"github.com/octo-cashier/octo-cashier/octo"
)

// An OCTO refusal as the cashier reads it: what happened and what to do,
// in the console's language, instead of the gateway's errMessage (English
// or Russian, whatever OCTO wrote). OCTO documents few codes (REFERENCE
// §6.2) and the same number means other things in other methods, so a
// documented code decides where there is one, and OCTO's message where
// there is not (the sandbox words its refusals as OCTO's integrators
// report them). OCTO's own code and text stay in the exchange, for the
// inspector and the log.
//
// Each sentence is a catalog key (ui/i18n/octo_says.go).
type octoSaying struct {
	codes   []int    // OCTO's codes that mean it (any method, unless methods is set)
	methods []string // the code means it only in these methods
	words   []string // or OCTO's message says it (lower case, any of them)
	text    string
}

// octoSayings are tried in order: the first that fits speaks.
var octoSayings = []octoSaying{
	{codes: []int{octo.CodeAuth}, text: "OCTO refused the shop's credentials — check the shop ID and secret"},
	{codes: []int{octo.CodeTooOften}, words: []string{"too often"},
		text: "OCTO asks to slow down — try again in a second"},
	{codes: []int{octo.CodeResendLimit}, words: []string{"resend attempts"},
		text: "OCTO will not send more codes — start a new payment"},
	{codes: []int{-270}, words: []string{"wrong confirmation code", "wrong code", "invalid code", "неверный код"},
		text: "Wrong SMS code — ask the customer to read it again"},
	{codes: []int{octo.CodeTokenNotFound}, text: "OCTO does not know the saved card — save the card again"},
	{codes: []int{octo.CodeTokenNotActive}, text: "The saved card is not active — save the card again"},
	{codes: []int{12}, words: []string{"code expired", "otp expired", "code has expired"},
		methods: []string{"check_sms_key", "verificationInfo", "bind_card/check_sms_key"},
		text:    "The SMS code expired — send a new one"},
	{words: []string{"payment expired", "ttl has passed"}, text: "The payment expired — start a new payment"},
	{words: []string{"insufficient funds", "not enough funds", "недостаточно средств"},
		text: "Not enough money on the card — ask for another card"},
	{words: []string{"card is blocked", "card blocked", "карта заблокирована"}, text: "The card is blocked — ask for another card"},
	{words: []string{"card expired", "expired card", "срок действия карты"}, text: "The card has expired — ask for another card"},
	{words: []string{"limit exceeded", "exceeds the limit", "limit reached", "лимит"},
		text: "The card's limit is reached — ask for another card or a smaller amount"},
	{words: []string{"not supported"}, text: "OCTO does not take this kind of card — ask for another card"},
	{codes: []int{10}, words: []string{"declined", "do not honor", "отклонен", "отклонён"},
		text: "The card's bank declined the payment — ask for another card"},
	{codes: []int{octo.CodeRefundAmount, 22}, methods: []string{"refund"}, words: []string{"amount to refund"},
		text: "OCTO refused the refund amount — refund at most what is left"},
	{codes: []int{14}, methods: []string{"set_accept"}, words: []string{"exceeds the held amount"},
		text: "The capture is more than the hold — capture at most the held amount"},
	{codes: []int{octo.CodeInternal}, text: "OCTO had an internal error — check the payment's status before trying again"},
	{codes: []int{403}, words: []string{"fiscal object"}, text: "OCTO does not know the shop's fiscal data — ask OCTO support to register it"},
	{words: []string{"wrong phone format"}, text: "OCTO refused the phone number — check the customer's phone"},
	// The sandbox's own words, once it has forgotten finished payments
	// ([sandbox] keep_finished): before the not-found below, which fits too.
	// "May have": it cannot tell a payment it forgot from one it never made
	// (a journal kept in a file outlives the sandbox's payments).
	{words: []string{"the sandbox forgets finished payments"},
		text: "The sandbox may have forgotten this payment ([sandbox] keep_finished)"},
	{codes: []int{7}, words: []string{"payment not found"}, text: "OCTO does not know this payment — check it in the history"},
	{codes: []int{8}, words: []string{"already captured", "is in status", "only possible for"},
		text: "The payment's status at OCTO does not allow this — check its status"},
	{codes: []int{octo.CodeFormat}, words: []string{"wrong params"},
		text: "OCTO refused the request's data — its own words are in the inspector"},
}

// fits says whether OCTO's refusal (code and message, answering method)
// is this saying's. A code limited to some methods means it only there;
// words fit in any method.
func (s octoSaying) fits(method string, code int, msg string) bool {
	inMethod := len(s.methods) == 0
	for _, m := range s.methods {
		inMethod = inMethod || m == method
	}
	for _, c := range s.codes {
		if c == code && inMethod {
			return true
		}
	}
	for _, w := range s.words {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

// octoRefusal words OCTO's refusal for the cashier in lang; false when it
// is none the console knows.
func octoRefusal(method string, code int, msg string, lang Lang) (string, bool) {
	m := strings.ToLower(msg)
	for _, s := range octoSayings {
		if s.fits(method, code, m) {
			return lang.T(s.text), true
		}
	}
	return "", false
}

// exchangeTrouble is a failed exchange as the status line says it: a
// refusal the console knows in the cashier's words, else OCTO's own text
// with its code; a call that got no answer by what that means.
func exchangeTrouble(x octo.Exchange, lang Lang) string {
	if x.Code != 0 {
		if t, ok := octoRefusal(x.Method, x.Code, x.Message, lang); ok {
			return t
		}
		msg := strings.TrimSpace(x.Message)
		if msg == "" {
			msg = lang.T("no message")
		}
		return lang.Tf("OCTO error %d: %s", x.Code, msg)
	}
	low := strings.ToLower(x.Err)
	switch {
	case strings.Contains(low, "context canceled"):
		return lang.T("the call was stopped")
	case x.HTTPStatus != 0 && x.MayHaveReached:
		return lang.Tf("OCTO answered HTTP %d — wait while the payment's status is read", x.HTTPStatus)
	case x.HTTPStatus != 0:
		return lang.Tf("OCTO answered HTTP %d — try again in a minute", x.HTTPStatus)
	case x.MayHaveReached:
		return lang.T("OCTO did not answer in time — wait while the payment's status is read")
	case strings.Contains(low, "deadline exceeded") || strings.Contains(low, "timeout"):
		return lang.T("OCTO did not answer in time; nothing was sent — try again")
	}
	return lang.T("Could not reach OCTO — check the internet connection; nothing was sent")
}

// nextStep is the saying whose words are in a refusal the flows wrote
// ("Declined: insufficient funds; nothing was charged"), or "".
func nextStep(problem string) string {
	msg := strings.ToLower(problem)
	for _, s := range octoSayings {
		for _, w := range s.words {
			if strings.Contains(msg, w) {
				return s.text
			}
		}
	}
	return ""
}
