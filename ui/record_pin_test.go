package ui

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// A walk that opens the shift with a PIN (its repeat mistyped once),
// locks the console, types a wrong PIN and then the right one keeps no
// digit of the PIN in the file, and its replay does the same: the
// mistyped repeat is refused, the wrong PIN too, the right one unlocks.
func TestRecordingKeepsNoPINAndReplaysTheLock(t *testing.T) {
	const pin = "7391"
	w, r := recordingConsole(t)
	h := w.h

	w.at("home")
	w.text("x")
	w.at("shift")
	for i := 0; i < 50 && !h.app.shift.loaded; i++ {
		h.settle()
	}
	w.text("o")
	for i := 0; i < 40 && h.app.shift.open.inputs[0].Value() != ""; i++ {
		w.keys(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	w.text("Aziza")
	w.keys(recEnter)
	w.text(pin)
	w.keys(recEnter)
	w.text("7392") // the repeat differs in its last digit
	w.keys(recEnter)
	if !strings.Contains(plain(h.app.View().Content), "The two PINs differ") {
		t.Fatalf("the mistyped repeat was not refused:\n%s", plain(h.app.View().Content))
	}
	for range 4 {
		w.keys(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	w.text(pin)
	w.keys(recEnter)
	for i := 0; i < 50 && !h.app.shiftNow.HasPIN(); i++ {
		h.settle()
	}
	if !h.app.shiftNow.HasPIN() {
		t.Fatalf("the shift did not open with a PIN:\n%s", plain(h.app.View().Content))
	}
	w.keys(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	w.text("1111")
	w.keys(recEnter)
	w.text(pin)
	w.keys(recEnter)
	if h.app.lock.on {
		t.Fatal("the right PIN did not unlock")
	}
	w.keys(recCtrlC)
	rec := r.Finish(nil)

	raw, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	if found := leaks(t, raw, map[string]string{"PIN": pin, "mistyped repeat": "7392"}); len(found) > 0 {
		t.Errorf("the recording holds the %v", found)
	}
	pins, same := 0, 0
	for _, e := range rec.Events {
		if e.Secret != nil && e.Secret.Kind == SecretPIN {
			pins++
			if e.Secret.Same {
				same++
			}
		}
	}
	// 4 + 4 (3 match) + 4 (after the erase) + 4 wrong + 4 right.
	if pins != 20 || same != 4+3+4+4 {
		t.Errorf("PIN keys recorded: %d (%d the PIN's), want 20 (15)", pins, same)
	}

	// Replayed on a fresh console: its own recording decides each PIN key
	// by what happened (the repeat matched or not, the lock opened or not),
	// so the same flags mean the same refusals and the same unlock.
	rb := newReplayBench(t, rec.Start)
	rb.env.Wait = 5 * time.Second
	again := NewRecorder(rb.sb.Now, rec.Start, rec.Setup)
	rb.env.Recorder = again
	if _, err := Play(rec, rb.env); err != nil {
		t.Fatalf("replay: %v", err)
	}
	flags := func(rec *Recording) string {
		var b strings.Builder
		for _, e := range rec.Events {
			if e.Secret != nil && e.Secret.Kind == SecretPIN {
				b.WriteString(map[bool]string{true: "=", false: "≠"}[e.Secret.Same])
			}
		}
		return b.String()
	}
	if got, want := flags(again.Finish(nil)), flags(rec); got != want {
		t.Errorf("the replay's PIN keys %s, want %s", got, want)
	}
}
