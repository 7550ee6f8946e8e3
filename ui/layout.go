package ui

import (
	"unicode"

	tea "charm.land/bubbletea/v2"
)

// A cashier who just typed a Russian description is still in the Russian
// layout (ЙЦУКЕН): the key marked N types "т". Shortcuts answer to the key,
// not the letter: by the key's base code where the terminal reports it
// (the kitty keyboard protocol), by the layout's letters otherwise. Keys
// typed into a text field stay the letters they are, unless held with
// ctrl or alt (ctrl+с is still ctrl+c).

// ruLayout maps the Russian layout's letters to the Latin ones on the same
// keys of a US keyboard.
var ruLayout = func() map[rune]rune {
	m := map[rune]rune{}
	ru := []rune("йцукенгшщзхъфывапролджэячсмитьбюё")
	en := []rune("qwertyuiop[]asdfghjkl;'zxcvbnm,.`")
	for i, r := range ru {
		m[r] = en[i]
		if u := unicode.ToUpper(r); u != r && unicode.IsLetter(en[i]) {
			m[u] = unicode.ToUpper(en[i])
		}
	}
	return m
}()

// latinKey is k as the key it was pressed on, when it typed a letter of
// another layout; other keys are returned as they are.
func latinKey(k tea.KeyPressMsg) tea.KeyPressMsg {
	if k.Code < 0x80 {
		return k
	}
	latin := rune(0)
	switch {
	case k.BaseCode > 0 && k.BaseCode < 0x80:
		latin = k.BaseCode
		if k.Mod&tea.ModShift != 0 {
			latin = unicode.ToUpper(latin)
		}
	default:
		latin = ruLayout[k.Code]
	}
	if latin == 0 {
		return k
	}
	k.Code, k.BaseCode = unicode.ToLower(latin), 0
	if k.Text != "" {
		k.Text = string(latin)
	}
	if unicode.IsUpper(latin) {
		k.ShiftedCode = latin
	}
	return k
}

// takesText reports whether the focused element is a field that keeps
// the letters typed (the order, the card, a search, a name): there only
// keys held with ctrl or alt are read by their place on the keyboard.
func (a App) takesText() bool {
	if a.confirm != nil {
		return false
	}
	switch a.screen {
	case screenNewPayment, screenCard, screenSaved, screenTool:
		return true
	case screenShift:
		return a.shift.mode == shiftOpening || a.shift.mode == shiftExport
	}
	return false
}

// keyOnItsPlace applies latinKey where shortcuts, not text, are typed.
func (a App) keyOnItsPlace(k tea.KeyPressMsg) tea.KeyPressMsg {
	if k.Mod&(tea.ModCtrl|tea.ModAlt) != 0 || !a.takesText() {
		return latinKey(k)
	}
	return k
}
