package ui

import (
	"strings"
	"testing"
)

func TestNotificationsListAndReplay(t *testing.T) {
	sb := newFakeSandbox()
	d := qaDriver(t, sb, 120, 40)
	d.send(fkey(6))
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
	if len(sb.replayed) != 1 || sb.replayed[0] != 12 {
		t.Fatalf("replayed %v, want [12]", sb.replayed)
	}
	got = d.screen()
	if !strings.Contains(got, "✓ Replayed as #16: HTTP 200, answer OK") || !strings.Contains(got, "4 notifications") {
		t.Errorf("after the replay:\n%s", got)
	}
	if n := d.app.qa.(notificationsTool); n.list[n.cursor()].Seq != 12 {
		t.Errorf("the cursor left the replayed notification for #%d", n.list[n.cursor()].Seq)
	}
	// A replay the sandbox refuses says why.
	d.send(replayedMsg{err: errString("no event 99 in the log")})
	if !strings.Contains(d.screen(), "✗ Not replayed: no event 99 in the log") {
		t.Errorf("a refused replay:\n%s", d.screen())
	}
	d.send(press("esc"))
	if d.app.qa != nil {
		t.Error("esc did not close the notifications")
	}
}

func TestNotificationsEmpty(t *testing.T) {
	sb := newFakeSandbox()
	sb.sent = nil
	d := qaDriver(t, sb, 80, 24)
	d.send(fkey(6), press("r"), press("down"))
	if !strings.Contains(d.screen(), "The sandbox has sent no notification yet.") || len(sb.replayed) != 0 {
		t.Errorf("empty:\n%s", d.screen())
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestNotificationsBody(t *testing.T) {
	sb := newFakeSandbox()
	sb.sent[2].Body = []byte(`{"octo_payment_UUID":"7c9e6679","status":"waiting_for_capture","maskedPan":"860000** **** 0015","signature":"ABC","total_sum":150000}`)
	d := qaDriver(t, sb, 80, 24)
	d.send(fkey(6), press("enter"))
	got := d.screen()
	for _, want := range []string{`"signature": "ABC"`, `"total_sum": 150000`, "waiting_for_capture · oc-fedcba9876543210fedcba98"} {
		if !strings.Contains(got, want) {
			t.Errorf("the body has no %q:\n%s", want, got)
		}
	}
	d.send(press("esc"))
	if d.app.qa == nil || d.app.qa.(notificationsTool).open {
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
	d.send(fkey(6), press("enter"))
	sb.mu.Lock()
	sb.sent = nil // POST /sandbox/reset
	sb.mu.Unlock()
	d.send(tickMsg(fixedNow), press("down"), press("r"))
	if !strings.Contains(d.screen(), "The sandbox has sent no notification yet.") {
		t.Errorf("after a reset:\n%s", d.screen())
	}
}

// The copy of a notification the sandbox doubled on purpose says so,
// rather than "no answer".
func TestNotificationsDuplicateSaidSo(t *testing.T) {
	st := newStyles()
	for _, l := range []Lang{LangEN, LangRU} {
		st.lang = l
		got := answerText(st, SentNotification{Status: "succeeded", Note: "duplicate (fault)"})
		if want := l.T("duplicate (fault)"); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
	if got := answerText(newStyles(), SentNotification{}); got != "no answer" {
		t.Errorf("a notification with no answer: %q", got)
	}
}
