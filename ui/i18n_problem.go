package ui

import (
	"strconv"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// Problem words a payment's or a binding's problem in l, from its code:
// the code's English format is the catalog's key, and its arguments are
// worded in turn — a problem inside it by its own code, a value as it came
// (OCTO's message, an error, a status). A problem whose code this console
// does not know (a journal from a newer one) or that has none (a journal
// from before problems had codes) shows the English it was stored with.
func (l Lang) Problem(p flows.Problem) string {
	format := p.Code.Format()
	if format == "" {
		return l.problemWords(p.Text)
	}
	if p.Code == flows.ProblemAttemptsLeft {
		n, _ := strconv.Atoi(p.Arg(0).Text)
		return l.attemptsLeft(n)
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		args[i] = l.Problem(a)
	}
	return l.Tf(format, args...)
}

// Problem on styles, for Views.
func (s styles) Problem(p flows.Problem) string { return s.lang.Problem(p) }

// problemWords is a value inside a problem: OCTO's own words said as the
// console says them when it knows them ("Declined: insufficient funds" →
// what to do next), a text the catalog has (an old journal's fixed
// sentence), else as it came.
func (l Lang) problemWords(s string) string {
	if l == LangEN || l == "" || s == "" {
		return s
	}
	if i18n.Has(s) {
		return l.T(s)
	}
	if t, ok := octoRefusal("", 0, s, l); ok {
		return t
	}
	return s
}

// attemptsLeft says how many code attempts are left, in each language's
// plural form (1 попытка, 2 попытки, 5 попыток): the catalogue's plural
// entry for flows' English format.
func (l Lang) attemptsLeft(n int) string {
	return l.Tf(flows.ProblemAttemptsLeft.Format(), n)
}
