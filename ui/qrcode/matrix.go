package qrcode

// matrix is a code being drawn: which modules are dark, and which belong
// to the fixed patterns that the data must flow around.
type matrix struct {
	size  int
	dark  []bool
	fixed []bool
}

func newMatrix(version int) *matrix {
	n := 17 + 4*version
	return &matrix{size: n, dark: make([]bool, n*n), fixed: make([]bool, n*n)}
}

// set draws a fixed module.
func (m *matrix) set(x, y int, dark bool) {
	m.dark[y*m.size+x] = dark
	m.fixed[y*m.size+x] = true
}

// drawPatterns draws everything but the data: the timing lines, the three
// finder squares, the alignment squares, the version and format words and
// the one dark module beside the bottom-left finder. The order matters
// where they overlap: a finder's light border cuts the timing lines.
func (m *matrix) drawPatterns(version int) {
	n := m.size
	for i := 0; i < n; i++ {
		m.set(i, 6, i%2 == 0)
		m.set(6, i, i%2 == 0)
	}
	m.drawFinder(0, 0)
	m.drawFinder(n-7, 0)
	m.drawFinder(0, n-7)
	m.drawAlignments(version)
	if version >= 7 {
		// Bit i of the word goes to column i/3, row n-11+i%3 of the
		// bottom-left block, and mirrored at the top right.
		word := versionInfo(version)
		for i := 0; i < 18; i++ {
			dark := word>>uint(i)&1 != 0
			m.set(i/3, n-11+i%3, dark)
			m.set(n-11+i%3, i/3, dark)
		}
	}
	m.set(8, n-8, true)
	m.drawFormat()
}

// drawFinder draws a finder square with its top-left corner at x, y and
// the light border on the sides that face the code.
func (m *matrix) drawFinder(x, y int) {
	for dy := -1; dy <= 7; dy++ {
		for dx := -1; dx <= 7; dx++ {
			px, py := x+dx, y+dy
			if px < 0 || py < 0 || px >= m.size || py >= m.size {
				continue
			}
			ring := max(abs(dx-3), abs(dy-3)) // 0 at the centre, 4 the border
			m.set(px, py, ring != 2 && ring != 4)
		}
	}
}

// drawAlignments draws the small squares on a grid that starts at 4 and
// then at the version's first position, skipping the three that would
// land on a finder.
func (m *matrix) drawAlignments(version int) {
	v, n := versions[version], m.size
	next := func(p int) int {
		if p == 4 {
			return v.alignFirst
		}
		return p + v.alignStep
	}
	for x := 4; x+5 < n; x = next(x) {
		for y := 4; y+5 < n; y = next(y) {
			if (x < 7 && y < 7) || (x < 7 && y+5 >= n-7) || (x+5 >= n-7 && y < 7) {
				continue
			}
			for dy := 0; dy < 5; dy++ {
				for dx := 0; dx < 5; dx++ {
					ring := max(abs(dx-2), abs(dy-2))
					m.set(x+dx, y+dy, ring != 1)
				}
			}
		}
	}
}

// drawFormat writes the format word twice: around the top-left finder,
// and split between the other two.
func (m *matrix) drawFormat() {
	word, n := formatInfo(), m.size
	for i := 0; i < 15; i++ {
		dark := word>>uint(i)&1 != 0
		switch {
		case i < 6:
			m.set(8, i, dark)
		case i < 8:
			m.set(8, i+1, dark) // over the timing row
		case i == 8:
			m.set(7, 8, dark)
		default:
			m.set(14-i, 8, dark)
		}
		if i < 8 {
			m.set(n-1-i, 8, dark)
		} else {
			m.set(8, n-15+i, dark)
		}
	}
}

// placeData lays the bits of the codewords over the free modules in
// two-module-wide columns from the right, up then down by turns, the
// right module of a pair before the left, skipping the timing column.
// Free modules left over after the last bit are the remainder bits, 0.
// Mask 0 darkens every free module where x+y is even.
func (m *matrix) placeData(codewords []byte) {
	n, bit := m.size, 0
	up := true
	for right := n - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for i := 0; i < n; i++ {
			y := i
			if up {
				y = n - 1 - i
			}
			for x := right; x >= right-1; x-- {
				if m.fixed[y*n+x] {
					continue
				}
				on := false
				if bit < 8*len(codewords) {
					on = codewords[bit/8]&(0x80>>uint(bit%8)) != 0
				}
				bit++
				m.dark[y*n+x] = on != ((x+y)%2 == 0)
			}
		}
		up = !up
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
