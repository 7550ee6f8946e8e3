package ui

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an amount as the back office's screens in l write it:
// "1 500.50 UZS" in English; in Russian and Uzbek with a decimal comma and
// the sum's own name, "1 500,50 сум" and "1 500,50 so'm" (another currency
// keeps its code). Receipts and the CSV keep the ISO code.
func (l Lang) Money(d decimal.Decimal, currency string) string {
	if currency == "" {
		currency = "UZS"
	}
	if l != LangRU && l != LangUZ {
		return FormatMoney(d, currency)
	}
	s := strings.Replace(FormatAmount(d), ".", ",", 1)
	switch {
	case currency != "UZS":
		return s + " " + currency
	case l == LangRU:
		return s + " сум"
	}
	return s + " so'm"
}
