package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// The tests here act at machine speed on the outcome a screen shows, while
// the journal write of that outcome is still out: what the console does
// next must see it (journal_order.go).

// lateWrites is the console's runner with the journal writes of a payment
// entering one state held back: a journal on a busy disk, a store across
// the network. Held back, not lost: nothing here depends on how long.
type lateWrites struct {
	Runner
	state flows.State
}

// writeLag is how long lateWrites holds a write: long against a read that
// does not wait for it (a command started at once), and nothing else.
const writeLag = 200 * time.Millisecond

func (l lateWrites) Run(ctx context.Context, e flows.Effect) flows.Event {
	if j, ok := e.(flows.Journal); ok && j.Record.State == l.state {
		select {
		case <-time.After(writeLag):
		case <-ctx.Done():
		}
	}
	return l.Runner.Run(ctx, e)
}

// esc right after "Held", then h: home's count and the list have the hold.
func TestOpenHoldsRightAfterHeld(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	d.app.opts.Runner = lateWrites{d.app.opts.Runner, flows.Held}
	pay(d, "150000", true, "9860000000000018", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("the hold", func(a App) bool { return a.screen == screenHold && a.pay.State == flows.Held })
	d.key(tea.KeyEscape)
	d.send(keyText("h"))
	d.until("the open holds read", func(a App) bool { return a.screen == screenHolds && a.holds.loaded })
	if len(d.app.holds.holds) != 1 || d.app.home.openHolds != 1 {
		t.Errorf("right after the hold: %d in the list, %d counted; want the hold in both", len(d.app.holds.holds), d.app.home.openHolds)
	}
}

// p right after "Paid", and again: the first print is journaled against
// the sale, the second reads that before it prints, so it and the next
// print, from the history's detail, are copies.
func TestReceiptRightAfterPaid(t *testing.T) {
	dir := t.TempDir()
	d, sb, _ := onSandbox(t, 120, 40)
	d.app.opts.Runner = lateWrites{d.app.opts.Runner, flows.Succeeded}
	d.app.opts.Printer = receipt.FilePrinter{Dir: dir, Width: 42}
	pay(d, "120000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded && a.screen == screenResult })
	d.send(keyText("p"), keyText("p"))
	d.until("the receipts", func(a App) bool {
		return strings.Contains(a.result.printed, "Copy saved to") || a.result.printErr != ""
	})
	if d.app.result.printErr != "" {
		t.Fatalf("the prints: %q %q", d.app.result.printed, d.app.result.printErr)
	}
	d.key(tea.KeyEscape)
	d.send(keyText("y"))
	d.until("the history", func(a App) bool { h, ok := historyOf(a); return ok && len(h.records) == 1 })
	d.key(tea.KeyEnter)
	d.until("the detail", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
	d.send(keyText("p"))
	d.until("the reprint", func(a App) bool { dt, _ := detailOf(a); return dt.printed != "" || dt.printErr != "" })
	if dt, _ := detailOf(d.app); !strings.Contains(dt.printed, "Copy saved to") {
		t.Errorf("the print after the first: %q %q; want a copy", dt.printed, dt.printErr)
	}
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name()[strings.Index(f.Name(), "-sale-"):])
		b, _ := os.ReadFile(filepath.Join(dir, f.Name()))
		if strings.Contains(string(b), "COPY") != strings.Contains(f.Name(), "copy") {
			t.Errorf("%s is marked wrong:\n%s", f.Name(), b)
		}
	}
	if strings.Join(names, " ") != "-sale-1.txt -sale-2-copy.txt -sale-3-copy.txt" {
		t.Errorf("files %q", names)
	}
}

// A notification that comes right after the cashier left a payment on
// "checking with OCTO" is applied to it: home says how it ended.
func TestNotificationRightAfterLeaving(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	runner := d.app.opts.Runner.(*run.Runner)
	d.app.opts.ApplyHint = func(ctx context.Context, id string, st octo.Status) error {
		_, _, err := run.ApplyNotification(ctx, runner, id, st)
		return err
	}
	d.app.opts.Runner = lateWrites{runner, flows.Resolving}
	sb.Inject(sandbox.Fault{Method: "pay", Kind: sandbox.FaultDrop, Count: 1})
	pay(d, "50000", false, "4111111111111111", "123")
	d.until("checking with OCTO", func(a App) bool { return a.pay.State == flows.Resolving })
	id, uuid := d.app.pay.ShopTransactionID, d.app.pay.PaymentUUID
	if uuid == "" {
		t.Fatal("no OCTO payment to complete")
	}
	d.key(tea.KeyEscape)
	if err := sb.Complete3DS(uuid, true); err != nil {
		t.Fatal(err)
	}
	d.send(hintMsg{ShopTransactionID: id, Status: octo.StatusSucceeded, Verified: true})
	d.until("the news", func(a App) bool { return strings.Contains(a.notice, "turned out PAID") })
	if d.app.left[id] {
		t.Error("the payment is still counted as left")
	}
}

// A read waits for every write booked before it, and the writes end in
// the order they were booked, whichever returned first.
func TestWriteOrderReadsAfterEarlierWrites(t *testing.T) {
	var o writeOrder
	if err := o.settled(context.Background()); err != nil {
		t.Fatalf("nothing booked: %v", err)
	}
	first, done1 := o.book()
	if first != nil {
		t.Fatal("the first write waits for another")
	}
	second, done2 := o.book()
	go done2() // the second write returned before the first
	settled := make(chan error, 1)
	go func() { settled <- o.settled(context.Background()) }()
	select {
	case <-second:
		t.Fatal("the second write went before the first returned")
	case err := <-settled:
		t.Fatalf("a read went before the first write returned: %v", err)
	default:
	}
	done1()
	<-second
	if err := <-settled; err != nil {
		t.Fatal(err)
	}
	// A read that no longer matters (the console quits) stops waiting.
	_, never := o.book()
	defer never()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := o.settled(ctx); err == nil {
		t.Error("a read waited out a canceled context")
	}
}

// A write booked whose command never ran holds the reads after it only
// up to writeWaitLimit: then they go on, rather than wait for ever.
func TestReadsOutwaitAWriteThatNeverRan(t *testing.T) {
	defer func(l time.Duration) { writeWaitLimit = l }(writeWaitLimit)
	writeWaitLimit = 50 * time.Millisecond
	var o writeOrder
	_, never := o.book()
	defer never()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // a bound, not a measure
	defer cancel()
	if err := o.settled(ctx); err != nil {
		t.Fatalf("the read waited past its limit for a write that never ran: %v", err)
	}
	// A write behind it waits as long, no longer: the payment's journal
	// (and the request after it) are not held for the rest of the day.
	wrote := make(chan tea.Msg, 1)
	cmd := runEffects(ctx, blockedRequest{}, &o, "oc-1", 1, []flows.Effect{flows.Journal{}})
	go func() { wrote <- cmd() }()
	select {
	case <-wrote:
	case <-ctx.Done():
		t.Fatal("the write behind a write that never ran waited past its limit")
	}
}

// blockedRequest is a runner whose journal writes return at once and whose
// requests wait until the test lets them go.
type blockedRequest struct{ release chan struct{} }

func (b blockedRequest) Run(_ context.Context, e flows.Effect) flows.Event {
	if journalWrite(e) {
		return nil
	}
	<-b.release
	return flows.PayAnswered{}
}

// The request after a journal write does not hold the queue: a read
// waits for the write, not for OCTO's answer.
func TestRequestDoesNotHoldTheJournal(t *testing.T) {
	var o writeOrder
	r := blockedRequest{release: make(chan struct{})}
	cmd := runEffects(context.Background(), r, &o, "oc-1", 1, []flows.Effect{flows.Journal{}, flows.CallPay{}})
	answered := make(chan tea.Msg, 1)
	go func() { answered <- cmd() }()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // a bound, not a measure
	defer cancel()
	if err := o.settled(ctx); err != nil {
		t.Fatalf("the read waited for the request: %v", err)
	}
	close(r.release)
	if m, ok := (<-answered).(flowEventMsg); !ok || !m.request {
		t.Errorf("the request's answer: %#v", m)
	}
}

// downJournal is a runner whose journal cannot be written: the store
// is down. A request would be sent, and must not be.
type downJournal struct{ sent *bool }

func (f downJournal) Run(_ context.Context, e flows.Effect) flows.Event {
	if journalWrite(e) {
		return flows.JournalFailed{Err: errors.New("the store is down")}
	}
	*f.sent = true
	return flows.PayAnswered{}
}

// A write that fails is the flow's to show and retry, as before; the
// queue moves on, so the reads after it are not held by it.
func TestFailedWriteLetsTheQueueOn(t *testing.T) {
	var o writeOrder
	sent := false
	cmd := runEffects(context.Background(), downJournal{&sent}, &o, "oc-1", 1, []flows.Effect{flows.Journal{}, flows.CallPay{}})
	m, ok := cmd().(flowEventMsg)
	if _, failed := m.ev.(flows.JournalFailed); !ok || !failed || sent {
		t.Fatalf("the answer %#v, the request sent %v; want JournalFailed and nothing sent", m, sent)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // a bound, not a measure
	defer cancel()
	if err := o.settled(ctx); err != nil {
		t.Fatalf("a read after the failed write: %v", err)
	}
}

// BenchmarkJournalQueue is what the queue costs a read of the open holds
// on a SQLite journal (raw: without it) and a write booked and ended.
func BenchmarkJournalQueue(b *testing.B) {
	j, err := journal.OpenSQLite(filepath.Join(b.TempDir(), "journal.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = j.Close() })
	ctx := context.Background()
	for _, c := range []struct {
		name string
		j    Journal
	}{{"raw", j}, {"ordered", ordered(j)}} {
		b.Run("read-"+c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.j.OpenHolds(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("book", func(b *testing.B) {
		var o writeOrder
		for b.Loop() {
			_, done := o.book()
			done()
			if err := o.settled(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// stuckPrinter's first print takes longer than a print may (a printer that
// does not heed the timeout); the prints after it go out at once.
type stuckPrinter struct {
	stuck time.Duration
	calls atomic.Int32
}

func (p *stuckPrinter) Print(context.Context, receipt.Document) error {
	if p.calls.Add(1) == 1 {
		time.Sleep(p.stuck)
	}
	return nil
}

// A print queued behind a slow one gets its own time once its turn comes:
// p pressed twice on a slow printer prints the second receipt too, rather
// than failing with the time the first one used up.
func TestPrintBehindASlowOneHasItsOwnTime(t *testing.T) {
	defer func(d time.Duration) { printTimeout = d }(printTimeout)
	printTimeout = 50 * time.Millisecond
	j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	o := New(testOptions()).opts // as the console runs them: a context, a language
	o.Journal = ordered(j)
	p := &stuckPrinter{stuck: 4 * printTimeout}
	o.Printer = p
	rec := records()[0]
	first := printDocument(o, printJob{rec: rec, at: o.Now()})
	second := printDocument(o, printJob{rec: rec, at: o.Now(), copy: true})
	done := make(chan tea.Msg, 2)
	go func() { done <- first() }()
	go func() { done <- second() }()
	for range 2 {
		select {
		case m := <-done:
			if pm, ok := m.(receiptPrintedMsg); !ok || pm.err != nil {
				t.Errorf("a print: %#v", m)
			}
		case <-time.After(10 * time.Second): // a bound, not a measure
			t.Fatal("a print never ended")
		}
	}
}

// gatedPrinter prints once its gate is opened.
type gatedPrinter struct {
	gate  chan struct{}
	calls atomic.Int32
}

func (p *gatedPrinter) Print(ctx context.Context, _ receipt.Document) error {
	select {
	case <-p.gate:
		p.calls.Add(1)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Settle (what the console waits for once the cashier has quit) returns
// only once a receipt's print, or an X report's, booked before it is out:
// the console closed the journal under them before.
func TestSettleWaitsForThePrintsInFlight(t *testing.T) {
	for _, gated := range []string{"receipt", "report"} {
		t.Run(gated, func(t *testing.T) {
			j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "journal.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			opts := testOptions()
			opts.Journal = j
			a := New(opts)
			held := &gatedPrinter{gate: make(chan struct{})}
			receiptOpts, reportOpts := a.opts, a.opts
			receiptOpts.Printer, reportOpts.Printer = &fakePrinter{}, &fakePrinter{}
			if gated == "receipt" {
				receiptOpts.Printer = held
			} else {
				reportOpts.Printer = held
			}
			receiptPrint := printDocument(receiptOpts, printJob{rec: records()[0], at: a.opts.Now()})
			reportPrint := printReport(reportOpts, flows.Report{Shift: 1, Opened: fixedNow})
			go receiptPrint()
			go reportPrint()
			settlesOnlyAfter(t, a, "the "+gated+" held at the printer", held.gate)
			if held.calls.Load() != 1 {
				t.Errorf("settled with %d prints out, want 1", held.calls.Load())
			}
		})
	}
}

// settlesOnlyAfter checks that a.Settle waits while what is held waits
// for gate, and returns once the gate is opened.
func settlesOnlyAfter(t *testing.T, a App, held string, gate chan struct{}) {
	t.Helper()
	settled := make(chan error, 1)
	go func() { settled <- a.Settle(context.Background()) }()
	select {
	case err := <-settled:
		t.Fatalf("settled with %s: %v", held, err)
	case <-time.After(50 * time.Millisecond): // a wait for what must not happen, not a measure
	}
	close(gate)
	select {
	case err := <-settled:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second): // a bound, not a measure
		t.Fatalf("never settled after %s was let through", held)
	}
}

// heldTokens is the console's runner with a saved card's token write held
// until the gate opens.
type heldTokens struct {
	Runner
	gate chan struct{}
}

func (h heldTokens) Run(ctx context.Context, e flows.Effect) flows.Event {
	if _, ok := e.(flows.JournalToken); ok {
		select {
		case <-h.gate:
		case <-ctx.Done():
		}
	}
	return h.Runner.Run(ctx, e)
}

// A card binding's writes are on the journal's queue like a payment's:
// quitting right after "Saved" (App.Settle) waits for the token's write,
// which the console used to close the journal under — a card bound at
// OCTO and saved nowhere here.
func TestSettleWaitsForASavedCardsToken(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	gate := make(chan struct{})
	d.app.opts.Runner = heldTokens{d.app.opts.Runner, gate}
	saveCardForm(d)
	saveCard(d, sb)
	settlesOnlyAfter(t, d.app, "the token's write held", gate)
	tokens, err := d.app.opts.Tokens.Tokens(context.Background(), "998901234567")
	if err != nil || len(tokens) != 1 {
		t.Errorf("after settling the journal has %d saved cards, %v", len(tokens), err)
	}
}

// heldPINs is a journal whose record of the lock's wrong PINs waits for
// its gate.
type heldPINs struct {
	Journal
	gate chan struct{}
}

func (h heldPINs) RecordPINTries(ctx context.Context, shift int64, wrong int, notBefore time.Time) error {
	select {
	case <-h.gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	return h.Journal.RecordPINTries(ctx, shift, wrong, notBefore)
}

// Quitting right after wrong PINs at the lock (App.Settle) waits for
// their count to be journaled: the next start keeps the pause, rather
// than a quit being a way around it.
func TestSettleWaitsForTheWrongPINs(t *testing.T) {
	d, _, _ := onSandbox(t, 80, 24)
	gate := make(chan struct{})
	o := d.app.opts
	o.Journal = heldPINs{o.Journal.(orderedJournal).Journal, gate}
	d2 := newDriver(t, New(o), 80, 24)
	openShiftOnSandbox(t, d2)
	d2.send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	for range pinFreeTries {
		d2.typeText("1111")
		d2.key(tea.KeyEnter)
	}
	settlesOnlyAfter(t, d2.app, "the wrong PINs' record held", gate)
	s, err := o.Journal.CurrentShift(context.Background())
	if err != nil || s.PINWrong != pinFreeTries {
		t.Errorf("after settling the journal has %d wrong PINs (%v), want %d", s.PINWrong, err, pinFreeTries)
	}
}

// ctrl+c right after p: the console says it finishes the receipt, takes
// no key meanwhile, and quits once the print is out — not at once, which
// would stop the event loop before a command made beside the print ran.
func TestQuitWaitsForThePrintInFlight(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	held := &gatedPrinter{gate: make(chan struct{})}
	d.app.opts.Printer = held
	pay(d, "120000", false, "8600000000000015", "")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded && a.screen == screenResult })
	d.send(keyText("p"))
	d.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if d.quit {
		t.Fatal("quit with the receipt held at the printer")
	}
	if !strings.Contains(d.screen(), "Finishing the receipt and the journal before quitting") {
		t.Errorf("the screen does not say why it has not quit:\n%s", d.screen())
	}
	d.key(tea.KeyEscape) // home, had the console not been quitting
	if d.app.screen != screenResult {
		t.Errorf("a key acted while quitting: screen %d", d.app.screen)
	}
	close(held.gate)
	d.until("quit", func(App) bool { return d.quit })
	if held.calls.Load() != 1 {
		t.Errorf("%d receipts printed, want 1", held.calls.Load())
	}
}
