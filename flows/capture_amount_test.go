package flows

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// OCTO's set_accept answer may echo the whole hold in total_sum: what was
// charged is what the cashier asked to capture, never more.
func TestPartialCaptureEchoingTheHold(t *testing.T) {
	h := reach(t, Hold, Held)
	h = step(t, h, Capture{Amount: octotest.Dec("600")})
	answer := octotest.Info(octo.StatusSucceeded, "1000") // the hold, not the capture
	h = step(t, h, CaptureAnswered{Info: answer})
	if h.State != Succeeded || !h.Captured.Equal(octotest.Dec("600")) || !h.Released.Equal(octotest.Dec("400")) {
		t.Fatalf("captured %s released %s in %s, want 600 and 400", h.Captured, h.Released, h.State)
	}
	if !h.Refundable().Equal(octotest.Dec("600")) {
		t.Errorf("refundable %s, want 600", h.Refundable())
	}
	if h.Can(Refund{Amount: octotest.Dec("700"), Min: octotest.Min}) {
		t.Error("a refund above what was charged is allowed")
	}
	if !answer.TotalSum.Equal(octotest.Dec("1000")) {
		t.Errorf("Handle changed the answer it was given: total_sum %s", answer.TotalSum)
	}
}

// Handle is pure: an answer without total_sum is not filled in place.
func TestCaptureAnswerNotModified(t *testing.T) {
	h := step(t, reach(t, Hold, Held), Capture{Amount: octotest.Dec("250")})
	answer := &octo.PaymentInfo{Status: octo.StatusSucceeded}
	h = step(t, h, CaptureAnswered{Info: answer})
	if !h.Captured.Equal(octotest.Dec("250")) {
		t.Fatalf("captured %s, want 250", h.Captured)
	}
	if !answer.TotalSum.IsZero() {
		t.Errorf("Handle wrote %s into the answer's total_sum", answer.TotalSum)
	}
}

// A capture whose answer was lost resolves by a status read; the read may
// show the whole hold too.
func TestLostPartialCaptureResolved(t *testing.T) {
	h := step(t, reach(t, Hold, Held), Capture{Amount: octotest.Dec("600")}, CaptureAnswered{Err: octotest.ErrLost})
	h = step(t, h, StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: h.pollSeq})
	if h.State != Succeeded || !h.Captured.Equal(octotest.Dec("600")) || !h.Released.Equal(octotest.Dec("400")) {
		t.Fatalf("captured %s released %s in %s", h.Captured, h.Released, h.State)
	}
}

// A capture whose journal write failed was never sent: its amount is
// forgotten, and an outcome read later (captured from elsewhere) is not cut to it.
func TestUnsentCaptureForgotten(t *testing.T) {
	h := step(t, reach(t, Hold, Held), Capture{Amount: octotest.Dec("100")}, JournalFailed{Err: octotest.ErrNotSent})
	if h.State != Held || !h.Record().Capturing.IsZero() {
		t.Fatalf("%s capturing %s", h.State, h.Record().Capturing)
	}
	h = step(t, h, Check{})
	h = step(t, h, StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: h.pollSeq})
	if h.State != Succeeded || !h.Captured.Equal(octotest.Dec("1000")) {
		t.Errorf("captured %s, want the full 1000", h.Captured)
	}
}
