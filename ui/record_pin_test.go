package ui

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

// A walk that opens the shift with a PIN (its repeat mistyped once),
// locks the console, types a wrong PIN and then the right one keeps no
// digit of the PIN in the file, and its replay does the same: the
// mistyped repeat is refused, the wrong PIN too, the right one unlocks.
func TestRecordingKeepsNoPINAndReplaysTheLock(t *testing.T) {
	const pin = "7391"
	w, r := recordingConsole(t)
	h := w.h

	openShiftWithPIN(t, w, pin, "7392") // the repeat first differs in its last digit
	w.keys(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	w.text("1111")
	w.keys(recEnter)
	w.text(pin)
	w.keys(recEnter)
	if appIs(h, func(a App) bool { return a.lock.on }) {
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
		if e.Secret != nil && e.Secret.Kind == record.SecretPIN {
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

	replaysTheSamePINKeys(t, rec)
}

// pinFlags is a recording's PIN keys in order: = the PIN's digit, ≠ not.
func pinFlags(rec *record.Recording) string {
	var b strings.Builder
	for _, e := range rec.Events {
		if e.Secret != nil && e.Secret.Kind == record.SecretPIN {
			b.WriteString(map[bool]string{true: "=", false: "≠"}[e.Secret.Same])
		}
	}
	return b.String()
}

// replaysTheSamePINKeys replays rec on a fresh console; the replay's own
// recording decides each PIN key by what happened (the repeat matched or
// not, the lock opened or not), so the same flags mean the same refusals
// and the same unlock.
func replaysTheSamePINKeys(t *testing.T, rec *record.Recording) {
	t.Helper()
	rb := newReplayBench(t, rec.Start)
	rb.env.Wait = 5 * time.Second
	again := record.NewRecorder(rb.sb.Now, rec.Start, rec.Setup)
	rb.env.Recorder = again
	if _, err := Play(rec, rb.env); err != nil {
		t.Fatalf("replay: %v", err)
	}
	if got, want := pinFlags(again.Finish(nil)), pinFlags(rec); got != want {
		t.Errorf("the replay's PIN keys %s, want %s", got, want)
	}
}

// openShiftWithPIN opens the shift as Aziza with pin, from home; each of
// typos is typed as the repeat first, seen refused and erased.
func openShiftWithPIN(t *testing.T, w *walker, pin string, typos ...string) {
	t.Helper()
	h := w.h
	w.at("home")
	w.text("x")
	w.at("shift")
	for i := 0; i < 50 && !appIs(h, func(a App) bool { return a.shift.loaded }); i++ {
		h.Settle()
	}
	w.text("o")
	for i := 0; i < 40 && appIs(h, func(a App) bool { return a.shift.open.inputs[0].Value() != "" }); i++ {
		w.keys(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	w.text("Aziza")
	w.keys(recEnter)
	w.text(pin)
	w.keys(recEnter)
	for _, typo := range typos {
		w.text(typo)
		w.keys(recEnter)
		if !strings.Contains(screenOf(h), "The two PINs differ") {
			t.Fatalf("the mistyped repeat was not refused:\n%s", screenOf(h))
		}
		for range typo {
			w.keys(tea.KeyPressMsg{Code: tea.KeyBackspace})
		}
	}
	w.text(pin)
	w.keys(recEnter)
	for i := 0; i < 50 && !appIs(h, func(a App) bool { return a.shiftNow.HasPIN() }); i++ {
		h.Settle()
	}
	if !appIs(h, func(a App) bool { return a.shiftNow.HasPIN() }) {
		t.Fatalf("the shift did not open with a PIN:\n%s", screenOf(h))
	}
}

// The right PIN typed during the pause after five wrong ones is refused
// and waits in the field; the enter after the pause unlocks with it. The
// recording calls those digits the PIN's, and the replay unlocks too.
func TestRecordedPINWaitsOutThePause(t *testing.T) {
	const pin = "7391"
	w, r := recordingConsole(t)
	openShiftWithPIN(t, w, pin)
	w.keys(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	for range pinFreeTries {
		w.text("1111")
		w.keys(recEnter)
	}
	w.text(pin)
	w.keys(recEnter) // refused: the pause
	if !appIs(w.h, func(a App) bool { return a.lock.on }) {
		t.Fatal("unlocked during the pause")
	}
	w.later(pinPause + time.Second)
	w.keys(recEnter)
	if appIs(w.h, func(a App) bool { return a.lock.on }) {
		t.Fatalf("the PIN kept in the field did not unlock after the pause:\n%s", screenOf(w.h))
	}
	w.keys(recCtrlC)
	rec := r.Finish(nil)
	if got, want := pinFlags(rec), "========"+strings.Repeat("≠", 4*pinFreeTries)+"===="; got != want {
		t.Errorf("PIN keys recorded %s, want %s", got, want)
	}
	replaysTheSamePINKeys(t, rec)
}
