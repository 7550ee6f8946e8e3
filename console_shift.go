package main

import (
	"context"
	"io"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The shift's side of the journal, each waiting for the journal to open
// (see journalGate).

// ZReports waits for the journal, then lists the Z reports.
func (g *journalGate) ZReports(ctx context.Context) ([]flows.Report, error) {
	j, err := g.wait()
	if err != nil {
		return nil, err
	}
	return j.ZReports(ctx)
}

// CurrentShift waits for the journal, then reads the open shift.
func (g *journalGate) CurrentShift(ctx context.Context) (flows.Shift, error) {
	j, err := g.wait()
	if err != nil {
		return flows.Shift{}, err
	}
	return j.CurrentShift(ctx)
}

// RecordPINTries waits for the journal, then keeps the lock's wrong PINs.
func (g *journalGate) RecordPINTries(ctx context.Context, shift int64, wrong int, notBefore time.Time) error {
	j, err := g.wait()
	if err != nil {
		return err
	}
	return j.RecordPINTries(ctx, shift, wrong, notBefore)
}

// OpenShift waits for the journal, then opens the shift.
func (g *journalGate) OpenShift(ctx context.Context, operator, pin string, at time.Time) (flows.Shift, error) {
	j, err := g.wait()
	if err != nil {
		return flows.Shift{}, err
	}
	return j.OpenShift(ctx, operator, pin, at)
}

// ExportCSV waits for the journal, then writes the money movements of [from, to) as CSV.
func (g *journalGate) ExportCSV(ctx context.Context, w io.Writer, from, to time.Time, f flows.CSVFormat) error {
	j, err := g.wait()
	if err != nil {
		return err
	}
	return j.ExportCSV(ctx, w, from, to, f)
}

// Movements waits for the journal, then reads a payment's money movements.
func (g *journalGate) Movements(ctx context.Context, id string) ([]flows.Movement, error) {
	j, err := g.wait()
	if err != nil {
		return nil, err
	}
	return j.Movements(ctx, id)
}

// RecordPrint waits for the journal, then journals a receipt's print.
func (g *journalGate) RecordPrint(ctx context.Context, movement int64, copies string, at time.Time) (int, error) {
	j, err := g.wait()
	if err != nil {
		return 0, err
	}
	return j.RecordPrint(ctx, movement, copies, at)
}
