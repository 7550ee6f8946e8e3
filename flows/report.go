package flows

import (
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Report is a shift report: an X report (totals so far, No zero) or a Z
// report (the shift closed, numbered, immutable). It sums the movements
// journaled during the shift (journal/sqlite_ledger.go), whatever shift the payment was
// made in: sold, one-stage payments paid in the shift; held, holds placed
// in the shift and still held; captured, holds captured in the shift (the
// captured part); released, money given back by the shift's partial
// captures; canceled, holds canceled or expired in the shift; refunded,
// refunds confirmed in the shift; unknown, payments the shift left being
// resolved with OCTO; declined and open, payments refused or not finished
// in the shift. A hold placed in shift 1 and captured in shift 2 is held
// in Z1 and captured (and released) in shift 2, where it is not held.
type Report struct {
	No     int64 // the Z report's number; 0 for an X report
	Shift  int64
	Opened time.Time
	Closed time.Time // zero for an X report
	// Operator opened the shift (empty if nobody did: see shift.go).
	Operator string
	Lines    []ReportLine
	// Holds are the holds waiting for capture or cancel when the report
	// was made, from any shift, and those of them past their expiry.
	Holds, Expired HoldCount
	// WithFees: the report sums OCTO's fees (Z reports stored before the
	// money journal do not, and show no fee or net to the shop).
	WithFees bool `json:",omitempty"`
}

// HoldCount counts holds and sums them.
type HoldCount struct {
	Count  int64
	Amount decimal.Decimal
}

// ReportLine is one channel and bucket of a report.
type ReportLine struct {
	// Channel is how the customer paid (Channel*: uzcard, humo, visa,
	// mastercard, bank_card, token); Method is OCTO's method, empty for a
	// saved card. Z reports stored before channels have Method only.
	Channel  string
	Method   octo.Method
	Bucket   string
	Count    int64
	Amount   decimal.Decimal // the bucket's money: sold or captured amounts, held or canceled holds, ...
	Released decimal.Decimal // given back from partial captures
	Releases int64           // partial captures that released money
	Refunded decimal.Decimal // refunded in the shift
	Refunds  int64           // refunds confirmed in the shift
	Fee      decimal.Decimal `json:",omitempty"` // OCTO's fees on the bucket's sales or captures of the shift
}

// Total sums the lines of one bucket over all methods.
func (r Report) Total(bucket string) (count int64, amount decimal.Decimal) {
	amount = decimal.Zero
	for _, l := range r.Lines {
		if l.Bucket == bucket {
			count += l.Count
			amount = amount.Add(l.Amount)
		}
	}
	return count, amount
}

// Released sums released money over all lines.
func (r Report) Released() decimal.Decimal {
	s := decimal.Zero
	for _, l := range r.Lines {
		s = s.Add(l.Released)
	}
	return s
}

// Refunded sums refunded money over all lines.
func (r Report) Refunded() decimal.Decimal {
	s := decimal.Zero
	for _, l := range r.Lines {
		s = s.Add(l.Refunded)
	}
	return s
}

// ChannelMethod is OCTO's method for a channel ("" for a saved card or
// the customer's phone, whose method may be any).
func ChannelMethod(ch string) octo.Method {
	switch ch {
	case ChannelVisa, ChannelMastercard, ChannelCard:
		return octo.MethodBankCard
	case ChannelToken, ChannelPhone:
		return ""
	}
	return octo.Method(ch)
}

// Of is the line's channel; a Z report stored before channels has only
// OCTO's method, which then stands for the channel.
func (l ReportLine) Of() string {
	if l.Channel != "" {
		return l.Channel
	}
	return string(l.Method)
}

// Releases counts the partial captures that released money and sums it, over all lines.
func (r Report) Releases() (count int64, amount decimal.Decimal) {
	amount = decimal.Zero
	for _, l := range r.Lines {
		count += l.Releases
		amount = amount.Add(l.Released)
	}
	return count, amount
}

// Refunds counts the refunds confirmed in the shift and sums them, over all lines.
func (r Report) Refunds() (count int64, amount decimal.Decimal) {
	amount = decimal.Zero
	for _, l := range r.Lines {
		count += l.Refunds
		amount = amount.Add(l.Refunded)
	}
	return count, amount
}
