package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// The fake journal is a PaymentLog too: the detail reads a payment from it.

func (f *fakeJournal) Get(_ context.Context, id string) (flows.Record, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.records {
		if r.ShopTransactionID == id {
			return r, nil
		}
	}
	return flows.Record{}, fmt.Errorf("no payment %q", id)
}

func (f *fakeJournal) Timeline(_ context.Context, id string) ([]flows.Transition, error) {
	if id != "oc-1" {
		return nil, nil
	}
	at := fixedNow.Add(-10 * time.Minute)
	step := func(s int, from, to flows.State, ev, note string) flows.Transition {
		return flows.Transition{ShopTransactionID: id, At: at.Add(time.Duration(s) * time.Second), From: from, To: to, Event: ev, Note: note}
	}
	return []flows.Transition{
		step(0, flows.Draft, flows.Preparing, "start", ""),
		step(1, flows.Preparing, flows.Paying, "prepared", ""),
		step(2, flows.Paying, flows.Verifying, "pay answered", ""),
		step(3, flows.Verifying, flows.AwaitingOTP, "verification", ""),
		step(40, flows.AwaitingOTP, flows.CheckingOTP, "code", ""),
		step(41, flows.CheckingOTP, flows.Succeeded, "code checked", "succeeded"),
	}, nil
}

func (f *fakeJournal) Notifications(_ context.Context, id string) ([]flows.NotificationRecord, error) {
	if id != "oc-1" {
		return nil, nil
	}
	return []flows.NotificationRecord{{At: fixedNow.Add(-10*time.Minute + 42*time.Second), Kind: "payment",
		ShopTransactionID: id, Status: "succeeded", Signature: "ok", Body: `{"status":"succeeded"}`}}, nil
}

// historyOf is the history tool on screen, if it is.
func historyOf(a App) (historyTool, bool) {
	h, ok := a.tool.(historyTool)
	return h, ok && a.screen == screenTool
}

// detailOf is the detail tool on screen, if it is.
func detailOf(a App) (detailTool, bool) {
	d, ok := a.tool.(detailTool)
	return d, ok && a.screen == screenTool
}

// openHistoryOn opens the history from home on a fake journal and waits for its first page.
func openHistoryOn(t *testing.T, o Options, w, h int) *driver {
	t.Helper()
	d := newDriver(t, New(o), w, h)
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("the history", func(a App) bool { h, ok := historyOf(a); return ok && h.loaded })
	return d
}

func TestHistorySearchAndOpen(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 10)}
	o := journalOptions(j)
	o.Runner = refusingRunner{}
	d := openHistoryOn(t, o, 80, 24)
	if h, _ := historyOf(d.app); len(h.records) != 2 {
		t.Fatalf("history shows %d payments, want 2", len(h.records))
	}
	<-j.filters
	d.typeText("0015")
	d.until("the search", func(a App) bool { h, _ := historyOf(a); return len(h.records) == 1 })
	asked := false
	for len(j.filters) > 0 {
		if f := <-j.filters; f.Last4 == "0015" {
			asked = true
		}
	}
	if !asked {
		t.Error("the journal was never asked for the last 4 digits 0015")
	}
	if !strings.Contains(d.screen(), "Showing: card •0015") {
		t.Errorf("the screen does not say what it shows:\n%s", d.screen())
	}
	d.key(tea.KeyEnter)
	d.until("the timeline", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
	scr := d.screen()
	for _, want := range []string{"Payment oc-1", "✓ Paid", "8600 00** **** 0015", "Timeline", "Waiting for the SMS code → Checking the code",
		"OCTO notification: succeeded (signature valid)", "r refund"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the detail lacks %q:\n%s", want, scr)
		}
	}
	d.key(tea.KeyEscape)
	h, ok := historyOf(d.app)
	if !ok || h.search.Value() != "0015" {
		t.Fatalf("esc did not go back to the history as it was left:\n%s", d.screen())
	}
	d.key(tea.KeyEscape)
	d.until("home after esc from the history", func(a App) bool { return a.screen == screenHome })
}

func TestHistoryEmptySaysSo(t *testing.T) {
	d := openHistoryOn(t, journalOptions(&fakeJournal{filters: make(chan flows.Filter, 10)}), 80, 24)
	if !strings.Contains(d.screen(), "No payments yet.") {
		t.Errorf("an empty journal is not said so:\n%s", d.screen())
	}
	d.typeText("9999")
	d.until("the empty search", func(a App) bool { return strings.Contains(plain(a.View().Content), "No payments match this search.") })
	d.typeText(" gibberish!")
	if !strings.Contains(d.screen(), `"gibberish!" is not a date`) {
		t.Errorf("a word the search does not understand is not said so:\n%s", d.screen())
	}
	if h, _ := historyOf(d.app); h.search.Value() != "9999 gibberish!" {
		t.Errorf("the search text was changed to %q", h.search.Value())
	}
}

func TestHistoryJournalErrorShown(t *testing.T) {
	o := testOptions()
	o.Journal = failingJournal{&fakeJournal{filters: make(chan flows.Filter, 10)}}
	d := openHistoryOn(t, o, 80, 24)
	if !strings.Contains(d.screen(), "the journal could not be read: disk I/O error") {
		t.Errorf("the journal's error is not shown:\n%s", d.screen())
	}
}

type failingJournal struct{ *fakeJournal }

func (failingJournal) History(context.Context, flows.Filter) ([]flows.Record, error) {
	return nil, errors.New("disk I/O error")
}

func TestHistoryQuery(t *testing.T) {
	tashkent := time.FixedZone("UZT", 5*3600)
	now := time.Date(2026, 11, 23, 1, 30, 0, 0, tashkent) // early: the day is the local one
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, tashkent) }
	for _, tc := range []struct {
		q        string
		want     flows.Filter
		shows    string
		problems bool
	}{
		{q: "", want: flows.Filter{}},
		{q: "0015", want: flows.Filter{Last4: "0015"}, shows: "card •0015"},
		{q: "*0015", want: flows.Filter{Last4: "0015"}, shows: "card •0015"},
		{q: "oc-abc", want: flows.Filter{ShopTransactionID: "oc-abc"}, shows: "id oc-abc"},
		{q: "a1b2c3d4", want: flows.Filter{ShopTransactionID: "a1b2c3d4"}, shows: "id a1b2c3d4"},
		{q: "coffee", problems: true}, // six letters are not an id: said, not searched silently
		{q: "refunded", want: flows.Filter{Refunded: true}, shows: "refunded"},
		{q: "refund today", want: flows.Filter{Refunded: true, From: day(23), To: day(24)}, shows: "refunded · today"},
		{q: "paid held", want: flows.Filter{States: []flows.State{flows.Succeeded, flows.Held}}, shows: "paid or held"},
		{q: "held 0015 paid", want: flows.Filter{States: []flows.State{flows.Held, flows.Succeeded}, Last4: "0015"},
			shows: "held or paid · card •0015"},
		{q: "held", want: flows.Filter{State: flows.Held}, shows: "held"},
		{q: "Paid", want: flows.Filter{State: flows.Succeeded}, shows: "paid"},
		{q: "150 000", want: flows.Filter{Amount: decimal.RequireFromString("150000")}, shows: "150 000 UZS"},
		{q: "1 500,50", want: flows.Filter{Amount: decimal.RequireFromString("1500.5")}, shows: "1 500.50 UZS"},
		{q: "150000", want: flows.Filter{Amount: decimal.RequireFromString("150000")}, shows: "150 000 UZS"},
		{q: "today", want: flows.Filter{From: day(23), To: day(24)}, shows: "today"},
		{q: "yesterday", want: flows.Filter{From: day(22), To: day(23)}, shows: "yesterday"},
		{q: "2026-11-20", want: flows.Filter{From: day(20), To: day(21)}, shows: "20.11.2026"},
		{q: "20.11.2026", want: flows.Filter{From: day(20), To: day(21)}, shows: "20.11.2026"},
		{q: "2026-11-01..today", want: flows.Filter{From: day(1), To: day(24)}, shows: "01.11.2026 – 23.11.2026"},
		{q: "2026-11-05..2026-11-01", want: flows.Filter{From: day(1), To: day(6)}, shows: "01.11.2026 – 05.11.2026"},
		{q: "today paid 0015 150 000", want: flows.Filter{From: day(23), To: day(24), State: flows.Succeeded, Last4: "0015",
			Amount: decimal.RequireFromString("150000")}, shows: "today · paid · card •0015 · 150 000 UZS"},
		{q: "5000", want: flows.Filter{Amount: decimal.RequireFromString("5000"), Last4: "5000", Last4OrAmount: true},
			shows: "amount 5 000 UZS or card •5000"},
		{q: "5 000", want: flows.Filter{Amount: decimal.RequireFromString("5000")}, shows: "5 000 UZS"},
		{q: "5000.00", want: flows.Filter{Amount: decimal.RequireFromString("5000")}, shows: "5 000 UZS"},
		{q: "5000 so'm", want: flows.Filter{Amount: decimal.RequireFromString("5000")}, shows: "5 000 UZS"},
		{q: "5000сум", want: flows.Filter{Amount: decimal.RequireFromString("5000")}, shows: "5 000 UZS"},
		{q: "*5000", want: flows.Filter{Last4: "5000"}, shows: "card •5000"},
		{q: "•5000", want: flows.Filter{Last4: "5000"}, shows: "card •5000"},
		{q: "card 5000", want: flows.Filter{Last4: "5000"}, shows: "card •5000"},
		{q: "paid 5000 *0015", want: flows.Filter{State: flows.Succeeded, Amount: decimal.RequireFromString("5000"), Last4: "0015"},
			shows: "paid · 5 000 UZS · card •0015"},
		{q: "5000 150 000", want: flows.Filter{Amount: decimal.RequireFromString("150000"), Last4: "5000"},
			shows: "card •5000 · 150 000 UZS"},
		{q: "1234 5000", want: flows.Filter{Amount: decimal.RequireFromString("5000"), Last4: "5000", Last4OrAmount: true},
			shows: "amount 5 000 UZS or card •5000"},
		{q: "card 12", want: flows.Filter{}, problems: true},
		{q: "*0015 150 000 5000", want: flows.Filter{Last4: "0015", Amount: decimal.RequireFromString("150000")}, problems: true},
		{q: "paid 2026-13-45", want: flows.Filter{State: flows.Succeeded}, problems: true},
		{q: "???", problems: true},
	} {
		got := parseHistoryQuery(tc.q, now, LangEN, "UZS")
		tc.want.Limit = historyLimit
		f := got.filter
		if !f.From.Equal(tc.want.From) || !f.To.Equal(tc.want.To) || f.State != tc.want.State || f.Last4 != tc.want.Last4 ||
			f.ShopTransactionID != tc.want.ShopTransactionID || !f.Amount.Equal(tc.want.Amount) || f.Limit != tc.want.Limit ||
			f.Last4OrAmount != tc.want.Last4OrAmount || f.Refunded != tc.want.Refunded || !slices.Equal(f.States, tc.want.States) {
			t.Errorf("%q: filter %+v, want %+v", tc.q, f, tc.want)
		}
		if shows := strings.Join(got.parts, " · "); !tc.problems && shows != tc.shows {
			t.Errorf("%q: described as %q, want %q", tc.q, shows, tc.shows)
		}
		if (got.problem != "") != tc.problems {
			t.Errorf("%q: problem %q, want one: %v", tc.q, got.problem, tc.problems)
		}
	}
	if got := parseHistoryQuery("сегодня оплачен", now, LangRU, "UZS"); !got.filter.From.Equal(day(23)) {
		t.Errorf("the Russian word for today is not a day: %+v", got.filter)
	}
	for q, l := range map[string]Lang{"возврат": LangRU, "qaytarilgan": LangUZ} {
		if got := parseHistoryQuery(q, now, l, "UZS"); !got.filter.Refunded || got.problem != "" {
			t.Errorf("%q does not find refunded payments: %+v %q", q, got.filter, got.problem)
		}
	}
	if got := parseHistoryQuery("оплачено холд", now, LangRU, "UZS"); strings.Join(got.parts, "") != "оплачено или в холде" &&
		len(got.filter.States) != 2 {
		t.Errorf("two statuses in Russian: %+v %q", got.filter, got.parts)
	}
	if got := parseHistoryQuery("карта 5000", now, LangRU, "UZS"); got.filter.Last4 != "5000" || got.filter.Last4OrAmount {
		t.Errorf("the Russian word for card does not make 5000 a card: %+v", got.filter)
	}
}

// A cashier looking for a 5 000 UZS payment types 5000: the list shows it,
// and the payments on a card ending in 5000 too, and says it looked for both.
func TestHistoryFourDigitsFindAnAmount(t *testing.T) {
	rs := append(records(), flows.Record{ShopTransactionID: "oc-3", Kind: flows.Sale, State: flows.Succeeded, Currency: "UZS",
		Amount: decimal.RequireFromString("5000"), Captured: decimal.RequireFromString("5000"), Card: "860000******0023",
		Created: fixedNow, Description: "Bread"},
		flows.Record{ShopTransactionID: "oc-4", Kind: flows.Sale, State: flows.Succeeded, Currency: "UZS",
			Amount: decimal.RequireFromString("70000"), Captured: decimal.RequireFromString("70000"), Card: "986000******5000",
			Created: fixedNow, Description: "Milk"})
	j := &fakeJournal{records: rs, filters: make(chan flows.Filter, 20)}
	d := openHistoryOn(t, journalOptions(j), 100, 24)
	d.typeText("5000")
	d.until("the search", func(a App) bool { h, _ := historyOf(a); return h.loaded && len(h.records) == 2 })
	scr := d.screen()
	for _, want := range []string{"Showing: amount 5 000 UZS or card •5000", "5 000 UZS  •0023", "70 000 UZS  •5000"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the search for 5000 lacks %q:\n%s", want, scr)
		}
	}
	d.typeText(" so'm")
	d.until("the amount only", func(a App) bool { h, _ := historyOf(a); return h.loaded && len(h.records) == 1 })
	if scr := d.screen(); !strings.Contains(scr, "Showing: 5 000 UZS") || !strings.Contains(scr, "5 000 UZS  •0023") {
		t.Errorf("5000 so'm is not the amount alone:\n%s", scr)
	}
}

// detailOn opens payment id's detail from the history on a fake journal.
func detailOn(t *testing.T, o Options, j *fakeJournal, id string, w, h int) *driver {
	t.Helper()
	o.Journal = j
	d := openHistoryOn(t, o, w, h)
	d.typeText(id)
	d.until("the payment", func(a App) bool { h, _ := historyOf(a); return len(h.records) == 1 })
	d.key(tea.KeyEnter)
	d.until("the detail", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
	return d
}

func TestDetailRefundValidatedAndConfirmed(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	j.records[0].Refunded = decimal.RequireFromString("20000")
	o := testOptions()
	runner := &recordingRunner{}
	o.Runner = runner
	d := detailOn(t, o, j, "oc-1", 80, 24)
	d.send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	dt, _ := detailOf(d.app)
	if got := dt.input.Value(); got != "30 000" {
		t.Fatalf("refund field starts at %q, want what remains (30 000)", got)
	}
	for range 6 {
		d.key(tea.KeyBackspace)
	}
	d.typeText("30001")
	if !strings.Contains(d.screen(), "more than can be refunded (30 000 UZS)") {
		t.Fatalf("refunding more than remains is not refused as typed:\n%s", d.screen())
	}
	d.key(tea.KeyEnter)
	if dt, _ := detailOf(d.app); dt.mode != detailRefunding {
		t.Fatal("offered to refund more than remains")
	}
	d.key(tea.KeyBackspace)
	d.key(tea.KeyBackspace)
	d.typeText("00")
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "Give 30 000 UZS back to the card 8600 00** **** 0015.") {
		t.Fatalf("no confirmation:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
	if dt, _ := detailOf(d.app); dt.mode != detailRefunding || dt.input.Value() != "30 000" {
		t.Fatalf("no took the amount away: mode %v, %q", dt.mode, dt.input.Value())
	}
	d.key(tea.KeyEnter)
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("the refund on the counter's screens", func(a App) bool { return a.hasPay && a.pay.State == flows.Refunding })
	if got := d.app.pay.ShopTransactionID; got != "oc-1" {
		t.Errorf("refunding %q, want oc-1", got)
	}
	d.until("the refund sent", func(App) bool { return runner.refund() != nil })
	if r := runner.refund(); !r.Params.Amount.Equal(decimal.RequireFromString("30000")) {
		t.Errorf("refund sent for %s, want 30000", r.Params.Amount)
	}
}

// recordingRunner keeps the effects and answers none of them: the flow
// waits, as it would for a slow gateway.
type recordingRunner struct {
	mu      sync.Mutex
	effects []flows.Effect
}

func (r *recordingRunner) Run(_ context.Context, e flows.Effect) flows.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.effects = append(r.effects, e)
	return nil
}

func (r *recordingRunner) refund() *flows.CallRefund {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.effects {
		if c, ok := e.(flows.CallRefund); ok {
			return &c
		}
	}
	return nil
}

// refusingRunner answers every effect with a journal failure: enough to
// see a flow start without a gateway.
type refusingRunner struct{}

func (refusingRunner) Run(context.Context, flows.Effect) flows.Event {
	return flows.JournalFailed{Err: errors.New("read-only journal")}
}

func TestDetailOffersWhatFlowsAllows(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	o := testOptions()
	o.Runner = refusingRunner{}
	o.Printer = &fakePrinter{}
	o.FiscalData = func(context.Context, string) (*octo.FiscalData, error) { return &octo.FiscalData{}, nil }
	j.records[0].PaymentUUID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
	d := detailOn(t, o, j, "oc-2", 80, 24) // a hold: no refund; a status check
	dt, _ := detailOf(d.app)
	if dt.keys.Refund.Enabled() || !dt.keys.Check.Enabled() || dt.keys.Fiscal.Enabled() {
		t.Errorf("a hold offers refund %v, check %v, fiscal %v; want only the check",
			dt.keys.Refund.Enabled(), dt.keys.Check.Enabled(), dt.keys.Fiscal.Enabled())
	}
	d = detailOn(t, o, j, "oc-1", 80, 24)
	dt, _ = detailOf(d.app)
	if !dt.keys.Refund.Enabled() || !dt.keys.Print.Enabled() || !dt.keys.Fiscal.Enabled() {
		t.Error("a paid payment offers no refund, print or fiscal receipt")
	}
	d.send(tea.KeyPressMsg{Code: 'f', Text: "f"})
	d.until("the answer", func(a App) bool { dt, _ := detailOf(a); return !dt.fiscal.asking })
	if !strings.Contains(d.screen(), "OCTO has no fiscal receipt link for this payment.") {
		t.Errorf("no link is not said so:\n%s", d.screen())
	}
	d.key(tea.KeyEscape)
	d.send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	d.until("the status read", func(a App) bool { return a.hasPay && a.pay.ShopTransactionID == "oc-1" })
}

func TestHistoryGolden(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangRU, LangUZ} {
		for _, sz := range sizes {
			j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
			j.records[0].PaymentUUID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
			j.records[0].Operator = "Dilnoza"
			j.records[0].Refunded = decimal.RequireFromString("20000")
			j.records[0].Method = octo.MethodUzcard
			o := journalOptions(j)
			o.Language = lang
			o.Printer = &fakePrinter{}
			o.Runner = &recordingRunner{}
			o.FiscalData = func(context.Context, string) (*octo.FiscalData, error) { return &octo.FiscalData{}, nil }
			d := openHistoryOn(t, o, sz.w, sz.h)
			golden(t, sizeName("history-"+string(lang), sz.w, sz.h), d.screen())
			d.typeText("oc-1")
			d.until("the payment", func(a App) bool { h, _ := historyOf(a); return len(h.records) == 1 })
			d.key(tea.KeyEnter)
			d.until("the detail", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
			golden(t, sizeName("detail-"+string(lang), sz.w, sz.h), d.screen())
		}
	}
}

// TestDetailFiscalQRCode pays on the sandbox, which registers a fiscal
// receipt for every paid payment, and shows its link as a QR code where
// there is room; where there is not, the link alone, and why.
func TestDetailFiscalQRCode(t *testing.T) {
	for _, sz := range sizes {
		d, sb, _ := onSandbox(t, sz.w, sz.h)
		d.app.opts.FiscalData = fiscalFrom(t, sb)
		pay(d, "33000", false, "4111111111111111", "123")
		d.until("the 3-D Secure screen", func(a App) bool { return a.screen == screen3DS && a.threeDS.url != "" })
		d.send(tea.KeyPressMsg{Code: 'a', Text: "a"})
		d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
		d.send(doneMsg{})
		d.until("home", func(a App) bool { return a.screen == screenHome })
		d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
		d.until("the history", func(a App) bool { h, ok := historyOf(a); return ok && len(h.records) == 1 })
		d.key(tea.KeyEnter)
		d.until("the detail", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
		d.send(tea.KeyPressMsg{Code: 'f', Text: "f"})
		d.until("the fiscal link", func(a App) bool { dt, _ := detailOf(a); return dt.fiscal.url != "" })
		scr := d.screen()
		if !strings.Contains(scr, "Fiscal receipt") || !strings.Contains(scr, "https://ofd.soliq.uz/") {
			t.Errorf("%dx%d: no fiscal link:\n%s", sz.w, sz.h, scr)
		}
		if tall := sz.h >= 40; strings.Contains(scr, "█") != tall || strings.Contains(scr, "A taller terminal shows the QR code.") == tall {
			t.Errorf("%dx%d: QR code shown %v, want %v:\n%s", sz.w, sz.h, !tall, tall, scr)
		}
		d.key(tea.KeyEscape)
		if dt, ok := detailOf(d.app); !ok || dt.mode != detailViewing {
			t.Errorf("esc did not go back from the fiscal receipt to the detail:\n%s", d.screen())
		}
	}
}

func TestDetailFiscalErrorSaid(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	j.records[0].PaymentUUID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
	o := testOptions()
	o.FiscalData = func(context.Context, string) (*octo.FiscalData, error) {
		return nil, &octo.Error{Method: "fiscal-data", Code: 5, Message: "No fiscal receipt"}
	}
	d := detailOn(t, o, j, "oc-1", 80, 24)
	d.send(tea.KeyPressMsg{Code: 'f', Text: "f"})
	d.until("the answer", func(a App) bool { dt, _ := detailOf(a); return !dt.fiscal.asking })
	if !strings.Contains(d.screen(), "The fiscal receipt is not available: fiscal-data") {
		t.Errorf("OCTO's refusal is not said:\n%s", d.screen())
	}
}

func TestHistoryWithoutJournalSaysSo(t *testing.T) {
	d := newDriver(t, New(testOptions()), 80, 24)
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if !strings.Contains(d.screen(), "✗ the console has no journal") {
		t.Errorf("a console without a journal reads for ever:\n%s", d.screen())
	}
}

func TestDetailTimelineScrolls(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	d := detailOn(t, testOptions(), j, "oc-1", 80, 24)
	if !strings.Contains(d.screen(), "OCTO notification") || strings.Contains(d.screen(), "New → Creating the payment") {
		t.Fatalf("the timeline does not start at its newest entries:\n%s", d.screen())
	}
	for range 10 {
		d.key(tea.KeyUp)
	}
	if !strings.Contains(d.screen(), "New → Creating the payment") || !strings.Contains(d.screen(), "1–") {
		t.Fatalf("up did not scroll to the oldest entries:\n%s", d.screen())
	}
	for range 10 {
		d.key(tea.KeyDown)
	}
	if !strings.Contains(d.screen(), "OCTO notification") {
		t.Errorf("down did not come back to the newest entries:\n%s", d.screen())
	}
}

// slowJournal answers a history read only when told to, or when its
// context ends, and counts the reads that were stopped.
type slowJournal struct {
	*fakeJournal
	mu       sync.Mutex
	canceled int
	release  chan struct{}
}

func (s *slowJournal) History(ctx context.Context, f flows.Filter) ([]flows.Record, error) {
	select {
	case <-ctx.Done():
		s.mu.Lock()
		s.canceled++
		s.mu.Unlock()
		return nil, ctx.Err()
	case <-s.release:
		return s.fakeJournal.History(ctx, f)
	}
}

func TestHistoryStopsSupersededReads(t *testing.T) {
	j := &slowJournal{fakeJournal: &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}, release: make(chan struct{})}
	o := testOptions()
	o.Journal = j
	d := newDriver(t, New(o), 80, 24)
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.typeText("001")
	d.until("the first three reads stopped", func(App) bool { j.mu.Lock(); defer j.mu.Unlock(); return j.canceled == 3 })
	if strings.Contains(d.screen(), "context canceled") {
		t.Errorf("a stopped read shows as an error:\n%s", d.screen())
	}
	close(j.release)
	d.until("the last read's answer", func(a App) bool { h, _ := historyOf(a); return h.loaded })
	if h, _ := historyOf(d.app); h.err != "" || h.search.Value() != "001" {
		t.Errorf("after the reads: error %q, search %q", h.err, h.search.Value())
	}
}

// The refund field opens with what remains; the first digit typed replaces
// it (typing 5000 meant 5 000, not 30 0005 000), while a backspace edits it.
func TestRefundFieldTypingReplacesWhatRemains(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	j.records[0].Refunded = decimal.RequireFromString("20000")
	o := testOptions()
	o.Runner = &recordingRunner{}
	d := detailOn(t, o, j, "oc-1", 80, 24)
	d.send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	d.typeText("5000")
	if dt, _ := detailOf(d.app); dt.input.Value() != "5 000" {
		t.Errorf("typing 5000 into the prefilled field gave %q", dt.input.Value())
	}
	d.key(tea.KeyEscape)
	d.send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	d.key(tea.KeyBackspace)
	d.typeText("1")
	if dt, _ := detailOf(d.app); dt.input.Value() != "30 001" {
		t.Errorf("editing the prefilled field gave %q", dt.input.Value())
	}
}
