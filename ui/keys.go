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

// qaKeys open the QA tools.
type qaKeys struct{ Inspector, Scenario, Clock, Notifications key.Binding }

func newQAKeys(l Lang) qaKeys {
	return qaKeys{
		Inspector:     key.NewBinding(key.WithKeys("f3"), key.WithHelp("f3", l.T("inspector"))),
		Scenario:      key.NewBinding(key.WithKeys("f4"), key.WithHelp("f4", l.T("scenario"))),
		Clock:         key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", l.T("clock"))),
		Notifications: key.NewBinding(key.WithKeys("f6"), key.WithHelp("f6", l.T("notifications"))),
	}
}
