package main

import (
	"strings"
	"testing"
)

const (
	keyF3 = "\x1bOR"
	keyF4 = "\x1bOS"
	keyF5 = "\x1b[15~"
	keyF6 = "\x1b[17~"
)

// TestE2ETimeoutAfterCommit arms a lost answer to the code from the
// scenario picker in the middle of a payment, then watches the console
// resolve it and the inspector show what happened.
func TestE2ETimeoutAfterCommit(t *testing.T) {
	s := start(t, 80, 24)
	holdOnUzcard(s)
	code := s.waitFor("the code in the SMS panel", codeRE)[1]
	s.send(keyF2) // the panel off: the tools get the whole width
	s.send(keyF4)
	s.waitText("Scenario for the next payment")
	for range testCardCount {
		s.send(keyDown)
	}
	s.waitText("› Timeout after commit")
	s.waitText("‹ confirming the code ›")
	s.send(keyEnter)
	s.waitText("check_sms_key: done, then no answer · next 1")
	s.send(keyEsc)
	s.waitText("OCTO sent a one-time code")
	s.typeIn(code)
	s.send(keyEnter)
	s.waitText("Held              150 000 UZS") // the status read told what the lost answer did not

	s.send(keyF3)
	s.waitText("Inspector")
	s.waitText("→ check_sms_key")
	scr := s.waitScreen("the lost answer in the inspector", func(scr string) bool { return strings.Contains(scr, "no answer") })
	if strings.Contains(scr, "8600000000000015") || strings.Contains(scr, code) {
		t.Errorf("the inspector after the lost answer:\n%s", scr)
	}
	s.send(keyF6)
	s.waitText("Notifications sent by the sandbox")
	s.waitText("waiting_for_capture")

	// An hour on the sandbox's clock: the hold times out, the sandbox
	// says so, and the console, told by the notification, shows it.
	s.send(keyF5)
	s.waitText("Sandbox clock")
	s.waitText("hold oc-")
	s.send("h")
	s.waitText("Moved 1 h; expired:")
	s.waitText("✓ hold oc-")
	s.send(keyEsc)
	s.waitText("Canceled — the money was released")
	s.send(keyCtrlC)
}

// testCardCount is the scenario picker's test cards, above its faults.
const testCardCount = 9
