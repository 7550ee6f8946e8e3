package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// openNewPayment drives from home to the new-payment form.
func openNewPayment(t *testing.T, w, h int) *driver {
	t.Helper()
	d := newDriver(t, New(testOptions()), w, h)
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"}) // new payment, card typed here
	d.until("the new-payment form", func(a App) bool { return a.screen == screenNewPayment })
	return d
}

func TestNewPaymentGroupsAmountWhileTyping(t *testing.T) {
	d := openNewPayment(t, 80, 24)
	d.typeText("150000")
	d.until("the grouped amount", func(a App) bool { return a.newPay.fields.amount == "150 000" })
	if !strings.Contains(d.screen(), "= 150 000 UZS") {
		t.Errorf("no live preview of the amount:\n%s", d.screen())
	}
	// The cursor stays at the end after re-grouping: more digits append.
	d.typeText("0")
	d.until("1 500 000", func(a App) bool { return a.newPay.fields.amount == "1 500 000" })
}

func TestNewPaymentRejectsBadAmounts(t *testing.T) {
	for _, tt := range []struct{ typed, want string }{
		{"0", "more than 0"},
		{"12.345", "at most 2 decimals"},
		{"12a", "use digits"},
	} {
		d := openNewPayment(t, 80, 24)
		d.typeText(tt.typed)
		d.key(tea.KeyEnter)
		d.until("the amount's problem shown", func(a App) bool { return strings.Contains(plain(a.View().Content), tt.want) })
		if d.app.screen != screenNewPayment {
			t.Errorf("%q: left the form with a bad amount", tt.typed)
		}
	}
}

// fillOrder types a two-stage order of 150 000 and submits it.
func fillOrder(d *driver, twoStage bool) {
	d.typeText("150000")
	d.key(tea.KeyEnter)
	d.typeText("Coffee machine")
	d.key(tea.KeyEnter)
	if twoStage {
		d.key(tea.KeyDown)
	}
	d.key(tea.KeyEnter)
	d.key(tea.KeyEnter) // no phone
	d.key(tea.KeyEnter) // no e-mail
}

func TestNewPaymentToCardAndBackKeepsTheOrder(t *testing.T) {
	d := openNewPayment(t, 80, 24)
	fillOrder(d, true)
	d.until("the card form", func(a App) bool { return a.screen == screenCard })
	if !d.app.newPay.fields.twoStage || d.app.newPay.fields.description != "Coffee machine" {
		t.Fatalf("order fields = %+v", *d.app.newPay.fields)
	}
	d.key(tea.KeyEscape)
	d.until("back on the order", func(a App) bool { return a.screen == screenNewPayment })
	if got := d.app.newPay.fields.amount; got != "150 000" {
		t.Errorf("amount after going back = %q, want what was typed", got)
	}
	// Back on the amount, the first digit typed replaces it (as the
	// refund field does): 120000 over 150 000 is 120 000.
	d.typeText("120000")
	if got := d.app.newPay.fields.amount; got != "120 000" {
		t.Errorf("typing 120000 over the amount kept = %q, want 120 000", got)
	}
	// Esc on a filled order asks first; n keeps it, y leaves.
	d.key(tea.KeyEscape)
	if d.app.confirm == nil || d.app.screen != screenNewPayment {
		t.Fatalf("esc on a filled order did not ask:\n%s", d.screen())
	}
	d.send(keyText("n"))
	if d.app.screen != screenNewPayment || d.app.newPay.fields.description != "Coffee machine" {
		t.Fatal("n lost the order")
	}
	d.key(tea.KeyEscape)
	d.until("the question before leaving", func(a App) bool { return a.confirm != nil })
	d.send(keyText("y"))
	d.until("home", func(a App) bool { return a.screen == screenHome })
}

func TestNewPaymentGolden(t *testing.T) {
	for _, sz := range sizes {
		d := openNewPayment(t, sz.w, sz.h)
		d.typeText("150000")
		d.until("the grouped amount", func(a App) bool { return a.newPay.fields.amount == "150 000" })
		golden(t, sizeName("newpayment", sz.w, sz.h), d.screen())
	}
}

func openCard(t *testing.T, w, h int) *driver {
	t.Helper()
	d := openNewPayment(t, w, h)
	fillOrder(d, true)
	d.until("the card form", func(a App) bool { return a.screen == screenCard })
	return d
}

func TestCardEntryGroupsAndChecks(t *testing.T) {
	d := openCard(t, 80, 24)
	d.typeText("8600000000000016")
	d.until("grouped", func(a App) bool { return a.card.fields.pan == "8600 0000 0000 0016" })
	d.key(tea.KeyEnter)
	d.until("the Luhn problem", func(a App) bool { return strings.Contains(plain(a.View().Content), "check digit") })
	d.key(tea.KeyBackspace)
	d.typeText("5")
	d.until("Uzcard recognised", func(a App) bool { return strings.Contains(plain(a.View().Content), "Uzcard ✓") })
	d.key(tea.KeyEnter)
	d.typeText("1230")
	d.until("expiry grouped", func(a App) bool { return a.card.fields.exp == "12/30" })
}

func TestCardGolden(t *testing.T) {
	for _, sz := range sizes {
		d := openCard(t, sz.w, sz.h)
		d.typeText("8600000000000015")
		d.until("grouped", func(a App) bool { return a.card.fields.pan == "8600 0000 0000 0015" })
		golden(t, sizeName("card", sz.w, sz.h), d.screen())
	}
}
