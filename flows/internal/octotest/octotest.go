// Package octotest holds the OCTO test data that the tests of flows and
// of the packages built on it (flows/journal, flows/run, through
// flowstest) share: test cards, the fixed start time, and OCTO's canned
// answers about the 1000 UZS test order. It lives apart from flowstest
// because it does not need flows' types: flows' own (internal) tests
// cannot import flowstest, which imports flows, but can import this.
package octotest

import (
	"errors"
	"time"

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
