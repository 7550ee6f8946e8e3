package main

import (
	"strings"
	"testing"
	"time"
)

// TestE2EDetailShowsTheExchanges captures a hold, opens it from the
// history, and finds the requests the console sent about it in its
// timeline, wired from the client's observer through the journal; the
// capture opens on its redacted JSON.
func TestE2EDetailShowsTheExchanges(t *testing.T) {
	s := start(t, 120, 40)
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
	s.send(keyF2)

	s.send("y")
	s.waitText("All payments, newest first")
	s.send(keyEnter)
	s.waitText("Timeline")
	s.waitText("→ set_accept  HTTP 200 · ok")
	// Up from the newest entry to the capture's request.
	for range 40 {
		sel := selectedLine(s.screen())
		if strings.Contains(sel, "→ set_accept") {
			break
		}
		s.send("\x1b[A")
		deadline := time.Now().Add(5 * time.Second)
		for selectedLine(s.screen()) == sel && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
	}
	s.send(keyEnter)
	s.waitText("set_accept · POST")
	s.waitText(`"accept_status": "capture"`)
	if scr := s.screen(); strings.Contains(scr, "8600000000000015") {
		t.Errorf("the full card number is on screen:\n%s", scr)
	}
	s.send(keyCtrlC)
	<-s.done
}

// selectedLine is the screen's line under the cursor ("› ").
func selectedLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "› ") {
			return l
		}
	}
	return ""
}
