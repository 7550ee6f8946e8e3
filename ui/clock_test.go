package ui

import (
	"strings"
	"testing"
	"time"
)

func TestClockMovesAndSaysWhatExpired(t *testing.T) {
	sb := newFakeSandbox()
	d := qaDriver(t, sb, 80, 24)
	d.send(fkey(5))
	d.untilScreen("hold oc-fedcba9876543210fedcba98")
	got := d.screen()
	for _, want := range []string{"23.11.2026 10:30:00", "code of oc-0123456789abcdef01234567", "in 2:31", "hold oc-fedcba9876543210fedcba98"} {
		if !strings.Contains(got, want) {
			t.Errorf("the clock has no %q:\n%s", want, got)
		}
	}
	d.send(press("1"))
	d.untilScreen("Moved 1 min")
	if !sb.Now().Equal(fixedNow.Add(time.Minute)) || !strings.Contains(d.screen(), "Moved 1 min: nothing expired.") {
		t.Fatalf("+1 min:\n%s", d.screen())
	}
	d.send(press("5"))
	d.untilScreen("Moved 5 min")
	if !strings.Contains(d.screen(), "Moved 5 min; expired:") || !strings.Contains(d.screen(), "✓ code of oc-0123456789abcdef01234567") {
		t.Errorf("+5 min did not say the code expired:\n%s", d.screen())
	}
	d.send(press("h"))
	d.untilScreen("Moved 1 h")
	if !sb.Now().Equal(fixedNow.Add(66*time.Minute)) || !strings.Contains(d.screen(), "✓ hold oc-fedcba9876543210fedcba98") {
		t.Errorf("+1 h:\n%s", d.screen())
	}
	if !strings.Contains(d.screen(), "No code, unpaid payment or hold is waiting.") {
		t.Errorf("deadlines left:\n%s", d.screen())
	}
	d.send(press("d"))
	d.untilScreen("Moved 1 d")
	if !sb.Now().Equal(fixedNow.Add(66*time.Minute + 24*time.Hour)) {
		t.Errorf("+1 day: now %s", sb.Now())
	}
}

func TestClockCustomMove(t *testing.T) {
	sb := newFakeSandbox()
	d := qaDriver(t, sb, 80, 24)
	d.send(fkey(5), press("c"))
	d.typeText("2x")
	d.send(press("enter"))
	d.untilScreen(`"2x" is not a duration`)
	if got := d.screen(); !strings.Contains(got, `"2x" is not a duration`) || !strings.Contains(got, "2x") || !sb.Now().Equal(fixedNow) {
		t.Fatalf("bad input:\n%s", got)
	}
	// What was typed stays; correct it.
	d.send(press("backspace"))
	d.send(press("h"))
	d.typeText("30m")
	d.send(press("enter"))
	d.untilScreen("Moved 2 h 30 min")
	if !sb.Now().Equal(fixedNow.Add(150 * time.Minute)) {
		t.Errorf("2h30m moved to %s", sb.Now())
	}
	if !strings.Contains(d.screen(), "Moved 2 h 30 min; expired:") {
		t.Errorf("after the move:\n%s", d.screen())
	}
	d.send(press("c"), press("esc"))
	if strings.Contains(d.screen(), "move by ›") || !strings.Contains(d.screen(), "Move the clock: 1 +1 min") {
		t.Error("esc did not leave the typed move")
	}
	d.send(press("esc"))
	d.until("the clock closed by esc", func(a App) bool { return a.qa == nil })
}
