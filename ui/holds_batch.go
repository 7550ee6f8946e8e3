package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// holdsBatch captures in full, or cancels, several holds one after the
// other. Each goes through its own payment flow and the flows runner
// (which journals before every request), as on the hold screen: first its
// status is read (the journal may be old), then the capture or cancel is
// sent. One hold's trouble does not stop the others.
type holdsBatch struct {
	capture bool
	holds   []flows.Record
	results []batchOutcome // one per hold done, in order
}

// batchOutcome is how one hold ended.
type batchOutcome struct {
	rec   flows.Record
	state flows.State
	why   flows.Problem // the hold's problem
	err   error         // else what stopped the batch at this hold
	left  bool          // else its outcome was still unknown after maxBatchReads reads
}

// startBatchMsg starts a batch (sent once the cashier confirmed).
type startBatchMsg struct {
	capture bool
	holds   []flows.Record
}

// batchStepMsg is one hold done.
type batchStepMsg struct{ outcome batchOutcome }

// maxBatchSteps bounds one hold's flow, whatever it does; past this the
// hold is left for the reconciliation and the history, and the batch
// moves on.
const maxBatchSteps = 40

// maxBatchReads bounds the status reads the batch spends on one hold whose
// outcome is unknown (the answer to its capture or cancel was lost). The
// flow paces them further and further apart (1 s, 2 s, 4 s… up to 30 s),
// so maxBatchSteps alone let one hold keep the console busy for about 18
// minutes. Past these few reads the hold stays "checking with OCTO" in the
// journal — reconcile reads it at the next start, History on demand — and
// the batch moves on to the next hold.
const maxBatchReads = 3

func newHoldsBatch(capture bool, holds []flows.Record) *holdsBatch {
	return &holdsBatch{capture: capture, holds: holds}
}

func (b *holdsBatch) finished() bool { return b != nil && len(b.results) >= len(b.holds) }

func (b *holdsBatch) record(o batchOutcome) { b.results = append(b.results, o) }

// step runs the next hold's flow in a command.
func (b *holdsBatch) step(o Options) tea.Cmd {
	if b.finished() {
		return nil
	}
	rec, capture := b.holds[len(b.results)], b.capture
	ctx, r := o.Context, o.Runner
	return func() tea.Msg { return batchStepMsg{decideHold(ctx, r, rec, capture)} }
}

// busy says what is in flight, for the status line ("" when nothing):
// the console does not quit while a hold is with OCTO.
func (b *holdsBatch) busy(l Lang) string {
	if b == nil || b.finished() {
		return ""
	}
	return l.Tf("deciding holds: %d of %d", len(b.results)+1, len(b.holds))
}

// decideHold reads the hold's status, then captures it in full or cancels
// it if it is still held, and returns where it ended.
func decideHold(ctx context.Context, r Runner, rec flows.Record, capture bool) batchOutcome {
	out := batchOutcome{rec: rec, state: rec.State}
	if r == nil {
		out.err = errNoRunner
		return out
	}
	p := flows.Restore(rec)
	reads, left := 0, false // status reads of an unknown outcome; left for later
	drive := func(ev flows.Event) error {
		for i := 0; ev != nil; i++ {
			if i == maxBatchSteps {
				return nil
			}
			next, effs, err := p.Handle(ev)
			if err != nil {
				return err
			}
			p, ev = next, nil
			for _, e := range effs {
				if _, ok := e.(flows.ReadStatus); ok && p.State == flows.Resolving {
					if reads == maxBatchReads {
						// The journal already says "checking with OCTO"
						// (written before this read was asked for).
						left = true
						return nil
					}
					reads++
				}
				if ev = r.Run(ctx, e); ev != nil {
					break
				}
			}
		}
		return nil
	}
	err := drive(flows.Check{})
	if err == nil && p.State == flows.Held {
		var ev flows.Event = flows.Cancel{}
		if capture {
			ev = flows.Capture{Amount: p.Amount}
		}
		err = drive(ev)
	}
	out.state, out.why = p.State, p.Problem
	switch {
	case err != nil:
		out.why, out.err = flows.Problem{}, err
	case left:
		out.why, out.left = flows.Problem{}, true
	}
	return out
}

// batchLeftText says why a hold was left with its outcome unknown.
const batchLeftText = "Outcome unknown after %d status reads — left to check later"

// View shows the batch's progress and each hold's outcome.
func (b *holdsBatch) View(st styles) string {
	var s strings.Builder
	done, ok, unknown := len(b.results), 0, 0
	for _, r := range b.results {
		if b.succeeded(r) {
			ok++
		}
		if r.state == flows.Resolving {
			unknown++
		}
	}
	switch {
	case !b.finished() && b.capture:
		s.WriteString(st.Warn.Render(st.Tf("⋯ Capturing %d hold(s): %d of %d done", len(b.holds), done, len(b.holds))))
	case !b.finished():
		s.WriteString(st.Warn.Render(st.Tf("⋯ Canceling %d hold(s): %d of %d done", len(b.holds), done, len(b.holds))))
	case ok == len(b.holds) && b.capture:
		s.WriteString(st.OK.Render(st.Tf("✓ %d hold(s) captured", ok)))
	case ok == len(b.holds):
		s.WriteString(st.OK.Render(st.Tf("✓ %d hold(s) canceled", ok)))
	default:
		s.WriteString(st.Warn.Render(st.Tf("! %d of %d hold(s) done; see below", ok, len(b.holds))))
		if unknown > 0 {
			// Neither done nor failed: say when they will be known.
			s.WriteString("\n" + st.Warn.Render(st.Tf("? %d hold(s) with no known outcome: checked at the next start and in History", unknown)))
		}
	}
	s.WriteString("\n\n")
	for i, h := range b.holds {
		line := fmt.Sprintf("%-16s %s  ", FormatMoney(h.Amount, h.Currency), groupMasked(h.Card))
		switch {
		case i < done:
			r := b.results[i]
			text := b.outcome(st, r)
			switch {
			case b.succeeded(r):
				line = "✓ " + line + st.OK.Render(text)
			case r.state == flows.Resolving:
				line = "? " + line + st.Warn.Render(text)
			default:
				line = "✗ " + line + st.ErrorLine.Render(text)
			}
			if !r.why.IsZero() {
				line += "\n  " + st.Muted.Render(truncate(st.Problem(r.why), 70))
			} else if why := b.stopped(st, r); why != "" {
				line += "\n  " + st.Muted.Render(truncate(why, 70))
			}
		case i == done:
			line = "⋯ " + line + st.Warn.Render(st.T("with OCTO now"))
		default:
			line = "· " + line + st.Muted.Render(st.T("waiting its turn"))
		}
		s.WriteString(line + "\n")
	}
	if b.finished() {
		s.WriteString("\n" + st.Muted.Render(st.T("Any key: back to the list.")))
	}
	return s.String()
}

// stopped says what stopped the batch at a hold, if anything did.
func (b *holdsBatch) stopped(st styles, r batchOutcome) string {
	switch {
	case r.err != nil:
		return st.lang.errorWords(r.err)
	case r.left:
		return st.Tf(batchLeftText, maxBatchReads)
	}
	return ""
}

func (b *holdsBatch) succeeded(r batchOutcome) bool {
	if b.capture {
		return r.state == flows.Succeeded
	}
	return r.state == flows.Canceled
}

// outcome says in words how a hold ended.
func (b *holdsBatch) outcome(st styles, r batchOutcome) string {
	switch r.state {
	case flows.Succeeded:
		return st.T("captured in full")
	case flows.Canceled:
		return st.T("canceled, all released to the customer")
	case flows.Resolving:
		return st.T("unknown — checked later (History)")
	case flows.Held:
		return st.T("still held")
	}
	return st.T(r.state.Label())
}
