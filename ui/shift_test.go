package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The shift's side of the fake journal: fixed answers (the real journal
// is used where the shift's state matters).

func (f *fakeJournal) ZReports(ctx context.Context) ([]flows.Report, error) {
	z, _ := f.XReportAt(ctx, fixedNow)
	z.No, z.Closed = 3, fixedNow
	return []flows.Report{z}, nil
}

func (f *fakeJournal) CurrentShift(context.Context) (flows.Shift, error) {
	return flows.Shift{No: 4, Opened: fixedNow.Add(-2 * time.Hour)}, nil
}

func (f *fakeJournal) RecordPINTries(context.Context, int64, int, time.Time) error { return nil }

func (f *fakeJournal) OpenShift(context.Context, string, string, time.Time) (flows.Shift, error) {
	return flows.Shift{}, fmt.Errorf("the fake journal opens no shifts")
}

func (f *fakeJournal) ExportCSV(_ context.Context, w io.Writer, _, _ time.Time, _ flows.CSVFormat) error {
	_, err := io.WriteString(w, "date\n")
	return err
}

// reportJournal is the fake journal with a busy shift: every channel,
// every bucket, an operator.
type reportJournal struct{ *fakeJournal }

func busyReport() flows.Report {
	d := decimal.RequireFromString
	return flows.Report{Shift: 4, Opened: fixedNow.Add(-2 * time.Hour), Operator: "Dilnoza", WithFees: true,
		Holds: flows.HoldCount{Count: 2, Amount: d("230000")}, Expired: flows.HoldCount{Count: 1, Amount: d("80000")}, Lines: []flows.ReportLine{
			{Channel: flows.ChannelUzcard, Bucket: flows.BucketSold, Count: 12, Amount: d("1840000.50"), Refunds: 1, Refunded: d("40000"), Fee: d("36800.01")},
			{Channel: flows.ChannelHumo, Bucket: flows.BucketSold, Count: 3, Amount: d("215000"), Fee: d("4300")},
			{Channel: flows.ChannelVisa, Bucket: flows.BucketCaptured, Count: 2, Amount: d("240000"), Releases: 1, Released: d("60000"), Fee: d("6000")},
			{Channel: flows.ChannelMastercard, Bucket: flows.BucketSold, Count: 1, Amount: d("99000"), Fee: d("2475")},
			{Channel: flows.ChannelToken, Bucket: flows.BucketHeld, Count: 1, Amount: d("150000")},
			{Channel: flows.ChannelUzcard, Bucket: flows.BucketCanceled, Count: 1, Amount: d("75000")},
			{Channel: flows.ChannelHumo, Bucket: flows.BucketUnknown, Count: 1, Amount: d("30000")},
		}}
}

func (r reportJournal) XReportAt(context.Context, time.Time) (flows.Report, error) {
	return busyReport(), nil
}

func (r reportJournal) ZReport(context.Context, time.Time) (flows.Report, error) {
	z := busyReport()
	z.No, z.Closed = 3, fixedNow
	return z, nil
}

func (r reportJournal) CurrentShift(context.Context) (flows.Shift, error) {
	return flows.Shift{No: 4, Opened: fixedNow.Add(-2 * time.Hour), Operator: "Dilnoza"}, nil
}

func keyText(s string) tea.KeyPressMsg {
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestReportRowsByBucketAndChannel(t *testing.T) {
	rows := reportRows(LangEN, busyReport())
	got := map[string]string{}
	bucket := ""
	for _, r := range rows {
		if !r.channel {
			bucket = r.label
		}
		got[bucket+"/"+r.label] = fmt.Sprintf("%d %s", r.count, r.amount.StringFixed(2))
	}
	for k, want := range map[string]string{
		"Sales/Sales": "16 2154000.50", "Sales/Uzcard": "12 1840000.50", "Sales/Mastercard": "1 99000.00",
		"Captured holds/Visa": "2 240000.00", "Released (part captures)/Released (part captures)": "1 60000.00",
		"Released (part captures)/Visa": "1 60000.00",
		"Refunds/Refunds":               "1 40000.00", "Held, open/saved card (token)": "1 150000.00",
		"Canceled holds/Canceled holds": "1 75000.00", "Unknown outcome/Humo": "1 30000.00",
	} {
		if got[k] != want {
			t.Errorf("%s: got %q, want %q", k, got[k], want)
		}
	}
	if _, ok := got["Declined payments/Declined payments"]; ok {
		t.Error("an empty declined bucket is listed")
	}
	// The empty report keeps its shape: the seven buckets, at zero.
	if n := len(reportRows(LangEN, flows.Report{})); n != 7 {
		t.Errorf("an empty report has %d rows, want 7", n)
	}
}

func TestShiftReportsGolden(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangRU, LangUZ} {
		for _, sz := range sizes {
			j := reportJournal{&fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}}
			o := testOptions()
			o.Journal, o.Language = j, lang
			d := newDriver(t, New(o), sz.w, sz.h)
			d.send(keyText("x"))
			d.until("the X report", func(a App) bool { return a.shift.loaded && a.shift.shift.Operator != "" })
			golden(t, sizeName("shift-x-"+string(lang), sz.w, sz.h), d.screen())
			d.send(keyText("z"))
			d.until("the question", func(a App) bool { return a.confirm != nil })
			d.send(keyText("y"))
			d.until("the Z report", func(a App) bool { return a.shift.closed })
			golden(t, sizeName("shift-z-"+string(lang), sz.w, sz.h), d.screen())
		}
	}
}

func TestShiftCloseNamesOpenHolds(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	d := newDriver(t, New(journalOptions(j)), 80, 24)
	d.send(keyText("x"))
	d.until("the X report", func(a App) bool { return a.shift.loaded })
	d.send(keyText("z"))
	d.until("the question", func(a App) bool { return a.confirm != nil })
	if !strings.Contains(d.screen(), "1 hold(s) still open. Close the shift?") {
		t.Errorf("closing with a hold open does not say so:\n%s", d.screen())
	}
	d.send(keyText("n"))
	if j.zCalls != 0 {
		t.Error("the shift was closed although the cashier said no")
	}
}

func TestPastZReportsListed(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	d := newDriver(t, New(journalOptions(j)), 80, 24)
	d.send(keyText("x"))
	d.until("the X report", func(a App) bool { return a.shift.loaded })
	d.send(keyText("r"))
	d.until("the list", func(a App) bool { return len(a.shift.zs) == 1 })
	if !strings.Contains(d.screen(), "No 3") {
		t.Errorf("the list lacks Z report No 3:\n%s", d.screen())
	}
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "Z report No 3 — shift 4 closed 23.11.2026 10:30") || !strings.Contains(d.screen(), "240 000 UZS") {
		t.Errorf("the past Z report:\n%s", d.screen())
	}
	d.key(tea.KeyEscape)
	d.key(tea.KeyEscape)
	if d.app.shift.mode != shiftReport {
		t.Errorf("esc twice leaves mode %d, want the X report", d.app.shift.mode)
	}
}

// openShiftOnSandbox opens the shift as Aziza with PIN 4829 on a real journal.
func openShiftOnSandbox(t *testing.T, d *driver) {
	t.Helper()
	d.send(keyText("x"))
	d.until("the X report", func(a App) bool { return a.shift.loaded && a.shift.shift.No != 0 })
	d.send(keyText("o"))
	if d.app.shift.mode != shiftOpening {
		t.Fatalf("o did not open the form:\n%s", d.screen())
	}
	for i := 0; i < 40 && d.app.shift.open.inputs[0].Value() != ""; i++ {
		d.key(tea.KeyBackspace)
	}
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "Type the operator's name.") {
		t.Errorf("an empty name is not refused:\n%s", d.screen())
	}
	d.typeText("Aziza")
	d.key(tea.KeyEnter)
	d.typeText("48a9")
	d.key(tea.KeyEnter)
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "The PIN is 4 to 8 digits, or none.") {
		t.Errorf("a PIN with a letter is not refused:\n%s", d.screen())
	}
	if d.app.shift.open.inputs[0].Value() != "Aziza" {
		t.Error("the name typed was lost on a refused PIN")
	}
	if d.app.shift.open.focus != 1 {
		t.Errorf("after a refused PIN the cursor is on field %d, not on the PIN", d.app.shift.open.focus)
	}
	for i := 0; i < 40 && d.app.shift.open.inputs[1].Value() != ""; i++ {
		d.key(tea.KeyBackspace)
	}
	d.typeText("4829")
	d.key(tea.KeyEnter)
	d.typeText("4828")
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "The two PINs differ") {
		t.Errorf("differing PINs are not refused:\n%s", d.screen())
	}
	d.key(tea.KeyBackspace)
	d.typeText("9")
	d.key(tea.KeyEnter)
	d.until("the shift opened", func(a App) bool { return a.shiftNow.Operator == "Aziza" && a.shift.mode == shiftReport })
	for _, in := range d.app.shift.open.inputs[1:] {
		if in.Value() != "" {
			t.Error("the form kept the PIN after opening the shift")
		}
	}
}

func TestShiftOpenWithPINLocksAndUnlocks(t *testing.T) {
	d, sb, _ := onSandbox(t, 120, 40)
	openShiftOnSandbox(t, d)
	if !strings.Contains(d.screen(), "operator Aziza") {
		t.Errorf("the report does not name the operator:\n%s", d.screen())
	}
	// A payment waiting for its code, the SMS on the panel: then lock.
	pay(d, "150000", true, "9860000000000018", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	if d.app.pay.Operator != "Aziza" || !strings.Contains(d.screen(), "operator Aziza") {
		t.Errorf("the payment is taken by %q, not by who opened the shift:\n%s", d.app.pay.Operator, d.screen())
	}
	code := lastCode(sb)
	d.send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	if !d.app.lock.on {
		t.Fatal("ctrl+l did not lock the console")
	}
	scr := d.screen()
	for _, secret := range []string{code, "150 000", "9860", "SANDBOX", "SMS"} {
		if strings.Contains(scr, secret) {
			t.Errorf("the lock screen shows %q:\n%s", secret, scr)
		}
	}
	d.typeText("1111")
	d.key(tea.KeyEnter)
	if !d.app.lock.on || !strings.Contains(d.screen(), "Wrong PIN (1)") {
		t.Errorf("a wrong PIN unlocked or was not refused:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if d.quit || !strings.Contains(d.screen(), "Unlock first") {
		t.Errorf("ctrl+c while locked:\n%s", d.screen())
	}
	d.typeText(code) // keys typed while locked never reach the code screen
	d.key(tea.KeyEnter)
	if d.app.pay.State != flows.AwaitingOTP {
		t.Errorf("a key typed while locked reached the payment: %s", d.app.pay.State)
	}
	d.typeText("4829")
	d.key(tea.KeyEnter)
	if d.app.lock.on {
		t.Fatalf("the right PIN did not unlock:\n%s", d.screen())
	}
	if !strings.Contains(d.screen(), "SMS code") {
		t.Errorf("after unlocking, the code screen is not back:\n%s", d.screen())
	}
}

func TestLockWithoutPINSaysHow(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	d := newDriver(t, New(journalOptions(j)), 80, 24)
	d.send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	if d.app.lock.on || !strings.Contains(d.screen(), "Open the shift with a PIN") {
		t.Errorf("ctrl+l without a PIN:\n%s", d.screen())
	}
}

func TestRestartDuringShiftWithPINStartsLocked(t *testing.T) {
	d, _, _ := onSandbox(t, 80, 24)
	openShiftOnSandbox(t, d)
	// A second console on the same journal, as after a restart.
	o := d.app.opts
	d2 := newDriver(t, New(o), 80, 24)
	d2.until("locked", func(a App) bool { return a.lock.on })
	if !strings.Contains(d2.screen(), "Aziza") || strings.Contains(d2.screen(), "New payment") {
		t.Errorf("the restarted console:\n%s", d2.screen())
	}
}

// TestShiftOpenedBeforeTheStartReadDoesNotLock: the journal opens beside
// the first frame, and a fast cashier (TestE2EMachineSpeedReachesTheWire
// types the whole form in one burst) opens the shift before the console's
// start-up read of the shift is back. That read, come back late, is no
// restart's: it must neither lock the console as if restarted during a
// shift with a PIN (the e2e test found the lock screen once in 5 loaded
// runs) nor put back the state from before the shift was opened.
func TestShiftOpenedBeforeTheStartReadDoesNotLock(t *testing.T) {
	d, _, _ := onSandbox(t, 80, 24)
	openShiftOnSandbox(t, d)
	opened := d.app.shiftNow
	if !opened.HasPIN() {
		t.Fatal("the shift was opened without a PIN: the check below proves nothing")
	}
	d.send(shiftInfoMsg{shift: opened, atStart: true}) // read after the open
	if d.app.lock.on {
		t.Fatalf("the console locked on its own start-up read of the shift it opened:\n%s", d.screen())
	}
	d.send(shiftInfoMsg{atStart: true}) // read before the open, back after it
	if d.app.shiftNow.No != opened.No || d.app.shiftNow.Operator != "Aziza" {
		t.Errorf("the start-up read put back the shift before the open: %+v", d.app.shiftNow)
	}
}

// Restarting is no way around the pause after wrong PINs: the count and
// the pause are journaled, and the restarted console keeps them; the right
// PIN clears them.
func TestRestartKeepsTheWrongPINPause(t *testing.T) {
	d, _, clk := onSandbox(t, 80, 24)
	openShiftOnSandbox(t, d)
	d.send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	for range pinFreeTries {
		d.typeText("1111")
		d.key(tea.KeyEnter)
	}
	o := d.app.opts
	d2 := newDriver(t, New(o), 80, 24)
	d2.until("locked", func(a App) bool { return a.lock.on })
	d2.typeText("4829")
	d2.key(tea.KeyEnter)
	if !d2.app.lock.on || !strings.Contains(d2.screen(), "Too many wrong PINs: try again in") {
		t.Fatalf("the restarted console took a PIN during the pause:\n%s", d2.screen())
	}
	clk.Advance(pinPause + time.Second)
	d2.key(tea.KeyEnter)
	if d2.app.lock.on {
		t.Fatalf("the right PIN after the pause did not unlock:\n%s", d2.screen())
	}
	d2.settle()
	d3 := newDriver(t, New(o), 80, 24)
	d3.until("locked", func(a App) bool { return a.lock.on })
	if d3.app.lock.wrong != 0 || !d3.app.lock.notBefore.IsZero() {
		t.Errorf("the right PIN did not clear the count: %d wrong, pause until %v", d3.app.lock.wrong, d3.app.lock.notBefore)
	}
}

// fullPANRE finds a card number standing on its own; the digits inside a
// hex shop_transaction_id (oc-646fc6804374750280de…) are not one.
var fullPANRE = regexp.MustCompile(`\b\d{13,19}\b`)

// TestCSVExportHasNoSecrets exports a shift's payments to a file and
// greps it for every canary: the full card numbers, the CVC, the SMS
// codes and the shop's secret.
func TestCSVExportHasNoSecrets(t *testing.T) {
	d, sb, _ := onSandbox(t, 120, 40)
	dir := t.TempDir()
	d.app.opts.ExportDir = filepath.Join(dir, "exports")
	pay(d, "150000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	code := lastCode(sb)
	d.typeText(code)
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	d.send(doneMsg{})
	pay(d, "70000", false, "4111111111111111", "987")
	d.until("3-D Secure", func(a App) bool { return a.screen == screen3DS && a.threeDS.url != "" })
	d.send(keyText("a"))
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	d.send(doneMsg{})

	d.send(keyText("x"))
	d.until("the X report", func(a App) bool { return a.shift.loaded })
	d.send(keyText("e"))
	d.key(tea.KeyEnter)
	d.key(tea.KeyEnter)
	d.until("the export", func(a App) bool { return a.shift.export.saved != "" || a.shift.export.problem != "" })
	if p := d.app.shift.export.problem; p != "" {
		t.Fatal(p)
	}
	path := d.app.shift.export.saved
	if !strings.Contains(d.screen(), "✓ Exported to") || !strings.Contains(d.screen(), "octo-movements-") {
		t.Errorf("the path is not shown:\n%s", d.screen())
	}
	if filepath.Dir(path) != filepath.Join(dir, "exports") {
		t.Errorf("exported to %s, want beside the receipts", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	csv := string(b)
	if strings.Count(csv, "\n") != 3 || !strings.Contains(csv, "150000.00") || !strings.Contains(csv, "411111******1111") {
		t.Fatalf("the export lacks the payments:\n%s", csv)
	}
	if m := fullPANRE.FindString(csv); m != "" {
		t.Errorf("a full card number %q in the export:\n%s", m, csv)
	}
	for _, canary := range []*regexp.Regexp{
		regexp.MustCompile(`\b987\b`), regexp.MustCompile(`\b` + code + `\b`),
		regexp.MustCompile(regexp.QuoteMeta(sb.Secret())),
	} {
		if canary.MatchString(csv) {
			t.Errorf("the export contains %s:\n%s", canary, csv)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the export's mode: %v %v", fi.Mode(), err)
	}
}

func TestCSVExportRefusesBadDates(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	d := newDriver(t, New(journalOptions(j)), 80, 24)
	d.send(keyText("x"))
	d.until("the X report", func(a App) bool { return a.shift.loaded })
	d.send(keyText("e"))
	d.key(tea.KeyBackspace)
	d.typeText("x")
	d.key(tea.KeyEnter)
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "is not a date like 23.11.2026") {
		t.Errorf("a bad date is not refused:\n%s", d.screen())
	}
	if v := d.app.shift.export.inputs[0].Value(); v != "23.11.202x" {
		t.Errorf("the typed date was changed to %q", v)
	}
}

// Five wrong PINs are taken at once; the sixth starts a pause that refuses
// even the right PIN until it ends, and doubles with each wrong one after.
func TestWrongPINsPauseTheLock(t *testing.T) {
	d, _, clk := onSandbox(t, 120, 40)
	openShiftOnSandbox(t, d)
	d.send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	for i := 1; i <= pinFreeTries-1; i++ {
		d.typeText("1111")
		d.key(tea.KeyEnter)
	}
	if !d.app.lock.notBefore.IsZero() {
		t.Fatalf("a pause after %d wrong PINs", pinFreeTries-1)
	}
	d.typeText("1111")
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "Wrong PIN (5). The next try in 00:30.") {
		t.Errorf("the fifth wrong PIN does not start the pause:\n%s", d.screen())
	}
	d.typeText("4829")
	d.key(tea.KeyEnter)
	if !d.app.lock.on || !strings.Contains(d.screen(), "Too many wrong PINs: try again in 00:30.") {
		t.Fatalf("the right PIN was taken during the pause:\n%s", d.screen())
	}
	clk.Advance(20 * time.Second) // the pause counts down on screen
	if !strings.Contains(d.screen(), "Too many wrong PINs: try again in 00:10.") {
		t.Errorf("the pause does not count down:\n%s", d.screen())
	}
	clk.Advance(11 * time.Second)
	d.key(tea.KeyEnter) // the PIN typed waited in the field
	if d.app.lock.on {
		t.Fatalf("the right PIN after the pause did not unlock:\n%s", d.screen())
	}
	// Locked again, the count starts over; the pause doubles past five.
	d.send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	for i := 1; i <= pinFreeTries+1; i++ {
		if i > 1 {
			clk.Advance(20 * time.Minute)
		}
		d.typeText("1111")
		d.key(tea.KeyEnter)
	}
	if !strings.Contains(d.screen(), "Wrong PIN (6). The next try in 01:00.") {
		t.Errorf("the sixth wrong PIN:\n%s", d.screen())
	}
	// When the pause ends the countdown says so, rather than stop at 00:01.
	clk.Advance(time.Minute)
	if scr := d.screen(); !strings.Contains(scr, "Wrong PIN (6). The next try is open now.") || strings.Contains(scr, "next try in") {
		t.Errorf("after the pause:\n%s", scr)
	}
}

// The Z report takes the shift's operator and PIN with it: the header
// names the configured operator again and ctrl+l no longer locks with the
// old PIN. A long name is cut with an ellipsis, never mid-word unmarked.
func TestClosedShiftLeavesNoOperatorOrPIN(t *testing.T) {
	d, _, _ := onSandbox(t, 80, 24)
	openShiftOnSandbox(t, d)
	if !strings.Contains(d.screen(), "operator Aziza") {
		t.Fatalf("the header does not name who opened the shift:\n%s", d.screen())
	}
	d.send(keyText("z"))
	d.until("the question", func(a App) bool { return a.confirm != nil })
	d.send(keyText("y"))
	d.until("the shift closed", func(a App) bool { return a.shift.closed && !a.shiftNow.HasPIN() })
	// The Z report itself still names Aziza: the header does not.
	if head := strings.Split(d.screen(), "\n")[0]; strings.Contains(head, "Aziza") || !strings.Contains(head, "operator Dilnoza") {
		t.Errorf("after the Z report the header: %q", head)
	}
	d.send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	if d.app.lock.on {
		t.Error("ctrl+l locked with the closed shift's PIN")
	}

	o := testOptions()
	o.Operator = "Dilnoza Karimova-Abdullayeva Rustamovna qizi, senior cashier"
	long := newDriver(t, New(o), 80, 24)
	first := strings.Split(long.screen(), "\n")[0]
	if !strings.HasSuffix(strings.TrimRight(first, " "), "…") || len([]rune(first)) > 80 {
		t.Errorf("a long header: %q", first)
	}
}
