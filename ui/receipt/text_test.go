package receipt

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// textCases are the golden receipts: every document, in every language,
// the customer's copy and for the money the shop keeps track of (a sale,
// a capture, a refund) the merchant's.
func textCases(t testing.TB) map[string]Receipt {
	cases := map[string]Receipt{}
	for _, lang := range []Lang{English, Russian, Uzbek} {
		sfx := "-" + string(lang)
		sale, refunded := localized(paidSale(), lang), localized(fullyRefundedSale(), lang)
		cases["sale"+sfx] = document(t, sale, saleStory()[:1], 0, lang, false)
		cases["sale-merchant"+sfx] = document(t, sale, saleStory()[:1], 0, lang, true)
		cases["refund"+sfx] = document(t, refunded, saleStory(), 1, lang, false)
		cases["refund-merchant"+sfx] = document(t, refunded, saleStory(), 1, lang, true)
		cases["refund-full"+sfx] = document(t, refunded, saleStory(), 2, lang, false)
		cases["hold"+sfx] = document(t, heldPayment(), holdStory()[:1], 0, lang, false)
		cases["capture-merchant"+sfx] = document(t, partlyCaptured(), holdStory(), 1, lang, true)
		cases["cancel"+sfx] = document(t, canceledHold(), cancelStory(), 1, lang, false)
		cases["sale-counter"+sfx] = atCounter(t, sale, lang)
	}
	return cases
}

// atCounter is the sale's receipt as a store's journal gives it: the
// record names the counter that took the payment.
func atCounter(t testing.TB, p flows.Payment, lang Lang) Receipt {
	t.Helper()
	rec := p.Record()
	rec.Counter = "front desk"
	r, err := FromMovement(rec, saleStory()[0], saleStory()[:1], opts(lang))
	if err != nil {
		t.Fatalf("FromMovement: %v", err)
	}
	return r
}

// localized gives a payment a description and a cashier in lang.
func localized(p flows.Payment, lang Lang) flows.Payment {
	switch lang {
	case Russian:
		p.Description = "Кофе в зёрнах, 1 кг"
		p.Operator = "Дилноза"
	case Uzbek:
		p.Description = "Qahva donlari, 1 kg — oʻram"
	case English:
	}
	return p
}

func TestTextGolden(t *testing.T) {
	for name, r := range textCases(t) {
		for _, w := range []int{32, 42, 48} {
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
			"2026-11-23 16:08", "8600 00** **** 0015", "Uzcard", "TOTAL", "150 000 UZS",
			"PAID", "oc-5f2a9c0e7b3d41a8c6e19f02", "433712345678", "Fiscal receipt", "ofd.soliq.uz"},
			[]string{"Amount", "OCTO fee", "To the shop", "3 000", "147 000", "MERCHANT", "COPY"}},
		{"sale-merchant-en", []string{"MERCHANT COPY", "OCTO fee", "3 000 UZS", "To the shop", "147 000 UZS", "PAID"}, nil},
		{"sale-ru", []string{"ОПЛАТА", "23.11.2026 16:08", "ИТОГО", "Кассир", "Дилноза", "ОПЛАЧЕНО", "Платёж OCTO"},
			[]string{"TOTAL", "Комиссия", "К зачислению"}},
		{"sale-uz", []string{"TO'LOV", "JAMI", "Kassir", "TO'LANDI", "Fiskal chek", "oʻram"}, []string{"TOTAL", "komissiya", "Do'konga"}},
		{"hold-en", []string{"HOLD", "HELD", "200 000 UZS", "Visa", "Held until", "2026-11-23 16:38"}, []string{"Fiscal", "Charged"}},
		{"capture-merchant-ru", []string{"СПИСАНИЕ", "Сумма", "200 000 UZS", "СПИСАНО", "150 000.50 UZS", "Разблокировано",
			"49 999.50 UZS", "23.11.2026 16:28", "Комиссия OCTO", "3 000.01 UZS", "К зачислению", "147 000.49 UZS"}, nil},
		{"cancel-uz", []string{"BAND QILISH BEKOR QILINDI", "BO'SHATILDI", "200 000 UZS", "BEKOR QILINDI", "23.11.2026 16:45"}, nil},
		// The first refund: its own slip, its own time, what it gave back
		// and what stays charged, and the payment it refunds.
		{"refund-en", []string{"REFUND", "2026-11-24 10:15", "Paid on", "2026-11-23 16:08", "Paid", "150 000 UZS",
			"REFUNDED", "20 000 UZS", "Stays charged", "130 000 UZS", "PART REFUNDED", "Refund reference", "rf-7c1d2e3f4a5b",
			"oc-5f2a9c0e7b3d41a8c6e19f02", "7d3f0c1e-2b9a-4c5d-8e6f-"},
			[]string{"Refunded before", "OCTO fee", "To the shop", "PAID", "Fiscal", "ofd.soliq.uz", "COPY"}},
		{"refund-merchant-en", []string{"MERCHANT COPY", "To the shop after refunds", "127 000 UZS"}, []string{"PAID"}},
		{"refund-full-en", []string{"REFUND", "2026-11-24 14:40", "Refunded before", "20 000 UZS", "REFUNDED", "130 000 UZS",
			"Stays charged", "0 UZS", "REFUNDED IN FULL", "rf-9a8b7c6d5e4f"}, []string{"PAID", "PART REFUNDED"}},
		{"refund-ru", []string{"ВОЗВРАТ", "24.11.2026 10:15", "Дата оплаты", "23.11.2026 16:08", "ВОЗВРАЩЕНО", "20 000 UZS",
			"Остаётся списанным", "130 000 UZS", "ВОЗВРАЩЕНО ЧАСТИЧНО", "Номер возврата"}, []string{"ОПЛАЧЕНО", "Комиссия", "К зачислению"}},
		{"refund-full-uz", []string{"QAYTARISH", "24.11.2026 14:40", "Avval qaytarilgan", "Yechilgan bo'lib qoladi", "TO'LIQ QAYTARILDI"},
			[]string{"TO'LANDI"}},
	} {
		r, ok := cases[tc.name]
		if !ok {
			t.Fatalf("no case %s", tc.name)
		}
		text := r.Text(48)
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

// The customer's copy of every document has neither OCTO's fee nor what
// goes to the shop, in any language and at any width; the merchant's has.
func TestCustomerCopyHasNoFee(t *testing.T) {
	for name, r := range textCases(t) {
		l := labelsIn(r.Language)
		for _, w := range []int{32, 42, 48} {
			text := r.Text(w)
			has := strings.Contains(text, l.fee) || strings.Contains(text, l.transfer) || strings.Contains(text, l.toShopAfter)
			if has == !r.Merchant {
				t.Errorf("%s at %d: merchant copy %v, fee or to-the-shop shown %v:\n%s", name, w, r.Merchant, has, text)
			}
		}
	}
}

// A sale refunded in full never says PAID: its receipt printed again says
// what was refunded, that nothing stays charged, and that it was refunded.
func TestRefundedSaleNeverSaysPaid(t *testing.T) {
	for _, lang := range []Lang{English, Russian, Uzbek} {
		l := labelsIn(lang)
		for _, merchant := range []bool{false, true} {
			r := document(t, fullyRefundedSale(), saleStory(), 0, lang, merchant)
			text := r.Text(42)
			if strings.Contains(text, l.states[flows.Succeeded]) || !strings.Contains(text, l.refundedFull) ||
				!strings.Contains(text, l.staysCharged) || !strings.Contains(text, "150 000 UZS") {
				t.Errorf("%s: the sale refunded in full reads\n%s", lang, text)
			}
			if merchant && (strings.Contains(text, "147 000") || !strings.Contains(text, l.toShopAfter)) {
				t.Errorf("%s: the merchant's copy keeps what went to the shop before the refunds:\n%s", lang, text)
			}
			part := document(t, refundedSale(), saleStory()[:2], 0, lang, merchant).Text(42)
			if strings.Contains(part, l.states[flows.Succeeded]) || !strings.Contains(part, l.partRefunded) {
				t.Errorf("%s: the sale refunded in part reads\n%s", lang, part)
			}
		}
	}
}

// Words wrap at spaces, never inside a word, at every width: each word of
// a long description and of the labels comes out whole.
func TestTextWrapsAtSpaces(t *testing.T) {
	p := paidSale()
	p.Description = "Xalqaro savdo markazidan olingan mahsulotlar: qahva, choy, shakar va boshqa oziq-ovqat"
	p.Operator = "Abdurakhmonov Iskandarbek Shavkatovich"
	cases := textCases(t)
	for _, lang := range []Lang{English, Russian, Uzbek} {
		for _, merchant := range []bool{false, true} {
			cases[fmt.Sprintf("long-%s-%v", lang, merchant)] = document(t, p, saleStory()[:1], 0, lang, merchant)
		}
	}
	for name, r := range cases {
		l := labelsIn(r.Language)
		phrases := []string{r.Description, r.Operator, r.ShopName, l.thanks, l.title[r.Kind], l.headline[r.Kind]}
		if r.Merchant {
			phrases = append(phrases, l.merchantCopy)
		}
		if r.Kind == KindRefund {
			phrases = append(phrases, l.staysCharged, l.paidOn)
		}
		for _, w := range []int{32, 42, 48} {
			text := r.Text(w)
			flat := strings.Join(strings.Fields(text), " ")
			for _, phrase := range phrases {
				if !strings.Contains(flat, strings.Join(strings.Fields(phrase), " ")) {
					t.Errorf("%s at %d: %q is broken inside a word:\n%s", name, w, phrase, text)
				}
			}
		}
	}
}

// Every label exists in every language, for every kind and state, and
// every English word is in the catalogue's receipt words.
func TestLabelsComplete(t *testing.T) {
	for _, lang := range []Lang{English, Russian, Uzbek} {
		l := labelsIn(lang)
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
		for name, v := range labelWords(l) {
			if v == "" {
				t.Errorf("%s: label %s is empty", lang, name)
			}
		}
	}
	for name, en := range labelWords(english) {
		context := i18n.Receipt
		if name == "channel" {
			context = i18n.ReceiptChannel
		}
		if name != "dateLayout" && !i18n.HasIn(context, en) {
			t.Errorf("the receipt's %s, %q, is not in the catalogue", name, en)
		}
	}
	for _, m := range []map[Kind]string{english.title, english.headline} {
		for k, en := range m {
			if !i18n.HasIn(i18n.Receipt, en) {
				t.Errorf("the receipt's word for %s, %q, is not in the catalogue", k, en)
			}
		}
	}
	for s, en := range english.states {
		if !i18n.HasIn(i18n.Receipt, en) {
			t.Errorf("the receipt's word for %s, %q, is not in the catalogue", s, en)
		}
	}
}

// labelWords is l's single words by field name.
func labelWords(l labels) map[string]string {
	return map[string]string{"merchantCopy": l.merchantCopy, "paidOn": l.paidOn, "paid": l.paid,
		"refundedBefore": l.refundedBefore, "staysCharged": l.staysCharged, "toShopAfter": l.toShopAfter,
		"refundRef": l.refundRef, "refundedFull": l.refundedFull, "partRefunded": l.partRefunded,
		"test": l.test, "copy": l.copy, "shopID": l.shopID, "date": l.date, "dateLayout": l.dateLayout,
		"operator": l.operator, "purpose": l.purpose, "card": l.card, "scheme": l.scheme, "channel": l.channel,
		"phone": l.phone, "amount": l.amount, "charged": l.charged, "released": l.released, "refunded": l.refunded,
		"fee": l.fee, "transfer": l.transfer, "status": l.status, "holdUntil": l.holdUntil, "shopTxn": l.shopTxn,
		"octoID": l.octoID, "rrn": l.rrn, "fiscal": l.fiscal, "thanks": l.thanks, "inProgress": l.inProgress}
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

// A receipt names its counter only when there is one: the record's (the
// store journal's, whichever till prints it), else the till's own; a
// single till without a counter prints no counter line at all.
func TestReceiptCounterLine(t *testing.T) {
	rec := paidSale().Record()
	line := func(r Receipt) string {
		for _, l := range strings.Split(r.Text(42), "\n") {
			if strings.HasPrefix(l, "Counter") {
				return strings.Join(strings.Fields(l), " ")
			}
		}
		return ""
	}
	o := opts(English)
	if got := line(mustRecord(t, rec, o)); got != "" {
		t.Errorf("no counter anywhere: %q", got)
	}
	o.Counter = "B"
	if got := line(mustRecord(t, rec, o)); got != "Counter B" {
		t.Errorf("the till's counter: %q", got)
	}
	rec.Counter = "A"
	if got := line(mustRecord(t, rec, o)); got != "Counter A" {
		t.Errorf("the record's counter (taken at A, printed at B): %q", got)
	}
	rec.Counter = "A\x1b@"
	if got := line(mustRecord(t, rec, o)); got != "Counter A @" {
		t.Errorf("a control character in the counter: %q", got)
	}
}

func mustRecord(t *testing.T, rec flows.Record, o Options) Receipt {
	t.Helper()
	r, err := FromRecord(rec, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
