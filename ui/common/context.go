package common

import (
	"time"

	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// Context is what a screen is updated and drawn in, handed down by the
// root on every call instead of the console's whole Options (after
// soft-serve's common.Common): the language and the styles, the room the
// screen has, and the console's clock.
type Context struct {
	// Styles are the console's styles in its language (Styles.Lang).
	Styles Styles
	// Width and Height are the cells the screen may fill: the root's
	// header, status line and footer are already taken off.
	Width, Height int
	// Now is the console's clock (the sandbox's virtual one on the
	// sandbox).
	Now func() time.Time
}

// Lang is the language the screens speak.
func (c Context) Lang() i18n.Lang { return c.Styles.Lang }

// T and Tf word a text in the console's language.
func (c Context) T(en string) string                   { return c.Styles.T(en) }
func (c Context) Tf(format string, args ...any) string { return c.Styles.Tf(format, args...) }
