package flows

import (
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// The test cards, the fixed start time and OCTO's canned answers are
// octotest's, shared with the tests of flows/journal and flows/run. The
// helpers below, which use flows' types, are written again as flowstest's
// Order, NewCard, Step, Reach and EffectNames: this internal test package
// cannot import flowstest, which imports flows (an import cycle).

func order() Order {
	return Order{ShopTransactionID: "oc-test-1", Amount: octotest.Dec("1000.00"), Description: "Coffee", Operator: "ali", Test: true}
}

func newCard(t *testing.T, kind Kind, pan string) Payment {
	t.Helper()
	p, err := NewCardPayment(kind, order(), octo.Card{PAN: pan, Exp: octotest.Exp, CVC: octotest.CVC})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// step applies events and fails the test on an error.
func step(t *testing.T, p Payment, evs ...Event) Payment {
	t.Helper()
	for _, ev := range evs {
		var err error
		p, _, err = p.Handle(ev)
		if err != nil {
			t.Fatalf("%s: %v", ev.EventName(), err)
		}
	}
	return p
}

// reach builds a payment in state s by a plausible path.
func reach(t *testing.T, kind Kind, s State) Payment {
	t.Helper()
	pan := octotest.PAN
	if s == Awaiting3DS {
		pan = octotest.VisaPAN
	}
	p := newCard(t, kind, pan)
	path := map[State][]Event{
		Draft:        nil,
		Preparing:    {Start{}},
		Paying:       {Start{}, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}},
		Verifying:    {Start{}, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, PayAnswered{Payment: octotest.Payment(octo.StatusCreated)}},
		Awaiting3DS:  {Start{}, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, PayAnswered{Payment: octotest.Payment(octo.StatusCreated)}},
		Failed:       {Start{}, Prepared{Err: octotest.ErrNotSent}},
		Declined:     {Start{}, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, PayAnswered{Err: octotest.ErrRefused}},
		Resolving:    {Start{}, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, PayAnswered{Err: octotest.ErrLost}},
		AwaitingOTP:  nil,
		OTPExpired:   nil,
		CheckingOTP:  nil,
		ResendingOTP: nil,
		Held:         nil,
		Succeeded:    nil,
		Capturing:    nil,
		Canceling:    nil,
		Canceled:     nil,
		Refunding:    nil,
	}
	otp := append(path[Verifying], VerificationAnswered{Verification: octotest.Verification(180), At: octotest.T0})
	path[AwaitingOTP] = otp
	path[OTPExpired] = append(otp[:len(otp):len(otp)], Tick{Now: octotest.T0.Add(181 * time.Second)})
	path[CheckingOTP] = append(otp[:len(otp):len(otp)], SubmitCode{Code: octotest.Code, At: octotest.T0.Add(time.Second)})
	path[ResendingOTP] = append(otp[:len(otp):len(otp)], ResendCode{})
	final := octo.StatusSucceeded
	if kind == Hold {
		final = octo.StatusWaitingForCapture
	}
	done := append(path[CheckingOTP][:len(path[CheckingOTP]):len(path[CheckingOTP])], CodeChecked{Payment: octotest.Payment(final)})
	switch kind {
	case Hold:
		path[Held] = done
		path[Capturing] = append(done[:len(done):len(done)], Capture{})
		path[Canceling] = append(done[:len(done):len(done)], Cancel{})
		path[Canceled] = append(done[:len(done):len(done)], Cancel{}, CancelAnswered{Info: octotest.Info(octo.StatusCanceled, "1000")})
		path[Succeeded] = append(done[:len(done):len(done)], Capture{}, CaptureAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000")})
	case Sale:
		path[Succeeded] = done
	}
	if s == Refunding {
		path[Refunding] = append(path[Succeeded][:len(path[Succeeded]):len(path[Succeeded])], Refund{Min: octotest.Min})
	}
	evs, ok := path[s]
	if !ok || (evs == nil && s != Draft) {
		t.Fatalf("no path to %s for a %s", s, kind)
	}
	p = step(t, p, evs...)
	if p.State != s {
		t.Fatalf("reach %s: got state %s", s, p.State)
	}
	return p
}

func effectNames(effs []Effect) []string {
	out := make([]string, len(effs))
	for i, e := range effs {
		out[i] = e.EffectName()
	}
	return out
}
