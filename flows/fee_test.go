package flows

import (
	"context"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// The short payment view (a status read, set_accept's answer) has no fee
// field: the fee is total_sum − transfer_sum, as the journal and the CSV
// show it. Before, every outcome read from a status had a fee of 0.
func TestFeeFromStatusSums(t *testing.T) {
	withSums := func(st octo.Status, total, transfer string) *octo.PaymentInfo {
		in := info(st, total)
		if transfer != "" {
			in.TransferSum = dec(transfer)
		}
		return in
	}
	tests := []struct {
		name    string
		p       func(t *testing.T) Payment
		ev      func(p Payment) Event
		fee     string
		trans   string
		wantSt  State
		capture string
	}{
		{"3-D Secure outcome read", func(t *testing.T) Payment { return reach(t, Sale, Awaiting3DS) },
			func(p Payment) Event {
				return StatusAnswered{Info: withSums(octo.StatusSucceeded, "1000", "980"), Seq: p.pollSeq}
			}, "20", "980", Succeeded, ""},
		{"lost pay resolved by a read", func(t *testing.T) Payment { return reach(t, Sale, Resolving) },
			func(p Payment) Event {
				return StatusAnswered{Info: withSums(octo.StatusSucceeded, "1000", "980"), Seq: p.pollSeq}
			}, "20", "980", Succeeded, ""},
		{"capture answer", func(t *testing.T) Payment { return reach(t, Hold, Capturing) },
			func(Payment) Event { return CaptureAnswered{Info: withSums(octo.StatusSucceeded, "1000", "980")} },
			"20", "980", Succeeded, ""},
		{"partial capture echoing the hold", func(t *testing.T) Payment {
			return step(t, reach(t, Hold, Held), Capture{Amount: dec("600")})
		},
			func(Payment) Event { return CaptureAnswered{Info: withSums(octo.StatusSucceeded, "1000", "588")} },
			"12", "588", Succeeded, "600"},
		{"no transfer given: no fee", func(t *testing.T) Payment { return reach(t, Sale, Resolving) },
			func(p Payment) Event {
				return StatusAnswered{Info: withSums(octo.StatusSucceeded, "1000", ""), Seq: p.pollSeq}
			}, "0", "0", Succeeded, ""},
		{"transfer above the total: no fee", func(t *testing.T) Payment { return reach(t, Sale, Resolving) },
			func(p Payment) Event {
				return StatusAnswered{Info: withSums(octo.StatusSucceeded, "1000", "1200"), Seq: p.pollSeq}
			}, "0", "1200", Succeeded, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p(t)
			p.Fee, p.Transfer = dec("0"), dec("0") // whatever pay said, the read decides
			got, effs, err := p.Handle(tt.ev(p))
			if err != nil {
				t.Fatal(err)
			}
			if got.State != tt.wantSt {
				t.Fatalf("state: got %s, want %s (%s)", got.State, tt.wantSt, got.Problem)
			}
			if !got.Fee.Equal(dec(tt.fee)) || !got.Transfer.Equal(dec(tt.trans)) {
				t.Errorf("fee %s transfer %s, want fee %s transfer %s", got.Fee, got.Transfer, tt.fee, tt.trans)
			}
			if tt.capture != "" && !got.Captured.Equal(dec(tt.capture)) {
				t.Errorf("captured %s, want %s", got.Captured, tt.capture)
			}
			// What is journaled carries the fee.
			var journaled *Record
			for _, e := range effs {
				if j, ok := e.(Journal); ok {
					journaled = &j.Record
				}
			}
			if journaled == nil || !journaled.Fee.Equal(dec(tt.fee)) {
				t.Errorf("journaled record: %+v, want fee %s", journaled, tt.fee)
			}
		})
	}
}

// Against the sandbox: a Visa 3-D Secure sale's outcome comes from a status
// read; the journal shows the fee beside the transfer (70000 = 1400 + 68600).
func TestSandbox3DSFeeJournaled(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	p := e.through3DS(Sale, e.order("70000"))
	if p.State != Succeeded {
		t.Fatalf("got %s (%s)", p.State, p.Problem)
	}
	rec, err := e.journal.Get(ctx, p.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Transfer.Equal(dec("68600")) || !rec.Fee.Equal(dec("1400")) {
		t.Errorf("journal: fee %s transfer %s, want fee 1400.00 transfer 68600.00", rec.Fee.StringFixed(2), rec.Transfer.StringFixed(2))
	}
	if !rec.Fee.Add(rec.Transfer).Equal(rec.Captured) {
		t.Errorf("fee %s + transfer %s is not the captured %s", rec.Fee, rec.Transfer, rec.Captured)
	}
}
