package ui

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// clock is the console's and the runner's clock in these tests: it moves
// only when told to (or by a short step when the runner waits, so status
// polls advance without a busy loop).
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
	}
	c.Advance(d)
	return nil
}

// onSandbox is the console on an in-memory sandbox with a real runner and
// journal: the flows as main wires them, without a terminal.
func onSandbox(t *testing.T, w, h int) (*driver, *sandbox.Sandbox, *clock) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{NoRateLimit: true, Start: time.Now()})
	t.Cleanup(sb.Close)
	j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	clk := &clock{t: time.Now()}
	client := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(sb.Client()))
	runner := &run.Runner{Gateway: client, Journal: j, Clock: clk}
	opts := testOptions()
	opts.PageLanguage = "en" // not flows' default "ru": TestSandboxPageLanguageOnTheWire tells them apart
	opts.Now = clk.Now
	opts.Runner = runner
	opts.Journal = j
	opts.Tokens = j
	opts.Complete3DS = sb.Complete3DS
	opts.ReturnURL = "http://sandbox.test/"
	// Nobody listens there: tokens are activated by status reads.
	opts.NotifyURL, opts.BindNotifyURL = "http://127.0.0.1:9/octo/notify", "http://127.0.0.1:9/octo/bind"
	opts.Test = true
	opts.Outbox = func() []SMS {
		var out []SMS
		for _, m := range sb.SMS() {
			out = append(out, SMS{Phone: m.Phone, Code: m.Code, PaymentUUID: m.PaymentUUID, SentAt: m.SentAt})
		}
		return out
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	opts.Context = ctx
	return newDriver(t, New(opts), w, h), sb, clk
}

// The configured language of OCTO's pages goes with every payment: read
// back from what the sandbox received (a test double that set it on the
// way hid that flows' default replaced it).
func TestSandboxPageLanguageOnTheWire(t *testing.T) {
	for _, lang := range []string{"en", "uz"} {
		t.Run(lang, func(t *testing.T) {
			d, sb, _ := onSandbox(t, 80, 24)
			d.app.opts.PageLanguage = lang
			pay(d, "1000", false, "8600000000000015", "")
			d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
			var got []string
			for _, e := range sb.Events() {
				if e.Kind == sandbox.EventRequest && e.Method == "prepare_payment" {
					var b struct{ Language string }
					_ = json.Unmarshal(e.Body, &b)
					got = append(got, b.Language)
				}
			}
			if len(got) != 1 || got[0] != lang {
				t.Errorf("prepare_payment's language: got %q, want [%s]", got, lang)
			}
		})
	}
}

// pay sends an order and card straight to the root, as the forms would.
func pay(d *driver, amount string, twoStage bool, pan, cvc string) {
	d.send(orderReadyMsg{order{Amount: decimal.RequireFromString(amount), Description: "Test", TwoStage: twoStage}})
	d.send(cardReadyMsg{enteredCard{card: octo.Card{PAN: pan, Exp: "3012", CVC: cvc, HolderName: "TEST"}, scheme: SchemeOf(pan)}})
	d.send(tea.KeyPressMsg{Code: tea.KeyEnter}) // the summary: send
	if d.app.confirm != nil && d.app.large() {
		d.send(tea.KeyPressMsg{Code: 'y', Text: "y"}) // the large amount, in words: yes
	}
}

func lastCode(sb *sandbox.Sandbox) string {
	msgs := sb.SMS()
	if len(msgs) == 0 {
		return ""
	}
	return msgs[len(msgs)-1].Code
}

func TestSandbox3DSecureApprove(t *testing.T) {
	d, _, _ := onSandbox(t, 120, 40)
	pay(d, "250000", false, "4111111111111111", "123")
	d.until("the 3-D Secure screen", func(a App) bool { return a.screen == screen3DS && a.threeDS.url != "" })
	if !strings.Contains(d.screen(), "/3ds/") || !strings.Contains(d.screen(), "█") {
		t.Errorf("no link or QR code:\n%s", d.screen())
	}
	if d.app.busy == "" {
		t.Error("quitting allowed while the customer is on the 3-D Secure page")
	}
	d.send(tea.KeyPressMsg{Code: 'a', Text: "a"})
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	if !strings.Contains(d.screen(), "✓ Paid") || !strings.Contains(d.screen(), "4111 11** **** 1111") {
		t.Errorf("result:\n%s", d.screen())
	}
}

func TestSandboxResendCodeAfterCooldown(t *testing.T) {
	d, sb, clk := onSandbox(t, 80, 24)
	pay(d, "1000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	first := lastCode(sb)
	d.send(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
	if d.app.pay.State != flows.AwaitingOTP {
		t.Fatal("a new code was asked for during the cooldown")
	}
	clk.Advance(resendCooldown)
	d.send(tickMsg(clk.Now()))
	d.send(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
	d.until("a new code session", func(a App) bool { return a.pay.State == flows.AwaitingOTP && a.pay.ResendsLeft < flows.MaxResends })
	second := lastCode(sb)
	if second == "" || len(sb.SMS()) < 2 {
		t.Fatalf("no second SMS (first %q)", first)
	}
	d.typeText(second)
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
}

func TestSandboxOpenHoldFromJournal(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	pay(d, "150000", true, "9860000000000018", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("the hold", func(a App) bool { return a.pay.State == flows.Held })
	// Leave it for later: home counts it; opening it reads its status first.
	d.send(doneMsg{})
	d.until("the count", func(a App) bool { return a.home.openHolds == 1 })
	d.send(tea.KeyPressMsg{Code: 'h', Text: "h"})
	d.until("the list", func(a App) bool { return len(a.holds.holds) == 1 })
	d.key(tea.KeyEnter)
	d.until("the hold again", func(a App) bool { return a.screen == screenHold && a.pay.State == flows.Held })
	// Esc goes back to the list it was opened from, not home.
	d.key(tea.KeyEscape)
	d.until("the list again", func(a App) bool { return a.screen == screenHolds && len(a.holds.holds) == 1 })
	d.key(tea.KeyEnter)
	d.until("the hold again", func(a App) bool { return a.screen == screenHold && a.pay.State == flows.Held })
	d.send(tea.KeyPressMsg{Code: 'x', Text: "x"})
	d.until("the question before the cancel", func(a App) bool { return a.confirm != nil })
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("canceled", func(a App) bool { return a.pay.State == flows.Canceled })
	if !strings.Contains(d.screen(), "Canceled — the money was released") {
		t.Errorf("result:\n%s", d.screen())
	}
}

// saveCardForm opens the form that saves a card for +998 90 123 45 67,
// who has none yet.
func saveCardForm(d *driver) {
	d.t.Helper()
	d.send(tea.KeyPressMsg{Code: 's', Text: "s"})
	d.typeText("901234567")
	d.key(tea.KeyEnter)
	d.until("no saved cards", func(a App) bool { return a.saved.loaded })
	d.send(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
	d.until("the card form", func(a App) bool { return a.screen == screenCard })
}

// saveCard binds Uzcard …0015 from the form saveCardForm opened: its code
// from the sandbox's SMS, then the token activated by status reads
// (nobody listens for the bind notification).
func saveCard(d *driver, sb *sandbox.Sandbox) {
	d.t.Helper()
	d.send(cardReadyMsg{enteredCard{card: octo.Card{PAN: "8600000000000015", Exp: "3012"}, scheme: SchemeUzcard}})
	d.until("the binding code", func(a App) bool { return a.bind.State == flows.BindAwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("saved", func(a App) bool { return a.bind.State == flows.BindBound || a.bind.State == flows.BindFailed })
	if d.app.bind.State != flows.BindBound {
		d.t.Fatalf("binding ended %s: %s", d.app.bind.State, d.app.bind.Problem)
	}
}

func TestSandboxSaveCardThenPayWithIt(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	saveCardForm(d)
	// No order above the form (it showed the last payment's, or 0 UZS):
	// whose card is being saved.
	if scr := d.screen(); !strings.Contains(scr, "Saving a card for +998 90 123 45 67") || strings.Contains(scr, "charge now") {
		t.Errorf("the card form for saving a card:\n%s", scr)
	}
	saveCard(d, sb)
	// Done: back to the customer's cards, the new one listed.
	d.key(tea.KeyEscape)
	d.until("the saved card", func(a App) bool { return a.screen == screenSaved && len(a.saved.tokens) == 1 })
	d.key(tea.KeyEnter)
	d.until("the order form", func(a App) bool { return a.screen == screenNewPayment })
	d.send(orderReadyMsg{order{Amount: decimal.RequireFromString("75000"), Description: "Tea"}})
	if scr := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(scr, "Charge 75 000 UZS to Uzcard 8600 00** **** 0015") {
		t.Fatalf("no summary before the saved card is charged:\n%s", d.screen())
	}
	d.key(tea.KeyEnter)
	d.until("paid or asked for a code", func(a App) bool {
		return a.pay.State == flows.Succeeded || a.pay.State == flows.AwaitingOTP
	})
	if d.app.pay.State == flows.AwaitingOTP {
		d.typeText(lastCode(sb))
		d.key(tea.KeyEnter)
		d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	}
	if d.app.pay.CardToken == "" {
		t.Error("the payment did not use the saved card")
	}
}
