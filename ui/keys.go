package ui

import (
	"charm.land/bubbles/v2/key"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// globalKeys work on every screen; the root model owns them.
type globalKeys struct {
	Quit key.Binding
	Help key.Binding
	SMS  key.Binding
	// form is the footer's keys on the order and card forms (made once,
	// not at every frame's footer).
	form common.FormKeys
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help: key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "keys")),
		SMS:  key.NewBinding(key.WithKeys("f2"), key.WithHelp("f2", "SMS")),
		form: common.NewFormKeys(),
	}
}
