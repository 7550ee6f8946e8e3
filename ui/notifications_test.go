package ui

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/ui/qa"
)

func TestNotificationsListAndReplay(t *testing.T) {
	sb := newFakeSandbox()
	d := qaDriver(t, sb, 120, 40)
	d.send(fkey(6))
	logRead(d)
	got := d.screen()
	if !strings.Contains(got, "3 notifications, newest first") || !strings.Contains(got, `{"accept_status":"capture"}`) {
		t.Fatalf("list:\n%s", got)
	}
	if !strings.Contains(got, "answer applied: capture") || !strings.Contains(got, "http://127.0.0.1:41234/octo/notify") {
		t.Errorf("the newest's URL and note are not shown:\n%s", got)
	}
	d.send(press("down"))
	if !strings.Contains(d.screen(), "lost on purpose") {
		t.Errorf("a lost notification does not say so:\n%s", d.screen())
	}
	d.send(press("r"))
	d.untilScreen("4 notifications")
	if len(sb.replayed) != 1 || sb.replayed[0] != 12 {
		t.Fatalf("replayed %v, want [12]", sb.replayed)
	}
	got = d.screen()
	if !strings.Contains(got, "✓ Replayed as #16: HTTP 200, answer OK") || !strings.Contains(got, "4 notifications") {
		t.Errorf("after the replay:\n%s", got)
	}
	if !strings.Contains(selectedLine(d.screen()), "succeeded") {
		t.Errorf("the cursor left the replayed notification (#12, succeeded):\n%s", d.screen())
	}
	// A replay the sandbox refuses says why.
	sb.mu.Lock()
	sb.refuse = "no event 99 in the log"
	sb.mu.Unlock()
	d.send(press("r"))
	d.untilScreen("Not replayed")
	if !strings.Contains(d.screen(), "✗ Not replayed: no event 99 in the log") {
		t.Errorf("a refused replay:\n%s", d.screen())
	}
	d.send(press("esc"))
	d.until("the notifications closed by esc", func(a App) bool { return a.qa == nil })
}

func TestNotificationsEmpty(t *testing.T) {
	sb := newFakeSandbox()
	sb.sent = nil
	d := qaDriver(t, sb, 80, 24)
	d.send(fkey(6))
	logRead(d)
	d.send(press("r"), press("down"))
	if !strings.Contains(d.screen(), "The sandbox has sent no notification yet.") || len(sb.replayed) != 0 {
		t.Errorf("empty:\n%s", d.screen())
	}
}

func TestNotificationsBody(t *testing.T) {
	sb := newFakeSandbox()
	sb.sent[2].Body = []byte(`{"octo_payment_UUID":"7c9e6679","status":"waiting_for_capture","maskedPan":"860000** **** 0015","signature":"ABC","total_sum":150000}`)
	d := qaDriver(t, sb, 80, 24)
	d.send(fkey(6))
	logRead(d)
	d.send(press("enter"))
	got := d.screen()
	for _, want := range []string{`"signature": "ABC"`, `"total_sum": 150000`, "waiting_for_capture · oc-fedcba9876543210fedcba98"} {
		if !strings.Contains(got, want) {
			t.Errorf("the body has no %q:\n%s", want, got)
		}
	}
	d.send(press("esc"))
	if d.app.qa == nil || !strings.Contains(d.screen(), "3 notifications, newest first") {
		t.Fatal("esc did not go back to the list")
	}
	d.send(press("down"), press("enter"))
	if !strings.Contains(d.screen(), "(no body)") {
		t.Errorf("a notification without a body:\n%s", d.screen())
	}
}

func TestNotificationsLogEmptiedWhileOpen(t *testing.T) {
	sb := newFakeSandbox()
	d := qaDriver(t, sb, 80, 24)
	d.send(fkey(6))
	logRead(d)
	d.send(press("enter"))
	sb.mu.Lock()
	sb.sent = nil // POST /sandbox/reset
	sb.mu.Unlock()
	d.send(tickMsg(fixedNow))
	d.untilScreen("The sandbox has sent no notification yet.")
	d.send(press("down"), press("r"))
	if !strings.Contains(d.screen(), "The sandbox has sent no notification yet.") {
		t.Errorf("after a reset:\n%s", d.screen())
	}
}

// The copy of a notification the sandbox doubled on purpose says so,
// rather than "no answer".
func TestNotificationsDuplicateSaidSo(t *testing.T) {
	for _, l := range []Lang{LangEN, LangRU} {
		sb := newFakeSandbox()
		sb.sent = []qa.SentNotification{{Seq: 3, Time: fixedNow, Status: "succeeded", Note: "duplicate (fault)"}, {Seq: 2, Time: fixedNow}}
		o := testOptions()
		o.Sandbox, o.Language = sb, l
		d := newDriver(t, New(o), 120, 40)
		d.send(fkey(6)) // newest first: the one with no answer
		logRead(d)
		if !strings.Contains(lineWith(d.screen(), l.T("Merchant's answer")), l.T("no answer")) {
			t.Errorf("%s: a notification with no answer:\n%s", l, d.screen())
		}
		d.send(press("down"))
		if want := l.T("duplicate (fault)"); !strings.Contains(lineWith(d.screen(), l.T("Merchant's answer")), want) {
			t.Errorf("%s: no %q:\n%s", l, want, d.screen())
		}
		if l == LangRU && l.T("duplicate (fault)") == "duplicate (fault)" {
			t.Error("the catalogue has no Russian for duplicate (fault)")
		}
	}
}

// lineWith is the screen's first line holding s, "" when none.
func lineWith(screen, s string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}
