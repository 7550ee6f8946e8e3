// Package qrcode draws the QR codes the console shows for a phone to open:
// OCTO's payment page, 3-D Secure and fiscal receipts. It does only what
// the console needs — numeric, alphanumeric and byte segments, error-correction level
// L, mask 0, the smallest of versions 1–40 that holds the text — and its
// codes are the same, module for module, as those of rsc.io/qr, which it
// replaces (testdata/golden.json holds that library's output).
package qrcode

import (
	"errors"
	"fmt"
)

// A Code is a square of modules, dark or light.
type Code struct {
	Size    int // modules on a side: 17 + 4×Version
	Version int
	dark    []bool
}

// Black reports whether the module at column x, row y is dark; outside the
// code (the quiet zone) is light.
func (c *Code) Black(x, y int) bool {
	return x >= 0 && y >= 0 && x < c.Size && y < c.Size && c.dark[y*c.Size+x]
}

// ErrTooLong is the text that no version holds.
var ErrTooLong = errors.New("qrcode: too long for a QR code")

// Encode draws the segments, in order, in the smallest version that holds
// them.
func Encode(segs ...Segment) (*Code, error) {
	for _, s := range segs {
		if err := s.Check(); err != nil {
			return nil, err
		}
	}
	for v := minVersion; v <= maxVersion; v++ {
		bits := 0
		for _, s := range segs {
			bits += s.bitLen(v)
		}
		if bits <= dataBytes(v)*8 {
			return draw(v, segs), nil
		}
	}
	return nil, ErrTooLong
}

// EncodeText draws text as one segment in the densest mode that takes all
// of it.
func EncodeText(text string) (*Code, error) { return Encode(textSegment(text)) }

func textSegment(text string) Segment {
	for _, s := range []Segment{Numeric(text), Alphanumeric(text)} {
		if s.Check() == nil {
			return s
		}
	}
	return Bytes(text)
}

func draw(version int, segs []Segment) *Code {
	m := newMatrix(version)
	m.drawPatterns(version)
	m.placeData(codewords(version, segs))
	return &Code{Size: m.size, Version: version, dark: m.dark}
}

// codewords is the bit stream of the segments, ended and padded to the
// version's data bytes, split into blocks each followed by its check
// bytes, and interleaved a byte from each block at a time so a smudge
// spreads its damage over many blocks.
func codewords(version int, segs []Segment) []byte {
	var b bitStream
	for _, s := range segs {
		s.appendTo(&b, version)
	}
	capacity := dataBytes(version) * 8
	// The terminator is up to four zero bits, then zeros to a byte
	// boundary, then the pad bytes 0xEC and 0x11 by turns.
	b.write(0, min(4, capacity-b.n))
	if b.n%8 != 0 {
		b.write(0, 8-b.n%8)
	}
	for pad := uint(0xec); b.n < capacity; pad ^= 0xec ^ 0x11 {
		b.write(pad, 8)
	}
	if b.n != capacity {
		panic(fmt.Sprintf("qrcode: %d bits for %d", b.n, capacity)) // Encode measured the segments
	}

	v := versions[version]
	gen := rsGenerator(v.check)
	short := len(b.bytes) / v.blocks
	longFrom := v.blocks - len(b.bytes)%v.blocks // the last blocks hold a byte more
	data, checks := make([][]byte, v.blocks), make([][]byte, v.blocks)
	rest := b.bytes
	for i := range data {
		n := short
		if i >= longFrom {
			n++
		}
		data[i], rest = rest[:n], rest[n:]
		checks[i] = rsCheck(data[i], gen)
	}
	out := make([]byte, 0, v.codewords)
	out = interleave(out, data)
	out = interleave(out, checks)
	return out
}

func interleave(out []byte, blocks [][]byte) []byte {
	for i := 0; ; i++ {
		took := false
		for _, blk := range blocks {
			if i < len(blk) {
				out, took = append(out, blk[i]), true
			}
		}
		if !took {
			return out
		}
	}
}
