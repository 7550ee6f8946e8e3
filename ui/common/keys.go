package common

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"

	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// FormKeys is what a huh form on screen answers to; shown in the footer.
type FormKeys struct {
	Next, Prev, Submit, Back key.Binding
}

func NewFormKeys() FormKeys {
	return FormKeys{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

func (k FormKeys) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Prev, k.Back} }
func (k FormKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Submit, k.Next, k.Prev, k.Back}}
}

// HuhKeyMap is huh's default key map with Esc leaving the form (the root
// keeps ctrl+c for quitting, so the form never sees it).
func HuhKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	return km
}

// InLang shows a key map's help in the console's language: every footer
// goes through it (the root's activeKeys), so the screens build their
// bindings with the English words and the cashier reads them translated.
// The keys themselves ("enter", "ctrl+s") are the keyboard's names and stay.
type InLang struct {
	Keys help.KeyMap
	Lang i18n.Lang
}

func (k InLang) ShortHelp() []key.Binding { return Bindings(k.Lang, k.Keys.ShortHelp()) }

func (k InLang) FullHelp() [][]key.Binding {
	groups := k.Keys.FullHelp()
	out := make([][]key.Binding, len(groups))
	for i, g := range groups {
		out[i] = Bindings(k.Lang, g)
	}
	return out
}

// Bindings are copies of bs with their help text in l; a copy shares the
// keys and the enabled state, and only its help differs.
func Bindings(l i18n.Lang, bs []key.Binding) []key.Binding {
	if l == i18n.EN || l == "" {
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
