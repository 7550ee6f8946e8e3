package flows

import (
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// The page's state machine: reads, the cashier's check and notifications;
// nothing is sent but status reads.
func pageOrder() Order {
	o := order()
	o.TTLMinutes = 15
	return o
}

func TestPagePaymentMoves(t *testing.T) {
	p, err := NewPagePayment(Hold, pageOrder())
	if err != nil {
		t.Fatal(err)
	}
	p = step(t, p, Start{})
	p = step(t, p, Prepared{Info: &octo.PaymentInfo{PaymentUUID: "u-1", PayURL: "https://pay2.octo.uz/pay/u-1?language=ru",
		Status: octo.StatusCreated}, At: octotest.T0})
	if p.State != AwaitingPage || p.Needs() != NeedPage || !p.PayExpires.Equal(octotest.T0.Add(15*time.Minute)) {
		t.Fatalf("%s needs %s, expires %s", p.State, p.Needs(), p.PayExpires)
	}
	if p.Can(Capture{}) || p.Can(SubmitCode{Code: "1"}) || !p.Can(Check{}) || !p.Can(Notified{Status: octo.StatusSucceeded}) {
		t.Error("the page payment allows the wrong events")
	}
	seq := p.pollSeq
	p = step(t, p, Notified{Status: octo.StatusWaitingForCapture})
	if p.pollSeq == seq {
		t.Fatal("a notification did not read the status")
	}
	stale := step(t, p, StatusAnswered{Info: octotest.Info(octo.StatusWaitingForCapture, "1000"), Seq: seq, At: octotest.T0})
	if stale.State != AwaitingPage {
		t.Errorf("an older read moved the payment to %s", stale.State)
	}
	p = step(t, p, StatusAnswered{Info: octotest.Info(octo.StatusWaitingForCapture, "1000"), Seq: p.pollSeq, At: octotest.T0,
		Card: "860000******0015"})
	if p.State != Held || p.Card != "860000******0015" || p.Method != octo.MethodUzcard {
		t.Fatalf("got %s card %q method %s", p.State, p.Card, p.Method)
	}
}

// Canceled before its ttl is a cancel on the page; at or after it, or
// with the ttl unknown, an expiry.
func TestPagePaymentEndings(t *testing.T) {
	for _, tc := range []struct {
		st   octo.Status
		at   time.Duration
		want string
	}{
		{octo.StatusFailed, time.Minute, msgPageDeclined},
		{octo.StatusCanceled, time.Minute, msgPageCanceled},
		{octo.StatusCanceled, 15 * time.Minute, msgPageExpired},
	} {
		p, _ := NewPagePayment(Sale, pageOrder())
		p = step(t, p, Start{}, Prepared{Info: &octo.PaymentInfo{PaymentUUID: "u", PayURL: "x", Status: octo.StatusCreated}, At: octotest.T0})
		p = step(t, p, StatusAnswered{Info: octotest.Info(tc.st, "1000"), Seq: p.pollSeq, At: octotest.T0.Add(tc.at)})
		if p.State != Declined || p.Problem.English() != tc.want {
			t.Errorf("%s at +%s: %s %q, want %q", tc.st, tc.at, p.State, p.Problem, tc.want)
		}
	}
}
