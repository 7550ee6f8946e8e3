package receipt

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// ESC/POS bytes (Epson's command set, which most receipt printers follow).
const (
	esc = 0x1b
	gs  = 0x1d
	lf  = 0x0a

	codePageCP866 = 17 // ESC t 17: PC866 Cyrillic #2
	qrModel2      = 50
	qrECLevelM    = 49
	feedLines     = 3
)

// ESCPOS renders the receipt for a receipt printer of the given width in
// characters (the same layout as Text): initialise, select the CP866 code
// page, the heading and the total in bold (the total also double height),
// the fiscal link as the printer's own QR code, then feed and a partial cut.
// Characters CP866 lacks are transliterated.
func (r Receipt) ESCPOS(width int) []byte {
	width = clampWidth(width)
	return escpos(r.layout(width, transliterate), width)
}

// escpos renders laid-out lines (already in CP866's repertoire) as ESC/POS.
func escpos(lines []line, width int) []byte {
	out := make([]byte, 0, 64+len(lines)*(width+8))
	out = append(out, esc, '@', esc, 't', codePageCP866)
	centerOn := false
	setCenter := func(on bool) {
		if on != centerOn {
			n := byte(0)
			if on {
				n = 1
			}
			out = append(out, esc, 'a', n)
			centerOn = on
		}
	}
	for _, ln := range lines {
		setCenter(ln.center)
		if ln.qr != "" {
			out = appendQR(out, ln.qr, width)
			continue
		}
		if ln.bold {
			out = append(out, esc, 'E', 1)
		}
		if ln.big {
			out = append(out, gs, '!', 0x01) // double height, single width: the columns stay
		}
		out = appendCP866(out, ln.text)
		out = append(out, lf)
		if ln.big {
			out = append(out, gs, '!', 0x00)
		}
		if ln.bold {
			out = append(out, esc, 'E', 0)
		}
	}
	setCenter(false)
	out = append(out, esc, 'd', feedLines)
	return append(out, gs, 'V', 66, 0) // feed to the cutter and cut partially
}

// appendQR stores data in the printer's QR symbol buffer and prints it
// (GS ( k, model 2, error correction M).
func appendQR(out []byte, data string, width int) []byte {
	module := byte(6)
	if width < 42 {
		module = 4 // a 58 mm roll is 384 dots wide
	}
	out = append(out,
		gs, '(', 'k', 4, 0, 49, 65, qrModel2, 0, // model 2
		gs, '(', 'k', 3, 0, 49, 67, module, // module size in dots
		gs, '(', 'k', 3, 0, 49, 69, qrECLevelM, // error correction
	)
	n := len(data) + 3
	out = append(out, gs, '(', 'k', byte(n&0xff), byte(n>>8), 49, 80, 48)
	out = append(out, data...)
	out = append(out, gs, '(', 'k', 3, 0, 49, 81, 48) // print the stored symbol
	return append(out, lf)
}

// appendCP866 encodes text already transliterated to CP866's repertoire.
func appendCP866(out []byte, s string) []byte {
	for _, c := range s {
		b, ok := cp866(c)
		if !ok {
			b = '?'
		}
		out = append(out, b)
	}
	return out
}

// cp866 is the byte of c in code page 866 (x/text's charmap), for the part
// of it receipts print (see onSlip).
func cp866(c rune) (byte, bool) {
	if !onSlip(c) {
		return 0, false
	}
	return charmap.CodePage866.EncodeRune(c)
}

// onSlip is the part of code page 866 a receipt prints: ASCII, the
// Russian alphabet with Ё, Ukrainian and Belarusian letters (Ў for Uzbek
// Cyrillic) and a few signs. Control characters stay out — one in a
// description must not reach the printer as a command — and so do the
// page's box drawing and blocks: a slip's rules are ASCII, and what has
// no place on a slip is transliterated or printed as '?'.
func onSlip(c rune) bool {
	switch {
	case c >= 0x20 && c < 0x7f, c >= 'А' && c <= 'я':
		return true
	}
	return strings.ContainsRune("ЁёЄєЇїЎў°·№\u00a0", c)
}

// translit maps what CP866 lacks to what it has: Uzbek and other Latin
// letters with marks to their base letters, Uzbek Cyrillic to the nearest
// Russian letter, typographic signs to ASCII.
var translit = map[rune]string{
	'ʻ': "'", 'ʼ': "'", '‘': "'", '’': "'", '“': `"`, '”': `"`, '«': `"`, '»': `"`, '„': `"`,
	'—': "-", '–': "-", '‑': "-", '−': "-", '…': "...", '•': "*", '×': "x", '\u202f': " ", '\u2009': " ",
	'✓': "v", '✗': "x", '€': "EUR", '₽': "RUB",
	'Қ': "К", 'қ': "к", 'Ғ': "Г", 'ғ': "г", 'Ҳ': "Х", 'ҳ': "х", 'Ң': "Н", 'ң': "н", 'Ө': "О", 'ө': "о",
	'Ү': "У", 'ү': "у", 'Ұ': "У", 'ұ': "у", 'Ә': "А", 'ә': "а", 'І': "I", 'і': "i",
	'Á': "A", 'À': "A", 'Â': "A", 'Ä': "A", 'Ã': "A", 'Å': "A", 'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a",
	'Ç': "C", 'ç': "c", 'Č': "C", 'č': "c",
	'É': "E", 'È': "E", 'Ê': "E", 'Ë': "E", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'Ğ': "G'", 'ğ': "g'", 'Í': "I", 'Ì': "I", 'Î': "I", 'Ï': "I", 'İ': "I", 'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i",
	'Ñ': "N", 'ñ': "n", 'Ó': "O", 'Ò': "O", 'Ô': "O", 'Ö': "O", 'Õ': "O", 'Ŏ': "O'", 'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ŏ': "o'",
	'Ş': "Sh", 'ş': "sh", 'Š': "S", 'š': "s", 'ß': "ss",
	'Ú': "U", 'Ù': "U", 'Û': "U", 'Ü': "U", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u",
	'Ý': "Y", 'ý': "y", 'ÿ': "y", 'Ž': "Z", 'ž': "z",
}

// transliterate brings s into CP866's repertoire; what has no near
// equivalent becomes '?'. Control characters become spaces.
func transliterate(s string) string {
	ok := true
	for _, c := range s {
		if _, in := cp866(c); !in {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if _, in := cp866(c); in {
			b.WriteRune(c)
			continue
		}
		if t, found := translit[c]; found {
			b.WriteString(t)
			continue
		}
		if c < 0x20 || c == 0x7f || c == utf8.RuneError {
			b.WriteByte(' ')
			continue
		}
		b.WriteByte('?')
	}
	return b.String()
}
