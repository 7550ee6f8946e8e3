package ui

import (
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// styles are the shared styles (ui/common) with the console's language:
// the styles themselves are made once, in common.NewStyles, and every
// area uses them under the same names.
//
// styles is a pointer: the set is about 39 kB, made once and never changed,
// and every View and every T call takes it — by value each call copied it
// onto the stack, and the copies grew the event loop's stack again after
// each collection shrank it (a third of the CPU a key cost, in a profile).
type styles = *styleSet

type styleSet struct {
	common.Styles
	lang Lang // see T in i18n.go
}

func newStyles() styles {
	return &styleSet{Styles: common.NewStyles()}
}

// shared are the same styles as common.Styles, in the console's
// language, for the areas in packages of their own.
func (s styles) shared() common.Styles {
	c := s.Styles
	c.Lang = i18n.Lang(s.lang)
	return c
}
