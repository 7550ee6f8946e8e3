package ui

import "github.com/octo-cashier/octo-cashier/ui/qrcode"

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
	return drawQR(code, 2, 1), nil
}
