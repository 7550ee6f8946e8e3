package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// The X and Z reports as the receipt printer prints them, at every paper
// width and in every language: what the shift took first (net takings,
// OCTO's fees, what goes to the shop, the holds), then every bucket.
func TestReportSlipGolden(t *testing.T) {
	for _, l := range []Lang{LangEN, LangRU, LangUZ} {
		o := testOptions()
		o.Language, o.ShopName, o.ShopID, o.Currency = l, "Chorsu Coffee", 27481, "UZS"
		x := busyReport()
		z := busyReport()
		z.No, z.Closed = 3, fixedNow
		for name, r := range map[string]flows.Report{"x": x, "z": z} {
			slip := reportSlip(o, r, fixedNow)
			for _, w := range []int{32, 42, 48} {
				text := slip.Text(w)
				golden(t, fmt.Sprintf("report-%s-%s-%d", name, l, w), text+"\n")
				for i, ln := range strings.Split(text, "\n") {
					if utf8.RuneCountInString(ln) > w {
						t.Errorf("%s %s at %d: line %d is %d wide: %q", name, l, w, i+1, utf8.RuneCountInString(ln), ln)
					}
				}
			}
		}
	}
	flat := strings.Join(strings.Fields(reportSlip(testOptions(), busyReport(), fixedNow).Text(32)), " ")
	for _, want := range []string{"X REPORT", "Net takings 2 354 000.50 UZS", "OCTO fees -49 575.01 UZS",
		"To the shop 2 304 425.49 UZS", "Holds open now 2 230 000 UZS", "of them expired 1 80 000 UZS",
		"Refunds 1 -40 000 UZS"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the X report lacks %q:\n%s", want, reportSlip(testOptions(), busyReport(), fixedNow).Text(32))
		}
	}
}

// p prints the X report on the shift screen and a past Z report from its
// view; each print is a file of its own.
func TestShiftScreenPrintsReports(t *testing.T) {
	dir := t.TempDir()
	o := journalOptions(&fakeJournal{filters: make(chan flows.Filter, 10)})
	o.Journal = reportJournal{o.Journal.(*fakeJournal)}
	o.Printer = receipt.FilePrinter{Dir: dir, Width: 32}
	d := newDriver(t, New(o), 80, 24)
	d.send(keyText("x"))
	d.until("the X report", func(a App) bool { return a.shift.loaded })
	d.send(keyText("p"))
	d.until("printed", func(a App) bool { return a.shift.printed != "" || a.shift.printErr != "" })
	d.app.shift.printed = ""
	d.send(keyText("p"))
	d.until("the copy printed", func(a App) bool { return a.shift.printed != "" || a.shift.printErr != "" })
	d.send(keyText("r"))
	d.until("the past Z reports", func(a App) bool { return len(a.shift.zs) > 0 })
	d.key(tea.KeyEnter)
	d.app.shift.printed = ""
	d.send(keyText("p"))
	d.until("the Z printed", func(a App) bool { return a.shift.printed != "" || a.shift.printErr != "" })
	if d.app.shift.printErr != "" {
		t.Fatal(d.app.shift.printErr)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "x-report-shift-4-20261123-103000-1.txt x-report-shift-4-20261123-103000-2-copy.txt z-report-3-1.txt"
	if strings.Join(names, " ") != want {
		t.Errorf("printed %q, want %q", strings.Join(names, " "), want)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "z-report-3-1.txt"))
	if !strings.Contains(string(b), "Z REPORT No 3") || !strings.Contains(string(b), "Net takings") {
		t.Errorf("the Z report printed:\n%s", b)
	}
}

// z reads every unsettled payment at the gateway first and lists where
// the journal and OCTO differed; only then does z close the shift.
func TestZReadsUnsettledPaymentsFirst(t *testing.T) {
	j := &fakeJournal{filters: make(chan flows.Filter, 10)}
	o := journalOptions(j)
	recs := records()
	after := recs[1]
	after.State, after.Released = flows.Canceled, decimal.RequireFromString("150000")
	o.ReconcileShift = func(context.Context) (int, []run.Difference, error) {
		return 2, []run.Difference{{Before: recs[1], After: after}}, nil
	}
	d := newDriver(t, New(o), 100, 30)
	d.send(keyText("x"))
	d.until("the X report", func(a App) bool { return a.shift.loaded })
	d.send(keyText("z"))
	d.until("the check", func(a App) bool { return a.shift.check.finished })
	scr := strings.Join(strings.Fields(d.screen()), " ")
	for _, want := range []string{"2 payment(s) read at OCTO; 1 differed", "oc-2 Held → Canceled", "z closes the shift"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the check lacks %q:\n%s", want, d.screen())
		}
	}
	if j.zCalls != 0 {
		t.Fatal("closed before the cashier said so")
	}
	d.send(keyText("z"))
	d.until("the question before the Z report", func(a App) bool { return a.confirm != nil })
	d.send(keyText("y"))
	d.until("the Z report", func(a App) bool { return a.shift.closed })
	if j.zCalls != 1 {
		t.Errorf("%d Z reports", j.zCalls)
	}
}
