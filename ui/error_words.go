package ui

import (
	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// errorWords is an error from elsewhere as the cashier reads it in l. The
// errors the console knows are worded: its own (problem), one that carries
// a flows problem (the store journal's refusal of a payment another
// counter holds), and a whole sentence the catalogue has (a validator's, a
// flows sentinel's). Any other — a database driver's, the system's — shows
// its text as it came: nobody here knows its words, and a guess at them
// could mislead the cashier.
func (l Lang) errorWords(err error) string {
	switch e := err.(type) {
	case nil:
		return ""
	case errorString:
		return l.T(string(e))
	case interface{ Problem() flows.Problem }:
		return l.Problem(e.Problem())
	}
	if s := err.Error(); i18n.Has(s) {
		return l.T(s)
	}
	return err.Error()
}
