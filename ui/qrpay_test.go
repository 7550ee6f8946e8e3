package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// phoneOrder drives from home to the QR screen: new payment, the
// customer's phone, the order.
func phoneOrder(t *testing.T, d *driver, twoStage bool) {
	t.Helper()
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
	d.until("how the customer pays", func(a App) bool { return a.screen == screenPayBy })
	d.send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	d.until("the new-payment form", func(a App) bool { return a.screen == screenNewPayment })
	fillOrder(d, twoStage)
	d.until("the QR screen", func(a App) bool { return a.screen == screenQR && a.pay.PayURL != "" })
}

// TestPhonePaymentOnSandbox: the customer pays on OCTO's page (the
// sandbox's customer, as a phone would); the QR screen turns into the
// result, or the hold screen for a two-stage payment. No card is typed
// at the till and pay is never sent.
func TestPhonePaymentOnSandbox(t *testing.T) {
	for _, tc := range []struct {
		twoStage bool
		pan, cvc string
		want     screenID
		state    flows.State
	}{
		{false, "8600000000000015", "", screenResult, flows.Succeeded},
		{true, "4111111111111111", "123", screenHold, flows.Held},
		{false, "8600000000000023", "", screenResult, flows.Declined},
	} {
		d, sb, _ := onSandbox(t, 80, 24)
		d.app.opts.TTLMinutes = 15
		phoneOrder(t, d, tc.twoStage)
		scr := d.screen()
		uuid := d.app.pay.PaymentUUID
		for _, want := range []string{"Customer's phone", "150 000 UZS", "Waiting for the customer…", "http://sandbox.test/pay/",
			uuid[len(uuid)-12:], "Expires in 1", "█"} {
			if !strings.Contains(scr, want) {
				t.Errorf("the QR screen lacks %q:\n%s", want, scr)
			}
		}
		if _, err := sb.PayAsCustomer(d.app.pay.PaymentUUID, sandbox.CustomerCard{PAN: tc.pan, Exp: "1230", CVC: tc.cvc}); err != nil && tc.state != flows.Declined {
			t.Fatal(err)
		}
		d.until("the outcome", func(a App) bool { return a.screen == tc.want && a.pay.State == tc.state })
		if tc.state == flows.Declined && !strings.Contains(d.screen(), "Declined on OCTO's page") {
			t.Errorf("the decline is not said:\n%s", d.screen())
		}
		for _, e := range sb.Events() {
			if e.Kind == sandbox.EventRequest && e.Method == "pay" {
				t.Errorf("pay was sent for a payment on the customer's phone")
			}
		}
		if !d.app.pay.Hosted {
			t.Error("the payment is not marked as paid on the customer's phone")
		}
	}
}

// TestPhoneTryAgainIsANewQR: after a decline on the customer's phone, try
// again is a new QR code for the same order, never the card form (the
// console may take no card data at all).
func TestPhoneTryAgainIsANewQR(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	d.app.opts.NoCardEntry = true
	phoneOrder(t, d, false)
	first := d.app.pay.ShopTransactionID
	_, _ = sb.PayAsCustomer(d.app.pay.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000023", Exp: "1230"})
	d.until("declined", func(a App) bool { return a.pay.State == flows.Declined })
	d.send(tea.KeyPressMsg{Code: 't', Text: "t"})
	d.until("a new QR code", func(a App) bool {
		return a.screen == screenQR && a.pay.ShopTransactionID != first && a.pay.PayURL != ""
	})
	if d.app.order.Description != "Coffee machine" || d.app.pay.Amount.String() != "150000" {
		t.Errorf("the order after try again: %+v, amount %s", d.app.order, d.app.pay.Amount)
	}
}

// TestPhonePaymentLeftForLater: esc asks, then leaves the payment waiting
// on OCTO's page, journaled; the console goes home.
func TestPhonePaymentLeftForLater(t *testing.T) {
	d, _, _ := onSandbox(t, 80, 24)
	phoneOrder(t, d, false)
	id := d.app.pay.ShopTransactionID
	d.key(tea.KeyEscape)
	d.until("the question", func(a App) bool { return a.confirm != nil })
	if !strings.Contains(d.screen(), "Leave this payment for later?") {
		t.Fatalf("no question:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("home", func(a App) bool { return a.screen == screenHome && !a.hasPay })
	if !d.app.left[id] {
		t.Error("the payment is not among those left for later")
	}
	// Written beside the screen, read by the console after it.
	recs, err := d.app.opts.Journal.History(context.Background(), flows.Filter{ShopTransactionID: id})
	if err != nil || len(recs) != 1 || recs[0].State != flows.AwaitingPage || !recs[0].Hosted {
		t.Fatalf("journal: %+v, %v", recs, err)
	}
}

// TestPhonePaymentExpires: nobody pays; at the ttl OCTO cancels it and
// the result says expired, nothing charged.
func TestPhonePaymentExpires(t *testing.T) {
	d, sb, clk := onSandbox(t, 80, 24)
	phoneOrder(t, d, false)
	sb.Advance(16 * time.Minute)
	clk.Advance(16 * time.Minute)
	d.until("the result", func(a App) bool { return a.screen == screenResult })
	if !strings.Contains(d.screen(), "Expired — nothing was charged") {
		t.Errorf("the expiry is not said:\n%s", d.screen())
	}
}

// TestScenarioPaysOnThePhone: on the QR screen, the scenario tool (f4)
// has the customer pay with a test card, so a demo needs no phone.
func TestScenarioPaysOnThePhone(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	d.app.opts.Sandbox = &fakeSandbox{now: fixedNow}
	d.app.opts.CustomerPays = func(uuid, pan string) (string, error) {
		st, err := sb.PayAsCustomer(uuid, sandbox.CustomerCard{PAN: pan, Exp: "1230", CVC: "123"})
		return string(st), err
	}
	phoneOrder(t, d, false)
	d.send(tea.KeyPressMsg{Code: tea.KeyF4})
	d.until("the scenario tool", func(a App) bool { return a.qa != nil })
	if !strings.Contains(d.screen(), "enter has the customer pay on their phone") {
		t.Fatalf("the scenario does not offer the phone:\n%s", d.screen())
	}
	d.key(tea.KeyEnter) // the first card: Uzcard, approved
	d.until("the customer paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	d.send(tea.KeyPressMsg{Code: tea.KeyF4})
	d.until("the result", func(a App) bool { return a.qa == nil && a.screen == screenResult })
}

// TestNoCardEntryHidesTheCard: without card entry the card typed here is
// offered nowhere: not as a way to pay, not by typing the amount at once,
// not to save a card, and a card form's message is refused.
func TestNoCardEntryHidesTheCard(t *testing.T) {
	opts := testOptions()
	opts.NoCardEntry = true
	d := newDriver(t, New(opts), 80, 24)
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
	d.until("how the customer pays", func(a App) bool { return a.screen == screenPayBy })
	if strings.Contains(d.screen(), "Card typed here") || strings.Contains(d.screen(), "[c]") {
		t.Errorf("the card typed here is offered:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'c', Text: "c"})
	if d.app.screen != screenPayBy {
		t.Errorf("c went to %v", d.app.screen)
	}
	d.send(tea.KeyPressMsg{Code: '5', Text: "5"})
	d.until("the order", func(a App) bool { return a.screen == screenNewPayment })
	if d.app.via != viaPhone || d.app.newPay.fields.amount != "5" {
		t.Errorf("the amount typed at once: via %v, amount %q", d.app.via, d.app.newPay.fields.amount)
	}
	d.send(bindCardMsg{customer: "998901234567"})
	if d.app.screen == screenCard || !strings.Contains(d.app.errText, "card_entry = false") {
		t.Errorf("a card form opened: screen %v, %q", d.app.screen, d.app.errText)
	}
	s := newSavedScreen(d.app.st)
	s.noBind, s.customer, s.loaded = true, "998901234567", true
	if s = s.sync(); s.keys.Bind.Enabled() {
		t.Error("saving a new card is offered")
	}
}

// TestPayLinkFitsAnEightyColumnTerminal: the sandbox's link, on loopback
// or on the shop's network, and OCTO's own make a code of at most 33
// modules: 19 lines of half blocks with its quiet zone.
func TestPayLinkFitsAnEightyColumnTerminal(t *testing.T) {
	for _, link := range []string{
		"http://127.0.0.1:41234/pay/7c9e6679-7425-40de-944b-e07fc1f90ae7?language=ru",
		"http://192.168.100.123:41234/pay/7c9e6679-7425-40de-944b-e07fc1f90ae7?language=uz",
		"https://pay2.octo.uz/pay/7c9e6679-7425-40de-944b-e07fc1f90ae7?language=uz",
	} {
		c, err := payLinkQR(link)
		if err != nil || c.Size > 33 {
			t.Errorf("%s: %v modules, %v", link, c, err)
			continue
		}
		art := drawQR(c, 2, 1)
		if lineCount(art) > 19 || maxLineWidth(art) > 37 {
			t.Errorf("%s: %d×%d", link, maxLineWidth(art), lineCount(art))
		}
		if big := drawQR(c, 1, 2); lineCount(big) != c.Size+2 || maxLineWidth(big) != 2*(c.Size+2) {
			t.Errorf("%s: the large code is %d×%d", link, maxLineWidth(big), lineCount(big))
		}
	}
}

// phonePayment is a payment waiting on OCTO's page, for goldens.
func phonePayment() flows.Payment {
	p := basePayment(flows.Sale, flows.AwaitingPage)
	p.Hosted, p.Card, p.Method, p.PaymentID = true, "", "", 0
	p.PayURL = "http://127.0.0.1:41234/pay/7c9e6679-7425-40de-944b-e07fc1f90ae7?language=ru"
	p.PayExpires = fixedNow.Add(14*time.Minute + 32*time.Second)
	return p
}

// TestNoCardEntryGolden: how the customer pays and the QR screen on a
// console without card entry, in every language, at 80×24 and 120×40.
func TestNoCardEntryGolden(t *testing.T) {
	for _, l := range []Lang{LangEN, LangRU, LangUZ} {
		for _, sz := range sizes {
			opts := testOptions()
			opts.Language, opts.NoCardEntry = l, true
			d := newDriver(t, New(opts), sz.w, sz.h)
			d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
			d.until("how the customer pays", func(a App) bool { return a.screen == screenPayBy })
			golden(t, sizeName("payby-nocard-"+string(l), sz.w, sz.h), d.screen())

			d = newDriver(t, New(opts), sz.w, sz.h)
			d.app.pay, d.app.hasPay = phonePayment(), true
			d.app.resetFlowScreens()
			follow(d)
			golden(t, sizeName("qrpay-"+string(l), sz.w, sz.h), d.screen())
		}
	}
}

// TestQRBesideTheOutbox: with the SMS outbox shown (f2) beside it, the
// QR screen still draws the code; without the outbox it is larger.
func TestQRBesideTheOutbox(t *testing.T) {
	d := newDriver(t, New(testOptions()), 120, 40)
	d.app.pay, d.app.hasPay = phonePayment(), true
	d.app.resetFlowScreens()
	follow(d)
	if d.app.smsVisible() || !strings.Contains(d.screen(), "██  ██") {
		t.Fatalf("at 120×40 the code is not drawn large, or the outbox takes its room:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyF2})
	scr := d.screen()
	if !d.app.smsVisible() || !strings.Contains(scr, "▄▄▄▄▄") || !strings.Contains(scr, "SMS") {
		t.Errorf("beside the outbox the code is gone:\n%s", scr)
	}
}
