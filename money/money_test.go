package money

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestFormat(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "5": "5", "999": "999", "1000": "1 000", "150000": "150 000",
		"1500.5": "1 500.50", "1500.05": "1 500.05", "10000000": "10 000 000",
		"-2000": "-2 000", "0.01": "0.01", "123456789012.99": "123 456 789 012.99",
	} {
		if got := Format(decimal.RequireFromString(in)); got != want {
			t.Errorf("Format(%s) = %q, want %q", in, got, want)
		}
	}
	if got := WithCurrency(decimal.RequireFromString("150000"), ""); got != "150 000 UZS" {
		t.Errorf("WithCurrency: %q", got)
	}
	if got := WithCurrency(decimal.RequireFromString("12.5"), "USD"); got != "12.50 USD" {
		t.Errorf("WithCurrency USD: %q", got)
	}
}
