package flows

import (
	"errors"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Test card data. The canary test greps the journal for these.
const (
	testPAN  = "8600000000000015"
	testExp  = "2912"
	testCVC  = "735"
	testCode = "481516"
	visaPAN  = "4111111111111111"
)

// testMin is a shop's refund_min low enough that the 1000 UZS test
// payments refund in parts; refund_limits_test checks OCTO's real bounds.
var testMin = dec("1")

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func order() Order {
	return Order{ShopTransactionID: "oc-test-1", Amount: dec("1000.00"), Description: "Coffee", Operator: "ali", Test: true}
}

func newCard(t *testing.T, kind Kind, pan string) Payment {
	t.Helper()
	p, err := NewCardPayment(kind, order(), octo.Card{PAN: pan, Exp: testExp, CVC: testCVC})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Canned gateway answers.
var (
	errRefused = &octo.Error{Method: "x", Code: 99, Message: "Card blocked"}
	errLost    = &octo.TransportError{Method: "x", Sent: true, Err: errors.New("timeout")}
	errNotSent = &octo.TransportError{Method: "x", Sent: false, Err: errors.New("dial refused")}
)

func info(st octo.Status, total string) *octo.PaymentInfo {
	return &octo.PaymentInfo{ShopTransactionID: "oc-test-1", PaymentUUID: "uuid-1", Status: st, TotalSum: dec(total)}
}

func payment(st octo.Status) *octo.Payment {
	return &octo.Payment{ID: 77, UUID: "uuid-1", Status: st, TotalSum: dec("1000"), First6: "860000", Last4: "0015",
		RedirectURL: "https://sandbox/3ds/uuid-1", ExpiredHoldTime: t0.Add(30 * time.Minute)}
}

func verification(secs int) *octo.Verification {
	return &octo.Verification{VerifyID: 5, Phone: "+998** *****67", SecondsLeft: secs}
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
	pan := testPAN
	if s == Awaiting3DS {
		pan = visaPAN
	}
	p := newCard(t, kind, pan)
	path := map[State][]Event{
		Draft:        nil,
		Preparing:    {Start{}},
		Paying:       {Start{}, Prepared{Info: info(octo.StatusCreated, "1000")}},
		Verifying:    {Start{}, Prepared{Info: info(octo.StatusCreated, "1000")}, PayAnswered{Payment: payment(octo.StatusCreated)}},
		Awaiting3DS:  {Start{}, Prepared{Info: info(octo.StatusCreated, "1000")}, PayAnswered{Payment: payment(octo.StatusCreated)}},
		Failed:       {Start{}, Prepared{Err: errNotSent}},
		Declined:     {Start{}, Prepared{Info: info(octo.StatusCreated, "1000")}, PayAnswered{Err: errRefused}},
		Resolving:    {Start{}, Prepared{Info: info(octo.StatusCreated, "1000")}, PayAnswered{Err: errLost}},
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
	otp := append(path[Verifying], VerificationAnswered{Verification: verification(180), At: t0})
	path[AwaitingOTP] = otp
	path[OTPExpired] = append(otp[:len(otp):len(otp)], Tick{Now: t0.Add(181 * time.Second)})
	path[CheckingOTP] = append(otp[:len(otp):len(otp)], SubmitCode{Code: testCode, At: t0.Add(time.Second)})
	path[ResendingOTP] = append(otp[:len(otp):len(otp)], ResendCode{})
	final := octo.StatusSucceeded
	if kind == Hold {
		final = octo.StatusWaitingForCapture
	}
	done := append(path[CheckingOTP][:len(path[CheckingOTP]):len(path[CheckingOTP])], CodeChecked{Payment: payment(final)})
	switch kind {
	case Hold:
		path[Held] = done
		path[Capturing] = append(done[:len(done):len(done)], Capture{})
		path[Canceling] = append(done[:len(done):len(done)], Cancel{})
		path[Canceled] = append(done[:len(done):len(done)], Cancel{}, CancelAnswered{Info: info(octo.StatusCanceled, "1000")})
		path[Succeeded] = append(done[:len(done):len(done)], Capture{}, CaptureAnswered{Info: info(octo.StatusSucceeded, "1000")})
	case Sale:
		path[Succeeded] = done
	}
	if s == Refunding {
		path[Refunding] = append(path[Succeeded][:len(path[Succeeded]):len(path[Succeeded])], Refund{Min: testMin})
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
