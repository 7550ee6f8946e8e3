package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

func ru(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// TestShortcutsInTheRussianLayout: т is n at home, р is f on a hold and н
// answers yes; in a text field т stays т.
func TestShortcutsInTheRussianLayout(t *testing.T) {
	d := newDriver(t, New(testOptions()), 100, 30)
	d.send(ru('т'), ru('с')) // n: New payment; c: the card typed here
	if d.app.screen != screenNewPayment {
		t.Fatalf("т, с at home did not open New payment with the card typed here:\n%s", d.screen())
	}
	d.send(ru('1'), ru('0'), tea.KeyPressMsg{Code: tea.KeyEnter}, ru('т'), ru('о'), ru('р'), ru('т'))
	if got := d.app.newPay.fields.description; got != "торт" {
		t.Errorf("the description typed in Russian = %q, want торт", got)
	}

	d = onScreen(t, basePayment(flows.Hold, flows.Held), 100, 30)
	d.send(ru('а')) // the key marked F: capture all
	if d.app.confirm == nil {
		t.Fatalf("а on a hold did not ask to capture it:\n%s", d.screen())
	}
	d.send(ru('т')) // n: no
	if d.app.confirm != nil {
		t.Error("т (n) did not answer no")
	}
	// By the base code, as the kitty keyboard protocol reports it.
	d.send(tea.KeyPressMsg{Code: 'а', Text: "а", BaseCode: 'f'})
	if d.app.confirm == nil {
		t.Error("the key with base code f did not ask to capture")
	}
}

func TestLatinKey(t *testing.T) {
	for _, tt := range []struct {
		in   tea.KeyPressMsg
		want string
	}{
		{ru('н'), "y"},
		{ru('Н'), "Y"},
		{ru('ч'), "x"},
		{tea.KeyPressMsg{Code: 'с', Mod: tea.ModCtrl}, "ctrl+c"},
		{tea.KeyPressMsg{Code: 'с', Mod: tea.ModCtrl, BaseCode: 'c'}, "ctrl+c"},
		{ru('5'), "5"},
	} {
		if got := latinKey(tt.in).String(); got != tt.want {
			t.Errorf("%q = %q, want %q", tt.in.String(), got, tt.want)
		}
	}
}
