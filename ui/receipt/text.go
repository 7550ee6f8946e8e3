package receipt

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/money"
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
	return text(r.layout(width, nil), width)
}

// text renders laid-out lines as plain text.
func text(lines []line, width int) string {
	var b strings.Builder
	for i, ln := range lines {
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
	r = r.safe()
	l := labelsIn(r.Language)
	p := newPaper(width, conv)
	money := func(d decimal.Decimal) string { return formatAmount(d) + " " + r.Currency }

	if r.ShopName != "" {
		p.center(r.ShopName, true)
	}
	if r.ShopID != 0 {
		p.center(l.shopID+" "+strconv.FormatInt(r.ShopID, 10), false)
	}
	p.rule("-")
	p.center(l.title[r.Kind], true)
	if r.Copy {
		p.center(l.copy, true)
	}
	if r.Merchant {
		p.center(l.merchantCopy, true)
	}
	if r.Test {
		p.center(l.test, false)
	}
	p.rule("-")
	if !r.Time.IsZero() {
		p.pair(l.date, r.Time.Format(l.dateLayout), false, false)
	}
	p.pair(l.operator, r.Operator, false, false)
	p.pair(counterLabel[r.Language], r.Counter, false, false)
	p.pair(l.purpose, r.Description, false, false)
	p.pair(l.card, groupCard(r.Card), false, false)
	p.pair(l.scheme, r.Scheme, false, false)
	if r.Phone {
		p.pair(l.channel, l.phone, false, false)
	}

	// The money before the big line: what led to it.
	type row struct {
		label  string
		d      decimal.Decimal
		always bool // shown at zero too ("Stays charged 0 UZS")
	}
	var before, after []row
	refunded := r.refundedThrough()
	merchantTotals := func() {
		if !r.Merchant {
			return
		}
		before = append(before, row{label: l.fee, d: r.Fee})
		if refunded.IsZero() {
			before = append(before, row{label: l.transfer, d: r.Transfer})
		}
	}
	switch r.Kind {
	case KindSale:
		if !r.Total.Equal(r.headline()) {
			before = append(before, row{label: l.amount, d: r.Total})
		}
		merchantTotals()
	case KindCapture:
		before = append(before, row{label: l.amount, d: r.Total}, row{label: l.released, d: r.Released})
		merchantTotals()
	case KindRefund:
		if !r.PaidAt.IsZero() {
			p.pair(l.paidOn, r.PaidAt.Format(l.dateLayout), false, false)
		}
		before = append(before, row{label: l.paid, d: r.charged()}, row{label: l.refundedBefore, d: r.RefundedBefore})
	case KindHold, KindCancel:
	}
	// And after it: what the refunds leave.
	charged := r.Kind == KindSale || r.Kind == KindCapture
	if charged && refunded.IsPositive() {
		after = append(after, row{label: l.refunded, d: refunded})
	}
	if r.Kind == KindRefund || (charged && refunded.IsPositive()) {
		after = append(after, row{label: l.staysCharged, d: r.staysCharged(), always: true})
		if r.Merchant && r.Transfer.IsPositive() {
			after = append(after, row{label: l.toShopAfter, d: r.toShopAfterRefunds(), always: true})
		}
	}
	ruled := false
	for _, rw := range before {
		if rw.d.IsZero() {
			continue
		}
		if !ruled {
			p.rule("-")
			ruled = true
		}
		p.pair(rw.label, money(rw.d), false, false)
	}
	p.rule("=")
	p.pair(l.headline[r.Kind], money(r.headline()), true, true)
	p.rule("=")
	for _, rw := range after {
		if rw.always || !rw.d.IsZero() {
			p.pair(rw.label, money(rw.d), false, false)
		}
	}
	if r.Status != "" {
		p.pair(l.status, r.statusText(l), false, false)
	}
	if r.Kind == KindHold && !r.HoldExpires.IsZero() && r.Status == flows.Held {
		p.pair(l.holdUntil, r.HoldExpires.Format(l.dateLayout), false, false)
	}
	p.pair(l.refundRef, r.RefundRef, false, false)
	p.pair(l.shopTxn, r.ShopTransactionID, false, false)
	p.pair(l.octoID, r.PaymentUUID, false, false)
	p.pair(l.rrn, r.RRN, false, false)
	if r.FiscalURL != "" {
		p.rule("-")
		p.center(l.fiscal, true)
		p.out = append(p.out, line{qr: r.FiscalURL, center: true})
	}
	p.rule("-")
	p.center(l.thanks, false)
	return p.out
}

// paper lays out lines of at most width characters.
type paper struct {
	width int
	conv  func(string) string
	out   []line
}

func newPaper(width int, conv func(string) string) *paper {
	if conv == nil {
		conv = func(s string) string { return s }
	}
	return &paper{width: width, conv: conv}
}

func (p *paper) rule(c string) { p.out = append(p.out, line{text: strings.Repeat(c, p.width)}) }

// center centres text, wrapped at spaces.
func (p *paper) center(s string, bold bool) {
	for _, part := range wrap(p.conv(s), p.width) {
		p.out = append(p.out, line{text: part, center: true, bold: bold})
	}
}

// pair is a label on the left and its value on the right of one line;
// when both do not fit, the label (wrapped at spaces) and then the value
// on lines of their own, right-aligned.
func (p *paper) pair(label, value string, bold, big bool) {
	if value == "" {
		return
	}
	label, value = p.conv(label), p.conv(value)
	if n := utf8.RuneCountInString(label) + 1 + utf8.RuneCountInString(value); n <= p.width {
		p.out = append(p.out, line{text: label + strings.Repeat(" ", p.width-n+1) + value, bold: bold, big: big})
		return
	}
	for _, part := range wrap(label, p.width) {
		p.out = append(p.out, line{text: part, bold: bold, big: big})
	}
	for _, part := range wrap(value, p.width) {
		p.out = append(p.out, line{text: rightAligned(part, p.width), bold: bold, big: big})
	}
}

// columns is a label on the left and a count and an amount on the right,
// for a report; a label too long wraps at spaces above them.
func (p *paper) columns(label, count, amount string, bold bool) {
	label, amount = p.conv(label), p.conv(amount)
	right := amount
	if count != "" {
		right = count + "  " + amount
	}
	if n := utf8.RuneCountInString(label) + 1 + utf8.RuneCountInString(right); n <= p.width {
		p.out = append(p.out, line{text: label + strings.Repeat(" ", p.width-n+1) + right, bold: bold})
		return
	}
	indent := label[:len(label)-len(strings.TrimLeft(label, " "))] // a channel under its bucket
	for _, part := range wrap(label, p.width-len(indent)) {
		p.out = append(p.out, line{text: indent + part, bold: bold})
	}
	p.out = append(p.out, line{text: rightAligned(right, p.width), bold: bold})
}

// formatAmount is the screens' way of writing money (money.Format), so the
// screen and the paper agree: 150000 → "150 000", 1500.5 → "1 500.50".
func formatAmount(d decimal.Decimal) string { return money.Format(d) }

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

// chunks cuts a link into pieces of at most width characters, after a
// '/', '?' or '&' where there is one (the link reads in its parts), else
// at the width.
func chunks(s string, width int) []string {
	var out []string
	r := []rune(s)
	for len(r) > width {
		cut := width
		if i := strings.LastIndexAny(string(r[:width]), "/?&"); i > 0 {
			cut = utf8.RuneCountInString(string(r[:width])[:i+1])
		}
		out = append(out, string(r[:cut]))
		r = r[cut:]
	}
	return append(out, string(r))
}
