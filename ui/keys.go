package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"
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

// formKeys is what a huh form on screen answers to; shown in the footer.
type formKeys struct {
	Next, Prev, Submit, Back key.Binding
}

func newFormKeys() formKeys {
	return formKeys{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

func (k formKeys) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Prev, k.Back} }
func (k formKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Submit, k.Next, k.Prev, k.Back}}
}

// huhKeyMap is huh's default key map with Esc leaving the form (the root
// keeps ctrl+c for quitting, so the form never sees it).
func huhKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	return km
}

// inLang shows a key map's help in the console's language: every footer
// goes through it (the root's activeKeys), so the screens build their
// bindings with the English words and the cashier reads them translated.
// The keys themselves ("enter", "ctrl+s") are the keyboard's names and stay.
type inLang struct {
	keys help.KeyMap
	lang Lang
}

func (k inLang) ShortHelp() []key.Binding { return k.lang.bindings(k.keys.ShortHelp()) }

func (k inLang) FullHelp() [][]key.Binding {
	groups := k.keys.FullHelp()
	out := make([][]key.Binding, len(groups))
	for i, g := range groups {
		out[i] = k.lang.bindings(g)
	}
	return out
}

// bindings are copies of bs with their help text translated; a copy shares
// the keys and the enabled state, and only its help differs.
func (l Lang) bindings(bs []key.Binding) []key.Binding {
	if l == LangEN || l == "" {
		return bs
	}
	out := make([]key.Binding, len(bs))
	for i, b := range bs {
		h := b.Help()
		b.SetHelp(h.Key, l.T(h.Desc))
		out[i] = b
	}
	return out
}
