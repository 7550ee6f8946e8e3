package ui

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
)

// In a store, the journal names the counter that took each payment:
// History's row and the detail say which till it was, in the screen's
// language; a single till's records name none and show none.
func TestStoreHistoryNamesTheCounter(t *testing.T) {
	for _, c := range []struct {
		lang  Lang
		label string
	}{{LangEN, "Counter"}, {LangRU, "Касса"}, {LangUZ, "Kassa"}} {
		j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
		j.records[0].Counter = "back office"
		o := testOptions()
		o.Language = c.lang
		d := detailOn(t, o, j, "oc-1", 100, 30)
		scr := d.screen()
		if !strings.Contains(scr, c.label) || !strings.Contains(scr, "back office") {
			t.Errorf("%s: the detail does not name the counter:\n%s", c.lang, scr)
		}
	}
	r := records()[0]
	if got := withCounter(r); got != "Tea" {
		t.Errorf("a single till's row: %q", got)
	}
	r.Counter = "B"
	if got := withCounter(r); got != "B · Tea" {
		t.Errorf("a store's row: %q", got)
	}
	r.Description = ""
	if got := withCounter(r); got != "B" {
		t.Errorf("a store's row without a description: %q", got)
	}
}

// The shift screen and the printed X and Z reports say whose counter's
// shift they are; a till without a counter prints as before.
func TestShiftReportsNameTheCounter(t *testing.T) {
	o := testOptions()
	o.Counter = "B"
	slip := strings.Join(strings.Fields(reportSlip(o, busyReport(), fixedNow).Text(32)), " ")
	if !strings.Contains(slip, "Counter B") {
		t.Errorf("the printed X report lacks the counter:\n%s", slip)
	}
	o.Counter = ""
	if slip := reportSlip(o, busyReport(), fixedNow).Text(32); strings.Contains(slip, "Counter") {
		t.Errorf("a till without a counter prints one:\n%s", slip)
	}
	for _, c := range []struct {
		lang Lang
		want string
	}{{LangEN, "counter B"}, {LangRU, "касса B"}, {LangUZ, "kassa B"}} {
		j := reportJournal{&fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}}
		o := testOptions()
		o.Journal, o.Language, o.Counter = j, c.lang, "B"
		d := newDriver(t, New(o), 100, 30)
		d.send(keyText("x"))
		d.until("the X report", func(a App) bool { return a.shift.loaded && a.shift.shift.Operator != "" })
		if scr := d.screen(); !strings.Contains(scr, c.want) {
			t.Errorf("%s: the shift screen lacks %q:\n%s", c.lang, c.want, scr)
		}
	}
}
