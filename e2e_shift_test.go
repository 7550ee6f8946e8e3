package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/shopspring/decimal"
)

// The back office end to end: holds captured from the dashboard, the
// shift closed and its Z report checked against the journal, a card saved
// and paid with its token. The window is 120 columns wide, so the SMS
// panel shows by itself (newest text on top).

const (
	keySpace = " "
	keyCtrlN = "\x0e"
)

// newCode waits for an SMS code not seen before and remembers it.
func (s *session) newCode(seen map[string]bool) string {
	s.t.Helper()
	deadline := time.Now().Add(e2eLimit)
	for time.Now().Before(deadline) {
		if m := codeRE.FindStringSubmatch(s.screen()); m != nil && !seen[m[1]] {
			seen[m[1]] = true
			return m[1]
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.t.Fatalf("no new SMS code; the screen shows:\n%s", s.screen())
	return ""
}

// cardOrder walks from home to the card form's end: an order of amount
// (shown as grouped), one- or two-stage, paid with the Uzcard test card.
func (s *session) cardOrder(amount, grouped string, twoStage bool) {
	s.t.Helper()
	s.waitText("What would you like to do?")
	s.send("n")
	s.waitText("How does the customer pay?")
	s.send("c")
	s.waitText("┃ Amount, UZS")
	s.typeIn(amount)
	s.waitText("= " + grouped + " UZS")
	s.send(keyEnter)
	s.waitText("┃ Description")
	s.typeIn("Order " + amount)
	s.send(keyEnter)
	s.waitText("┃ Payment")
	if twoStage {
		s.send(keyDown)
		s.waitText("> Two-stage")
	}
	s.send(keyEnter)
	s.waitText("┃ Customer phone")
	s.send(keyEnter)
	s.waitText("┃ Customer e-mail")
	s.send(keyEnter)
	s.cardForm()
	s.waitText("Check before sending") // the summary
	s.send(keyEnter)
}

// cardForm types the Uzcard test card into the card form.
func (s *session) cardForm() {
	s.t.Helper()
	s.waitText("┃ Card number")
	s.typeIn("8600000000000015")
	s.waitText("Uzcard ✓")
	s.send(keyEnter)
	s.waitText("┃ Expiry")
	s.typeIn("1230")
	s.waitText("12/30")
	s.send(keyEnter)
	s.waitText("┃ Cardholder name")
	s.send(keyEnter)
}

// heldAndLeft makes a hold and leaves it for later (esc on the hold screen).
func (s *session) heldAndLeft(amount, grouped string, seen map[string]bool) {
	s.t.Helper()
	s.cardOrder(amount, grouped, true)
	s.waitText("OCTO sent a one-time code")
	s.typeIn(s.newCode(seen))
	s.send(keyEnter)
	s.waitFor("the hold", regexp.MustCompile(`Held\s+`+regexp.QuoteMeta(grouped)+` UZS`))
	s.send(keyEsc)
	s.waitText("What would you like to do?")
}

func TestE2ECaptureTwoHoldsFromDashboard(t *testing.T) {
	s := start(t, 120, 40)
	seen := map[string]bool{}
	s.heldAndLeft("150000", "150 000", seen)
	s.heldAndLeft("90000", "90 000", seen)
	s.waitText("(2 waiting)")
	s.send("h")
	s.waitText("2 waiting. Choose one")
	s.send(keySpace)
	s.send(keySpace)
	s.waitText("2 waiting, 2 selected: 240 000 UZS.")
	s.send("c")
	s.waitText("Capture 2 hold(s) in full?")
	s.waitText("Charge 240 000 UZS in all")
	s.send("y")
	s.waitText("✓ 2 hold(s) captured")
	scr := s.waitScreen("a success mark for each hold", func(scr string) bool { return strings.Count(scr, "✓ ") >= 3 })
	if n := strings.Count(scr, "✓ "); n != 3 { // the heading and one per hold
		t.Errorf("%d success marks, want 3:\n%s", n, scr)
	}
	s.send(keyEnter)
	s.waitText("No holds are waiting for a decision.")
	s.send(keyEsc)
	s.waitText("What would you like to do?")
	if strings.Contains(s.screen(), "waiting)") {
		t.Errorf("home still counts open holds:\n%s", s.screen())
	}
	s.send(keyCtrlC)
	<-s.done
}

// reportRowRE reads a report row: label, count, sum.
var reportRowRE = regexp.MustCompile(`(?m)^\s*(Sales|Held, open|Captured holds|Released \(part captures\)|Canceled holds|Refunds|Unknown outcome)\s+(\d+)\s+([\d ]+(?:\.\d\d)?) UZS`)

func TestE2ECloseShiftZReportMatchesJournal(t *testing.T) {
	// A journal of its own that outlives the console (the sandbox's
	// default one is removed on exit).
	journalPath := filepath.Join(t.TempDir(), "journal.db")
	s := start(t, 120, 40, "OCTO_CASHIER_JOURNAL="+journalPath)
	seen := map[string]bool{}
	// One sale, one hold captured in part, one hold left open.
	s.cardOrder("50000", "50 000", false)
	s.waitText("OCTO sent a one-time code")
	s.typeIn(s.newCode(seen))
	s.send(keyEnter)
	s.waitText("✓ Paid")
	s.send(keyEnter)
	s.cardOrder("150000", "150 000", true)
	s.waitText("OCTO sent a one-time code")
	s.typeIn(s.newCode(seen))
	s.send(keyEnter)
	s.waitFor("the hold", regexp.MustCompile(`Held\s+150 000 UZS`))
	s.send("p")
	s.waitText("Capture how much?")
	s.typeIn("90000")
	s.send(keyEnter)
	s.waitText("Capture part of the hold?")
	s.send("y")
	s.waitText("✓ Captured")
	s.send(keyEnter)
	s.heldAndLeft("70000", "70 000", seen)

	s.send("x")
	s.waitText("X report — shift 1")
	s.send("z")
	// The hold not settled is read at the sandbox first: the journal agrees.
	s.waitText("1 payment(s) read at OCTO: the journal agrees.")
	s.send("z")
	s.waitText("1 hold(s) still open. Close the shift?")
	s.send("y")
	s.waitText("Z report No 1 — shift 1 closed")
	screen := s.waitScreen("the report's 7 rows", func(scr string) bool { return len(reportRowRE.FindAllString(scr, -1)) >= 7 })
	onScreen := map[string][2]string{}
	for _, m := range reportRowRE.FindAllStringSubmatch(screen, -1) {
		onScreen[m[1]] = [2]string{m[2], strings.ReplaceAll(m[3], " ", "")}
	}
	if len(onScreen) != 7 {
		t.Fatalf("read %d report rows, want 7: %v\n%s", len(onScreen), onScreen, screen)
	}
	s.send(keyCtrlC)
	<-s.done

	j, err := journal.OpenSQLite(journalPath)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = j.Close() }()
	zs, err := j.ZReports(context.Background())
	if err != nil || len(zs) != 1 || zs[0].No != 1 {
		t.Fatalf("Z reports in the journal: %+v, %v", zs, err)
	}
	z := zs[0]
	relN, relAmt := z.Releases()
	refN, refAmt := z.Refunds()
	type total struct {
		n   int64
		amt decimal.Decimal
	}
	fromJournal := map[string]total{"Released (part captures)": {relN, relAmt}, "Refunds": {refN, refAmt}}
	for label, bucket := range map[string]string{"Sales": flows.BucketSold, "Held, open": flows.BucketHeld,
		"Captured holds": flows.BucketCaptured, "Canceled holds": flows.BucketCanceled, "Unknown outcome": flows.BucketUnknown} {
		n, amt := z.Total(bucket)
		fromJournal[label] = total{n, amt}
	}
	for label, want := range fromJournal {
		got := onScreen[label]
		amt, err := decimal.NewFromString(got[1])
		if err != nil || got[0] != decimal.NewFromInt(want.n).String() || !amt.Equal(want.amt) {
			t.Errorf("%s: the screen says %s / %s, the journal %d / %s", label, got[0], got[1], want.n, want.amt)
		}
	}
	// And the journal holds what happened.
	for label, want := range map[string]string{"Sales": "50000", "Captured holds": "90000", "Held, open": "70000",
		"Released (part captures)": "60000"} {
		if !fromJournal[label].amt.Equal(decimal.RequireFromString(want)) {
			t.Errorf("%s in the journal: %s, want %s", label, fromJournal[label].amt, want)
		}
	}
}

func TestE2EBindCardAndPayWithToken(t *testing.T) {
	s := start(t, 120, 40)
	seen := map[string]bool{}
	s.waitText("What would you like to do?")
	s.send("s")
	s.waitText("Whose cards?")
	s.typeIn("901234567")
	s.send(keyEnter)
	s.waitText("No saved cards.")
	s.send(keyCtrlN)
	s.cardForm()
	s.waitText("to confirm saving the card")
	s.typeIn(s.newCode(seen))
	s.send(keyEnter)
	s.waitText("✓ Saved.")
	s.send(keyEsc) // back to the customer's cards, the new one listed
	s.waitFor("the saved card, masked", regexp.MustCompile(`8600 00\*\* \*\*\*\* 0015\s+uzcard\s+ready`))
	if strings.Contains(s.screen(), "8600000000000015") {
		t.Errorf("the full card number is on screen:\n%s", s.screen())
	}
	s.send(keyEnter)
	s.waitText("┃ Amount, UZS")
	s.typeIn("25000")
	s.waitText("= 25 000 UZS")
	s.send(keyEnter)
	s.waitText("┃ Description")
	s.typeIn("Saved card order")
	s.send(keyEnter)
	s.waitText("┃ Payment")
	s.send(keyEnter)
	s.waitText("┃ Customer phone")
	s.send(keyEnter)
	s.waitText("┃ Customer e-mail")
	s.send(keyEnter)
	s.waitText("Check before sending")
	s.waitScreen("the summary naming the saved card", func(scr string) bool { return strings.Contains(scr, "8600 00** **** 0015") })
	s.send(keyEnter)
	m := s.waitFor("a code or the outcome", regexp.MustCompile(`(OCTO sent a one-time code|✓ Paid)`))
	if m[1] != "✓ Paid" {
		s.typeIn(s.newCode(seen))
		s.send(keyEnter)
		s.waitText("✓ Paid")
	}
	s.waitScreen("the result naming the saved card", func(scr string) bool { return strings.Contains(scr, "8600 00** **** 0015") })
	s.send(keyEnter) // back to the customer's cards it was paid from
	s.waitText("Customer +998 90 123 45 67")
	s.send(keyEsc)
	s.waitText("Whose cards?")
	s.send(keyEsc)
	s.waitText("What would you like to do?")
	s.send(keyCtrlC)
	<-s.done
}

// TestE2EQuitSaysHowManyHoldsStayOpen: quitting with a hold open says so
// once the console is gone — the money stays held on the customer's card
// and the journal keeps it. The sandbox's temporary journal keeps nothing,
// so there it says nothing.
func TestE2EQuitSaysHowManyHoldsStayOpen(t *testing.T) {
	for _, kept := range []bool{true, false} {
		var env []string
		if kept {
			env = append(env, "OCTO_CASHIER_JOURNAL="+filepath.Join(t.TempDir(), "journal.db"))
		}
		s := start(t, 100, 30, env...)
		s.heldAndLeft("150000", "150 000", map[string]bool{})
		s.send(keyCtrlC)
		<-s.done
		s.mu.Lock()
		raw := s.raw.String()
		s.mu.Unlock()
		said := strings.Contains(raw, "Open holds: 1, 150 000 UZS in all.")
		if said != kept {
			t.Errorf("journal kept %v: the farewell said the hold stays open: %v\n%q", kept, said, raw[max(0, len(raw)-400):])
		}
	}
}
