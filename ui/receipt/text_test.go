package receipt

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/octo-cashier/octo-cashier/flows"
)

// textCases are the golden receipts: a sale in every language and width,
// and each other kind once.
func textCases(t testing.TB) map[string]Receipt {
	cases := map[string]Receipt{}
	for _, lang := range []Lang{English, Russian, Uzbek} {
		p := paidSale()
		switch lang {
		case Russian:
			p.Description = "Кофе в зёрнах, 1 кг"
			p.Operator = "Дилноза"
		case Uzbek:
			p.Description = "Qahva donlari, 1 kg — oʻram"
		case English:
		}
		cases["sale-"+string(lang)] = mustReceipt(t, p, opts(lang))
	}
	o := opts(English)
	o.FiscalURL = ""
	cases["hold-en"] = mustReceipt(t, heldPayment(), o)
	cases["capture-ru"] = mustReceipt(t, partlyCaptured(), opts(Russian))
	cases["cancel-uz"] = mustReceipt(t, canceledHold(), opts(Uzbek))
	ro := opts(English)
	ro.Kind, ro.Refund = KindRefund, dec("20000")
	cases["refund-en"] = mustReceipt(t, refundedSale(), ro)
	ro.Language = Russian
	cases["refund-ru"] = mustReceipt(t, refundedSale(), ro)
	return cases
}

func TestTextGolden(t *testing.T) {
	for name, r := range textCases(t) {
		widths := []int{42}
		if strings.HasPrefix(name, "sale-") {
			widths = []int{32, 42, 48}
		}
		for _, w := range widths {
			t.Run(fmt.Sprintf("%s-%d", name, w), func(t *testing.T) {
				golden(t, fmt.Sprintf("text-%s-%d.golden", name, w), []byte(r.Text(w)+"\n"))
			})
		}
	}
}

// Every line fits the paper, whatever the text.
func TestTextFitsWidth(t *testing.T) {
	long := paidSale()
	long.Description = strings.Repeat("Очень длинное описание покупки ", 6) + strings.Repeat("x", 70)
	long.Operator = "Abdurakhmonov Iskandarbek Shavkatovich the Second"
	o := opts(Uzbek)
	o.ShopName = strings.Repeat("Toshkent markaziy savdo uyi ", 3)
	cases := textCases(t)
	cases["long"] = mustReceipt(t, long, o)
	for name, r := range cases {
		for _, w := range []int{MinWidth, 32, 42, 48, MaxWidth} {
			for i, ln := range strings.Split(r.Text(w), "\n") {
				if n := utf8.RuneCountInString(ln); n > w {
					t.Errorf("%s at %d: line %d has %d characters: %q", name, w, i+1, n, ln)
				}
				if ln != strings.TrimRight(ln, " ") {
					t.Errorf("%s at %d: line %d has trailing spaces: %q", name, w, i+1, ln)
				}
			}
		}
	}
}

func TestTextWidthClamped(t *testing.T) {
	r := mustReceipt(t, paidSale(), opts(English))
	for _, tc := range []struct{ in, want int }{{0, DefaultWidth}, {-5, DefaultWidth}, {10, MinWidth}, {500, MaxWidth}} {
		first := strings.Split(r.Text(tc.in), "\n")
		rule := ""
		for _, ln := range first {
			if strings.Trim(ln, "-") == "" && ln != "" {
				rule = ln
				break
			}
		}
		if got := len(rule); got != tc.want {
			t.Errorf("Text(%d) rule is %d wide, want %d", tc.in, got, tc.want)
		}
	}
}

// The receipt says what happened, in the receipt's language.
func TestTextContent(t *testing.T) {
	cases := textCases(t)
	for _, tc := range []struct {
		name string
		want []string
		not  []string
	}{
		{"sale-en", []string{"Chorsu Coffee", "Shop ID 27481", "PAYMENT", "TEST - no real money",
			"2026-11-23 16:08", "8600 00** **** 0015", "Uzcard", "TOTAL", "150 000 UZS", "3 000 UZS", "147 000 UZS",
			"PAID", "oc-5f2a9c0e7b3d41a8c6e19f02", "433712345678", "Fiscal receipt", "ofd.soliq.uz"}, []string{"Amount"}},
		{"sale-ru", []string{"ОПЛАТА", "23.11.2026 16:08", "ИТОГО", "Кассир", "Дилноза", "ОПЛАЧЕНО", "Платёж OCTO"}, []string{"TOTAL"}},
		{"sale-uz", []string{"TO'LOV", "JAMI", "Kassir", "TO'LANDI", "Fiskal chek", "oʻram"}, []string{"TOTAL"}},
		{"hold-en", []string{"HOLD", "HELD", "200 000 UZS", "Visa", "Held until", "2026-11-23 16:38"}, []string{"Fiscal", "Charged"}},
		{"capture-ru", []string{"СПИСАНИЕ", "Сумма", "200 000 UZS", "СПИСАНО", "150 000.50 UZS", "Разблокировано", "49 999.50 UZS"}, nil},
		{"cancel-uz", []string{"BAND QILISH BEKOR QILINDI", "BO'SHATILDI", "200 000 UZS", "BEKOR QILINDI"}, nil},
		{"refund-en", []string{"REFUND", "REFUNDED", "20 000 UZS", "Refunded in all", "50 000 UZS"}, nil},
	} {
		text := cases[tc.name].Text(48)
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in\n%s", tc.name, w, text)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(text, w) {
				t.Errorf("%s: %q should not be there:\n%s", tc.name, w, text)
			}
		}
	}
}

// Every label exists in every language, for every kind and state.
func TestLabelsComplete(t *testing.T) {
	for lang, l := range words {
		for _, k := range []Kind{KindSale, KindHold, KindCapture, KindCancel, KindRefund} {
			if l.title[k] == "" || l.headline[k] == "" {
				t.Errorf("%s: no title or headline for %s", lang, k)
			}
		}
		for _, s := range []flows.State{flows.Succeeded, flows.Declined, flows.Canceled, flows.Failed, flows.Held, flows.Resolving} {
			if l.states[s] == "" {
				t.Errorf("%s: no word for state %s", lang, s)
			}
		}
		for name, v := range map[string]string{"test": l.test, "copy": l.copy, "shopID": l.shopID, "date": l.date, "dateLayout": l.dateLayout,
			"operator": l.operator, "purpose": l.purpose, "card": l.card, "scheme": l.scheme, "amount": l.amount,
			"charged": l.charged, "released": l.released, "refunded": l.refunded, "fee": l.fee, "transfer": l.transfer,
			"status": l.status, "holdUntil": l.holdUntil, "shopTxn": l.shopTxn, "octoID": l.octoID, "rrn": l.rrn, "fiscal": l.fiscal,
			"thanks": l.thanks, "inProgress": l.inProgress} {
			if v == "" {
				t.Errorf("%s: label %s is empty", lang, name)
			}
		}
	}
	if len(words) != 3 {
		t.Errorf("got %d languages, want 3", len(words))
	}
}

// Amounts look as they do on the console's screens (ui.FormatAmount).
func TestFormatAmount(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"150000", "150 000"}, {"1500.5", "1 500.50"}, {"0", "0"}, {"999", "999"}, {"1000", "1 000"},
		{"1234567.89", "1 234 567.89"}, {"-2500", "-2 500"}, {"0.01", "0.01"}, {"100000000", "100 000 000"},
	} {
		if got := formatAmount(dec(tc.in)); got != tc.want {
			t.Errorf("formatAmount(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  []string
	}{
		{"one two three", 7, []string{"one two", "three"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"ab abcdefgh c", 4, []string{"ab", "abcd", "efgh", "c"}},
		{"  spaced   out  ", 20, []string{"spaced out"}},
		{"", 5, nil},
	} {
		got := wrap(tc.in, tc.width)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

// A reprint says it is a copy, in the receipt's language, and keeps the
// time it was given; the original says nothing of the kind.
func TestCopyMarked(t *testing.T) {
	paidAt := time.Date(2026, 11, 20, 4, 15, 0, 0, time.UTC) // 09:15 in Tashkent
	for lang, word := range map[Lang]string{English: "COPY", Russian: "КОПИЯ", Uzbek: "NUSXA"} {
		o := opts(lang)
		o.Copy, o.Time = true, paidAt
		text := mustReceipt(t, paidSale(), o).Text(DefaultWidth)
		if !strings.Contains(text, word) || !strings.Contains(text, "2026-11-20 09:15") && !strings.Contains(text, "20.11.2026 09:15") {
			t.Errorf("%s: the copy lacks %q or the payment's time:\n%s", lang, word, text)
		}
		if lang == English && !strings.Contains(string(mustReceipt(t, paidSale(), o).ESCPOS(DefaultWidth)), word) {
			t.Errorf("%s: the printed copy is not marked", lang)
		}
		if orig := mustReceipt(t, paidSale(), opts(lang)).Text(DefaultWidth); strings.Contains(orig, word) {
			t.Errorf("%s: the original is marked %q:\n%s", lang, word, orig)
		}
	}
}
