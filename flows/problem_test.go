package flows

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
)

// TestProblemStoredRoundTrip: every code comes back from the journal as it
// went in, its English first in the column so a person reads the journal.
func TestProblemStoredRoundTrip(t *testing.T) {
	for _, c := range ProblemCodes() {
		args := make([]Problem, strings.Count(c.Format(), "%s"))
		for i := range args {
			args[i] = Words("it's \"quoted\"; (with) — marks\x1f")
		}
		if c == ProblemAttemptsLeft {
			args = []Problem{Words("2")}
		}
		p := NewProblem(c, args...)
		s := p.Stored()
		if !strings.HasPrefix(s, p.English()+storedCodeMark) {
			t.Errorf("%s: stored %q does not start with its English %q", c, s, p.English())
		}
		back := ParseProblem(s)
		if back.Code != c || back.English() != p.English() || back.Stored() != s {
			t.Errorf("%s: %q came back as %#v", c, s, back)
		}
	}
	nested := NewProblem(ProblemCheckFailed, refusal(&octo.Error{Code: 77, Message: "Card expired"}, notProvided))
	if back := ParseProblem(nested.Stored()); back.English() != "Could not check with OCTO — check again later (OCTO refused: Card expired; nothing was charged)" ||
		!back.Arg(0).Is(ProblemOCTORefused) || back.Arg(0).Arg(0).Text != "Card expired" {
		t.Errorf("nested: %#v", back)
	}
	if s := (Problem{}).Stored(); s != "" || !ParseProblem(s).IsZero() {
		t.Errorf("no problem stored as %q", s)
	}
}

// TestProblemOldJournals: a journal written before problems had codes holds
// English only; a fixed sentence gets its code back, anything else (and a
// code from a newer console) is the English as it was stored.
func TestProblemOldJournals(t *testing.T) {
	if p := ParseProblem("OCTO took the card — waiting for it to be activated"); !p.Is(ProblemBindAwaitingToken) {
		t.Errorf("a fixed sentence: %#v", p)
	}
	old := "Wrong code — 2 attempts left"
	if p := ParseProblem(old); p.Code != "" || p.English() != old {
		t.Errorf("a composed sentence: %#v", p)
	}
	newer := "Something new" + storedCodeMark + `{"code":"from_a_newer_console","args":[{"text":"x"}]}`
	if p := ParseProblem(newer); p.Code != "" || p.English() != "Something new" {
		t.Errorf("an unknown code: %#v", p)
	}
	inner := "Outer" + storedCodeMark + `{"code":"check_failed","args":[{"code":"from_a_newer_console"}]}`
	if p := ParseProblem(inner); p.Code != "" || p.English() != "Outer" {
		t.Errorf("an unknown code inside: %#v", p)
	}
}

// TestBindingRestoredFromOldJournal: a binding journaled waiting for its
// token before problems had codes still ends once its second start finds
// the same (the check that stops a read at every start).
func TestBindingRestoredFromOldJournal(t *testing.T) {
	b := RestoreBinding(BindingRecord{ShopTransactionID: "b1", State: BindWaiting, Method: octo.MethodUzcard,
		Problem: "OCTO took the card — waiting for it to be activated"})
	b, effs, err := b.Handle(Check{})
	if err != nil || len(effs) != 1 {
		t.Fatalf("check: %v %v", effs, err)
	}
	rs := effs[0].(ReadStatus)
	b, _, err = b.Handle(StatusAnswered{Seq: rs.Seq, Info: &octo.PaymentInfo{Status: octo.StatusSucceeded}})
	if err != nil || b.State != BindFailed || !b.Problem.Is(ProblemBindNeverSaid) {
		t.Errorf("got %s %q, %v; want failed, never said", b.State, b.Problem, err)
	}
}

// busyError stands for the store journal's refusal (journal.PaymentBusyError):
// an error that words itself as a problem.
type busyError struct{}

func (busyError) Error() string { return "payment oc-1 is being handled at counter A" }
func (busyError) Problem() Problem {
	return problem(ProblemBusy, Words("oc-1"), Words("A"))
}

// TestErrorThatWordsItself: an error that knows its problem (a payment
// another counter holds) is a problem the screens word, not an English
// sentence inside one; any other error is its text.
func TestErrorThatWordsItself(t *testing.T) {
	err := error(busyError{})
	p := errProblem(err)
	if !p.Is(ProblemBusy) || p.English() != err.Error() {
		t.Errorf("got %#v %q, want %q", p, p.English(), err.Error())
	}
	wrapped := fmt.Errorf("journal: %w", err)
	if p := errProblem(wrapped); p.Code != "" || p.English() != wrapped.Error() {
		t.Errorf("a wrapped one: %#v", p)
	}
	if p := errProblem(errors.New("disk full")); p.Code != "" || p.English() != "disk full" {
		t.Errorf("any other error: %#v", p)
	}
}
