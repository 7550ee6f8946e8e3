// Package money writes amounts as the console, its receipts and the
// sandbox's page show them: one way, so the screen, the paper and OCTO's
// page agree.
package money

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Format writes d with space-grouped thousands and the tiyin only when
// there are any: 150000 → "150 000", 1500.5 → "1 500.50", -2000 → "-2 000".
func Format(d decimal.Decimal) string {
	neg := d.IsNegative()
	s := d.Abs().StringFixed(2)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	if frac != "00" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// WithCurrency is Format with the currency's code: "150 000 UZS"; an empty
// currency is UZS, the console's.
func WithCurrency(d decimal.Decimal, currency string) string {
	if currency == "" {
		currency = "UZS"
	}
	return Format(d) + " " + currency
}
