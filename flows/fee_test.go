package flows

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// The short payment view (a status read, set_accept's answer) has no fee
// field: the fee is total_sum − transfer_sum, as the journal and the CSV
// show it. Before, every outcome read from a status had a fee of 0.
func TestFeeFromStatusSums(t *testing.T) {
	withSums := func(st octo.Status, total, transfer string) *octo.PaymentInfo {
		in := octotest.Info(st, total)
		if transfer != "" {
			in.TransferSum, in.TransferSumGiven = octotest.Dec(transfer), true
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
			return step(t, reach(t, Hold, Held), Capture{Amount: octotest.Dec("600")})
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
			p.Fee, p.Transfer = octotest.Dec("0"), octotest.Dec("0") // whatever pay said, the read decides
			got, effs, err := p.Handle(tt.ev(p))
			if err != nil {
				t.Fatal(err)
			}
			if got.State != tt.wantSt {
				t.Fatalf("state: got %s, want %s (%s)", got.State, tt.wantSt, got.Problem)
			}
			if !got.Fee.Equal(octotest.Dec(tt.fee)) || !got.Transfer.Equal(octotest.Dec(tt.trans)) {
				t.Errorf("fee %s transfer %s, want fee %s transfer %s", got.Fee, got.Transfer, tt.fee, tt.trans)
			}
			if tt.capture != "" && !got.Captured.Equal(octotest.Dec(tt.capture)) {
				t.Errorf("captured %s, want %s", got.Captured, tt.capture)
			}
			// What is journaled carries the fee.
			var journaled *Record
			for _, e := range effs {
				if j, ok := e.(Journal); ok {
					journaled = &j.Record
				}
			}
			if journaled == nil || !journaled.Fee.Equal(octotest.Dec(tt.fee)) {
				t.Errorf("journaled record: %+v, want fee %s", journaled, tt.fee)
			}
		})
	}
}

// Zero money is money: a canceled or expired hold's transfer_sum 0.00
// leaves no fee and nothing to the shop in the journal (the hold's answer
// had said 800 and 39 200), while an absent transfer_sum keeps what pay's
// answer said.
func TestZeroTransferIsNotAbsent(t *testing.T) {
	canceled := &octo.PaymentInfo{ShopTransactionID: "oc-test-1", PaymentUUID: "uuid-1", Status: octo.StatusCanceled,
		TotalSum: octotest.Dec("40000"), TotalSumGiven: true, TransferSumGiven: true} // "transfer_sum": 0.00
	for _, tt := range []struct {
		name string
		ev   func(p Payment) Event
	}{
		{"expired: read at the hold's expiry", func(p Payment) Event { return StatusAnswered{Info: canceled, Seq: p.pollSeq} }},
		{"canceled: set_accept's answer", func(Payment) Event { return CancelAnswered{Info: canceled} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := reach(t, Hold, Held)
			if tt.name[0] == 'c' {
				p = step(t, p, Cancel{})
			} else {
				p = step(t, p, Check{})
			}
			p.Fee, p.Transfer = octotest.Dec("800"), octotest.Dec("39200") // from the hold's answer
			got, effs, err := p.Handle(tt.ev(p))
			if err != nil {
				t.Fatal(err)
			}
			if got.State != Canceled || !got.Fee.IsZero() || !got.Transfer.IsZero() {
				t.Errorf("got %s, fee %s, to the shop %s; want canceled, 0, 0", got.State, got.Fee, got.Transfer)
			}
			j := effs[len(effs)-1].(Journal)
			if !j.Record.Fee.IsZero() || !j.Record.Transfer.IsZero() {
				t.Errorf("journaled fee %s, to the shop %s; want 0, 0", j.Record.Fee, j.Record.Transfer)
			}
		})
	}
	// A succeeded read without transfer_sum (P-check's three fields)
	// keeps the sums pay's answer gave; one with transfer_sum 0.00 is
	// OCTO's word.
	p := reach(t, Sale, Succeeded)
	p.Fee, p.Transfer = octotest.Dec("20"), octotest.Dec("980")
	got, _, _ := p.Handle(StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: p.pollSeq})
	if !got.Fee.Equal(octotest.Dec("20")) || !got.Transfer.Equal(octotest.Dec("980")) {
		t.Errorf("absent transfer_sum: fee %s, to the shop %s; want 20, 980 kept", got.Fee, got.Transfer)
	}
	zero := octotest.Info(octo.StatusSucceeded, "1000")
	zero.TransferSumGiven = true
	got, _, _ = p.Handle(StatusAnswered{Info: zero, Seq: p.pollSeq})
	if !got.Fee.IsZero() || !got.Transfer.IsZero() {
		t.Errorf("transfer_sum 0.00: fee %s, to the shop %s; want 0, 0", got.Fee, got.Transfer)
	}
}
