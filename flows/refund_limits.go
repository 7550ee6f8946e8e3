package flows

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// OCTO's documented limits on one refund (REFERENCE §2.9, P-refund): at
// most 10 000 000 UZS per refund, with no limit on the number of refunds;
// at least 1 USD or its equivalent; all refunds together at most what was
// charged. The minimum in UZS moves with the exchange rate, so it is the
// shop's to set ([octo] refund_min); DefaultRefundMinUZS is about 1 USD.
var (
	MaxRefundUZS        = decimal.NewFromInt(10_000_000)
	DefaultRefundMinUZS = decimal.NewFromInt(12_800)
	minRefundUSD        = decimal.NewFromInt(1)
)

// Which of OCTO's refund limits an amount breaks.
const (
	LimitMax  = "max"  // more than OCTO refunds at a time: Parts refunds
	LimitMin  = "min"  // less than OCTO's smallest refund
	LimitLeft = "left" // more than what is left to refund
)

// RefundLimitError says which limit a refund amount breaks, with the bound
// and, for LimitMax, how many refunds of at most the bound the amount
// takes. Screens word it; the error text is the journal's English.
type RefundLimitError struct {
	Limit    string
	Amount   decimal.Decimal
	Bound    decimal.Decimal
	Currency string
	Parts    int
}

func (e *RefundLimitError) Error() string {
	switch e.Limit {
	case LimitMax:
		return fmt.Sprintf("flows: OCTO refunds at most %s %s at a time: refund %s as %d refunds",
			e.Bound.StringFixed(2), e.Currency, e.Amount.StringFixed(2), e.Parts)
	case LimitMin:
		return fmt.Sprintf("flows: OCTO refunds at least %s %s at a time, not %s",
			e.Bound.StringFixed(2), e.Currency, e.Amount.StringFixed(2))
	}
	return fmt.Sprintf("flows: refund amount %s must be more than 0 and at most what remains, %s",
		e.Amount.StringFixed(2), e.Bound.StringFixed(2))
}

// RefundBounds are the smallest and largest single refund OCTO takes in
// currency, given the shop's minimum in UZS (zero: DefaultRefundMinUZS).
// A zero bound is not checked: OCTO states its limits in UZS and USD only.
func RefundBounds(currency string, minUZS decimal.Decimal) (lo, hi decimal.Decimal) {
	switch currency {
	case "UZS", "":
		if !minUZS.IsPositive() {
			minUZS = DefaultRefundMinUZS
		}
		return minUZS, MaxRefundUZS
	case "USD":
		return minRefundUSD, decimal.Zero
	}
	return decimal.Zero, decimal.Zero
}

// CheckRefund tells whether OCTO would take a refund of amt now (zero: all
// that remains), checked before anything is sent; minUZS is the shop's
// [octo] refund_min. The error is a *RefundLimitError naming the limit.
func (p Payment) CheckRefund(amt, minUZS decimal.Decimal) error {
	left := p.Refundable()
	if amt.IsZero() {
		amt = left
	}
	if !amt.IsPositive() || amt.GreaterThan(left) {
		return &RefundLimitError{Limit: LimitLeft, Amount: amt, Bound: left, Currency: p.Currency}
	}
	lo, hi := RefundBounds(p.Currency, minUZS)
	if hi.IsPositive() && amt.GreaterThan(hi) {
		parts := int(amt.Div(hi).Ceil().IntPart())
		return &RefundLimitError{Limit: LimitMax, Amount: amt, Bound: hi, Currency: p.Currency, Parts: parts}
	}
	if lo.IsPositive() && amt.LessThan(lo) {
		return &RefundLimitError{Limit: LimitMin, Amount: amt, Bound: lo, Currency: p.Currency}
	}
	return nil
}

// RefundPrefill is the amount a refund screen offers: all that remains,
// or OCTO's largest single refund when more remains (the rest follows in
// further refunds).
func (p Payment) RefundPrefill() decimal.Decimal {
	left := p.Refundable()
	if _, hi := RefundBounds(p.Currency, decimal.Zero); hi.IsPositive() && left.GreaterThan(hi) {
		return hi
	}
	return left
}
