package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
)

// TestE2ECanariesInWhatTheConsoleWrites walks the real binary through a
// Visa sale with its CVC and 3-D Secure and an Uzcard hold with its code,
// captured, with a canary secret and unique key, recording the walk; then
// greps every byte it wrote — the journal and its WAL and shared memory,
// the log, the recording, and the shift's CSV export of that journal — for
// the card numbers (plain and grouped as typed), the CVC, the code, the
// secret and the unique key.
func TestE2ECanariesInWhatTheConsoleWrites(t *testing.T) {
	const (
		secret    = "CANARY-SECRET-e2e-41c7"
		uniqueKey = "CANARY-UNIQUE-e2e-93fa"
		visa      = "4111111111111111"
		cvc       = "9174"
	)
	dir := t.TempDir()
	journalPath, logPath, rec := filepath.Join(dir, "journal.db"), filepath.Join(dir, "console.log"), filepath.Join(dir, "walk.json")
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[sandbox]\nsecret = \""+secret+"\"\nunique_key = \""+uniqueKey+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := launch(t, 80, 24, []string{"--config", cfg, "--record", rec},
		"OCTO_CASHIER_JOURNAL="+journalPath, "OCTO_CASHIER_LOG="+logPath)

	// A Visa sale: number, expiry, CVC, holder; 3-D Secure approved.
	s.waitText("What would you like to do?")
	s.send("n") // New payment, then the card typed here, as cardOrder walks it
	s.waitText("How does the customer pay?")
	s.send("c")
	s.waitText("┃ Amount, UZS")
	s.typeIn("70000")
	s.waitText("= 70 000 UZS")
	s.send(keyEnter)
	s.waitText("┃ Description")
	s.typeIn("Canary visa")
	s.send(keyEnter)
	s.waitText("┃ Payment")
	s.send(keyEnter)
	s.waitText("┃ Customer phone")
	s.send(keyEnter)
	s.waitText("┃ Customer e-mail")
	s.send(keyEnter)
	s.waitText("┃ Card number")
	s.typeIn(visa)
	s.waitText("Visa ✓")
	s.send(keyEnter)
	s.waitText("┃ Expiry")
	s.typeIn("1230")
	s.send(keyEnter)
	s.waitText("┃ CVC")
	s.typeIn(cvc)
	s.send(keyEnter)
	s.waitText("┃ Cardholder name")
	s.typeIn("CANARY HOLDER")
	s.send(keyEnter)
	// A console that asks to check the order before sending it gets enter.
	if m := s.waitFor("the 3-D Secure page or the check", regexp.MustCompile(`approve|Check before sending`)); m[0] != "approve" {
		s.send(keyEnter)
		s.waitText("approve")
	}
	s.send("a")
	s.waitText("✓ Paid")
	s.send(keyEnter)

	// An Uzcard hold with its code, captured.
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
	s.send(keyCtrlC)
	<-s.done
	_ = s.cmd.Wait()

	// The shift's CSV export of the journal the console wrote.
	j, err := journal.OpenSQLite(journalPath)
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := j.ExportCSV(context.Background(), &csv, time.Time{}, time.Time{}, flows.CSVFormat{}); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), "411111******1111") || !strings.Contains(csv.String(), "860000******0015") {
		t.Fatalf("the CSV lacks the two payments (masked):\n%s", csv.String())
	}

	token := func(v string) *regexp.Regexp { // a short value only as a token of its own
		return regexp.MustCompile(`(^|[^0-9A-Za-z-])` + regexp.QuoteMeta(v) + `([^0-9A-Za-z-]|$)`)
	}
	canaries := map[string]*regexp.Regexp{
		"Visa number":             regexp.MustCompile(visa),
		"Visa number grouped":     regexp.MustCompile("4111 1111 1111 1111"),
		"Uzcard number":           regexp.MustCompile("8600000000000015"),
		"Uzcard number grouped":   regexp.MustCompile("8600 0000 0000 0015"),
		"CVC":                     token(cvc),
		"one-time code":           token(code),
		"shop secret":             regexp.MustCompile(secret),
		"notification unique key": regexp.MustCompile(uniqueKey),
	}
	outputs := map[string][]byte{"CSV export": csv.Bytes()}
	files, _ := filepath.Glob(journalPath + "*")
	files = append(files, logPath, rec)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		outputs[filepath.Base(f)] = data
	}
	if len(outputs["console.log"]) == 0 || len(outputs["walk.json"]) == 0 || len(outputs["journal.db"]) == 0 {
		t.Fatalf("missing output: log %d bytes, recording %d, journal %d", len(outputs["console.log"]),
			len(outputs["walk.json"]), len(outputs["journal.db"]))
	}
	for where, data := range outputs {
		for name, re := range canaries {
			if loc := re.FindIndex(data); loc != nil {
				t.Errorf("%s holds the %s at byte %d: %q", where, name, loc[0],
					bytes.ToValidUTF8(data[max(0, loc[0]-40):min(len(data), loc[1]+40)], nil))
			}
		}
	}
}
