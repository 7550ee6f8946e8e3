package ui

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/qa"
)

// fakeSandbox is qa.SandboxControls with fixed data on the tests' clock.
type fakeSandbox struct {
	mu       sync.Mutex
	now      time.Time
	ahead    []qa.Expiry
	faults   []qa.Fault
	sent     []qa.SentNotification
	replayed []int64
	refuse   string // the next Replay's error, when set
}

func newFakeSandbox() *fakeSandbox {
	return &fakeSandbox{
		now: fixedNow,
		ahead: []qa.Expiry{
			{What: qa.ExpiryCode, ShopTransactionID: "oc-0123456789abcdef01234567", At: fixedNow.Add(2*time.Minute + 31*time.Second)},
			{What: qa.ExpiryPayment, ShopTransactionID: "oc-0123456789abcdef01234567", At: fixedNow.Add(14 * time.Minute)},
			{What: qa.ExpiryHold, ShopTransactionID: "oc-fedcba9876543210fedcba98", At: fixedNow.Add(29*time.Minute + 10*time.Second)},
		},
		sent: []qa.SentNotification{
			{Seq: 7, Time: fixedNow.Add(-3 * time.Minute), Status: "wait_user_action", ShopTransactionID: "oc-0123456789abcdef01234567",
				URL: "http://127.0.0.1:41234/octo/notify", HTTPStatus: 200, Attempt: 1},
			{Seq: 12, Time: fixedNow.Add(-2 * time.Minute), Status: "succeeded", ShopTransactionID: "oc-0123456789abcdef01234567",
				URL: "http://127.0.0.1:41234/octo/notify", Attempt: 1, Note: "lost (fault): not sent"},
			{Seq: 15, Time: fixedNow.Add(-time.Minute), Status: "waiting_for_capture", ShopTransactionID: "oc-fedcba9876543210fedcba98",
				URL: "http://127.0.0.1:41234/octo/notify", HTTPStatus: 200, Answer: `{"accept_status":"capture"}`, Attempt: 2, Note: "answer applied: capture"},
		},
	}
}

func (f *fakeSandbox) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }

func (f *fakeSandbox) Advance(d time.Duration) []qa.Expiry {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	var passed, kept []qa.Expiry
	for _, e := range f.ahead {
		if e.At.After(f.now) {
			kept = append(kept, e)
		} else {
			passed = append(passed, e)
		}
	}
	f.ahead = kept
	return passed
}

func (f *fakeSandbox) Deadlines() []qa.Expiry {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]qa.Expiry(nil), f.ahead...)
}

func (f *fakeSandbox) Faults() []qa.Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]qa.Fault(nil), f.faults...)
}

func (f *fakeSandbox) Inject(x qa.Fault) { f.mu.Lock(); f.faults = append(f.faults, x); f.mu.Unlock() }
func (f *fakeSandbox) ClearFaults()      { f.mu.Lock(); f.faults = nil; f.mu.Unlock() }

func (f *fakeSandbox) Notifications() []qa.SentNotification {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]qa.SentNotification(nil), f.sent...)
}

func (f *fakeSandbox) Replay(seq int64) (qa.SentNotification, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse != "" {
		err := errors.New(f.refuse)
		f.refuse = ""
		return qa.SentNotification{}, err
	}
	for _, n := range f.sent {
		if n.Seq == seq {
			n.Seq = f.sent[len(f.sent)-1].Seq + 1
			n.HTTPStatus, n.Answer, n.Note, n.Attempt = 200, "OK", "replay of #"+itoa(int(seq)), 0
			f.sent = append(f.sent, n)
			f.replayed = append(f.replayed, seq)
			return n, nil
		}
	}
	return qa.SentNotification{}, errors.New("no event " + itoa(int(seq)) + " in the log")
}

// qaDriver is the console on the fake sandbox.
func qaDriver(t *testing.T, sb qa.SandboxControls, w, h int) *driver {
	t.Helper()
	o := testOptions()
	if sb != nil {
		o.Sandbox = sb
	}
	return newDriver(t, New(o), w, h)
}

// toolRead waits for the QA tool on screen to have read the sandbox: it
// says it is reading until the answer comes.
func toolRead(d *driver) {
	d.t.Helper()
	d.until("the QA tool's reading of the sandbox", func(a App) bool {
		if a.qa == nil {
			return false
		}
		scr := d.screen()
		for _, reading := range []string{"Reading the sandbox's log…", "Reading the sandbox's clock…"} {
			if strings.Contains(scr, a.opts.Language.T(reading)) {
				return false
			}
		}
		return true
	})
}

// logRead waits for the notifications tool to have the sandbox's log.
func logRead(d *driver) { d.t.Helper(); toolRead(d) }

func fkey(n int) tea.KeyPressMsg { return tea.KeyPressMsg{Code: tea.KeyF1 + rune(n-1)} }

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// sampleExchanges are a payment's calls as the client's observer reports
// them: redacted, with timings.
func sampleExchanges() []octo.Exchange {
	at := fixedNow.Add(-90 * time.Second)
	return []octo.Exchange{
		{Method: "prepare_payment", HTTPMethod: "POST", URL: "http://127.0.0.1:41234/prepare_payment", HTTPStatus: 200,
			Request:  []byte(`{"octo_shop_id":1,"octo_secret":"REDACTED","shop_transaction_id":"oc-0123456789abcdef01234567","auto_capture":true,"total_sum":150000}`),
			Response: []byte(`{"error":0,"data":{"status":"created","octo_payment_UUID":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}}`),
			Started:  at, Duration: 12300 * time.Microsecond, Attempt: 1},
		{Method: "pay", HTTPMethod: "POST", URL: "http://127.0.0.1:41234/pay/7c9e6679-7425-40de-944b-e07fc1f90ae7", HTTPStatus: 200,
			Request:  []byte(`{"pan":"860000******0015","exp":"****","method":"uzcard","cvc2":"***"}`),
			Response: []byte(`{"error":0,"data":{"status":"created","id":1001}}`),
			Started:  at.Add(2 * time.Second), Duration: 48 * time.Millisecond, Attempt: 1},
		{Method: "check_sms_key", HTTPMethod: "POST", URL: "http://127.0.0.1:41234/check_sms_key",
			Request: []byte(`{"smsKey":"******","paymentId":1001,"verifyId":800001}`),
			Err:     "check_sms_key: no answer from OCTO (the request may have reached it)",
			Started: at.Add(20 * time.Second), Duration: 30 * time.Second, Attempt: 1},
		{Method: "prepare_payment", HTTPMethod: "POST", URL: "http://127.0.0.1:41234/prepare_payment", HTTPStatus: 200, Code: 11,
			Request:  []byte(`{"octo_shop_id":1,"octo_secret":"REDACTED","shop_transaction_id":"oc-0123456789abcdef01234567"}`),
			Response: []byte(`{"error":11,"errMessage":"Requests too often. Minimum delay is 1 second"}`),
			Started:  at.Add(51 * time.Second), Duration: 3 * time.Millisecond, Attempt: 2},
	}
}

// feed sends exchanges and a notification through the root, as main's
// observer and listener do.
func feed(d *driver) {
	for _, x := range sampleExchanges() {
		d.send(exchangeMsg{x})
	}
	d.send(hintMsg{ShopTransactionID: "oc-0123456789abcdef01234567", Status: octo.StatusSucceeded})
}

func TestQAKeysOpenAndCloseOverAPayment(t *testing.T) {
	sb := newFakeSandbox()
	d := qaDriver(t, sb, 80, 24)
	// A payment waits for its code; the inspector opens over it.
	d.app.pay, d.app.hasPay = otpPayment(161), true
	d.app.otp = newOTPScreen(d.app.st)
	follow(d)
	d.typeText("12")
	d.send(fkey(3))
	if d.app.qa == nil || !strings.Contains(d.screen(), "Inspector") {
		t.Fatalf("f3 did not open the inspector:\n%s", d.screen())
	}
	// Keys go to the tool, not to the code field underneath.
	d.typeText("34")
	if d.app.screen != screenOTP {
		t.Errorf("the screen underneath moved to %v", d.app.screen)
	}
	d.send(fkey(4))
	if !strings.Contains(d.screen(), "Scenario") {
		t.Fatalf("f4 did not switch to the scenario:\n%s", d.screen())
	}
	d.send(fkey(4))
	if d.app.qa != nil || !strings.Contains(d.screen(), "SMS code") {
		t.Fatalf("f4 again did not close it:\n%s", d.screen())
	}
	d.send(fkey(5))
	toolRead(d)
	d.send(press("esc"))
	d.until("the clock closed by esc", func(a App) bool { return a.qa == nil })
	if d.app.qa != nil || d.app.screen != screenOTP || d.app.pay.State != flows.AwaitingOTP {
		t.Fatalf("esc did not go back to the payment:\n%s", d.screen())
	}
	if !strings.Contains(d.screen(), "12") || strings.Contains(d.screen(), "1234") {
		t.Errorf("the code field lost what was typed or got the tool's keys:\n%s", d.screen())
	}
}

func TestQAKeysInTheFooter(t *testing.T) {
	for _, c := range []struct {
		sb   qa.SandboxControls
		want []string
		not  []string
	}{
		{newFakeSandbox(), []string{"f3", "inspector", "f4", "scenario", "f5", "clock", "f6", "notifications"}, nil},
		{nil, []string{"f3", "inspector"}, []string{"f4", "f5", "f6"}},
	} {
		d := qaDriver(t, c.sb, 120, 40)
		d.send(fkey(1))
		got := d.screen()
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("sandbox %v: the full help has no %q:\n%s", c.sb != nil, w, got)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("OCTO: the full help shows %q:\n%s", w, got)
			}
		}
	}
}

func TestSandboxToolsOnOCTO(t *testing.T) {
	d := qaDriver(t, nil, 80, 24)
	for _, n := range []int{4, 5, 6} {
		d.send(fkey(n))
		if !strings.Contains(d.screen(), "exists only on the sandbox") {
			t.Errorf("f%d on OCTO:\n%s", n, d.screen())
		}
	}
	d.send(fkey(3))
	feed(d)
	if !strings.Contains(d.screen(), "check_sms_key") {
		t.Errorf("the inspector on OCTO shows nothing:\n%s", d.screen())
	}
}

func TestQAToolsSpeakTheConsolesLanguage(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		want []string
	}{
		{LangRU, []string{"Инспектор", "Сценарий следующего платежа", "Часы песочницы", "Уведомления песочницы", "Время песочницы", "Тестовые карты"}},
		{LangUZ, []string{"Inspektor", "Keyingi to'lov ssenariysi", "Sandbox soati", "Sandbox yuborgan bildirishnomalar", "Sandbox vaqti", "Test kartalari"}},
	} {
		o := testOptions()
		o.Language, o.Sandbox = c.lang, newFakeSandbox()
		d := newDriver(t, New(o), 120, 40)
		var seen strings.Builder
		for _, n := range []int{3, 4, 5, 6} {
			d.send(fkey(n))
			toolRead(d)
			seen.WriteString(d.screen())
		}
		for _, w := range c.want {
			if !strings.Contains(seen.String(), w) {
				t.Errorf("%s: no %q on the QA tools' screens", c.lang, w)
			}
		}
	}
}

// TestQAToolsFit80Columns: no line of a QA tool's screen, footer included,
// is wider than the smallest terminal, in any language.
func TestQAToolsFit80Columns(t *testing.T) {
	for _, l := range []Lang{LangEN, LangRU, LangUZ} {
		o := testOptions()
		o.Language, o.Sandbox = l, newFakeSandbox()
		d := newDriver(t, New(o), 80, 24)
		feed(d)
		var screens []string
		for _, n := range []int{3, 4, 5, 6} {
			d.send(fkey(n))
			screens = append(screens, d.screen())
			d.send(press("enter"))
			screens = append(screens, d.screen())
			d.send(press("c"))
			screens = append(screens, d.screen())
			d.send(press("esc"))
		}
		for _, s := range screens {
			for _, line := range strings.Split(s, "\n") {
				if w := lipgloss.Width(line); w > 80 {
					t.Errorf("%s: a line of %d columns:\n%s", l, w, line)
				}
			}
		}
	}
}
