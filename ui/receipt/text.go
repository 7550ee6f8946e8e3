package receipt

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Paper widths in characters: 58 mm rolls print 32, 80 mm rolls 42 or 48
// depending on the font. Other widths are brought into [MinWidth, MaxWidth].
const (
	MinWidth     = 24
	MaxWidth     = 80
	DefaultWidth = 42
)

// line is one printed line: Text pads it, ESCPOS adds the styles.
type line struct {
	text   string
	center bool
	bold   bool
	big    bool   // double height: the amount the receipt is about
	qr     string // a QR code of this data instead of text
}

// Text renders the receipt as a till roll of the given width in
// characters, plain UTF-8, no trailing newline.
func (r Receipt) Text(width int) string {
	width = clampWidth(width)
	var b strings.Builder
	for i, ln := range r.layout(width, nil) {
		if i > 0 {
			b.WriteByte('\n')
		}
		switch {
		case ln.qr != "":
			for j, part := range chunks(ln.qr, width) {
				if j > 0 {
					b.WriteByte('\n')
				}
				b.WriteString(part)
			}
		case ln.center:
			b.WriteString(centered(ln.text, width))
		default:
			b.WriteString(ln.text)
		}
	}
	return b.String()
}

func clampWidth(w int) int {
	switch {
	case w <= 0:
		return DefaultWidth
	case w < MinWidth:
		return MinWidth
	case w > MaxWidth:
		return MaxWidth
	}
	return w
}

// layout lays the receipt out in lines of at most width characters after
// conv (nil: none), which ESCPOS uses to bring text into the printer's code
// page before measuring it.
func (r Receipt) layout(width int, conv func(string) string) []line {
	if conv == nil {
		conv = func(s string) string { return s }
	}
	r = r.safe()
	l := words[r.Language]
	var out []line
	rule := func(c string) { out = append(out, line{text: strings.Repeat(c, width)}) }
	centerText := func(s string, bold bool) {
		for _, part := range wrap(conv(s), width) {
			out = append(out, line{text: part, center: true, bold: bold})
		}
	}
	pair := func(label, value string, bold, big bool) {
		if value == "" {
			return
		}
		label, value = conv(label), conv(value)
		if n := utf8.RuneCountInString(label) + 1 + utf8.RuneCountInString(value); n <= width {
			out = append(out, line{text: label + strings.Repeat(" ", width-n+1) + value, bold: bold, big: big})
			return
		}
		out = append(out, line{text: label, bold: bold, big: big})
		for _, part := range wrap(value, width) {
			out = append(out, line{text: rightAligned(part, width), bold: bold, big: big})
		}
	}
	money := func(d decimal.Decimal) string { return formatAmount(d) + " " + r.Currency }

	if r.ShopName != "" {
		centerText(r.ShopName, true)
	}
	if r.ShopID != 0 {
		centerText(l.shopID+" "+strconv.FormatInt(r.ShopID, 10), false)
	}
	rule("-")
	centerText(l.title[r.Kind], true)
	if r.Copy {
		centerText(l.copy, true)
	}
	if r.Test {
		centerText(l.test, false)
	}
	rule("-")
	if !r.Time.IsZero() {
		pair(l.date, r.Time.Format(l.dateLayout), false, false)
	}
	pair(l.operator, r.Operator, false, false)
	pair(l.purpose, r.Description, false, false)
	pair(l.card, groupCard(r.Card), false, false)
	pair(l.scheme, r.Scheme, false, false)
	if r.Phone {
		pair(l.channel, l.phone, false, false)
	}

	head := r.headline()
	rows := []struct {
		label string
		d     decimal.Decimal
	}{
		{l.amount, r.Total}, {l.charged, r.Captured}, {l.released, r.Released},
		{l.refunded, r.Refunded}, {l.fee, r.Fee}, {l.transfer, r.Transfer},
	}
	src := r.headlineRow()
	ruled := false
	for i, row := range rows {
		if row.d.IsZero() || i == src || (i == rowAmount && row.d.Equal(head)) {
			continue
		}
		if !ruled {
			rule("-")
			ruled = true
		}
		pair(row.label, money(row.d), false, false)
	}
	rule("=")
	pair(l.headline[r.Kind], money(head), true, true)
	rule("=")
	if r.Status != "" {
		pair(l.status, l.statusText(r.Kind, r.Status), false, false)
	}
	if r.Kind == KindHold && !r.HoldExpires.IsZero() {
		pair(l.holdUntil, r.HoldExpires.Format(l.dateLayout), false, false)
	}
	pair(l.shopTxn, r.ShopTransactionID, false, false)
	pair(l.octoID, r.PaymentUUID, false, false)
	pair(l.rrn, r.RRN, false, false)
	if r.FiscalURL != "" {
		rule("-")
		centerText(l.fiscal, true)
		out = append(out, line{qr: r.FiscalURL, center: true})
	}
	rule("-")
	centerText(l.thanks, false)
	return out
}

// formatAmount matches ui.FormatAmount, so the screen and the paper agree:
// space-grouped thousands, a point before the tiyin, and the tiyin only when
// there are any: 150000 → "150 000", 1500.5 → "1 500.50".
func formatAmount(d decimal.Decimal) string {
	neg := d.IsNegative()
	s := d.Abs().StringFixed(2)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	if frac != "00" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// groupCard writes a masked card in fours, as on the card:
// "860000******0015" → "8600 00** **** 0015".
func groupCard(c string) string {
	if c == "" || strings.ContainsRune(c, ' ') {
		return c
	}
	var b strings.Builder
	for i, ch := range c {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(ch)
	}
	return b.String()
}

func centered(s string, width int) string {
	n := utf8.RuneCountInString(s)
	if n >= width {
		return s
	}
	return strings.Repeat(" ", (width-n)/2) + s
}

func rightAligned(s string, width int) string {
	n := utf8.RuneCountInString(s)
	if n >= width {
		return s
	}
	return strings.Repeat(" ", width-n) + s
}

// The money rows, in order; headlineRow says which one the big line repeats.
const (
	rowAmount = iota
	rowCharged
	rowReleased
	rowRefunded
)

// headlineRow is the money row the headline amount comes from, -1 for none
// (a refund receipt's own refund amount).
func (r Receipt) headlineRow() int {
	switch r.Kind {
	case KindSale:
		if r.Captured.IsPositive() {
			return rowCharged
		}
	case KindCapture:
		return rowCharged
	case KindCancel:
		if r.Released.IsPositive() {
			return rowReleased
		}
	case KindRefund:
		if r.Refund.IsPositive() {
			return -1
		}
		return rowRefunded
	case KindHold:
	}
	return rowAmount
}

// wrap breaks text at spaces into lines of at most width characters; a word
// longer than a line breaks after a hyphen (a UUID) or is cut.
func wrap(s string, width int) []string {
	var out []string
	cur := ""
	for _, word := range strings.Fields(s) {
		for utf8.RuneCountInString(word) > width {
			if cur != "" {
				out = append(out, cur)
				cur = ""
			}
			r := []rune(word)
			cut := width
			if i := strings.LastIndex(string(r[:width]), "-"); i > 0 {
				cut = utf8.RuneCountInString(string(r[:width])[:i+1])
			}
			out = append(out, string(r[:cut]))
			word = string(r[cut:])
		}
		switch {
		case cur == "":
			cur = word
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= width:
			cur += " " + word
		default:
			out = append(out, cur)
			cur = word
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// chunks cuts s into pieces of width characters.
func chunks(s string, width int) []string {
	var out []string
	r := []rune(s)
	for len(r) > width {
		out = append(out, string(r[:width]))
		r = r[width:]
	}
	return append(out, string(r))
}
