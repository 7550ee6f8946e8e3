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
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// urgentHolds are three holds: one with time, one expiring soon, one expired.
func urgentHolds() []flows.Record {
	d := decimal.RequireFromString
	return []flows.Record{
		{ShopTransactionID: "oc-3", Kind: flows.Hold, State: flows.Held, Currency: "UZS", Amount: d("90000"),
			Card: "860000******0015", Created: fixedNow, HoldExpires: fixedNow.Add(-time.Minute), Description: "Hotel"},
		{ShopTransactionID: "oc-4", Kind: flows.Hold, State: flows.Held, Currency: "UZS", Amount: d("60000"),
			Card: "411111******1111", Created: fixedNow, HoldExpires: fixedNow.Add(5*time.Minute + 30*time.Second)},
		{ShopTransactionID: "oc-2", Kind: flows.Hold, State: flows.Held, Currency: "UZS", Amount: d("150000"),
			Card: "986000******0018", Created: fixedNow, HoldExpires: fixedNow.Add(20 * time.Minute), Description: "Coffee machine"},
	}
}

func holdsDriver(t *testing.T, lang Lang, w, h int) *driver {
	j := &fakeJournal{records: urgentHolds(), filters: make(chan flows.Filter, 100)}
	o := journalOptions(j)
	o.Language = lang
	d := newDriver(t, New(o), w, h)
	d.send(keyText("h"))
	d.until("the list", func(a App) bool { return len(a.holds.holds) == 3 })
	return d
}

func TestHoldsCountdownsAndWarnings(t *testing.T) {
	d := holdsDriver(t, LangEN, 120, 40)
	scr := d.screen()
	for _, want := range []string{"expires in 20:00", "expires in 05:30 ⚠", "expired — open to check",
		"⚠ 1 hold(s) expire within 10 minutes", "⚠ 1 hold(s) expired"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the list lacks %q:\n%s", want, scr)
		}
	}
	if got := colored(d.app.View().Content); !strings.Contains(got, "expires in 05:30") {
		t.Errorf("no styled countdown: %q", got)
	}
	left, warn := holdLeft(LangEN, urgentHolds()[2], fixedNow)
	if warn || left != "expires in 20:00" {
		t.Errorf("a hold with 20 minutes: %q warn=%v", left, warn)
	}
	left, warn = holdLeft(LangEN, urgentHolds()[2], fixedNow.Add(10*time.Minute+time.Second))
	if !warn || left != "expires in 09:59 ⚠" {
		t.Errorf("a hold with 9:59: %q warn=%v", left, warn)
	}
}

func TestHoldsSelectAndConfirmWithTotal(t *testing.T) {
	d := holdsDriver(t, LangEN, 80, 24)
	d.send(keyText(" "))
	d.send(keyText(" "))
	if len(d.app.holds.selected) != 2 || !strings.Contains(d.screen(), "3 waiting, 2 selected: 150 000 UZS.") {
		t.Fatalf("two selected:\n%s", d.screen())
	}
	d.send(keyText("c"))
	d.until("the question", func(a App) bool { return a.confirm != nil })
	if scr := d.screen(); !strings.Contains(scr, "Capture 2 hold(s) in full?") || !strings.Contains(scr, "Charge 150 000 UZS in all") {
		t.Errorf("the question does not name the total:\n%s", scr)
	}
	d.send(keyText("n"))
	if d.app.holds.batch != nil {
		t.Error("a batch started although the cashier said no")
	}
	d.send(keyText("a"))
	d.send(keyText("x"))
	d.until("the question", func(a App) bool { return a.confirm != nil })
	if scr := d.screen(); !strings.Contains(scr, "Cancel 3 hold(s)?") || !strings.Contains(scr, "Release 300 000 UZS in all") {
		t.Errorf("cancel all:\n%s", scr)
	}
}

func TestHoldsGolden(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangRU, LangUZ} {
		for _, sz := range sizes {
			d := holdsDriver(t, lang, sz.w, sz.h)
			d.send(keyText(" "))
			golden(t, sizeName("holds-"+string(lang), sz.w, sz.h), d.screen())
		}
	}
}

// twoHolds makes two holds on the sandbox and goes back home.
func twoHolds(t *testing.T, d *driver, sbCode func() string) {
	t.Helper()
	for _, amt := range []string{"150000", "90000"} {
		pay(d, amt, true, "9860000000000018", "")
		d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
		d.typeText(sbCode())
		d.key(tea.KeyEnter)
		d.until("the hold", func(a App) bool { return a.pay.State == flows.Held })
		d.key(tea.KeyEscape) // leave it for later
		d.until("home", func(a App) bool { return a.screen == screenHome })
	}
	d.until("the count", func(a App) bool { return a.home.openHolds == 2 })
}

func TestHoldsBatchCaptureThroughTheRunner(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	twoHolds(t, d, func() string { return lastCode(sb) })
	d.send(keyText("h"))
	d.until("the list", func(a App) bool { return len(a.holds.holds) == 2 })
	d.send(keyText("a"), keyText("c"))
	d.until("the question", func(a App) bool { return a.confirm != nil })
	d.send(keyText("y"))
	d.until("both done", func(a App) bool { return a.holds.batch.finished() })
	if !strings.Contains(d.screen(), "✓ 2 hold(s) captured") {
		t.Errorf("the outcome:\n%s", d.screen())
	}
	if d.app.busy != "" {
		t.Errorf("still busy after the batch: %q", d.app.busy)
	}
	j := d.app.opts.Journal
	d.until("the journal", func(a App) bool { return a.home.openHolds == 0 })
	x, err := j.XReportAt(context.Background(), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if n, amt := x.Total(flows.BucketCaptured); n != 2 || !amt.Equal(decimal.RequireFromString("240000")) {
		t.Errorf("captured in the journal: %d / %s", n, amt)
	}
	d.send(keyText("q")) // any key: the list again, empty now
	if !strings.Contains(d.screen(), "No holds are waiting") {
		t.Errorf("after the batch:\n%s", d.screen())
	}
}

func TestHoldsBatchCancelOne(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	twoHolds(t, d, func() string { return lastCode(sb) })
	d.send(keyText("h"))
	d.until("the list", func(a App) bool { return len(a.holds.holds) == 2 })
	d.send(keyText("x")) // none selected: the one under the cursor
	d.until("the question", func(a App) bool { return a.confirm != nil })
	d.send(keyText("y"))
	d.until("done", func(a App) bool { return a.holds.batch.finished() })
	if !strings.Contains(d.screen(), "✓ 1 hold(s) canceled") {
		t.Errorf("the outcome:\n%s", d.screen())
	}
	hs, _ := d.app.opts.Journal.OpenHolds(context.Background())
	if len(hs) != 1 {
		t.Errorf("%d holds still open, want 1", len(hs))
	}
}

func TestHoldsLongListFollowsTheCursor(t *testing.T) {
	var many []flows.Record
	for i := range 30 {
		r := records()[1]
		r.ShopTransactionID = "oc-h" + string(rune('a'+i))
		r.Amount = decimal.NewFromInt(int64(1000 * (i + 1)))
		many = append(many, r)
	}
	j := &fakeJournal{records: many, filters: make(chan flows.Filter, 100)}
	d := newDriver(t, New(journalOptions(j)), 80, 24)
	d.send(keyText("h"))
	d.until("the list", func(a App) bool { return len(a.holds.holds) == 30 })
	for range 25 {
		d.key(tea.KeyDown)
	}
	scr := d.screen()
	if !strings.Contains(scr, "▸ [ ] 26 000 UZS") || !strings.Contains(scr, "of 30 shown") {
		t.Errorf("the cursor's hold is not on screen:\n%s", scr)
	}
	if lines := strings.Count(scr, "\n") + 1; lines > 24 {
		t.Errorf("%d lines on a 24-line terminal", lines)
	}
	if strings.Contains(scr, "[ ] 1 000 UZS") {
		t.Errorf("the first hold is still shown with the cursor at the 26th:\n%s", scr)
	}
}

// One hold's trouble does not stop the others, and it is named.
func TestHoldsBatchGoesOnAfterAFailure(t *testing.T) {
	d, sb, _ := onSandbox(t, 120, 40)
	twoHolds(t, d, func() string { return lastCode(sb) })
	d.send(keyText("h"))
	d.until("the list", func(a App) bool { return len(a.holds.holds) == 2 })
	sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultError, Code: 4, Message: "Capture refused"})
	d.send(keyText("a"), keyText("c"))
	d.until("the question", func(a App) bool { return a.confirm != nil })
	d.send(keyText("y"))
	d.until("both done", func(a App) bool { return a.holds.batch.finished() })
	scr := d.screen()
	if !strings.Contains(scr, "! 1 of 2 hold(s) done; see below") || !strings.Contains(scr, "✗ ") || !strings.Contains(scr, "✓ ") {
		t.Errorf("the outcome does not tell the failed hold from the captured one:\n%s", scr)
	}
	if got := d.app.holds.batch.results; got[0].state == flows.Succeeded || got[1].state != flows.Succeeded {
		t.Errorf("outcomes: %s, %s", got[0].state, got[1].state)
	}
}

// lostReads is the runner with OCTO gone quiet after a capture whose answer
// was lost: the status reads of that hold get no answer (at once, so the
// test does not wait out the flow's pacing), and are counted.
type lostReads struct {
	Runner
	mu      sync.Mutex
	losing  bool   // a capture's answer was lost: the next hold read is lost too
	lostID  string // the hold whose reads get no answer
	reads   int    // status reads of lostID
	capture int    // captures sent
}

func (r *lostReads) Run(ctx context.Context, e flows.Effect) flows.Event {
	r.mu.Lock()
	rs, isRead := e.(flows.ReadStatus)
	if isRead && r.losing && (r.lostID == "" || r.lostID == rs.ShopTransactionID) {
		r.lostID = rs.ShopTransactionID
		r.reads++
		r.mu.Unlock()
		return flows.StatusAnswered{Seq: rs.Seq, Err: &octo.TransportError{Method: "prepare_payment", Sent: true, Err: context.DeadlineExceeded}}
	}
	r.mu.Unlock()
	ev := r.Runner.Run(ctx, e)
	if ans, ok := ev.(flows.CaptureAnswered); ok {
		r.mu.Lock()
		r.capture++
		if ans.Err != nil && r.lostID == "" {
			r.losing = true
		}
		r.mu.Unlock()
	}
	return ev
}

// A hold whose capture answer is lost gets a few status reads, then is left
// unknown for reconcile and History, and the batch goes on to the next one
// (before, up to 40 reads paced up to 30 s apart: ~18 minutes).
func TestHoldsBatchLeavesALostAnswerUnknownAndMovesOn(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	twoHolds(t, d, func() string { return lastCode(sb) })
	lr := &lostReads{Runner: d.app.opts.Runner}
	d.app.opts.Runner = lr
	d.send(keyText("h"))
	d.until("the list", func(a App) bool { return len(a.holds.holds) == 2 })
	sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultDrop, Count: 1})
	d.send(keyText("a"), keyText("c"))
	d.until("the question", func(a App) bool { return a.confirm != nil })
	d.send(keyText("y"))
	d.until("both done", func(a App) bool { return a.holds.batch.finished() })
	if lr.reads == 0 || lr.reads > 3 {
		t.Errorf("the lost hold got %d status reads in the batch, want 1..3", lr.reads)
	}
	got := d.app.holds.batch.results
	if got[0].state != flows.Resolving || got[1].state != flows.Succeeded || lr.capture != 2 {
		t.Errorf("outcomes: %s, %s after %d captures; want resolving (left), succeeded", got[0].state, got[1].state, lr.capture)
	}
	scr := d.screen()
	for _, want := range []string{"! 1 of 2 hold(s) done; see below", "? 1 hold(s) with no known outcome: checked at the next",
		"unknown — checked later (History)", "Outcome unknown after 3 status reads"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the summary lacks %q:\n%s", want, scr)
		}
	}
	if d.app.busy != "" {
		t.Errorf("still busy after the batch: %q", d.app.busy)
	}
	// Left in the journal as unfinished: reconcile reads it at the next start.
	un, err := unordered(d.app.opts.Journal).(interface {
		Unfinished(context.Context) ([]flows.Record, error)
	}).Unfinished(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 1 || un[0].ShopTransactionID != lr.lostID || un[0].State != flows.Resolving {
		t.Errorf("unfinished in the journal: %+v; want the lost hold %s, resolving", un, lr.lostID)
	}
}
