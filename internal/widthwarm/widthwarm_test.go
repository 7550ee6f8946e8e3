package widthwarm

import (
	"testing"

	"github.com/mattn/go-runewidth"
)

// The table reached by name is the one go-runewidth fills: once a
// character past U+02FF is measured, its entries are the widths
// go-runewidth gives (a box-drawing line 1, a CJK ideograph 2, a
// combining mark 0; an ambiguous character 1, or 2 East Asian). Were the
// name or the layout to change with a new go-runewidth, prefault would
// map the wrong memory: this fails first.
func TestTableIsGoRunewidths(t *testing.T) {
	warm()
	for _, c := range []struct {
		r      rune
		narrow byte
		east   byte
	}{{'─', 1, 2}, {'中', 2, 2}, {'\u0301', 0, 0}, {'Ж', 1, 2}, {'€', 1, 2}, {'😀', 2, 2}} {
		if got := strictWidthLUT[0][c.r]; got != c.narrow || int(got) != runewidth.RuneWidth(c.r) {
			t.Errorf("table[0][%U] = %d, want %d (go-runewidth says %d)", c.r, got, c.narrow, runewidth.RuneWidth(c.r))
		}
		if got := strictWidthLUT[1][c.r]; got != c.east {
			t.Errorf("table[1][%U] = %d, want %d", c.r, got, c.east)
		}
	}
}
