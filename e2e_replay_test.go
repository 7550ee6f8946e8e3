package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/ui/record"
)

// replayRun runs `octo-cashier replay FILE` and returns its output and
// exit code.
func replayRun(t *testing.T, file string) (string, int) {
	t.Helper()
	out, err := exec.Command(binary(t), "replay", file).CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("replay: %v\n%s", err, out)
	return "", -1
}

// TestE2ERecordAndReplay records a two-stage payment with its code and a
// partial capture in the real console, replays the file (exit 0), then
// replays it with the capture amount tampered with (exit 1, a diff).
func TestE2ERecordAndReplay(t *testing.T) {
	file := filepath.Join(t.TempDir(), "walk.json")
	s := launch(t, 80, 24, []string{"--record", file})
	holdOnUzcard(s)
	code := s.waitFor("the code in the SMS panel", codeRE)[1]
	s.typeIn(code)
	s.send(keyEnter)
	s.waitText("Held              150 000 UZS")
	s.send("p")
	s.waitText("Capture how much?")
	s.typeIn("90000")
	s.waitText("Released to the customer: 60 000 UZS")
	s.send(keyEnter)
	s.waitText("Capture part of the hold?")
	s.send("y")
	s.waitText("✓ Captured")
	s.send(keyEnter)
	s.waitText("What would you like to do?")
	s.send(keyCtrlC)
	<-s.done
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("the console did not end cleanly: %v\n%s", err, s.screen())
	}

	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("no recording: %v", err)
	}
	for what, canary := range map[string]string{"card number": "8600000000000015", "grouped card number": "8600 0000 0000 0015",
		"one-time code": `"` + code + `"`, "shop secret": "sandbox-secret"} {
		if bytes.Contains(raw, []byte(canary)) {
			t.Errorf("the recording holds the %s", what)
		}
	}
	rec, err := record.LoadRecording(file)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Setup.KeepFinished != 100 {
		t.Errorf("recorded keep_finished %d, want the console's 100 (the replay's sandbox keeps as many)", rec.Setup.KeepFinished)
	}
	if n := len(rec.Outcome.Payments); n != 1 || rec.Outcome.Payments[0].Captured != "90000.00" {
		t.Fatalf("recorded outcome %+v, want one payment captured 90000.00", rec.Outcome.Payments)
	}

	out, exit := replayRun(t, file)
	if exit != 0 || !strings.Contains(out, "matches") {
		t.Fatalf("replay of the recording exited %d:\n%s", exit, out)
	}

	// The cashier "typed" 80000: the replay captures that, and says so.
	tampered := false
	for i, e := range rec.Events {
		if e.Key != nil && e.Key.Text == "9" && strings.HasPrefix(e.Where, "hold/") {
			rec.Events[i].Key = &record.RecordedKey{Name: "8", Code: '8', Text: "8"}
			tampered = true
			break
		}
	}
	if !tampered {
		t.Fatal("no '9' typed on the hold screen in the recording")
	}
	bad := filepath.Join(t.TempDir(), "tampered.json")
	if err := rec.Save(bad); err != nil {
		t.Fatal(err)
	}
	out, exit = replayRun(t, bad)
	if exit != 1 {
		t.Fatalf("replay of the tampered recording exited %d, want 1:\n%s", exit, out)
	}
	for _, want := range []string{"- payment 1: hold uzcard succeeded, 150000.00 UZS; captured 90000.00",
		"+ payment 1: hold uzcard succeeded, 150000.00 UZS; captured 80000.00"} {
		if !strings.Contains(out, want) {
			t.Errorf("the diff lacks %q:\n%s", want, out)
		}
	}
}

// A file that is not a recording, or none, is an error (exit 2), not a
// replay that differs (exit 1).
func TestE2EReplayRefusesWhatIsNotARecording(t *testing.T) {
	file := filepath.Join(t.TempDir(), "walk.json")
	if err := os.WriteFile(file, []byte(`{"version": 99}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out, exit := replayRun(t, file)
	if exit != 2 || !strings.Contains(out, "version 99") {
		t.Errorf("replay of another version exited %d:\n%s", exit, out)
	}
	if err := os.WriteFile(file, []byte(`not a recording`), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, exit := replayRun(t, file); exit != 2 {
		t.Errorf("replay of a file that is not JSON exited %d:\n%s", exit, out)
	}
	if out, exit := replayRun(t, filepath.Join(t.TempDir(), "missing.json")); exit != 2 || !strings.Contains(out, "missing.json") {
		t.Errorf("replay of a missing file exited %d:\n%s", exit, out)
	}
	raw, err := exec.Command(binary(t), "replay").CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(raw), "needs one recording file") {
		t.Errorf("replay without a file: %v\n%s", err, raw)
	}
}
