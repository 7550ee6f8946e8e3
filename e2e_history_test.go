package main

import (
	"strings"
	"testing"
)

// TestE2ERefundPartFromHistory captures a hold, leaves it, finds it in the
// history by its card's last 4 digits, and refunds part of it from the
// payment's detail: the amount is checked against what remains, the
// refund is confirmed, and the result and the detail show it.
func TestE2ERefundPartFromHistory(t *testing.T) {
	s := start(t, 80, 24)
	holdOnUzcard(s)
	code := s.waitFor("the code in the SMS panel", codeRE)[1]
	s.typeIn(code)
	s.send(keyEnter)
	s.waitText("Held              150 000 UZS")
	s.send("f")
	s.waitText("Capture the whole hold?")
	s.send("y")
	s.waitText("✓ Captured")
	s.send(keyEnter)
	s.waitText("What would you like to do?")
	s.send(keyF2) // the SMS panel away: the history has the whole width

	s.send("y")
	s.waitText("All payments, newest first")
	s.waitText("Captured")
	s.typeIn("0015 paid")
	s.waitText("Showing: card •0015 · paid")
	s.waitText("150 000 UZS  •0015  Order 150000")
	s.send(keyEnter)
	s.waitText("Timeline")
	s.waitText("r refund")
	s.send("r")
	s.waitText("Refund how much?")
	for range len("150 000") {
		s.send(keyBackspace)
	}
	s.typeIn("150001")
	s.waitText("more than can be refunded (150 000 UZS)")
	for range len("150 001") {
		s.send(keyBackspace)
	}
	s.typeIn("40000")
	s.waitText("› 40 000")
	s.send(keyEnter)
	s.waitText("Give 40 000 UZS back to the card 8600 00** **** 0015.")
	s.send("y")
	s.waitText("✓ Captured, 40 000 UZS refunded")
	s.waitText("Refunded          40 000 UZS")
	if scr := s.screen(); strings.Contains(scr, "8600000000000015") {
		t.Errorf("the full card number is on screen:\n%s", scr)
	}

	// Back in the history, its search kept: the payment part refunded,
	// and its detail what remains.
	s.send(keyEnter)
	s.waitText("Showing: card •0015 · paid")
	s.waitText("Part refunded")
	s.send(keyEnter)
	s.waitText("Refundable        110 000 UZS")
	s.waitText("Refunding")
	s.send(keyCtrlC)
	<-s.done
}

// keyBackspace is what a terminal sends for the backspace key.
const keyBackspace = "\x7f"
