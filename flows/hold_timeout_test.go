package flows

import (
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// A hold whose outcome comes from a status read (3-D Secure, a lost
// answer) has no expiredHoldTime: Order.HoldTimeout dates it, so the holds
// screen counts it down. OCTO's own expiry wins when it gives one.
func TestHoldTimeoutDatesAHoldWithoutExpiry(t *testing.T) {
	const timeout = 45 * time.Minute
	hold3DS := func(t *testing.T, timeout time.Duration) Payment {
		o := order()
		o.HoldTimeout = timeout
		p, err := NewCardPayment(Hold, o, octo.Card{PAN: octotest.VisaPAN, Exp: octotest.Exp, CVC: octotest.CVC})
		if err != nil {
			t.Fatal(err)
		}
		pm := octotest.Payment(octo.StatusCreated)
		pm.ExpiredHoldTime = time.Time{}
		return step(t, p, Start{}, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, PayAnswered{Payment: pm, At: octotest.T0})
	}
	readAt := octotest.T0.Add(2 * time.Minute)

	p := hold3DS(t, timeout)
	p, effs, err := p.Handle(StatusAnswered{Info: octotest.Info(octo.StatusWaitingForCapture, "1000"), Seq: p.pollSeq, At: readAt})
	if err != nil || p.State != Held {
		t.Fatalf("got %s, %v", p.State, err)
	}
	if want := readAt.Add(timeout); !p.HoldExpires.Equal(want) {
		t.Errorf("hold expires %v, want %v", p.HoldExpires, want)
	}
	if j, ok := effs[0].(Journal); !ok || !j.Record.HoldExpires.Equal(p.HoldExpires) {
		t.Errorf("journaled %v, want the expiry", effs)
	}
	if got := p.HoldTimeLeft(readAt.Add(time.Minute)); got != timeout-time.Minute {
		t.Errorf("time left %v, want %v", got, timeout-time.Minute)
	}

	// No hold timeout configured: unknown, as before.
	q := hold3DS(t, 0)
	q = step(t, q, StatusAnswered{Info: octotest.Info(octo.StatusWaitingForCapture, "1000"), Seq: q.pollSeq, At: readAt})
	if !q.HoldExpires.IsZero() {
		t.Errorf("without a hold timeout: expires %v, want unknown", q.HoldExpires)
	}

	// OCTO's expiredHoldTime (pay's answer) is kept.
	o := order()
	o.HoldTimeout = timeout
	r, err := NewCardPayment(Hold, o, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
	if err != nil {
		t.Fatal(err)
	}
	r = step(t, r, Start{}, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, PayAnswered{Payment: octotest.Payment(octo.StatusWaitingForCapture), At: octotest.T0})
	if r.State != Held || !r.HoldExpires.Equal(octotest.T0.Add(30*time.Minute)) {
		t.Errorf("OCTO's expiry: got %s %v, want held until %v", r.State, r.HoldExpires, octotest.T0.Add(30*time.Minute))
	}

	// A lost pay answer resolved by a read: the hold is dated from the read.
	s, err := NewCardPayment(Hold, o, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
	if err != nil {
		t.Fatal(err)
	}
	s = step(t, s, Start{}, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, PayAnswered{Err: octotest.ErrLost})
	s = step(t, s, StatusAnswered{Info: octotest.Info(octo.StatusWaitingForCapture, "1000"), Seq: s.pollSeq, At: readAt})
	if s.State != Held || !s.HoldExpires.Equal(readAt.Add(timeout)) {
		t.Errorf("resolved hold: got %s %v, want held until %v", s.State, s.HoldExpires, readAt.Add(timeout))
	}
}

// When the expected expiry passes and OCTO still holds the payment (the
// cabinet keeps holds longer than hold_timeout says), the expiry becomes
// unknown: the next ticks do not read the status again and again.
func TestHoldStillHeldPastExpiryStopsReading(t *testing.T) {
	p := reach(t, Hold, Held)
	past := p.HoldExpires.Add(time.Second)
	p, effs, err := p.Handle(Tick{Now: past})
	if err != nil || p.State != Resolving || len(effs) == 0 {
		t.Fatalf("tick past the expiry: %s %v %v", p.State, effectNames(effs), err)
	}
	p = step(t, p, StatusAnswered{Info: octotest.Info(octo.StatusWaitingForCapture, "1000"), Seq: p.pollSeq, At: past})
	if p.State != Held || !p.HoldExpires.IsZero() {
		t.Fatalf("still held: got %s, expires %v, want held with the expiry unknown", p.State, p.HoldExpires)
	}
	if _, effs, _ := p.Handle(Tick{Now: past.Add(time.Second)}); len(effs) != 0 {
		t.Errorf("the next tick asks for %v, want nothing", effectNames(effs))
	}
}
