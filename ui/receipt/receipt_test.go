package receipt

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

func TestFromPaymentCarriesThePayment(t *testing.T) {
	p := paidSale()
	r := mustReceipt(t, p, opts(Russian))
	if r.Kind != KindSale || r.Language != Russian || !r.Test {
		t.Errorf("kind %s, language %s, test %v", r.Kind, r.Language, r.Test)
	}
	for name, pair := range map[string][2]decimal.Decimal{
		"total": {r.Total, p.Amount}, "captured": {r.Captured, p.Captured}, "fee": {r.Fee, p.Fee},
		"transfer": {r.Transfer, p.Transfer}, "released": {r.Released, decimal.Zero}, "refunded": {r.Refunded, decimal.Zero},
	} {
		if !pair[0].Equal(pair[1]) {
			t.Errorf("%s = %s, want %s", name, pair[0], pair[1])
		}
	}
	for name, pair := range map[string][2]string{
		"card": {r.Card, "860000******0015"}, "scheme": {r.Scheme, "Uzcard"}, "uuid": {r.PaymentUUID, p.PaymentUUID},
		"shop txn": {r.ShopTransactionID, p.ShopTransactionID}, "rrn": {r.RRN, "433712345678"},
		"fiscal": {r.FiscalURL, fiscalLink}, "operator": {r.Operator, "Dilnoza"}, "shop": {r.ShopName, "Chorsu Coffee"},
		"currency": {r.Currency, "UZS"}, "status": {string(r.Status), string(flows.Succeeded)},
	} {
		if pair[0] != pair[1] {
			t.Errorf("%s = %q, want %q", name, pair[0], pair[1])
		}
	}
	if r.ShopID != 27481 {
		t.Errorf("shop id %d", r.ShopID)
	}
	if r.Time.Location() != octo.Tashkent || r.Time.Hour() != 16 || !r.Time.Equal(printedAt) {
		t.Errorf("time %v, want %v in Tashkent", r.Time, printedAt)
	}
}

// FromRecord gives the same receipt as FromPayment: a reprint from history
// matches the receipt printed at the counter.
func TestFromRecordMatchesFromPayment(t *testing.T) {
	for _, p := range []flows.Payment{paidSale(), partlyCaptured(), heldPayment(), canceledHold()} {
		a := mustReceipt(t, p, opts(Uzbek))
		b, err := FromRecord(p.Record(), opts(Uzbek))
		if err != nil {
			t.Fatal(err)
		}
		if a.Text(42) != b.Text(42) {
			t.Errorf("%s: FromRecord differs from FromPayment", p.ShopTransactionID)
		}
	}
}

func TestKindFromPayment(t *testing.T) {
	declined := paidSale()
	declined.State, declined.Captured = flows.Declined, decimal.Zero
	resolving := heldPayment()
	resolving.State = flows.Resolving
	for _, tc := range []struct {
		name string
		p    flows.Payment
		want Kind
	}{
		{"sale", paidSale(), KindSale},
		{"declined sale", declined, KindSale},
		{"refunded sale", refundedSale(), KindSale},
		{"held", heldPayment(), KindHold},
		{"captured", partlyCaptured(), KindCapture},
		{"canceled", canceledHold(), KindCancel},
		{"hold resolving", resolving, KindHold},
	} {
		o := opts(English)
		if got := mustReceipt(t, tc.p, o).Kind; got != tc.want {
			t.Errorf("%s: kind %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestFromPaymentRefuses(t *testing.T) {
	withKind := func(k Kind) Options { o := opts(English); o.Kind = k; return o }
	refund := func(amount string) Options { o := withKind(KindRefund); o.Refund = dec(amount); return o }
	for _, tc := range []struct {
		name string
		p    flows.Payment
		o    Options
		want string
	}{
		{"no time", paidSale(), Options{}, "time is required"},
		{"bad language", paidSale(), Options{Time: printedAt, Language: "de"}, `"de" is not one of en, ru, uz`},
		{"unknown kind", paidSale(), withKind("z-report"), `unknown kind "z-report"`},
		{"capture of a sale", paidSale(), withKind(KindCapture), "no captured amount"},
		{"capture of a hold not captured", heldPayment(), withKind(KindCapture), "no captured amount"},
		{"cancel of a sale", paidSale(), withKind(KindCancel), "is not a hold"},
		{"hold of a sale", paidSale(), withKind(KindHold), "is not a hold"},
		{"sale of a hold", heldPayment(), withKind(KindSale), "is a hold, not a sale"},
		{"refund of nothing", paidSale(), withKind(KindRefund), "nothing was refunded"},
		{"refund more than refunded", refundedSale(), refund("50000.01"), "more than the 50000 refunded"},
		{"negative refund", refundedSale(), refund("-1"), "is negative"},
		{"refund amount on a sale", refundedSale(), func() Options { o := refund("10"); o.Kind = KindSale; return o }(), "a refund amount on a sale receipt"},
		{"fiscal link not http", paidSale(), func() Options { o := opts(English); o.FiscalURL = "javascript:alert(1)"; return o }(), "not an http(s) link"},
		{"fiscal link too long", paidSale(), func() Options {
			o := opts(English)
			o.FiscalURL = "https://ofd.soliq.uz/?" + strings.Repeat("a", maxFiscalURL)
			return o
		}(), "more than 1024"},
	} {
		_, err := FromPayment(tc.p, tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}

func TestRefundReceiptDefaultsToAllRefunded(t *testing.T) {
	o := opts(English)
	o.Kind = KindRefund
	r := mustReceipt(t, refundedSale(), o)
	if !r.headline().Equal(dec("50000")) {
		t.Errorf("headline %s, want everything refunded (50000)", r.headline())
	}
	if strings.Contains(r.Text(42), "Refunded in all") {
		t.Errorf("the refunded total is the headline; no second line:\n%s", r.Text(42))
	}
}

func TestOperatorFallsBackToOptions(t *testing.T) {
	p := paidSale()
	p.Operator = ""
	o := opts(English)
	o.Operator = "Shift operator"
	if got := mustReceipt(t, p, o).Operator; got != "Shift operator" {
		t.Errorf("operator %q", got)
	}
	p.Operator = "Dilnoza"
	if got := mustReceipt(t, p, o).Operator; got != "Dilnoza" {
		t.Errorf("operator %q, want the payment's own", got)
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"": English, "en": English, "RU": Russian, " uz ": Uzbek} {
		if got, err := ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"uz-Cyrl", "de", "english"} {
		if _, err := ParseLang(in); err == nil {
			t.Errorf("ParseLang(%q) accepted", in)
		}
	}
}

func TestScheme(t *testing.T) {
	for _, tc := range []struct {
		card string
		m    octo.Method
		want string
	}{
		{"860000******0015", octo.MethodUzcard, "Uzcard"},
		{"561468******1234", octo.MethodUzcard, "Uzcard"},
		{"986012******1234", octo.MethodHumo, "Humo"},
		{"427831******3011", octo.MethodBankCard, "Visa"},
		{"542312******1111", octo.MethodBankCard, "Mastercard"},
		{"222100******1111", octo.MethodBankCard, "Mastercard"},
		{"272099******1111", octo.MethodBankCard, "Mastercard"},
		{"220070******1111", octo.MethodBankCard, "Mir"},
		{"621234******1111", octo.MethodBankCard, "UnionPay"},
		{"371449******8431", octo.MethodBankCard, "American Express"},
		{"******0015", octo.MethodHumo, "Humo"},
		{"", octo.MethodBankCard, "Visa/Mastercard"},
		{"", "", ""},
	} {
		if got := Scheme(tc.card, tc.m); got != tc.want {
			t.Errorf("Scheme(%q, %s) = %q, want %q", tc.card, tc.m, got, tc.want)
		}
	}
}

func TestScrub(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"call 998901234567", "call 998901234567"}, // a phone stays
		{"card 8600490212340015 please", "card 860049******0015 please"},
		{"card 8600 4902 1234 0015.", "card 860049******0015."},
		{"card 8600-4902-1234-0015", "card 860049******0015"},
		{"order 12 of 2026-11-23", "order 12 of 2026-11-23"},
		{"00000 0000 000  0000", "000000******0000"},
		{"8600\u00a04902\t1234 — 0015!", "860049******0015!"},
		{"line\n8600490212340015", "line\n860049******0015"},
		{"", ""},
	} {
		if got := scrub(tc.in); got != tc.want {
			t.Errorf("scrub(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Tashkent time whatever zone the caller's time is in.
func TestTimeInTashkent(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	o := opts(English)
	o.Time = time.Date(2026, 12, 31, 15, 30, 0, 0, ny) // 20:30 UTC, 01:30 on 1 January in Tashkent
	text := mustReceipt(t, paidSale(), o).Text(42)
	if !strings.Contains(text, "2027-01-01 01:30") {
		t.Errorf("no Tashkent time in\n%s", text)
	}
}

// A receipt made by hand, not through the builder, still shows Tashkent time.
func TestHandMadeReceiptInTashkent(t *testing.T) {
	r := Receipt{Kind: KindSale, Time: time.Date(2026, 11, 23, 11, 8, 0, 0, time.UTC), Total: dec("1000")}
	if text := r.Text(32); !strings.Contains(text, "2026-11-23 16:08") {
		t.Errorf("no Tashkent time in\n%s", text)
	}
}

// A movement's receipt is dated with the movement, numbered among those of
// its kind, a copy once printed, and a release has none of its own.
func TestFromMovement(t *testing.T) {
	ms := saleStory()
	second := ms[2]
	second.Prints = 1
	r, err := FromMovement(fullyRefundedSale().Record(), second, ms, opts(English))
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != KindRefund || r.Seq != 2 || r.PrintNo != 2 || !r.Copy || !r.Time.Equal(refund2At) ||
		!r.Refund.Equal(dec("130000")) || !r.RefundedBefore.Equal(dec("20000")) || !r.PaidAt.Equal(printedAt) ||
		r.RefundRef != "rf-9a8b7c6d5e4f" || r.FiscalURL != "" {
		t.Errorf("the second refund's receipt: %+v", r)
	}
	if got := r.FileName(); got != "receipt-oc-5f2a9c0e7b3d41a8c6e19f02-refund2-2-copy.txt" {
		t.Errorf("file name %s", got)
	}
	if _, err := FromMovement(partlyCaptured().Record(), holdStory()[2], holdStory(), opts(English)); err == nil ||
		!strings.Contains(err.Error(), "no receipt of its own") {
		t.Errorf("a release's receipt: %v", err)
	}
	other := ms[0]
	other.ShopTransactionID = "oc-other"
	if _, err := FromMovement(paidSale().Record(), other, ms, opts(English)); err == nil {
		t.Error("a movement of another payment made a receipt")
	}
	if docs := Documents(holdStory()); len(docs) != 2 || docs[1].Kind != flows.MoveCapture {
		t.Errorf("documents of a captured hold: %+v", docs)
	}
}
