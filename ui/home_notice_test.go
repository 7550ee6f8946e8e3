package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// TestExpiredHoldIsAnnounced: a hold left open that OCTO cancels when its
// time runs out is said on home, not just dropped from the count.
func TestExpiredHoldIsAnnounced(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	runner := d.app.opts.Runner.(*run.Runner)
	d.app.opts.ApplyHint = func(ctx context.Context, id string, st octo.Status) error {
		_, _, err := run.ApplyNotification(ctx, runner, id, st)
		return err
	}
	pay(d, "150000", true, "8600000000000015", "")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.burst(lastCode(sb) + "\r")
	d.until("held", func(a App) bool { return a.pay.State == flows.Held })
	id := d.app.pay.ShopTransactionID
	d.key(tea.KeyEscape)
	d.until("home with the hold counted", func(a App) bool { return a.screen == screenHome && a.home.openHolds == 1 })
	sb.Advance(31 * time.Minute) // past the sandbox's 30-minute hold
	d.send(hintMsg{ShopTransactionID: id, Status: octo.StatusCanceled, Verified: true})
	d.until("the news", func(a App) bool { return a.notice != "" && a.home.openHolds == 0 })
	if scr := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(scr, "Hold 150 000 UZS · 8600 00** **** 0015 expired — OCTO released it") {
		t.Errorf("home does not say the hold expired:\n%s", d.screen())
	}
}

// TestSlowCodeAnswerSettlesFromAStatusRead: card …0031's answer to the
// code is withheld; a few seconds on, the console reads the status and
// shows the payment paid, instead of waiting out the request's timeout.
// The code is sent once.
func TestSlowCodeAnswerSettlesFromAStatusRead(t *testing.T) {
	d, sb, clk := onSandbox(t, 100, 30)
	pay(d, "150000", false, "8600000000000031", "")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.burst(lastCode(sb) + "\r")
	d.until("the code out", func(a App) bool { return a.pay.State == flows.CheckingOTP && a.payOut > 0 })
	d.send(tickMsg(clk.Now()))
	if d.app.pay.State != flows.CheckingOTP {
		t.Fatalf("read before the answer was slow: %s", d.app.pay.State)
	}
	clk.Advance(slowAnswer + time.Second)
	d.send(tickMsg(clk.Now()))
	d.until("paid from the status", func(a App) bool { return a.pay.State == flows.Succeeded })
	if n := countRequests(sb, "check_sms_key"); n != 1 {
		t.Errorf("check_sms_key sent %d times, want once", n)
	}
	if scr := d.screen(); !strings.Contains(scr, "Paid") || !strings.Contains(scr, "Read from OCTO's status at") {
		t.Errorf("the result does not say it was read from OCTO's status:\n%s", scr)
	}
}

func countRequests(sb interface{ Events() []sandbox.Event }, method string) int {
	n := 0
	for _, ev := range sb.Events() {
		if ev.Kind == sandbox.EventRequest && ev.Method == method {
			n++
		}
	}
	return n
}

// TestQuitOnTheCodeScreenAsks: ctrl+c while the customer reads out the
// code asks first; a second ctrl+c quits.
func TestQuitOnTheCodeScreenAsks(t *testing.T) {
	d, _, _ := onSandbox(t, 100, 30)
	pay(d, "150000", false, "8600000000000015", "")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.send(ctrlC)
	if d.quit || d.app.confirm == nil || !strings.Contains(d.screen(), "Quit with a payment under way?") {
		t.Fatalf("ctrl+c on the code screen: quit %v\n%s", d.quit, d.screen())
	}
	d.send(ctrlC)
	d.until("the quit a second ctrl+c asks for", func(App) bool { return d.quit })
}
