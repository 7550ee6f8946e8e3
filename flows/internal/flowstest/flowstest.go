// Package flowstest holds what the tests of flows/journal and flows/run
// share that needs flows' types: the test order and payments walked to a
// state, journal records and report lines (reports.go), the store journal
// opened on either engine (stores.go) and a throwaway PostgreSQL schema
// per test (postgres.go). The test cards and OCTO's canned answers, which
// do not need flows, are octotest's, shared with flows' own tests. Those
// keep their copy of Order, NewCard, Step, Reach and EffectNames
// (flows/helpers_test.go): an internal test of flows cannot import a
// package that imports flows, and the walks use flows' types.
package flowstest

import (
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Order is a 1000 UZS test order.
func Order() flows.Order {
	return flows.Order{ShopTransactionID: "oc-test-1", Amount: octotest.Dec("1000.00"), Description: "Coffee", Operator: "ali", Test: true}
}

// NewCard is a card payment of the test order.
func NewCard(t *testing.T, kind flows.Kind, pan string) flows.Payment {
	t.Helper()
	p, err := flows.NewCardPayment(kind, Order(), octo.Card{PAN: pan, Exp: octotest.Exp, CVC: octotest.CVC})
	if err != nil {
		t.Fatal(err)
	}
	return p
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
	pan := octotest.PAN
	if s == flows.Awaiting3DS {
		pan = octotest.VisaPAN
	}
	p := NewCard(t, kind, pan)
	path := map[flows.State][]flows.Event{
		flows.Draft:        nil,
		flows.Preparing:    {flows.Start{}},
		flows.Paying:       {flows.Start{}, flows.Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}},
		flows.Verifying:    {flows.Start{}, flows.Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, flows.PayAnswered{Payment: octotest.Payment(octo.StatusCreated)}},
		flows.Awaiting3DS:  {flows.Start{}, flows.Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, flows.PayAnswered{Payment: octotest.Payment(octo.StatusCreated)}},
		flows.Failed:       {flows.Start{}, flows.Prepared{Err: octotest.ErrNotSent}},
		flows.Declined:     {flows.Start{}, flows.Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, flows.PayAnswered{Err: octotest.ErrRefused}},
		flows.Resolving:    {flows.Start{}, flows.Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, flows.PayAnswered{Err: octotest.ErrLost}},
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
	otp := append(path[flows.Verifying], flows.VerificationAnswered{Verification: octotest.Verification(180), At: octotest.T0})
	path[flows.AwaitingOTP] = otp
	path[flows.OTPExpired] = append(otp[:len(otp):len(otp)], flows.Tick{Now: octotest.T0.Add(181 * time.Second)})
	path[flows.CheckingOTP] = append(otp[:len(otp):len(otp)], flows.SubmitCode{Code: octotest.Code, At: octotest.T0.Add(time.Second)})
	path[flows.ResendingOTP] = append(otp[:len(otp):len(otp)], flows.ResendCode{})
	final := octo.StatusSucceeded
	if kind == flows.Hold {
		final = octo.StatusWaitingForCapture
	}
	done := append(path[flows.CheckingOTP][:len(path[flows.CheckingOTP]):len(path[flows.CheckingOTP])], flows.CodeChecked{Payment: octotest.Payment(final)})
	switch kind {
	case flows.Hold:
		path[flows.Held] = done
		path[flows.Capturing] = append(done[:len(done):len(done)], flows.Capture{})
		path[flows.Canceling] = append(done[:len(done):len(done)], flows.Cancel{})
		path[flows.Canceled] = append(done[:len(done):len(done)], flows.Cancel{}, flows.CancelAnswered{Info: octotest.Info(octo.StatusCanceled, "1000")})
		path[flows.Succeeded] = append(done[:len(done):len(done)], flows.Capture{}, flows.CaptureAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000")})
	case flows.Sale:
		path[flows.Succeeded] = done
	}
	if s == flows.Refunding {
		path[flows.Refunding] = append(path[flows.Succeeded][:len(path[flows.Succeeded]):len(path[flows.Succeeded])], flows.Refund{Min: octotest.Min})
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
		Currency: "UZS", Amount: octotest.Dec(amount), Captured: octotest.Dec(captured), Card: card, Operator: "ali"}
	if kind == flows.Hold && s == flows.Succeeded {
		r.Released = r.Amount.Sub(r.Captured)
	}
	return r
}
