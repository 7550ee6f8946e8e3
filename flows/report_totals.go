package flows

import (
	"github.com/shopspring/decimal"
)

// What a manager reads first on an X or Z report: what the shift took.
//
//	gross     sales + captures (the money charged in the shift)
//	net       gross − refunds (what stays charged)
//	fees      OCTO's fees on the shift's sales and captures
//	to shop   net − fees (what OCTO pays the shop for the shift)
//
// Refunds are of the shift, whatever shift the payment was made in, as
// everywhere in the reports; OCTO keeps its fee on a refunded payment.

// Gross is the money charged in the shift: sales and captures.
func (r Report) Gross() decimal.Decimal {
	_, sold := r.Total(BucketSold)
	_, captured := r.Total(BucketCaptured)
	return sold.Add(captured)
}

// Net is the shift's net takings: what was charged less what was refunded.
func (r Report) Net() decimal.Decimal { return r.Gross().Sub(r.Refunded()) }

// Fees sums OCTO's fees on the shift's sales and captures.
func (r Report) Fees() decimal.Decimal {
	s := decimal.Zero
	for _, l := range r.Lines {
		s = s.Add(l.Fee)
	}
	return s
}

// ToShop is what goes to the shop for the shift: net takings less OCTO's fees.
func (r Report) ToShop() decimal.Decimal { return r.Net().Sub(r.Fees()) }

// AddFee adds OCTO's fees on a channel's sales or captures to their line
// (a journal reads them from its money movements).
func (r *Report) AddFee(ch string, kind MovementKind, fee decimal.Decimal) {
	bucket := BucketSold
	if kind == MoveCapture {
		bucket = BucketCaptured
	}
	for i := range r.Lines {
		if l := &r.Lines[i]; l.Channel == ch && l.Bucket == bucket {
			l.Fee = l.Fee.Add(fee)
			return
		}
	}
	r.Lines = append(r.Lines, ReportLine{Channel: ch, Method: ChannelMethod(ch), Bucket: bucket, Fee: fee})
}
