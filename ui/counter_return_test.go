package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// A Visa payment whose card fails the bank's 3-D Secure (the sandbox's
// 4000000000000002, approved on the page) or that the customer declines
// there says on its result why, not a bare "Declined".
func TestSandbox3DSecureFailureSaysWhy(t *testing.T) {
	for _, c := range []struct {
		name, pan string
		key       rune
	}{{"card fails 3-D Secure", "4000000000000002", 'a'}, {"declined on the page", "4111111111111111", 'd'}} {
		t.Run(c.name, func(t *testing.T) {
			d, _, _ := onSandbox(t, 120, 40)
			pay(d, "250000", false, c.pan, "123")
			d.until("the 3-D Secure screen", func(a App) bool { return a.screen == screen3DS && a.threeDS.url != "" })
			d.send(tea.KeyPressMsg{Code: c.key, Text: string(c.key)})
			d.until("declined", func(a App) bool { return a.pay.State == flows.Declined })
			if !d.app.pay.Problem.Is(flows.ProblemThreeDSFailed) {
				t.Errorf("problem %q, want 3-D Secure's", d.app.pay.Problem.English())
			}
			scr := d.screen()
			for _, want := range []string{"Declined — nothing was charged", "Not confirmed on the bank's 3-D Secure page", "ask for another card"} {
				if !strings.Contains(strings.Join(strings.Fields(scr), " "), want) {
					t.Errorf("no %q on the result:\n%s", want, scr)
				}
			}
		})
	}
}

// The result words 3-D Secure's failure in each language, once (the
// headline says nothing was charged).
func TestResult3DSecureFailureWords(t *testing.T) {
	p := basePayment(flows.Sale, flows.Declined)
	p.Problem = flows.NewProblem(flows.ProblemThreeDSFailed)
	for l, want := range map[Lang]string{
		LangEN: "Not confirmed on the bank's 3-D Secure page — ask for another card or another way to pay",
		LangRU: "Не подтверждён на странице 3-D Secure банка — попросите другую карту или другой способ оплаты",
		LangUZ: "Bankning 3-D Secure sahifasida tasdiqlanmadi — boshqa karta yoki boshqa to'lov usulini so'rang",
	} {
		if got := resultProblem(p, l); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}

// A refund OCTO refused, under a payment that stands, says why in the
// cashier's words where the reason is known, and that nothing was
// refunded; OCTO's own words where it is not.
func TestResultRefusedRefundWords(t *testing.T) {
	p := basePayment(flows.Sale, flows.Succeeded)
	forgot := "Payment not found: 3f2a (the sandbox forgets finished payments: it keeps the last 100, each for at most 90 days; 4 forgotten so far)"
	p.Problem = flows.NewProblem(flows.ProblemOCTORefused, flows.Words(forgot), flows.NewProblem(flows.ProblemNothingRefunded))
	for l, want := range map[Lang]string{
		LangEN: "OCTO refused: The sandbox may have forgotten this payment ([sandbox] keep_finished); nothing was refunded",
		LangRU: "Песочница могла забыть этот платёж ([sandbox] keep_finished)",
		LangUZ: "Sandbox bu to'lovni unutgan bo'lishi mumkin ([sandbox] keep_finished)",
	} {
		if got := resultProblem(p, l); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to hold %q", l, got, want)
		}
	}
	p.Problem = flows.NewProblem(flows.ProblemOCTORefused, flows.Words("Something odd"), flows.NewProblem(flows.ProblemNothingRefunded))
	if got := resultProblem(p, LangEN); got != "OCTO refused: Something odd; nothing was refunded" {
		t.Errorf("an unknown reason: %q, want OCTO's words", got)
	}
}

// leavePhonePayment starts a payment on the customer's phone and leaves
// it for later; it returns the link the QR screen showed.
func leavePhonePayment(t *testing.T, d *driver) (id, link string) {
	t.Helper()
	d.app.opts.TTLMinutes = 15
	phoneOrder(t, d, false)
	id, link = d.app.pay.ShopTransactionID, d.app.pay.PayURL
	d.key(tea.KeyEscape)
	d.until("the question", func(a App) bool { return a.confirm != nil })
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("home", func(a App) bool { return a.screen == screenHome && !a.hasPay })
	return id, link
}

// reopenFromHistory opens the only payment in History and asks its status.
func reopenFromHistory(t *testing.T, d *driver) {
	t.Helper()
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("the history", func(a App) bool { h, ok := historyOf(a); return ok && len(h.records) == 1 })
	d.key(tea.KeyEnter)
	d.until("the detail", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
	if !strings.Contains(d.screen(), "ctrl+s QR code again") {
		t.Errorf("the detail does not say its status key shows the QR code:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
}

// A payment on the customer's phone left for later and opened again from
// History shows its QR screen again: the link the journal kept (the one
// first shown), the time the customer has left, and it settles when the
// customer pays, as it did when first shown; esc then goes back to History.
func TestPhonePaymentReopenedFromHistory(t *testing.T) {
	d, sb, clk := onSandbox(t, 160, 40) // room for the link on one line beside the code
	id, link := leavePhonePayment(t, d)
	recs, err := d.app.opts.Journal.History(context.Background(), flows.Filter{ShopTransactionID: id})
	if err != nil || len(recs) != 1 {
		t.Fatalf("journal: %+v, %v", recs, err)
	}
	if recs[0].PayURL == "" || recs[0].PayURL != link || recs[0].PayExpires.IsZero() {
		t.Fatalf("the journal kept the link %q (shown %q), expiry %v", recs[0].PayURL, link, recs[0].PayExpires)
	}
	sb.Advance(5 * time.Minute)
	clk.Advance(5 * time.Minute)
	reopenFromHistory(t, d)
	d.until("the QR screen again", func(a App) bool { return a.screen == screenQR && a.pay.State == flows.AwaitingPage })
	if d.app.pay.PayURL != recs[0].PayURL {
		t.Errorf("the QR screen shows %q, the journal holds %q", d.app.pay.PayURL, recs[0].PayURL)
	}
	// The time left is counted to the expiry the journal kept: 15 minutes
	// from prepare_payment, 5 of them gone (not a fresh 15:00).
	left := (recs[0].PayExpires.Sub(clk.Now()) + time.Second - 1) / time.Second
	if left > 600 || left < 590 {
		t.Fatalf("%d s left on the page, want 10 minutes", left)
	}
	scr := d.screen()
	for _, want := range []string{recs[0].PayURL, fmt.Sprintf("Expires in %02d:%02d", left/60, left%60), "Waiting for the customer…", "█"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the reopened QR screen lacks %q:\n%s", want, scr)
		}
	}
	if _, err := sb.PayAsCustomer(d.app.pay.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000015", Exp: "1230"}); err != nil {
		t.Fatal(err)
	}
	d.until("paid", func(a App) bool { return a.screen == screenResult && a.pay.State == flows.Succeeded })
	if !strings.Contains(d.screen(), "✓ Paid") {
		t.Errorf("result:\n%s", d.screen())
	}
	d.send(doneMsg{})
	d.until("back in History", func(a App) bool {
		_, ok := detailOf(a)
		_, hist := historyOf(a)
		return a.screen == screenTool && (ok || hist)
	})
}

// A payment on the customer's phone whose page expired while it was left
// says so plainly when opened again, instead of a QR code nobody can pay.
func TestPhonePaymentReopenedAfterItsPageExpired(t *testing.T) {
	d, sb, clk := onSandbox(t, 120, 40)
	leavePhonePayment(t, d)
	sb.Advance(16 * time.Minute)
	clk.Advance(16 * time.Minute)
	reopenFromHistory(t, d)
	d.until("the result", func(a App) bool { return a.screen == screenResult })
	scr := d.screen()
	if !strings.Contains(scr, "Expired — nothing was charged") || strings.Contains(scr, "█") {
		t.Errorf("the expiry is not said plainly:\n%s", scr)
	}
}
