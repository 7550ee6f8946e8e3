package flows

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// unconfirmedRefund is a paid sale whose refund of amount was sent, its
// answer lost, and the status reads never showed it: its outcome is unknown.
func unconfirmedRefund(t *testing.T, amount string) (Payment, string) {
	t.Helper()
	p := reach(t, Sale, Succeeded)
	p, effs, err := p.Handle(Refund{Amount: octotest.Dec(amount), Min: octotest.Min})
	if err != nil {
		t.Fatal(err)
	}
	id := effs[len(effs)-1].(CallRefund).Params.ShopRefundID
	p = step(t, p, RefundAnswered{Err: octotest.ErrLost})
	for p.State == Resolving {
		p = step(t, p, StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: p.pollSeq})
	}
	if p.State != Succeeded {
		t.Fatalf("after the lost refund: %s", p.State)
	}
	return p, id
}

// While a refund's outcome is unknown no other refund can go out beside
// it: only a status read, or the very same refund (same shop_refund_id,
// same amount) again.
func TestNoSecondRefundWhileOneIsUnknown(t *testing.T) {
	p, id := unconfirmedRefund(t, "300")
	if !p.Refundable().Equal(octotest.Dec("700")) {
		t.Errorf("refundable %s, want 700 (1000 charged, 300 perhaps refunded)", p.Refundable())
	}
	for _, amt := range []string{"200", "700", "1000"} {
		if p.Can(Refund{Amount: octotest.Dec(amt), Min: octotest.Min}) {
			t.Errorf("a refund of %s is allowed beside the unconfirmed 300", amt)
		}
	}
	for _, amt := range []decimal.Decimal{octotest.Dec("300"), decimal.Zero} {
		_, effs, err := p.Handle(Refund{Amount: amt, Min: octotest.Min})
		if err != nil {
			t.Fatalf("the same refund again (%s): %v", amt, err)
		}
		c := effs[len(effs)-1].(CallRefund)
		if c.Params.ShopRefundID != id || !c.Params.Amount.Equal(octotest.Dec("300")) {
			t.Errorf("refund again (%s): sent %s of %s, want %s of 300", amt, c.Params.ShopRefundID, c.Params.Amount, id)
		}
	}
	if got := p.Allowed(); len(got) != 2 || got[0] != ActCheck || got[1] != ActNew {
		t.Errorf("allowed %v while the refund is unknown, want check and new", got)
	}

	// A status read that shows the refund settles it; refunds are open again.
	p, effs, err := p.Handle(Check{})
	if err != nil || p.State != Resolving {
		t.Fatalf("check: %v, %s %v", err, p.State, effectNames(effs))
	}
	shown := octotest.Info(octo.StatusSucceeded, "1000")
	shown.RefundedSum = octotest.Dec("300")
	p = step(t, p, StatusAnswered{Info: shown, Seq: p.pollSeq})
	if p.State != Succeeded || !p.Refunded.Equal(octotest.Dec("300")) || !p.Refundable().Equal(octotest.Dec("700")) || p.Record().PendingRefundID != "" {
		t.Fatalf("after the read: %s refunded %s refundable %s pending %q", p.State, p.Refunded, p.Refundable(), p.Record().PendingRefundID)
	}
	if !p.Can(Refund{Amount: octotest.Dec("200"), Min: octotest.Min}) || p.Allowed()[0] != ActRefund {
		t.Errorf("refunds are not open again: allowed %v", p.Allowed())
	}
}

// A check that still does not show the refund keeps it unknown.
func TestUnknownRefundStaysUnknownUntilShown(t *testing.T) {
	p, _ := unconfirmedRefund(t, "1000")
	if !p.Refundable().IsZero() {
		t.Errorf("refundable %s with the whole payment's refund unknown", p.Refundable())
	}
	p = step(t, p, Check{})
	p = step(t, p, StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: p.pollSeq})
	if p.State != Succeeded || p.Record().PendingRefundID == "" || p.Can(Refund{Amount: octotest.Dec("1"), Min: octotest.Min}) {
		t.Fatalf("after an unchanged read: %s, pending %q", p.State, p.Record().PendingRefundID)
	}
}

// A journal write that fails before a new refund leaves nothing pending.
func TestRefundJournalFailureLeavesNothingPending(t *testing.T) {
	p := reach(t, Sale, Succeeded)
	p = step(t, p, Refund{Amount: octotest.Dec("300"), Min: octotest.Min}, JournalFailed{Err: octotest.ErrNotSent})
	if p.State != Succeeded || p.Record().PendingRefundID != "" || !p.Refundable().Equal(octotest.Dec("1000")) {
		t.Fatalf("%s pending %q refundable %s", p.State, p.Record().PendingRefundID, p.Refundable())
	}
	q, _ := unconfirmedRefund(t, "300")
	q = step(t, q, Refund{Min: octotest.Min}, JournalFailed{Err: octotest.ErrNotSent})
	if q.Record().PendingRefundID == "" {
		t.Error("a failed journal write before sending the same refund again forgot the unconfirmed one")
	}
}
