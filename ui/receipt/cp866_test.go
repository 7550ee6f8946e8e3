package receipt

import (
	"testing"
	"unicode/utf8"
)

// TestCP866MatchesTheHandTable: x/text's code page 866 gives every
// character a receipt can print the byte the hand-written table gave, and
// the receipt prints exactly the characters it printed before — checked
// over every rune, not a sample.
func TestCP866MatchesTheHandTable(t *testing.T) {
	n := 0
	for c := rune(0); c <= utf8.MaxRune; c++ {
		got, gotOK := cp866(c)
		want, wantOK := handCP866(c)
		if got != want || gotOK != wantOK {
			t.Errorf("%U %q: charmap gives %#x %v, the hand table %#x %v", c, c, got, gotOK, want, wantOK)
		}
		if wantOK {
			n++
		}
	}
	if n != 95+64+12 {
		t.Errorf("%d characters printable, want 171 (ASCII, А–я, 12 more)", n)
	}
}

// TestTransliterationIsPrintable: what translit puts in place of a
// character CP866 lacks is itself printable.
func TestTransliterationIsPrintable(t *testing.T) {
	for from, to := range translit {
		if _, ok := cp866(from); ok {
			t.Errorf("%q is printable and transliterated too", from)
		}
		for _, c := range to {
			if _, ok := cp866(c); !ok {
				t.Errorf("%q becomes %q, whose %q is not printable", from, to, c)
			}
		}
	}
}

// handCP866 is the table receipts used before x/text's charmap, kept as
// the reference the charmap is held to.
func handCP866(c rune) (byte, bool) {
	switch {
	case c >= 0x20 && c < 0x7f:
		return byte(c), true
	case c >= 'А' && c <= 'п':
		return byte(0x80 + (c - 'А')), true
	case c >= 'р' && c <= 'я':
		return byte(0xe0 + (c - 'р')), true
	}
	switch c {
	case 'Ё':
		return 0xf0, true
	case 'ё':
		return 0xf1, true
	case 'Є':
		return 0xf2, true
	case 'є':
		return 0xf3, true
	case 'Ї':
		return 0xf4, true
	case 'ї':
		return 0xf5, true
	case 'Ў':
		return 0xf6, true
	case 'ў':
		return 0xf7, true
	case '°':
		return 0xf8, true
	case '·':
		return 0xfa, true
	case '№':
		return 0xfc, true
	case '\u00a0':
		return 0xff, true
	}
	return 0, false
}
