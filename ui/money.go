package ui

import (
	"errors"
	"strings"
	"unicode"

	"github.com/octo-cashier/octo-cashier/money"
	"github.com/shopspring/decimal"
)

// maxAmount guards against a finger resting on a key: OCTO sets no upper
// bound we know of, but no counter sale is a trillion som.
var maxAmount = decimal.New(999_999_999_999, 0)

// Amount problems, worded for the person typing.
var (
	errAmountEmpty    = errors.New("enter an amount")
	errAmountChars    = errors.New("use digits, spaces and one decimal point")
	errAmountDecimals = errors.New("at most 2 decimals (tiyin)")
	errAmountZero     = errors.New("the amount must be more than 0")
	errAmountTooLarge = errors.New("the amount is too large")
)

// ParseAmount reads an amount as a cashier types it: "150000", "150 000",
// "150 000.50" or "150 000,50" (the comma is the decimal mark in ru/uz
// locales). Thin, normal and no-break spaces and underscores group
// thousands. The result is exact: no float on the way.
func ParseAmount(s string) (decimal.Decimal, error) {
	var b strings.Builder
	seenMark := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == ',':
			if seenMark {
				return decimal.Zero, errAmountChars
			}
			seenMark = true
			b.WriteByte('.')
		case unicode.IsSpace(r) || r == '_' || r == '\u202f' || r == '\u00a0':
			// grouping
		default:
			return decimal.Zero, errAmountChars
		}
	}
	digits := b.String()
	if digits == "" || digits == "." {
		return decimal.Zero, errAmountEmpty
	}
	if i := strings.IndexByte(digits, '.'); i >= 0 && len(digits)-i-1 > 2 {
		return decimal.Zero, errAmountDecimals
	}
	d, err := decimal.NewFromString(strings.TrimSuffix(digits, "."))
	if err != nil {
		return decimal.Zero, errAmountChars
	}
	if !d.IsPositive() {
		return decimal.Zero, errAmountZero
	}
	if d.GreaterThan(maxAmount) {
		return decimal.Zero, errAmountTooLarge
	}
	return d, nil
}

// FormatAmount writes d with space-grouped thousands and the tiyin only when
// there are any: 150000 → "150 000", 1500.5 → "1 500.50" (money.Format: the
// receipts and the sandbox's page write it the same way).
func FormatAmount(d decimal.Decimal) string { return money.Format(d) }

// FormatMoney is FormatAmount with the currency: "150 000 UZS".
func FormatMoney(d decimal.Decimal, currency string) string { return money.WithCurrency(d, currency) }

// GroupAmountInput re-groups what is being typed into the amount field so
// the cashier sees "150 000" while typing "150000", keeping what cannot be
// grouped (a trailing decimal mark, a bad character) as it is.
func GroupAmountInput(s string) string {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '_' {
			return -1
		}
		return r
	}, s)
	whole, frac, hasMark := strings.Cut(strings.ReplaceAll(clean, ",", "."), ".")
	for _, r := range whole {
		if r < '0' || r > '9' {
			return s // leave it for ParseAmount to explain
		}
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	if hasMark {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
