package receipt

import (
	"strconv"
	"strings"
)

// Document is what a printer prints: a receipt, or a shift report (Slip).
type Document interface {
	// Text is the document as a till roll of width characters.
	Text(width int) string
	// ESCPOS is the document for a receipt printer of width characters.
	ESCPOS(width int) []byte
	// FileName is the file a FilePrinter writes it to: it names the
	// document and its print, so no print replaces another.
	FileName() string
	// Print is which print of the document it is (1: the original).
	Print() int
	// reprint is the document as print n (a copy from the second on).
	reprint(n int) Document
	// inLanguage is the document in l ("": its own).
	inLanguage(l Lang) Document
}

// FileName is receipt-<shop_transaction_id>-<movement>-<print>.txt: the
// movement is the receipt's kind, numbered from the second of its kind on
// (refund, refund2), and a copy or the merchant's copy says so:
// receipt-oc-1-refund-1.txt, receipt-oc-1-sale-2-copy.txt,
// receipt-oc-1-sale-1-merchant.txt.
func (r Receipt) FileName() string {
	var b strings.Builder
	b.WriteString("receipt-" + fileSafe(r.ShopTransactionID) + "-" + fileSafe(string(r.Kind)))
	if r.Seq > 1 {
		b.WriteString(strconv.Itoa(r.Seq))
	}
	b.WriteString("-" + strconv.Itoa(max(r.PrintNo, 1)))
	if r.Copy {
		b.WriteString("-copy")
	}
	if r.Merchant {
		b.WriteString("-merchant")
	}
	b.WriteString(".txt")
	return b.String()
}

// Print is which print of the receipt it is.
func (r Receipt) Print() int { return max(r.PrintNo, 1) }

func (r Receipt) reprint(n int) Document {
	r.PrintNo = n
	r.Copy = r.Copy || n > 1
	return r
}

func (r Receipt) inLanguage(l Lang) Document {
	if l != "" {
		r.Language = l
	}
	return r
}

// Slip is a shift report as the printer prints it: the shop, a title, a
// few facts (the shift, when it opened and closed, who worked it) and
// rows of a label, a count and an amount. The console writes every word
// in its language; the slip only lays them out.
type Slip struct {
	Head    []string    // centred above the title: the shop's name and id
	Title   string      // "X REPORT", "Z REPORT No 3"
	Copy    string      // the word for a copy, shown from the second print on
	Facts   [][2]string // label and value
	Rows    []SlipRow
	Foot    []string // centred under the rows
	Name    string   // the file's name without the print number: "z-report-3"
	PrintNo int
}

// SlipRow is one row of a slip: a label with a count and an amount, a
// heading (no count, no amount), or a rule.
type SlipRow struct {
	Label  string
	Count  string // empty: none
	Amount string // empty: a heading
	Bold   bool
	Rule   bool // a line of '-' instead of text
}

func (s Slip) layout(width int, conv func(string) string) []line {
	p := newPaper(width, conv)
	for _, h := range s.Head {
		p.center(h, true)
	}
	p.rule("-")
	p.center(s.Title, true)
	if s.PrintNo > 1 && s.Copy != "" {
		p.center(s.Copy, true)
	}
	p.rule("-")
	for _, f := range s.Facts {
		p.pair(f[0], clean(f[1]), false, false)
	}
	p.rule("-")
	for _, r := range s.Rows {
		switch {
		case r.Rule:
			p.rule("-")
		case r.Amount == "":
			for _, part := range wrap(p.conv(r.Label), width) {
				p.out = append(p.out, line{text: part, bold: r.Bold})
			}
		default:
			p.columns(r.Label, r.Count, r.Amount, r.Bold)
		}
	}
	if len(s.Foot) > 0 {
		p.rule("-")
		for _, f := range s.Foot {
			p.center(f, false)
		}
	}
	return p.out
}

// Text is the slip as a till roll of width characters.
func (s Slip) Text(width int) string {
	width = clampWidth(width)
	return text(s.layout(width, nil), width)
}

// ESCPOS is the slip for a receipt printer of width characters.
func (s Slip) ESCPOS(width int) []byte {
	width = clampWidth(width)
	return escpos(s.layout(width, transliterate), width)
}

// FileName is <name>-<print>.txt, with -copy from the second print on.
func (s Slip) FileName() string {
	name := fileSafe(s.Name) + "-" + strconv.Itoa(max(s.PrintNo, 1))
	if s.PrintNo > 1 {
		name += "-copy"
	}
	return name + ".txt"
}

// Print is which print of the slip it is.
func (s Slip) Print() int { return max(s.PrintNo, 1) }

func (s Slip) reprint(n int) Document {
	s.PrintNo = n
	return s
}

func (s Slip) inLanguage(Lang) Document { return s }
