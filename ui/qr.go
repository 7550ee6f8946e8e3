package ui

import (
	"strings"

	"github.com/octo-cashier/octo-cashier/ui/qrcode"
)

// QRCode draws text as a QR code with half-block characters, two modules
// per character cell vertically, with a quiet zone so phone cameras find
// it. The blocks are the LIGHT modules and blanks the dark ones, so on the
// usual dark terminal (and with the screen's light-on-dark QR style) the
// code has dark modules on a light field, as scanners expect.
func QRCode(text string) (string, error) {
	code, err := qrcode.EncodeText(text)
	if err != nil {
		return "", err
	}
	const quiet = 2
	n := code.Size + 2*quiet
	light := func(x, y int) bool { return !code.Black(x-quiet, y-quiet) }
	var b strings.Builder
	for y := 0; y < n; y += 2 {
		for x := 0; x < n; x++ {
			top, bottom := light(x, y), light(x, y+1)
			switch {
			case top && bottom:
				b.WriteRune('█')
			case top:
				b.WriteRune('▀')
			case bottom:
				b.WriteRune('▄')
			default:
				b.WriteByte(' ')
			}
		}
		if y+2 < n {
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}
