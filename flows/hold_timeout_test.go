package flows

import (
	"context"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// A hold whose outcome comes from a status read (3-D Secure, a lost
// answer) has no expiredHoldTime: Order.HoldTimeout dates it, so the holds
// screen counts it down. OCTO's own expiry wins when it gives one.
func TestHoldTimeoutDatesAHoldWithoutExpiry(t *testing.T) {
	const timeout = 45 * time.Minute
	hold3DS := func(t *testing.T, timeout time.Duration) Payment {
		o := order()
		o.HoldTimeout = timeout
		p, err := NewCardPayment(Hold, o, octo.Card{PAN: visaPAN, Exp: testExp, CVC: testCVC})
		if err != nil {
			t.Fatal(err)
		}
		pm := payment(octo.StatusCreated)
		pm.ExpiredHoldTime = time.Time{}
		return step(t, p, Start{}, Prepared{Info: info(octo.StatusCreated, "1000")}, PayAnswered{Payment: pm, At: t0})
	}
	readAt := t0.Add(2 * time.Minute)

	p := hold3DS(t, timeout)
	p, effs, err := p.Handle(StatusAnswered{Info: info(octo.StatusWaitingForCapture, "1000"), Seq: p.pollSeq, At: readAt})
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
	q = step(t, q, StatusAnswered{Info: info(octo.StatusWaitingForCapture, "1000"), Seq: q.pollSeq, At: readAt})
	if !q.HoldExpires.IsZero() {
		t.Errorf("without a hold timeout: expires %v, want unknown", q.HoldExpires)
	}

	// OCTO's expiredHoldTime (pay's answer) is kept.
	o := order()
	o.HoldTimeout = timeout
	r, err := NewCardPayment(Hold, o, octo.Card{PAN: testPAN, Exp: testExp})
	if err != nil {
		t.Fatal(err)
	}
	r = step(t, r, Start{}, Prepared{Info: info(octo.StatusCreated, "1000")}, PayAnswered{Payment: payment(octo.StatusWaitingForCapture), At: t0})
	if r.State != Held || !r.HoldExpires.Equal(t0.Add(30*time.Minute)) {
		t.Errorf("OCTO's expiry: got %s %v, want held until %v", r.State, r.HoldExpires, t0.Add(30*time.Minute))
	}

	// A lost pay answer resolved by a read: the hold is dated from the read.
	s, err := NewCardPayment(Hold, o, octo.Card{PAN: testPAN, Exp: testExp})
	if err != nil {
		t.Fatal(err)
	}
	s = step(t, s, Start{}, Prepared{Info: info(octo.StatusCreated, "1000")}, PayAnswered{Err: errLost})
	s = step(t, s, StatusAnswered{Info: info(octo.StatusWaitingForCapture, "1000"), Seq: s.pollSeq, At: readAt})
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
	p = step(t, p, StatusAnswered{Info: info(octo.StatusWaitingForCapture, "1000"), Seq: p.pollSeq, At: past})
	if p.State != Held || !p.HoldExpires.IsZero() {
		t.Fatalf("still held: got %s, expires %v, want held with the expiry unknown", p.State, p.HoldExpires)
	}
	if _, effs, _ := p.Handle(Tick{Now: past.Add(time.Second)}); len(effs) != 0 {
		t.Errorf("the next tick asks for %v, want nothing", effectNames(effs))
	}
}

// Against the sandbox: a Visa hold through 3-D Secure is journaled with
// the expiry the hold timeout implies, and when that passes a tick reads
// the status and finds the hold canceled by the gateway.
func TestSandbox3DSHoldExpiryFromHoldTimeout(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{HoldTimeout: 20 * time.Minute})
	o := e.order("50000")
	o.HoldTimeout = e.sb.HoldTimeout()
	p := e.through3DS(Hold, o)
	if p.State != Held {
		t.Fatalf("got %s (%s)", p.State, p.Problem.English())
	}
	holds, err := e.journal.OpenHolds(ctx)
	if err != nil || len(holds) != 1 {
		t.Fatalf("open holds: %v %+v", err, holds)
	}
	left := holds[0].HoldExpires.Sub(e.clock.Now())
	if left <= 19*time.Minute || left > 20*time.Minute {
		t.Errorf("journaled hold expires in %v, want just under 20m", left)
	}
	e.sb.Advance(20*time.Minute + time.Second)
	p = e.drive(p, Tick{Now: e.clock.Now()})
	if p.State != Canceled || !p.Problem.Is(ProblemHoldExpired) {
		t.Fatalf("after the expiry: got %s %q", p.State, p.Problem.English())
	}
	e.agree(p)
}
