package ui

import (
	"encoding/json"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
)

// OCTO refunds at most 10 000 000 UZS and at least ~1 USD at a time
// (REFERENCE §2.9): the refund screen says which limit an amount breaks,
// offers the largest single refund, and takes the rest in refunds that
// follow one another — each read back on the sandbox.
func TestRefundScreenSplitsALargeRefund(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	pay(d, "25000000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })

	clear := func() {
		for range 12 {
			d.key(tea.KeyBackspace)
		}
	}
	for i, want := range []string{"10000000", "20000000", "25000000"} {
		d.send(tea.KeyPressMsg{Code: 'r', Text: "r"})
		prefill := d.app.result.input.Value()
		if i == 0 {
			if prefill != "10 000 000" {
				t.Fatalf("refund field starts at %q, want OCTO's largest refund, 10 000 000", prefill)
			}
			clear()
			d.typeText("25000000")
			d.until("the split", func(a App) bool {
				return strings.Contains(words(a), "OCTO refunds at most 10 000 000 UZS at a time: refund it as 3 refunds")
			})
			d.key(tea.KeyEnter)
			if d.app.confirm != nil {
				t.Fatal("offered a refund over OCTO's limit")
			}
			clear()
			d.typeText("5000")
			d.until("the minimum", func(a App) bool {
				return strings.Contains(words(a), "OCTO refunds at least 12 800 UZS at a time")
			})
			clear()
			d.typeText("10000000")
		}
		d.key(tea.KeyEnter)
		d.until("the confirmation", func(a App) bool { return a.confirm != nil })
		d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
		d.until("refunded", func(a App) bool {
			return a.pay.State == flows.Succeeded && a.pay.Refunded.Equal(decimal.RequireFromString(want))
		})
	}
	var amounts []string
	for _, e := range sb.Events() {
		if e.Kind == "request" && e.Method == "refund" {
			var b struct{ Amount decimal.Decimal }
			_ = json.Unmarshal(e.Body, &b)
			amounts = append(amounts, b.Amount.StringFixed(2))
		}
	}
	if got := strings.Join(amounts, " "); got != "10000000.00 10000000.00 5000000.00" {
		t.Errorf("refunds on the wire: %s", got)
	}
}

// words is the screen's text with its line breaks and indents as single
// spaces, so a sentence wrapped across lines still reads as one.
func words(a App) string { return strings.Join(strings.Fields(plain(a.View().Content)), " ") }
