package sandbox

import (
	"testing"

	"github.com/shopspring/decimal"
)

var amountSeeds = []string{
	"0", "0.00", "1", "1000.00", "1000", "900.5", "0.01", "0.0001", "12.3456", "-1.5", "-0.01", "-1000.0000",
	"999999999999.99", "9223372036854775807", "92233720368547758.07", "123456789012345678.5", "1e3", "1.005", "5.55555",
	"-0.005", "100000000000000000000", "0.000000001",
}

// FuzzAppendFixed holds the integer path to StringFixed's digits, whatever
// the exponent (the fallback covers what does not fit or must be rounded).
func FuzzAppendFixed(f *testing.F) {
	for _, s := range amountSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := decimal.NewFromString(s)
		if err != nil {
			return
		}
		for _, v := range []decimal.Decimal{d, d.Mul(decimal.NewFromInt(100)), d.Sub(decimal.New(1, -3))} {
			for _, places := range []int32{0, 2, 4} {
				if got, want := string(appendFixed([]byte("x"), v, places)), "x"+v.StringFixed(places); got != want {
					t.Fatalf("%s with %d places: %s, want %s", v, places, got, want)
				}
			}
		}
	})
}

// The payment object's amounts take the integer path: a fast path that
// always fell back would pass the fuzz test and save nothing.
func TestAppendFixedSkipsBigInts(t *testing.T) {
	d := decimal.RequireFromString("1000.00")
	if n := testing.AllocsPerRun(100, func() { _ = appendFixed(make([]byte, 0, 32), d, 2) }); n != 0 {
		t.Fatalf("%.0f allocations to write an amount", n)
	}
}
