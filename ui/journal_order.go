package ui

import (
	"context"
	"io"
	"sync"
	"time"

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
// earlier one. A write that fails still returns (its JournalFailed is
// shown and retried as before): the queue moves on. Receipts' prints,
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
	if turn == nil {
		return nil
	}
	select {
	case <-turn:
		return nil // most often: no timer for a queue already through
	default:
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

// WritesDone waits until the journal writes the App booked have returned
// (writeWaitLimit bounds it) or ctx ends. A payment's outcome is written
// beside the screen, after it shows: what reads the journal once the
// screens are gone (the farewell's open holds, a recording's or a replay's
// outcome) and closing the journal must not overtake that write. Every
// copy of the App shares the queue, the one New made included.
func (a App) WritesDone(ctx context.Context) error {
	return afterWrites(ctx, a.opts.Journal)
}

// afterWrites waits, inside a command, for the journal writes booked
// before it.
func afterWrites(ctx context.Context, j Journal) error {
	return writesOf(j).settled(ctx)
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
