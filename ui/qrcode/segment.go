package qrcode

import (
	"fmt"
	"strings"
)

// A Segment is a run of the text in one mode. The denser modes hold fewer
// characters: alphanumeric packs two characters in 11 bits and numeric
// three digits in 10, against a byte's 8 bits for each.
type Segment struct {
	mode mode
	text string
}

type mode int

const (
	numeric mode = iota
	alphanumeric
	byteMode
)

// Bytes is a segment of any bytes (a link with lower-case letters, UTF-8).
func Bytes(s string) Segment { return Segment{byteMode, s} }

// Alphanumeric is a segment of 0-9, A-Z, space and $%*+-./: only.
func Alphanumeric(s string) Segment { return Segment{alphanumeric, s} }

// Numeric is a segment of the digits 0-9 only.
func Numeric(s string) Segment { return Segment{numeric, s} }

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// Check says whether the segment's mode can hold its text.
func (s Segment) Check() error {
	switch s.mode {
	case numeric:
		for i := 0; i < len(s.text); i++ {
			if c := s.text[i]; c < '0' || c > '9' {
				return fmt.Errorf("qrcode: %q is not numeric", s.text)
			}
		}
	case alphanumeric:
		for i := 0; i < len(s.text); i++ {
			if strings.IndexByte(alphabet, s.text[i]) < 0 {
				return fmt.Errorf("qrcode: %q is not alphanumeric", s.text)
			}
		}
	}
	return nil
}

// The mode indicators, and the widths of the character count, which grow
// with the version in three steps: 1–9, 10–26 and 27–40.
var (
	modeIndicator = [3]uint{numeric: 1, alphanumeric: 2, byteMode: 4}
	countBits     = [3][3]int{
		numeric:      {10, 12, 14},
		alphanumeric: {9, 11, 13},
		byteMode:     {8, 16, 16},
	}
)

func sizeClass(version int) int {
	switch {
	case version <= 9:
		return 0
	case version <= 26:
		return 1
	}
	return 2
}

// bitLen is how many bits the segment takes in the given version.
func (s Segment) bitLen(version int) int {
	n := len(s.text)
	head := 4 + countBits[s.mode][sizeClass(version)]
	switch s.mode {
	case numeric:
		return head + (10*n+2)/3
	case alphanumeric:
		return head + (11*n+1)/2
	}
	return head + 8*n
}

// appendTo writes the segment's mode, count and characters.
func (s Segment) appendTo(b *bitStream, version int) {
	b.write(modeIndicator[s.mode], 4)
	b.write(uint(len(s.text)), countBits[s.mode][sizeClass(version)])
	t := s.text
	switch s.mode {
	case numeric:
		for ; len(t) >= 3; t = t[3:] {
			b.write(digits(t[:3]), 10)
		}
		// A last one or two digits take 4 or 7 bits.
		if len(t) > 0 {
			b.write(digits(t), 3*len(t)+1)
		}
	case alphanumeric:
		for ; len(t) >= 2; t = t[2:] {
			b.write(alphaValue(t[0])*45+alphaValue(t[1]), 11)
		}
		if len(t) == 1 {
			b.write(alphaValue(t[0]), 6)
		}
	default:
		for i := 0; i < len(t); i++ {
			b.write(uint(t[i]), 8)
		}
	}
}

func digits(s string) uint {
	v := uint(0)
	for i := 0; i < len(s); i++ {
		v = v*10 + uint(s[i]-'0')
	}
	return v
}

func alphaValue(c byte) uint { return uint(strings.IndexByte(alphabet, c)) }

// bitStream is the code's data, most significant bit first.
type bitStream struct {
	bytes []byte
	n     int // bits written
}

func (b *bitStream) write(v uint, width int) {
	for i := width - 1; i >= 0; i-- {
		if b.n%8 == 0 {
			b.bytes = append(b.bytes, 0)
		}
		if v>>uint(i)&1 != 0 {
			b.bytes[len(b.bytes)-1] |= 0x80 >> uint(b.n%8)
		}
		b.n++
	}
}
