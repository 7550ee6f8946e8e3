package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// fakeJournal answers from memory and remembers the filters asked for.
type fakeJournal struct {
	// mu guards records against a test that changes them while the
	// console's commands read them (as the real journals are safe to).
	mu      sync.Mutex
	records []flows.Record
	filters chan flows.Filter
	zCalls  int
}

func (f *fakeJournal) OpenHolds(context.Context) ([]flows.Record, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []flows.Record
	for _, r := range f.records {
		if r.State == flows.Held {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f *fakeJournal) History(_ context.Context, fl flows.Filter) ([]flows.Record, error) {
	f.filters <- fl
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []flows.Record
	for _, r := range f.records {
		card := fl.Last4 == "" || strings.HasSuffix(r.Card, fl.Last4)
		amount := fl.Amount.IsZero() || r.Amount.Equal(fl.Amount)
		if fl.Last4OrAmount && fl.Last4 != "" && !fl.Amount.IsZero() {
			card = strings.HasSuffix(r.Card, fl.Last4) || r.Amount.Equal(fl.Amount)
			amount = true
		}
		if card && amount && (fl.ShopTransactionID == "" || r.ShopTransactionID == fl.ShopTransactionID) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f *fakeJournal) XReportAt(context.Context, time.Time) (flows.Report, error) {
	return flows.Report{Shift: 4, Opened: fixedNow, Lines: []flows.ReportLine{
		{Method: octo.MethodUzcard, Bucket: "captured", Count: 2, Amount: decimal.RequireFromString("240000"), Released: decimal.RequireFromString("60000")},
	}}, nil
}

func (f *fakeJournal) ZReport(ctx context.Context, _ time.Time) (flows.Report, error) {
	f.zCalls++
	r, _ := f.XReportAt(ctx, fixedNow)
	r.No, r.Closed = 3, fixedNow
	return r, nil
}

func journalOptions(j *fakeJournal) Options {
	o := testOptions()
	o.Journal = j
	return o
}

func records() []flows.Record {
	return []flows.Record{
		{ShopTransactionID: "oc-1", Kind: flows.Sale, State: flows.Succeeded, Currency: "UZS", Amount: decimal.RequireFromString("50000"),
			Captured: decimal.RequireFromString("50000"), Card: "860000******0015", Created: fixedNow, Description: "Tea"},
		{ShopTransactionID: "oc-2", Kind: flows.Hold, State: flows.Held, Currency: "UZS", Amount: decimal.RequireFromString("150000"),
			Card: "986000******0018", Created: fixedNow, HoldExpires: fixedNow.Add(20 * time.Minute), Description: "Coffee machine"},
	}
}

func TestHomeCountsOpenHolds(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 10)}
	d := newDriver(t, New(journalOptions(j)), 80, 24)
	d.until("the count", func(a App) bool { return strings.Contains(plain(a.View().Content), "open holds (1 waiting)") })
	d.send(tea.KeyPressMsg{Code: 'h', Text: "h"})
	d.until("the list", func(a App) bool { return strings.Contains(plain(a.View().Content), "expires in 20:00") })
}

func TestShiftCloseIsConfirmed(t *testing.T) {
	j := &fakeJournal{filters: make(chan flows.Filter, 10)}
	d := newDriver(t, New(journalOptions(j)), 80, 24)
	d.send(tea.KeyPressMsg{Code: 'x', Text: "x"})
	d.until("the X report", func(a App) bool { return strings.Contains(plain(a.View().Content), "X report — shift 4") })
	if !strings.Contains(d.screen(), "240 000 UZS") || !strings.Contains(d.screen(), "60 000 UZS") {
		t.Errorf("X report lacks the totals:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'z', Text: "z"})
	d.until("the question before the Z report", func(a App) bool { return a.confirm != nil })
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
	d.until("the question answered", func(a App) bool { return a.confirm == nil })
	if j.zCalls != 0 {
		t.Fatal("the shift was closed although the cashier said no")
	}
	d.send(tea.KeyPressMsg{Code: 'z', Text: "z"})
	d.until("the question before the Z report", func(a App) bool { return a.confirm != nil })
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("the Z report", func(a App) bool { return strings.Contains(plain(a.View().Content), "Z report No 3") })
	if j.zCalls != 1 {
		t.Errorf("Z report made %d times, want 1", j.zCalls)
	}
}

func (f *fakeJournal) Tokens(context.Context, string) ([]flows.SavedToken, error) {
	return []flows.SavedToken{
		{Token: "tok-1", Customer: "998901234567", Card: "860000******0015", Method: octo.MethodUzcard, Status: octo.TokenActive},
		{Token: "tok-2", Customer: "998901234567", Card: "986000******0018", Method: octo.MethodHumo, Status: octo.TokenBlocked},
	}, nil
}

func TestListScreensGolden(t *testing.T) {
	for _, sz := range sizes {
		open := func(k rune, ready func(App) bool) *driver {
			j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
			o := journalOptions(j)
			o.Tokens = j
			d := newDriver(t, New(o), sz.w, sz.h)
			d.send(tea.KeyPressMsg{Code: k, Text: string(k)})
			d.until("the screen", ready)
			return d
		}
		// The report and the shift (whose keys the footer offers) are read apart.
		d := open('x', func(a App) bool { return a.shift.loaded && a.shift.shift.No != 0 })
		golden(t, sizeName("shift", sz.w, sz.h), d.screen())
		d = open('h', func(a App) bool { return len(a.holds.holds) == 1 })
		golden(t, sizeName("holds", sz.w, sz.h), d.screen())
		d = open('s', func(a App) bool { return a.screen == screenSaved })
		d.typeText("901234567")
		d.key(tea.KeyEnter)
		d.until("the saved cards", func(a App) bool { return len(a.saved.tokens) == 2 })
		golden(t, sizeName("saved", sz.w, sz.h), d.screen())

		d = newDriver(t, New(testOptions()), sz.w, sz.h)
		d.app.bind = flows.Binding{State: flows.BindAwaitingOTP, Customer: "998901234567", Card: "860000******0015",
			VerifyID: 5, OTPPhone: "+998** *****67", OTPDeadline: fixedNow.Add(150 * time.Second)}
		d.app.hasBind, d.app.bindS, d.app.screen = true, newBindScreen(d.app.st), screenBind
		d.app.bindS = d.app.bindS.sync(d.app.bind)
		golden(t, sizeName("bind", sz.w, sz.h), d.screen())
	}
}

// A hold captured in part is listed with what was charged, not the hold.
func TestHistoryListsWhatWasCharged(t *testing.T) {
	recs := records()
	recs[1].State, recs[1].Captured, recs[1].Released = flows.Succeeded, decimal.RequireFromString("90000"), decimal.RequireFromString("60000")
	j := &fakeJournal{records: recs, filters: make(chan flows.Filter, 10)}
	d := newDriver(t, New(journalOptions(j)), 120, 40)
	d.send(keyText("y"))
	d.until("the list", func(a App) bool { return strings.Contains(plain(a.View().Content), "•0018") })
	for _, l := range strings.Split(d.screen(), "\n") {
		if strings.Contains(l, "•0018") && (!strings.Contains(l, "90 000 UZS") || strings.Contains(l, "150 000")) {
			t.Errorf("the part-captured hold is listed as %q", l)
		}
	}
}

// unordered is the journal under the console's queue, for a test to read
// what it has now, whatever is booked.
func unordered(j Journal) Journal {
	if o, ok := j.(orderedJournal); ok {
		return o.Journal
	}
	return j
}
