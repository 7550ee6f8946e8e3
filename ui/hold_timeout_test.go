package ui

import (
	"testing"
	"time"
)

// octo.hold_timeout reaches every payment the console starts: it dates a
// hold whose answer gives no expiry (flows.Order.HoldTimeout).
func TestHoldTimeoutReachesTheOrder(t *testing.T) {
	opts := testOptions()
	opts.HoldTimeout = 7 * 24 * time.Hour
	a := New(opts)
	a.order.TwoStage = true
	if got := a.flowOrder().HoldTimeout; got != opts.HoldTimeout {
		t.Errorf("order's hold timeout %v, want %v", got, opts.HoldTimeout)
	}
}
