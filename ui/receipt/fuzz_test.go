package receipt

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Whatever text a payment carries, the receipt fits the paper, the printer
// can read the stream, and no card number longer than 6+4 digits shows.
func FuzzRender(f *testing.F) {
	f.Add("Coffee beans, 1 kg", "Dilnoza", "860000******0015", 32)
	f.Add("Кофе в зёрнах — oʻram…", "Ғайрат", "9860123498761234", 42)
	f.Add("\x1b@\x1dV\x42\x00", "\n\t", "8600 4902 1234 0015", 48)
	f.Add(strings.Repeat("W", 200), "", "", 24)
	f.Add("4278 3100 0000 3011 and 5423 1200 0000 1111", "x", "****", 80)
	f.Fuzz(func(t *testing.T, desc, operator, card string, width int) {
		if !utf8.ValidString(desc) || !utf8.ValidString(operator) || !utf8.ValidString(card) {
			t.Skip()
		}
		p := paidSale()
		p.Description, p.Operator, p.Card = desc, operator, card
		o := opts(Russian)
		o.FiscalURL = "" // its 14-digit timestamp is not a card number
		r := mustReceipt(t, p, o)
		if d := digits(r.Card); d > 10 {
			t.Fatalf("card %q shows %d digits", r.Card, d)
		}
		w := clampWidth(width)
		text := r.Text(width)
		for _, ln := range strings.Split(text, "\n") {
			if utf8.RuneCountInString(ln) > w {
				t.Fatalf("line %q is wider than %d", ln, w)
			}
		}
		if longestDigitRun(text) >= 13 {
			t.Fatalf("a run of %d digits in\n%s", longestDigitRun(text), text)
		}
		if _, err := parseESCPOS(r.ESCPOS(width), w); err != nil {
			t.Fatalf("the printer cannot read it: %v", err)
		}
	})
}

// longestDigitRun counts digits with any spaces or dashes between them,
// as a reader (and scrub) would read a card number.
func longestDigitRun(s string) int {
	best, n := 0, 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			n++
			best = max(best, n)
		case separator(c):
		default:
			n = 0
		}
	}
	return best
}

func TestLongestDigitRun(t *testing.T) {
	for s, want := range map[string]int{"": 0, "ab12c345": 3, "8600 4902 1234 0015": 16, "12  34": 4, "1-2-3": 3, "12 x 34": 2, "1\n2": 2} {
		if got := longestDigitRun(s); got != want {
			t.Errorf("longestDigitRun(%q) = %d, want %d", s, got, want)
		}
	}
}
