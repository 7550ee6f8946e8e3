package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/ui"
)

// journalGate is the journal being opened in the background.
type journalGate struct {
	done  chan struct{} // closed when the open finished
	wired chan struct{} // closed when the runner and the listener have it
	j     flows.Store
	err   error
}

// openJournalAsync opens the journal path names — a SQLite file, or the
// store journal at a postgres:// URL, as counter; temporary: the embedded
// sandbox's, which lives as long as the console — once the first frame
// has settled (settled: afterDrawn after it is written, startup.go), or
// firstFrameWait after the call at the latest.
func openJournalAsync(ctx context.Context, path, counter string, temporary bool, settled <-chan struct{}) *journalGate {
	g := &journalGate{done: make(chan struct{}), wired: make(chan struct{})}
	go func() {
		afterFirstFrame(settled)
		if temporary {
			g.j, g.err = journal.OpenSQLiteTemporary(path)
		} else {
			g.j, g.err = journal.Open(ctx, path, counter)
		}
		if g.err != nil {
			if journal.IsPostgresURL(path) {
				g.err = fmt.Errorf("store journal: %w", g.err) // the error names the URL, without its password
			} else {
				g.err = fmt.Errorf("journal %s: %w", path, g.err)
			}
		}
		close(g.done)
	}()
	return g
}

func (g *journalGate) wait() (flows.Store, error) {
	<-g.done
	return g.j, g.err
}

// OpenHolds waits for the journal, then lists the holds waiting for a decision.
func (g *journalGate) OpenHolds(ctx context.Context) ([]flows.Record, error) {
	j, err := g.wait()
	if err != nil {
		return nil, err
	}
	return j.OpenHolds(ctx)
}

// History waits for the journal, then lists payments.
func (g *journalGate) History(ctx context.Context, f flows.Filter) ([]flows.Record, error) {
	j, err := g.wait()
	if err != nil {
		return nil, err
	}
	return j.History(ctx, f)
}

// XReportAt waits for the journal, then totals the shift so far.
func (g *journalGate) XReportAt(ctx context.Context, at time.Time) (flows.Report, error) {
	j, err := g.wait()
	if err != nil {
		return flows.Report{}, err
	}
	return j.XReportAt(ctx, at)
}

// ZReport waits for the journal, then closes the shift.
func (g *journalGate) ZReport(ctx context.Context, at time.Time) (flows.Report, error) {
	j, err := g.wait()
	if err != nil {
		return flows.Report{}, err
	}
	return j.ZReport(ctx, at)
}

// Get waits for the journal, then reads one payment.
func (g *journalGate) Get(ctx context.Context, id string) (flows.Record, error) {
	j, err := g.wait()
	if err != nil {
		return flows.Record{}, err
	}
	return j.Get(ctx, id)
}

// Timeline waits for the journal, then reads a payment's transitions.
func (g *journalGate) Timeline(ctx context.Context, id string) ([]flows.Transition, error) {
	j, err := g.wait()
	if err != nil {
		return nil, err
	}
	return j.Timeline(ctx, id)
}

// Notifications waits for the journal, then reads what OCTO posted about a payment.
func (g *journalGate) Notifications(ctx context.Context, id string) ([]flows.NotificationRecord, error) {
	j, err := g.wait()
	if err != nil {
		return nil, err
	}
	return j.Notifications(ctx, id)
}

// Exchanges waits for the journal, then reads the requests to OCTO about a payment.
func (g *journalGate) Exchanges(ctx context.Context, id string) ([]flows.ExchangeRecord, error) {
	j, err := g.wait()
	if err != nil {
		return nil, err
	}
	return j.Exchanges(ctx, id)
}

// Tokens waits for the journal, then lists a customer's saved cards.
func (g *journalGate) Tokens(ctx context.Context, customer string) ([]flows.SavedToken, error) {
	j, err := g.wait()
	if err != nil {
		return nil, err
	}
	return j.Tokens(ctx, customer)
}

// sayOpenHolds tells whoever quit, in the console's language, how many
// holds stay open: the money stays held on the customers' cards until they
// are captured or canceled (or OCTO lets them expire), and the journal
// keeps them for the next start. A temporary journal (the embedded
// sandbox's) keeps nothing, so nothing is said of it.
func sayOpenHolds(j interface {
	OpenHolds(context.Context) ([]flows.Record, error)
}, w io.Writer, lang ui.Lang) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	holds, err := j.OpenHolds(ctx)
	if err != nil || len(holds) == 0 {
		return
	}
	total := decimal.Zero
	for _, h := range holds {
		total = total.Add(h.Amount)
	}
	fmt.Fprintln(w, lang.Tf("Open holds: %d, %s in all. They stay on the customers' cards and in the journal: capture or cancel them from Open holds at the next start.",
		len(holds), ui.FormatMoney(total, "UZS")))
}
