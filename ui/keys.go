package ui

import (
	"charm.land/bubbles/v2/key"
)

// globalKeys work on every screen; the root model owns them.
type globalKeys struct {
	Quit key.Binding
	Help key.Binding
	SMS  key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help: key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "keys")),
		SMS:  key.NewBinding(key.WithKeys("f2"), key.WithHelp("f2", "SMS")),
	}
}
