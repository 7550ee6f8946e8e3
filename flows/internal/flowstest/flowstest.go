// Package flowstest holds what the tests of flows/journal and flows/run
// share: test cards and canned OCTO answers, payments walked to a state,
// journal records and report lines (reports.go), and a throwaway
// PostgreSQL schema per test (postgres.go). flows' own tests keep their
// copy of the first ones (helpers_test.go): they cannot import a package
// that imports flows.
package flowstest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Test card data. The canary test greps the journal for these.
const (
	PAN     = "8600000000000015"
	Exp     = "2912"
	CVC     = "735"
	Code    = "481516"
	VisaPAN = "4111111111111111"
)

// Min is a shop's refund_min low enough that the 1000 UZS test
// payments refund in parts; refund_limits_test checks OCTO's real bounds.
var Min = Dec("1")

// T0 is the tests' fixed start time.
var T0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// Dec parses a decimal or panics.
func Dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Order is a 1000 UZS test order.
func Order() flows.Order {
	return flows.Order{ShopTransactionID: "oc-test-1", Amount: Dec("1000.00"), Description: "Coffee", Operator: "ali", Test: true}
}

// NewCard is a card payment of the test order.
func NewCard(t *testing.T, kind flows.Kind, pan string) flows.Payment {
	t.Helper()
	p, err := flows.NewCardPayment(kind, Order(), octo.Card{PAN: pan, Exp: Exp, CVC: CVC})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Canned gateway answers.
var (
	ErrRefused = &octo.Error{Method: "x", Code: 99, Message: "Card blocked"}
	ErrLost    = &octo.TransportError{Method: "x", Sent: true, Err: errors.New("timeout")}
	ErrNotSent = &octo.TransportError{Method: "x", Sent: false, Err: errors.New("dial refused")}
)

// Info is a status answer about the test order.
func Info(st octo.Status, total string) *octo.PaymentInfo {
	return &octo.PaymentInfo{ShopTransactionID: "oc-test-1", PaymentUUID: "uuid-1", Status: st, TotalSum: Dec(total)}
}

// Payment is pay's answer about the test order.
func Payment(st octo.Status) *octo.Payment {
	return &octo.Payment{ID: 77, UUID: "uuid-1", Status: st, TotalSum: Dec("1000"), First6: "860000", Last4: "0015",
		RedirectURL: "https://sandbox/3ds/uuid-1", ExpiredHoldTime: T0.Add(30 * time.Minute)}
}

// Verification is verificationInfo's answer with secs left for the code.
func Verification(secs int) *octo.Verification {
	return &octo.Verification{VerifyID: 5, Phone: "+998** *****67", SecondsLeft: secs}
}

// Step applies events and fails the test on an error.
func Step(t *testing.T, p flows.Payment, evs ...flows.Event) flows.Payment {
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

// Reach builds a payment in state s by a plausible path.
func Reach(t *testing.T, kind flows.Kind, s flows.State) flows.Payment {
	t.Helper()
	pan := PAN
	if s == flows.Awaiting3DS {
		pan = VisaPAN
	}
	p := NewCard(t, kind, pan)
	path := map[flows.State][]flows.Event{
		flows.Draft:        nil,
		flows.Preparing:    {flows.Start{}},
		flows.Paying:       {flows.Start{}, flows.Prepared{Info: Info(octo.StatusCreated, "1000")}},
		flows.Verifying:    {flows.Start{}, flows.Prepared{Info: Info(octo.StatusCreated, "1000")}, flows.PayAnswered{Payment: Payment(octo.StatusCreated)}},
		flows.Awaiting3DS:  {flows.Start{}, flows.Prepared{Info: Info(octo.StatusCreated, "1000")}, flows.PayAnswered{Payment: Payment(octo.StatusCreated)}},
		flows.Failed:       {flows.Start{}, flows.Prepared{Err: ErrNotSent}},
		flows.Declined:     {flows.Start{}, flows.Prepared{Info: Info(octo.StatusCreated, "1000")}, flows.PayAnswered{Err: ErrRefused}},
		flows.Resolving:    {flows.Start{}, flows.Prepared{Info: Info(octo.StatusCreated, "1000")}, flows.PayAnswered{Err: ErrLost}},
		flows.AwaitingOTP:  nil,
		flows.OTPExpired:   nil,
		flows.CheckingOTP:  nil,
		flows.ResendingOTP: nil,
		flows.Held:         nil,
		flows.Succeeded:    nil,
		flows.Capturing:    nil,
		flows.Canceling:    nil,
		flows.Canceled:     nil,
		flows.Refunding:    nil,
	}
	otp := append(path[flows.Verifying], flows.VerificationAnswered{Verification: Verification(180), At: T0})
	path[flows.AwaitingOTP] = otp
	path[flows.OTPExpired] = append(otp[:len(otp):len(otp)], flows.Tick{Now: T0.Add(181 * time.Second)})
	path[flows.CheckingOTP] = append(otp[:len(otp):len(otp)], flows.SubmitCode{Code: Code, At: T0.Add(time.Second)})
	path[flows.ResendingOTP] = append(otp[:len(otp):len(otp)], flows.ResendCode{})
	final := octo.StatusSucceeded
	if kind == flows.Hold {
		final = octo.StatusWaitingForCapture
	}
	done := append(path[flows.CheckingOTP][:len(path[flows.CheckingOTP]):len(path[flows.CheckingOTP])], flows.CodeChecked{Payment: Payment(final)})
	switch kind {
	case flows.Hold:
		path[flows.Held] = done
		path[flows.Capturing] = append(done[:len(done):len(done)], flows.Capture{})
		path[flows.Canceling] = append(done[:len(done):len(done)], flows.Cancel{})
		path[flows.Canceled] = append(done[:len(done):len(done)], flows.Cancel{}, flows.CancelAnswered{Info: Info(octo.StatusCanceled, "1000")})
		path[flows.Succeeded] = append(done[:len(done):len(done)], flows.Capture{}, flows.CaptureAnswered{Info: Info(octo.StatusSucceeded, "1000")})
	case flows.Sale:
		path[flows.Succeeded] = done
	}
	if s == flows.Refunding {
		path[flows.Refunding] = append(path[flows.Succeeded][:len(path[flows.Succeeded]):len(path[flows.Succeeded])], flows.Refund{Min: Min})
	}
	evs, ok := path[s]
	if !ok || (evs == nil && s != flows.Draft) {
		t.Fatalf("no path to %s for a %s", s, kind)
	}
	p = Step(t, p, evs...)
	if p.State != s {
		t.Fatalf("reach %s: got state %s", s, p.State)
	}
	return p
}

// EffectNames names effects, for messages.
func EffectNames(effs []flows.Effect) []string {
	out := make([]string, len(effs))
	for i, e := range effs {
		out[i] = e.EffectName()
	}
	return out
}

// Rec is a payment's record as a flow would journal it: a sale or hold
// of amount, captured so far, on a card (masked), by operator ali.
func Rec(id string, kind flows.Kind, s flows.State, amount, captured string, card string) flows.Record {
	r := flows.Record{ShopTransactionID: id, Kind: kind, Method: flows.MethodOf(strings.ReplaceAll(card, "*", "0")), State: s,
		Currency: "UZS", Amount: Dec(amount), Captured: Dec(captured), Card: card, Operator: "ali"}
	if kind == flows.Hold && s == flows.Succeeded {
		r.Released = r.Amount.Sub(r.Captured)
	}
	return r
}
