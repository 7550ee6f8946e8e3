package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// atSummary is the console with a card entered for order o: on the
// summary, nothing sent.
func atSummary(t *testing.T, l Lang, o order, w, h int) *driver {
	t.Helper()
	d := inLanguage(t, l, w, h)
	d.send(orderReadyMsg{o})
	d.send(cardReadyMsg{enteredCard{card: octo.Card{PAN: "8600000000000015", Exp: "3012", HolderName: "ALI VALIYEV"}, scheme: SchemeUzcard}})
	if d.app.confirm == nil || d.app.hasPay {
		t.Fatalf("not on the summary:\n%s", d.screen())
	}
	return d
}

func TestSummaryEscGoesBackToTheCardAsTyped(t *testing.T) {
	d := atSummary(t, LangEN, order{Amount: decimal.RequireFromString("150000"), Description: "5 chairs", TwoStage: true}, 100, 30)
	if scr := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(scr, "Hold 150 000 UZS on Uzcard 8600 00** **** 0015") {
		t.Errorf("the summary of a two-stage payment:\n%s", d.screen())
	}
	d.key(tea.KeyEscape)
	if d.app.screen != screenCard || d.app.confirm != nil || d.app.pending != nil {
		t.Fatalf("esc on the summary: screen %v, confirm %v", d.app.screen, d.app.confirm != nil)
	}
	if f := d.app.card.fields; f.pan != "8600 0000 0000 0015" || f.exp != "12/30" || f.holder != "ALI VALIYEV" {
		t.Errorf("the card form after changing: %+v", *f)
	}
}

// TestLargeAmountConfirmedInWords: at or above large_amount the summary's
// enter asks again with the amount spelled out; n goes back, nothing sent.
func TestLargeAmountConfirmedInWords(t *testing.T) {
	for _, tt := range []struct {
		lang  Lang
		words string
	}{
		{LangEN, "fifteen million UZS"},
		{LangRU, "пятнадцать миллионов сумов"},
		{LangUZ, "o'n besh million so'm"},
	} {
		d := atSummary(t, tt.lang, order{Amount: decimal.RequireFromString("15000000"), Description: "Sofa"}, 100, 30)
		d.key(tea.KeyEnter)
		if d.app.hasPay || !strings.Contains(d.screen(), tt.words) {
			t.Fatalf("%s: no second confirmation in words:\n%s", tt.lang, d.screen())
		}
		d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
		if d.app.hasPay || d.app.screen != screenCard {
			t.Errorf("%s: n on the large amount sent it or did not go back to the card", tt.lang)
		}
	}
	// Under the limit: enter sends at once.
	d := atSummary(t, LangEN, order{Amount: decimal.RequireFromString("9999999.99"), Description: "Sofa"}, 100, 30)
	d.key(tea.KeyEnter)
	if !d.app.hasPay {
		t.Errorf("9 999 999.99 asked a second time:\n%s", d.screen())
	}
}

// TestHiddenScreenTakesNoKeys: at 70×22 the notice hides a hold; f and y
// (capture all, yes) must not capture it, and the notice says keys wait.
func TestHiddenScreenTakesNoKeys(t *testing.T) {
	d := onScreen(t, basePayment(flows.Hold, flows.Held), 100, 30)
	d.send(tea.WindowSizeMsg{Width: 70, Height: 22})
	if !strings.Contains(d.screen(), "Keys are paused") {
		t.Errorf("the notice does not say keys are paused:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'f', Text: "f"}, tea.KeyPressMsg{Code: 'y', Text: "y"}, tea.PasteMsg{Content: "90000"})
	if d.app.confirm != nil || d.app.pay.State != flows.Held || d.app.payOut != 0 {
		t.Fatalf("keys acted behind the notice: confirm %v, state %s", d.app.confirm != nil, d.app.pay.State)
	}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.send(tea.KeyPressMsg{Code: 'f', Text: "f"})
	if d.app.confirm == nil {
		t.Error("f does nothing once the window is large enough again")
	}
}

func TestSummaryGolden(t *testing.T) {
	for _, l := range []Lang{LangEN, LangRU, LangUZ} {
		for _, sz := range sizes {
			d := atSummary(t, l, order{Amount: decimal.RequireFromString("150000"), Description: "5 chairs"}, sz.w, sz.h)
			golden(t, sizeName("summary-"+string(l), sz.w, sz.h), d.screen())
		}
	}
}

// TestShiftsFirstAskForAShift: with [console] shifts the first sale asks
// for a shift by name, typed at machine speed, and goes on to the sale.
func TestShiftsFirstAskForAShift(t *testing.T) {
	d, _, _ := onSandbox(t, 100, 30)
	d.app.opts.Shifts = true
	d.until("the shift read", func(a App) bool { return a.shiftNow.No != 0 })
	d.burst("n")
	if d.app.screen != screenShift || d.app.shift.mode != shiftOpening || !strings.Contains(d.screen(), "Open a shift before the first sale") {
		t.Fatalf("n with no shift opened:\n%s", d.screen())
	}
	for d.app.shift.open.inputs[0].Value() != "" {
		d.key(tea.KeyBackspace)
	}
	d.burst("Aziza\r4829\r4829\r")
	d.until("how the customer pays", func(a App) bool { return a.screen == screenPayBy })
	if d.app.shiftNow.Operator != "Aziza" || !d.app.shiftNow.CheckPIN("4829") {
		t.Errorf("the shift opened as %q, PIN 4829 %v", d.app.shiftNow.Operator, d.app.shiftNow.CheckPIN("4829"))
	}
	d.burst("150000\rTea\r")
	if d.app.newPay.fields.amount != "150 000" || d.app.newPay.fields.description != "Tea" {
		t.Errorf("the order after the shift: %+v", *d.app.newPay.fields)
	}
}

// TestLargeRefundSaidInWords: a refund at or above large_amount is asked
// with the amount spelled out, as a charge is.
func TestLargeRefundSaidInWords(t *testing.T) {
	p := basePayment(flows.Sale, flows.Succeeded)
	p.Amount = decimal.RequireFromString("15000000")
	p.Captured = p.Amount
	d := onScreen(t, p, 100, 30)
	d.send(tea.KeyPressMsg{Code: 'r', Text: "r"}) // offers OCTO's largest refund, 10 000 000
	d.key(tea.KeyEnter)
	if d.app.confirm == nil || !strings.Contains(d.screen(), "In words: ten million UZS.") {
		t.Fatalf("a 10 000 000 refund is not said in words:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
	d.send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	d.typeText("20000")
	d.key(tea.KeyEnter)
	if d.app.confirm == nil || strings.Contains(d.screen(), "In words") {
		t.Errorf("a small refund is said in words, or not asked:\n%s", d.screen())
	}
}
