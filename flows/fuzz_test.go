package flows

import (
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// palette is every kind of event, with the answers OCTO can give.
func palette() []Event {
	statuses := []octo.Status{octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusWaitingForCapture,
		octo.StatusSucceeded, octo.StatusCanceled, octo.StatusFailed, "weird"}
	evs := []Event{Start{}, SubmitCode{Code: octotest.Code, At: octotest.T0.Add(time.Minute)}, SubmitCode{Code: "1", At: octotest.T0.Add(time.Hour)},
		ResendCode{}, Capture{}, Capture{Amount: octotest.Dec("400")}, Capture{Amount: octotest.Dec("5000")}, Cancel{}, Refund{Min: octotest.Min},
		Refund{Amount: octotest.Dec("100"), Min: octotest.Min}, Check{}, Tick{Now: octotest.T0.Add(time.Minute)}, Tick{Now: octotest.T0.Add(2 * time.Hour)},
		Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, Prepared{Err: octotest.ErrLost}, PayAnswered{Err: octotest.ErrLost},
		PayAnswered{Err: octotest.ErrRefused}, VerificationAnswered{Verification: octotest.Verification(180), At: octotest.T0},
		VerificationAnswered{Verification: octotest.Verification(0), At: octotest.T0}, CodeChecked{Err: octotest.ErrLost}, CodeChecked{Err: octotest.ErrRefused},
		CodeResent{Verification: octotest.Verification(120), At: octotest.T0}, CodeResent{Err: &octo.Error{Code: 17}},
		CaptureAnswered{Err: octotest.ErrLost}, CancelAnswered{Err: octotest.ErrNotSent}, RefundAnswered{Err: octotest.ErrLost},
		RefundAnswered{Refund: &octo.Refund{Status: octo.RefundSucceeded}}, RefundAnswered{Refund: &octo.Refund{Status: octo.RefundPending}},
		StatusAnswered{Err: octotest.ErrNotSent}, JournalFailed{}, Notified{Status: octo.StatusSucceeded}, TokenNotified{}}
	for _, st := range statuses {
		evs = append(evs, PayAnswered{Payment: octotest.Payment(st)}, CodeChecked{Payment: octotest.Payment(st)},
			CaptureAnswered{Info: octotest.Info(st, "400")}, CancelAnswered{Info: octotest.Info(st, "1000")})
		for seq := range 3 {
			evs = append(evs, StatusAnswered{Info: octotest.Info(st, "1000"), Seq: seq})
		}
	}
	return evs
}

// FuzzHandle feeds any sequence of events to a payment: Handle never
// panics, refuses without changing anything, and keeps the money rules.
func FuzzHandle(f *testing.F) {
	f.Add([]byte{0, 13, 17, 18, 1, 20}, false)
	f.Add([]byte{0, 13, 16, 18, 1, 19, 11, 40, 6, 24}, true)
	f.Add([]byte{0, 13, 14, 28, 9, 10, 26, 25, 30}, true)
	evs := palette()
	f.Fuzz(func(t *testing.T, script []byte, hold bool) {
		kind := Sale
		if hold {
			kind = Hold
		}
		p := newCard(t, kind, octotest.PAN)
		for _, b := range script {
			ev := evs[int(b)%len(evs)]
			next, effs, err := p.Handle(ev)
			if err != nil {
				if next.State != p.State || len(effs) != 0 {
					t.Fatalf("%s refused in %s but moved to %s with %v", ev.EventName(), p.State, next.State, effectNames(effs))
				}
				continue
			}
			calls := 0
			for i, e := range effs {
				switch e.(type) {
				case Journal:
					if i != 0 {
						t.Fatalf("journal effect at %d in %v", i, effectNames(effs))
					}
				default:
					calls++
					if i != len(effs)-1 {
						t.Fatalf("request before the end of %v", effectNames(effs))
					}
				}
			}
			if calls > 1 {
				t.Fatalf("%d requests at once: %v", calls, effectNames(effs))
			}
			if next.State != p.State && len(effs) > 0 {
				if _, ok := effs[0].(Journal); !ok && p.State != Resolving {
					t.Fatalf("%s→%s not journaled: %v", p.State, next.State, effectNames(effs))
				}
			}
			p = next
			if p.Captured.GreaterThan(p.Amount) || p.Refunded.GreaterThan(p.Captured) || p.Released.IsNegative() ||
				p.Captured.Add(p.Released).GreaterThan(p.Amount) {
				t.Fatalf("money out of bounds in %s: amount %s captured %s released %s refunded %s",
					p.State, p.Amount, p.Captured, p.Released, p.Refunded)
			}
			if p.AttemptsLeft < 0 || p.ResendsLeft < 0 {
				t.Fatalf("attempts %d resends %d", p.AttemptsLeft, p.ResendsLeft)
			}
			for _, a := range p.Allowed() {
				if a == ActStart && p.State != Draft {
					t.Fatalf("start allowed in %s", p.State)
				}
			}
		}
	})
}
