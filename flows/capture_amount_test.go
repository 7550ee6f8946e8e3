package flows

import (
	"context"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// OCTO's set_accept answer may echo the whole hold in total_sum: what was
// charged is what the cashier asked to capture, never more.
func TestPartialCaptureEchoingTheHold(t *testing.T) {
	h := reach(t, Hold, Held)
	h = step(t, h, Capture{Amount: dec("600")})
	answer := info(octo.StatusSucceeded, "1000") // the hold, not the capture
	h = step(t, h, CaptureAnswered{Info: answer})
	if h.State != Succeeded || !h.Captured.Equal(dec("600")) || !h.Released.Equal(dec("400")) {
		t.Fatalf("captured %s released %s in %s, want 600 and 400", h.Captured, h.Released, h.State)
	}
	if !h.Refundable().Equal(dec("600")) {
		t.Errorf("refundable %s, want 600", h.Refundable())
	}
	if h.Can(Refund{Amount: dec("700"), Min: testMin}) {
		t.Error("a refund above what was charged is allowed")
	}
	if !answer.TotalSum.Equal(dec("1000")) {
		t.Errorf("Handle changed the answer it was given: total_sum %s", answer.TotalSum)
	}
}

// Handle is pure: an answer without total_sum is not filled in place.
func TestCaptureAnswerNotModified(t *testing.T) {
	h := step(t, reach(t, Hold, Held), Capture{Amount: dec("250")})
	answer := &octo.PaymentInfo{Status: octo.StatusSucceeded}
	h = step(t, h, CaptureAnswered{Info: answer})
	if !h.Captured.Equal(dec("250")) {
		t.Fatalf("captured %s, want 250", h.Captured)
	}
	if !answer.TotalSum.IsZero() {
		t.Errorf("Handle wrote %s into the answer's total_sum", answer.TotalSum)
	}
}

// A capture whose answer was lost resolves by a status read; the read may
// show the whole hold too.
func TestLostPartialCaptureResolved(t *testing.T) {
	h := step(t, reach(t, Hold, Held), Capture{Amount: dec("600")}, CaptureAnswered{Err: errLost})
	h = step(t, h, StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: h.pollSeq})
	if h.State != Succeeded || !h.Captured.Equal(dec("600")) || !h.Released.Equal(dec("400")) {
		t.Fatalf("captured %s released %s in %s", h.Captured, h.Released, h.State)
	}
}

// After a crash in the middle of a capture the journal still knows the
// amount being captured, and the restored payment records that much.
func TestRestoredCaptureUsesJournaledAmount(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	h := reach(t, Hold, Held)
	h, effs, err := h.Handle(Capture{Amount: dec("600")})
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Journal: j}
	if ev := r.Run(ctx, effs[0]); ev != nil { // the journal write; the capture is "sent" and the console dies
		t.Fatalf("journal: %v", ev)
	}
	rec, err := j.Get(ctx, h.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.State != Capturing || !rec.Capturing.Equal(dec("600")) {
		t.Fatalf("journaled %s capturing %s, want capturing 600", rec.State, rec.Capturing)
	}
	p := Restore(rec)
	p = step(t, p, Check{})
	p = step(t, p, StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: p.pollSeq, At: t0.Add(time.Minute)})
	if p.State != Succeeded || !p.Captured.Equal(dec("600")) || !p.Released.Equal(dec("400")) {
		t.Fatalf("restored capture: %s captured %s released %s", p.State, p.Captured, p.Released)
	}
	if p.Can(Refund{Amount: dec("601"), Min: testMin}) {
		t.Error("after the restore a refund above the captured 600 is allowed")
	}
}

// A journal made before the capture amount was kept gains the column.
func TestCapturingColumnMigrates(t *testing.T) {
	ctx := context.Background()
	j := openTestJournal(t)
	if _, err := j.db.ExecContext(ctx, `ALTER TABLE payments DROP COLUMN capturing`); err != nil {
		t.Fatal(err)
	}
	if err := migrateCapturing(ctx, j.db); err != nil {
		t.Fatal(err)
	}
	if err := migrateCapturing(ctx, j.db); err != nil { // twice: a no-op
		t.Fatalf("second migration: %v", err)
	}
	h := step(t, reach(t, Hold, Held), Capture{Amount: dec("10")})
	rec := h.Record()
	if err := j.Write(ctx, Journal{Record: rec, Transition: Transition{From: Held, To: Capturing}}, t0); err != nil {
		t.Fatal(err)
	}
	got, err := j.Get(ctx, rec.ShopTransactionID)
	if err != nil || !got.Capturing.Equal(dec("10")) {
		t.Fatalf("capturing %s, %v", got.Capturing, err)
	}
}

// A capture whose journal write failed was never sent: its amount is
// forgotten, and an outcome read later (captured from elsewhere) is not cut to it.
func TestUnsentCaptureForgotten(t *testing.T) {
	h := step(t, reach(t, Hold, Held), Capture{Amount: dec("100")}, JournalFailed{Err: errNotSent})
	if h.State != Held || !h.Record().Capturing.IsZero() {
		t.Fatalf("%s capturing %s", h.State, h.Record().Capturing)
	}
	h = step(t, h, Check{})
	h = step(t, h, StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: h.pollSeq})
	if h.State != Succeeded || !h.Captured.Equal(dec("1000")) {
		t.Errorf("captured %s, want the full 1000", h.Captured)
	}
}
