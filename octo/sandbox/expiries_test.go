package sandbox_test

import (
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

func TestDeadlinesAndFastForward(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, OTPLifetime: 3 * time.Minute, HoldTimeout: 30 * time.Minute})
	unpaid := e.prepare("o-unpaid", true, "1000", map[string]any{"ttl": 10})
	withCode := e.prepare("o-code", true, "1000", nil)
	e.payOTP(withCode, "8600000000000015", "uzcard")
	held := e.paid("o-held", false, "1000", nil)

	got := e.sb.Deadlines()
	want := []struct{ what, uuid string }{
		{sandbox.ExpiryCode, withCode},
		{sandbox.ExpiryPayment, unpaid},
		{sandbox.ExpiryPayment, withCode},
		{sandbox.ExpiryHold, held},
	}
	if len(got) != len(want) {
		t.Fatalf("deadlines = %+v", got)
	}
	for i, w := range want {
		if got[i].What != w.what || got[i].PaymentUUID != w.uuid || got[i].ShopTransactionID == "" {
			t.Errorf("deadline %d = %+v, want %s of %s", i, got[i], w.what, w.uuid)
		}
	}

	if passed := e.sb.FastForward(time.Minute); len(passed) != 0 {
		t.Errorf("a minute ended %+v", passed)
	}
	passed := e.sb.FastForward(10 * time.Minute)
	if len(passed) != 2 || passed[0].What != sandbox.ExpiryCode || passed[1].PaymentUUID != unpaid {
		t.Errorf("ten more minutes ended %+v, want the code and the unpaid payment", passed)
	}
	if st := e.status("o-unpaid").str("status"); st != "canceled" {
		t.Errorf("the unpaid payment is %s", st)
	}
	passed = e.sb.FastForward(24 * time.Hour)
	if len(passed) != 2 || passed[0].PaymentUUID != withCode || passed[1].What != sandbox.ExpiryHold {
		t.Errorf("a day ended %+v, want the payment with a code and the hold", passed)
	}
	if len(e.sb.Deadlines()) != 0 {
		t.Errorf("deadlines left: %+v", e.sb.Deadlines())
	}
	if e.sb.FastForward(0) != nil || countNotes(e.sb, "clock advanced by") != 3 {
		t.Error("the clock moves are not logged once each")
	}
}
