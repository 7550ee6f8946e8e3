package sandbox_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// notificationEvent waits for the logged delivery of a notification of
// status for uuid and returns it.
func notificationEvent(t *testing.T, sb *sandbox.Sandbox, uuid, status, note string) sandbox.Event {
	t.Helper()
	var found sandbox.Event
	waitFor(t, status+" notification in the log", func() bool {
		for _, ev := range sb.Events() {
			if ev.Kind == sandbox.EventNotification && ev.PaymentUUID == uuid && ev.Method == status && strings.Contains(ev.Note, note) {
				found = ev
				return true
			}
		}
		return false
	})
	return found
}

func TestReplayResendsTheSameNotification(t *testing.T) {
	rcv := newReceiver(t, answer{http.StatusOK, "first"}, answer{http.StatusOK, "again"})
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"notify_url": rcv.URL})
	e.ok("/pay/"+uuid, cardBody("4111111111111111", "bank_card"))
	first := rcv.next(t)
	orig := notificationEvent(t, e.sb, uuid, "wait_user_action", "")

	ev, err := e.sb.Replay(orig.Seq)
	if err != nil {
		t.Fatal(err)
	}
	again := rcv.next(t)
	if again.str("hash_key") != first.str("hash_key") || again.str("signature") != first.str("signature") || again.str("status") != "wait_user_action" {
		t.Errorf("replayed %v, first was %v", again, first)
	}
	if ev.Seq <= orig.Seq || ev.HTTPStatus != http.StatusOK || ev.Answer != "again" || ev.Note != "replay of #"+strconv.FormatInt(orig.Seq, 10) {
		t.Errorf("replay event = %+v", ev)
	}
	if countNotes(e.sb, "replay of #") != 1 {
		t.Error("the replay is not in the log once")
	}
}

func TestReplayALostNotificationDeliversIt(t *testing.T) {
	rcv := newReceiver(t)
	e := newEnv(t, sandbox.Options{})
	e.sb.Inject(sandbox.Fault{Kind: sandbox.FaultLoseNotification, Method: "wait_user_action"})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"notify_url": rcv.URL})
	e.ok("/pay/"+uuid, cardBody("4111111111111111", "bank_card"))
	lost := notificationEvent(t, e.sb, uuid, "wait_user_action", "lost (fault)")
	if _, err := e.sb.Replay(lost.Seq); err != nil {
		t.Fatal(err)
	}
	if n := rcv.next(t); n.str("octo_payment_UUID") != uuid || n.str("status") != "wait_user_action" {
		t.Errorf("replayed %v", n)
	}
}

func TestReplayRefusals(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.prepare("o-1", true, "1000", nil)
	var request int64
	for _, ev := range e.sb.Events() {
		if ev.Kind == sandbox.EventRequest {
			request = ev.Seq
		}
	}
	for _, c := range []struct {
		seq  int64
		want string
	}{{request, "not a notification"}, {99999, "no event 99999"}} {
		if _, err := e.sb.Replay(c.seq); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Replay(%d) = %v, want %q", c.seq, err, c.want)
		}
	}
	status, body := e.raw(http.MethodPost, "/sandbox/notifications/"+strconv.FormatInt(request, 10)+"/replay", "")
	if status != http.StatusConflict || !strings.Contains(string(body), "not a notification") {
		t.Errorf("control replay: HTTP %d %s", status, body)
	}
	if status, _ := e.raw(http.MethodPost, "/sandbox/notifications/x/replay", ""); status != http.StatusBadRequest {
		t.Errorf("control replay of x: HTTP %d", status)
	}
}

func TestControlReplay(t *testing.T) {
	rcv := newReceiver(t)
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"notify_url": rcv.URL})
	e.ok("/pay/"+uuid, cardBody("4111111111111111", "bank_card"))
	rcv.next(t)
	orig := notificationEvent(t, e.sb, uuid, "wait_user_action", "")
	status, body := e.raw(http.MethodPost, "/sandbox/notifications/"+strconv.FormatInt(orig.Seq, 10)+"/replay", "")
	if status != http.StatusOK || !strings.Contains(string(body), `"http_status":200`) {
		t.Errorf("HTTP %d %s", status, body)
	}
	if n := rcv.next(t); n.str("octo_payment_UUID") != uuid {
		t.Errorf("replayed %v", n)
	}
}
