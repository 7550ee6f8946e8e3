package ui

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
)

// Every event the flows journal has words in the timeline, under the very
// name flows gives it; a name not known shows as it is.
func TestEveryJournaledEventHasWords(t *testing.T) {
	for _, ev := range []flows.Event{
		flows.Start{}, flows.SubmitCode{}, flows.ResendCode{}, flows.Capture{}, flows.Cancel{}, flows.Refund{},
		flows.Check{}, flows.Tick{}, flows.Notified{}, flows.TokenNotified{}, flows.Prepared{}, flows.PayAnswered{},
		flows.VerificationAnswered{}, flows.CodeChecked{}, flows.CodeResent{}, flows.CaptureAnswered{},
		flows.CancelAnswered{}, flows.RefundAnswered{}, flows.StatusAnswered{}, flows.BindAnswered{},
		flows.BindingConfirmed{}, flows.TokenBlocked{}, flows.Block{}, flows.JournalFailed{},
	} {
		name := ev.EventName()
		if got := eventText(LangEN, name); got == name {
			t.Errorf("event %q has no words in the timeline", name)
		}
		if ru := eventText(LangRU, name); ru == eventText(LangEN, name) {
			t.Errorf("event %q is not in Russian: %q", name, ru)
		}
	}
	if got := eventText(LangRU, "bench"); got != "bench" {
		t.Errorf("an unknown event shows as %q", got)
	}
}
