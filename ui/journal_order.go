package ui

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The payment flows write the journal beside the screen: the screen shows
// "Held" or "Paid" as the event loop handles the outcome, and the write
// runs in a command of its own. Whatever the cashier does next — esc to
// home and its open holds, p for a receipt, the history — and whatever
// the console applies next (a notification about a payment left for
// later) reads the journal in another command, which could run first and
// miss the write. So the writes and the reads go on one queue: a write is
// booked when its command is made (in the event loop, so in the order of
// the screens), it waits for the writes booked before it, and every read
// through the journal waits for the writes booked before it ran. A read
// issued after a write therefore sees it; a write never overtakes an
// earlier one. A card binding's writes and the shift's own (bookedWrite)
// are on the same queue. A write that fails still returns (its
// JournalFailed is shown and retried as before): the queue moves on.
// Quitting waits for the queue (App.Settle). Receipts' prints,
// which read how often a receipt was printed and then record one more,
// queue among themselves (orderedJournal.prints). A write booked must
// have its command run, as every command the App makes is: one dropped
// would hold every read after it.

// writeOrder is the queue: the writes booked, as a chain in which each
// one's end is signalled after the ones before it ended.
type writeOrder struct {
	mu   sync.Mutex
	last chan struct{} // closed once the last write booked, and all before it, returned; nil: none booked
}

// book queues a write: before is closed once the writes booked earlier
// have returned (nil: none); done, called once the write returned, lets
// later ones on. On no queue (nil) it books nothing.
func (o *writeOrder) book() (before <-chan struct{}, done func()) {
	if o == nil {
		return nil, func() {}
	}
	mine := make(chan struct{})
	o.mu.Lock()
	prev := o.last
	o.last = mine
	o.mu.Unlock()
	var once sync.Once
	return prev, func() {
		once.Do(func() {
			if prev == nil {
				close(mine)
				return
			}
			// The chain ends in order, whatever order the writes took; the
			// caller does not wait for it (a write that went on past the
			// limit, or a print behind a stuck one, returns at once).
			go func() {
				<-prev
				close(mine)
			}()
		})
	}
}

// writeWaitLimit bounds a read's (and a write's) wait for the writes
// booked before it.
// Every write booked has its command run, so the wait ends when they
// return; were one never to run (a command dropped by a mistake), every
// read after it would wait for ever, and with them the screens that hold
// the keys for their read (History's first page). Past the bound the read
// goes on, and may miss that one write, as reads did before the queue.
var writeWaitLimit = 30 * time.Second

// idle says whether every write booked so far has returned (a queue that
// is nil too).
func (o *writeOrder) idle() bool {
	if o == nil {
		return true
	}
	o.mu.Lock()
	last := o.last
	o.mu.Unlock()
	return last == nil || isClosed(last)
}

// isClosed says whether ch is closed, without waiting.
func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// settled waits until every write booked so far has returned, ctx ends,
// or writeWaitLimit has passed.
func (o *writeOrder) settled(ctx context.Context) error {
	if o == nil {
		return nil
	}
	o.mu.Lock()
	last := o.last
	o.mu.Unlock()
	return waitTurn(ctx, last)
}

// waitTurn waits until turn is closed (nil: at once), ctx ends, or
// writeWaitLimit has passed — for a read, and for a write behind the
// writes booked before it, which would otherwise wait as long.
func waitTurn(ctx context.Context, turn <-chan struct{}) error {
	if turn == nil || isClosed(turn) {
		return nil // most often: no timer for a queue already through
	}
	limit := time.NewTimer(writeWaitLimit)
	defer limit.Stop()
	select {
	case <-turn:
		return nil
	case <-limit.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// orderedJournal is the console's journal with its reads after the writes
// booked before them. New wraps Options.Journal in it.
type orderedJournal struct {
	Journal
	writes *writeOrder // the payments' writes
	// prints are the receipts' prints, a queue of their own: each is
	// recorded before the next reads how often its receipt was printed,
	// and a slow printer (or OCTO's fiscal link, asked for first) holds
	// up no other read.
	prints *writeOrder
}

// ordered puts j on a queue of its own (nil stays nil: nothing to read).
func ordered(j Journal) Journal {
	if j == nil {
		return nil
	}
	if _, done := j.(orderedJournal); done {
		return j
	}
	return orderedJournal{Journal: j, writes: &writeOrder{}, prints: &writeOrder{}}
}

// writesOf is j's queue; nil (no wait, nothing booked) for a journal not
// on one.
func writesOf(j Journal) *writeOrder {
	if o, ok := j.(orderedJournal); ok {
		return o.writes
	}
	return nil
}

// printsOf is j's queue of prints; nil for a journal not on a queue.
func printsOf(j Journal) *writeOrder {
	if o, ok := j.(orderedJournal); ok {
		return o.prints
	}
	return nil
}

// journalAs is j's optional part T (a PaymentLog, a ReceiptLog), which
// the queue does not wrap: its user waits with afterWrites first.
func journalAs[T any](j Journal) (T, bool) {
	if o, ok := j.(orderedJournal); ok {
		j = o.Journal
	}
	t, ok := j.(T)
	return t, ok
}

// quit quits once the journal writes and prints booked so far are done,
// saying so meanwhile. Not at once: a command the screens made beside a
// write (a batch) reaches the runtime through the event loop, and a quit
// stops the loop before it runs — the write, or the receipt, would never
// happen, and the console's own wait at its end (Settle) would wait out
// its limit for it.
func (a App) quit() (App, tea.Cmd) {
	j := a.opts.Journal
	if writesOf(j).idle() && printsOf(j).idle() {
		return a, tea.Quit
	}
	a.notice = a.st.T("Finishing the receipt and the journal before quitting…")
	a.quitting = true
	ctx := a.opts.Context
	return a, func() tea.Msg {
		_ = a.Settle(ctx)
		return tea.QuitMsg{}
	}
}

// Settle waits for every journal write and receipt print the screens have
// booked so far, each queue at most writeWaitLimit (or until ctx ends), so
// that ctrl+c right after "Paid" or p loses neither the payment's write
// nor the receipt and its print's record: quit waits with it before the
// event loop stops, a replay before it reads the outcome, and the console
// before it closes the journal (an end the screens did not choose). Any
// copy of the App waits for the same queues (New makes them).
func (a App) Settle(ctx context.Context) error {
	return errors.Join(writesOf(a.opts.Journal).settled(ctx), printsOf(a.opts.Journal).settled(ctx))
}

// bookedWrite is a command for one journal write of the screens' own (a
// shift opened, the lock's wrong PINs), booked on j's queue now: it waits
// for the writes booked before it, and the reads after it (the shift a
// restarted console reads) and quitting (Settle) wait for it.
func bookedWrite(ctx context.Context, j Journal, write func() tea.Msg) tea.Cmd {
	before, written := writesOf(j).book()
	return func() tea.Msg {
		defer written()
		_ = waitTurn(ctx, before) // a context ended: the write sees it itself
		return write()
	}
}

// afterWrites waits, inside a command, for the journal writes booked
// before it.
func afterWrites(ctx context.Context, j Journal) error {
	return writesOf(j).settled(ctx)
}

func (o orderedJournal) CurrentShift(ctx context.Context) (flows.Shift, error) {
	if err := o.writes.settled(ctx); err != nil {
		return flows.Shift{}, err
	}
	return o.Journal.CurrentShift(ctx)
}

func (o orderedJournal) OpenHolds(ctx context.Context) ([]flows.Record, error) {
	if err := o.writes.settled(ctx); err != nil {
		return nil, err
	}
	return o.Journal.OpenHolds(ctx)
}

func (o orderedJournal) History(ctx context.Context, f flows.Filter) ([]flows.Record, error) {
	if err := o.writes.settled(ctx); err != nil {
		return nil, err
	}
	return o.Journal.History(ctx, f)
}

func (o orderedJournal) XReportAt(ctx context.Context, at time.Time) (flows.Report, error) {
	if err := o.writes.settled(ctx); err != nil {
		return flows.Report{}, err
	}
	return o.Journal.XReportAt(ctx, at)
}

func (o orderedJournal) ZReport(ctx context.Context, at time.Time) (flows.Report, error) {
	if err := o.writes.settled(ctx); err != nil {
		return flows.Report{}, err
	}
	return o.Journal.ZReport(ctx, at)
}

func (o orderedJournal) ZReports(ctx context.Context) ([]flows.Report, error) {
	if err := o.writes.settled(ctx); err != nil {
		return nil, err
	}
	return o.Journal.ZReports(ctx)
}

func (o orderedJournal) ExportCSV(ctx context.Context, w io.Writer, from, to time.Time, f flows.CSVFormat) error {
	if err := o.writes.settled(ctx); err != nil {
		return err
	}
	return o.Journal.ExportCSV(ctx, w, from, to, f)
}
