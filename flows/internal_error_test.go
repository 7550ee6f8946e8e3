package flows

import (
	"slices"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// OCTO's error 4 (internal service error) on pay, set_accept or refund
// proves nothing about the money: the flow reads the status instead of
// booking "declined" or "nothing was changed".
var errInternal = &octo.Error{Method: "x", Code: octo.CodeInternal, Message: "Internal service error"}

func lastRead(t *testing.T, effs []Effect) ReadStatus {
	t.Helper()
	if len(effs) == 0 {
		t.Fatal("no effects")
	}
	rs, ok := effs[len(effs)-1].(ReadStatus)
	if !ok {
		t.Fatalf("effects %v: want a status read last", effectNames(effs))
	}
	return rs
}

func TestInternalErrorOnPayReadsTheStatus(t *testing.T) {
	for _, tt := range []struct {
		name    string
		status  *octo.PaymentInfo
		want    State
		problem string
		canNew  bool
	}{
		{"pay went through", octotest.Info(octo.StatusSucceeded, "1000"), Succeeded, "", false},
		{"OCTO still waits for a card", octotest.Info(octo.StatusCreated, "1000"), Resolving, ProblemPayInternal.Format(), true},
		{"OCTO declined it", octotest.Info(octo.StatusFailed, "1000"), Declined, "nothing was charged", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := reach(t, Sale, Paying)
			p, effs, err := p.Handle(PayAnswered{Err: errInternal})
			if err != nil {
				t.Fatal(err)
			}
			if p.State != Resolving || !p.Problem.Is(ProblemInternalChecking) {
				t.Fatalf("after error 4: %s %q; want resolving, checking", p.State, p.Problem)
			}
			rs := lastRead(t, effs)
			p, _, err = p.Handle(StatusAnswered{Info: tt.status, Seq: rs.Seq})
			if err != nil {
				t.Fatal(err)
			}
			if p.State != tt.want || (tt.problem != "" && !strings.Contains(p.Problem.English(), tt.problem)) {
				t.Errorf("got %s %q, want %s %q", p.State, p.Problem, tt.want, tt.problem)
			}
			if got := slices.Contains(p.Allowed(), ActNew); tt.want == Resolving && got != tt.canNew {
				t.Errorf("new payment allowed: %v, want %v", got, tt.canNew)
			}
		})
	}
}

func TestInternalErrorOnSetAcceptReadsTheStatus(t *testing.T) {
	for _, tt := range []struct {
		name    string
		act     Event
		status  *octo.PaymentInfo
		want    State
		problem string
	}{
		{"capture done after all", Capture{Amount: octotest.Dec("600")}, octotest.Info(octo.StatusSucceeded, "600"), Succeeded, ""},
		{"capture not done", Capture{}, octotest.Info(octo.StatusWaitingForCapture, "1000"), Held, "The capture did not go through — the hold is still open"},
		{"cancel done after all", Cancel{}, octotest.Info(octo.StatusCanceled, "1000"), Canceled, ""},
		{"cancel not done", Cancel{}, octotest.Info(octo.StatusWaitingForCapture, "1000"), Held, "The cancel did not go through — the hold is still open"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := step(t, reach(t, Hold, Held), tt.act)
			var ans Event = CaptureAnswered{Err: errInternal}
			if _, ok := tt.act.(Cancel); ok {
				ans = CancelAnswered{Err: errInternal}
			}
			p, effs, err := p.Handle(ans)
			if err != nil {
				t.Fatal(err)
			}
			if p.State != Resolving {
				t.Fatalf("after error 4: %s %q; want resolving", p.State, p.Problem)
			}
			p, _, err = p.Handle(StatusAnswered{Info: tt.status, Seq: lastRead(t, effs).Seq})
			if err != nil {
				t.Fatal(err)
			}
			if p.State != tt.want || p.Problem.English() != tt.problem {
				t.Errorf("got %s %q, want %s %q", p.State, p.Problem, tt.want, tt.problem)
			}
			if tt.want == Succeeded && !p.Captured.Equal(octotest.Dec("600")) {
				t.Errorf("captured %s, want 600", p.Captured)
			}
		})
	}
}

func TestInternalErrorOnRefundReadsTheStatus(t *testing.T) {
	p := step(t, reach(t, Sale, Succeeded), Refund{Amount: octotest.Dec("400"), Min: octotest.Min})
	p, effs, err := p.Handle(RefundAnswered{Err: errInternal})
	if err != nil {
		t.Fatal(err)
	}
	refunded := octotest.Info(octo.StatusSucceeded, "1000")
	refunded.RefundedSum = octotest.Dec("400")
	p, _, err = p.Handle(StatusAnswered{Info: refunded, Seq: lastRead(t, effs).Seq})
	if err != nil {
		t.Fatal(err)
	}
	if p.State != Succeeded || !p.Refunded.Equal(octotest.Dec("400")) {
		t.Errorf("got %s refunded %s (%q), want succeeded, 400", p.State, p.Refunded, p.Problem)
	}
}
