package ui

import (
	"encoding/json"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// burst hands every key of s to the App back to back, before any command
// it returns has answered — the order in which a scanner's or a paste's
// keys reach a program that is still busy with the first. \r is enter, \t
// tab, \x1b esc; other runes are typed as they are.
func (d *driver) burst(s string) {
	d.t.Helper()
	for _, r := range s {
		var k tea.KeyPressMsg
		switch r {
		case '\r':
			k = tea.KeyPressMsg{Code: tea.KeyEnter}
		case '\t':
			k = tea.KeyPressMsg{Code: tea.KeyTab}
		case '\x1b':
			k = tea.KeyPressMsg{Code: tea.KeyEscape}
		default:
			k = tea.KeyPressMsg{Code: r, Text: string(r)}
		}
		d.handle(k)
	}
	d.settle()
}

// wireBody is the last request of method in the sandbox's event log,
// decoded.
func wireBody(t *testing.T, sb *sandbox.Sandbox, method string) map[string]any {
	t.Helper()
	var body map[string]any
	for _, ev := range sb.Events() {
		if ev.Kind == sandbox.EventRequest && ev.Method == method {
			body = nil
			if err := json.Unmarshal(ev.Body, &body); err != nil {
				t.Fatalf("%s body: %v", method, err)
			}
		}
	}
	if body == nil {
		t.Fatalf("no %s request in the sandbox's log", method)
	}
	return body
}

// wireHas reports whether a request of method is in the sandbox's log.
func wireHas(sb *sandbox.Sandbox, method string) bool {
	for _, ev := range sb.Events() {
		if ev.Kind == sandbox.EventRequest && ev.Method == method {
			return true
		}
	}
	return false
}

// TestKeysAfterEnterBelongToTheNextField types a whole sale in one burst:
// home's n, the order and the card. Every key after an Enter must land in
// the next field ("150000⏎5 chairs" once charged 1 500 005), and what
// reaches OCTO must be what was typed.
func TestKeysAfterEnterBelongToTheNextField(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	d.burst("n150000\r5 chairs\r\r90 123 45 67\rqa@example.uz\r")
	if d.app.screen != screenCard {
		t.Fatalf("after the order's burst the console is on %v, want the card form:\n%s", d.app.screen, d.screen())
	}
	o := d.app.order
	if o.Amount.String() != "150000" || o.Description != "5 chairs" || o.Phone != "998901234567" || o.Email != "qa@example.uz" || o.TwoStage {
		t.Fatalf("order = %+v", o)
	}
	d.burst("8600 0000 0000 0015\r12/30\rALI VALIYEV\r")
	if scr := strings.Join(strings.Fields(d.screen()), " "); d.app.confirm == nil || !strings.Contains(scr, "Charge 150 000 UZS to Uzcard 8600 00** **** 0015") {
		t.Fatalf("no summary before the card is sent:\n%s", d.screen())
	}
	if len(sb.Events()) > 0 && wireHas(sb, "pay") {
		t.Fatal("pay went out before the summary was answered")
	}
	d.burst("\r")
	d.until("the code screen", func(a App) bool { return a.hasPay && a.pay.State == flows.AwaitingOTP })

	prep := wireBody(t, sb, "prepare_payment")
	if prep["total_sum"] != 150000.0 || prep["description"] != "5 chairs" {
		t.Errorf("prepare_payment total_sum %v description %v", prep["total_sum"], prep["description"])
	}
	ud, _ := prep["user_data"].(map[string]any)
	if ud["phone"] != "998901234567" || ud["email"] != "qa@example.uz" {
		t.Errorf("prepare_payment user_data = %v", prep["user_data"])
	}
	pay := wireBody(t, sb, "pay")
	if pay["cardHolderName"] != "ALI VALIYEV" || pay["exp"] != "3012" {
		t.Errorf("pay carried the holder %v, expiry %v; want ALI VALIYEV, 3012", pay["cardHolderName"], pay["exp"])
	}
	if got, _ := pay["pan"].(string); !strings.HasPrefix(got, "860000") || !strings.HasSuffix(got, "0015") {
		t.Errorf("pay pan = %q (masked in the log), want 860000…0015", got)
	}

	code := lastCode(sb)
	d.burst(code + "\r")
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
}

// TestShortCodeRefusedOnTheSpot: with code_length 6 a 4-digit code or one
// with a letter pasted in is refused under the field; nothing reaches
// OCTO, so none of its three attempts is used.
func TestShortCodeRefusedOnTheSpot(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	d.app.opts.CodeLength = 6
	pay(d, "150000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.hasPay && a.pay.State == flows.AwaitingOTP })
	d.burst("1234\r")
	if !strings.Contains(d.screen(), "the code has 6 digits, this one 4") || wireHas(sb, "check_sms_key") {
		t.Fatalf("a 4-digit code was not refused on the spot:\n%s", d.screen())
	}
	d.send(tea.PasteMsg{Content: "12a456"})
	d.burst("\r")
	if wireHas(sb, "check_sms_key") || d.app.pay.AttemptsLeft != 3 {
		t.Fatalf("a code with a letter went to OCTO (attempts left %d)", d.app.pay.AttemptsLeft)
	}
	for d.app.otp.input.Value() != "" {
		d.key(tea.KeyBackspace)
	}
	d.burst(lastCode(sb) + "\r")
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
}

// TestTryAgainOpensTheCard: after a decline, "try again" is the card step
// with the order kept; the next card goes through the summary again.
func TestTryAgainOpensTheCard(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	d.burst("n150000\rTea set\r\r\r\r")
	d.burst("8600000000000049\r1230\r\r\r") // refused at pay: card blocked
	d.until("declined", func(a App) bool { return a.hasPay && a.pay.State.Final() })
	if scr := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(scr, "The card is blocked — ask for another card") {
		t.Errorf("the refusal is not said with what to do:\n%s", d.screen())
	}
	d.burst("t") // try again
	if d.app.screen != screenCard || d.app.order.Description != "Tea set" {
		t.Fatalf("try again: screen %v, order %+v\n%s", d.app.screen, d.app.order, d.screen())
	}
	d.burst("8600000000000015\r1230\r\r")
	if scr := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(scr, "Charge 150 000 UZS to Uzcard 8600 00** **** 0015") {
		t.Fatalf("no summary for the second card:\n%s", d.screen())
	}
	d.burst("\r")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	if n := len(wirePrepared(sb)); n != 2 {
		t.Errorf("%d prepare_payment requests, want one per attempt (2)", n)
	}
}

func wirePrepared(sb *sandbox.Sandbox) []sandbox.Event {
	var out []sandbox.Event
	for _, ev := range sb.Events() {
		if ev.Kind == sandbox.EventRequest && ev.Method == "prepare_payment" {
			out = append(out, ev)
		}
	}
	return out
}

// TestEmailWithoutPhoneIsAskedForThePhone: OCTO takes user_data whole, so
// an e-mail alone is refused on the form, where the cashier is looking.
func TestEmailWithoutPhoneIsAskedForThePhone(t *testing.T) {
	d, _, _ := onSandbox(t, 100, 30)
	d.burst("n150000\rTea\r\r\rqa@example.uz\r")
	if d.app.screen != screenNewPayment || !strings.Contains(d.screen(), "with an e-mail, OCTO needs the phone too") {
		t.Fatalf("an e-mail without a phone was let through:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	d.burst("901234567\r\r")
	if d.app.screen != screenCard || d.app.order.Phone != "998901234567" || d.app.order.Email != "qa@example.uz" {
		t.Errorf("after going back for the phone: screen %v, order %+v", d.app.screen, d.app.order)
	}
}

// TestStatusKeySaysWhatOCTOAnswered: ctrl+s on the code screen reads the
// status and says it, instead of doing nothing visible.
func TestStatusKeySaysWhatOCTOAnswered(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	pay(d, "150000", false, "8600000000000015", "")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	before := countRequests(sb, "prepare_payment") // a status read is a prepare_payment of the same id (REFERENCE §2.2)
	d.send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	d.until("OCTO's answer said", func(a App) bool {
		return strings.Contains(plain(a.View().Content), "OCTO says: waiting for the customer's code")
	})
	if countRequests(sb, "prepare_payment") != before+1 {
		t.Errorf("ctrl+s made %d status reads, want 1", countRequests(sb, "prepare_payment")-before)
	}
}

// TestRefundFieldTakesNoLetters: the refund amount is digits; a letter
// typed into it goes nowhere (it was let in: "150 000 001 000 000r").
func TestRefundFieldTakesNoLetters(t *testing.T) {
	p := basePayment(flows.Sale, flows.Succeeded)
	p.Captured = p.Amount
	d := onScreen(t, p, 80, 24)
	d.send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	d.typeText("20000r")
	if got := d.app.result.input.Value(); got != "20 000" {
		t.Errorf("the refund field after 20000r = %q, want 20 000", got)
	}
}

// TestNextCodeTypedAtOnceAfterAWrongOne: the cashier hears the code was
// wrong and types the right one at once, while OCTO's answer to the wrong
// one is still read: the keys wait for the code field, and the payment is
// paid with two codes sent, none lost.
func TestNextCodeTypedAtOnceAfterAWrongOne(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	pay(d, "150000", false, "8600000000000015", "")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	code := lastCode(sb)
	wrong := []byte(code)
	wrong[0] = '0' + (wrong[0]-'0'+1)%10
	d.burst(string(wrong) + "\r" + code + "\r")
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	if n := countRequests(sb, "check_sms_key"); n != 2 {
		t.Errorf("check_sms_key sent %d times, want 2 (the wrong code, then the right one)", n)
	}
}

// TestKeysForACodeAreDroppedWhenThePaymentEnds: keys typed while a right
// code is checked were meant for a code field; the payment ends instead,
// and an enter among them must not close the result.
func TestKeysForACodeAreDroppedWhenThePaymentEnds(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	pay(d, "150000", false, "8600000000000015", "")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.burst(lastCode(sb) + "\r" + "123\r")
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	if d.app.screen != screenResult || len(d.app.held) != 0 {
		t.Errorf("after the payment ended: screen %v, %d keys still held", d.app.screen, len(d.app.held))
	}
}
