// Package receipt turns a payment into a customer receipt and prints it: as
// text to a file, or as ESC/POS bytes to a receipt printer on a device path
// or on the network (TCP 9100). A Receipt is a plain value built from a
// flows.Payment or a journal flows.Record; rendering is pure, and the card
// is never shown with more than its first 6 and last 4 digits.
package receipt

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/octo-cashier/octo-cashier/ui/i18n"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Kind is what the receipt records. There is no Z report here: receipts are
// for payments only.
type Kind string

// The receipt kinds.
const (
	KindSale    Kind = "sale"    // a one-stage payment
	KindHold    Kind = "hold"    // money held, waiting for capture
	KindCapture Kind = "capture" // a hold charged, fully or partly
	KindCancel  Kind = "cancel"  // a hold released
	KindRefund  Kind = "refund"  // money given back to the card
)

func (k Kind) valid() bool {
	switch k {
	case KindSale, KindHold, KindCapture, KindCancel, KindRefund:
		return true
	}
	return false
}

// Lang is the language of every label on the receipt: the console's.
type Lang = i18n.Lang

// The receipt languages. Uzbek is written in the Latin script.
const (
	English = i18n.EN
	Russian = i18n.RU
	Uzbek   = i18n.UZ
)

// ParseLang reads a language code; empty means English.
func ParseLang(s string) (Lang, error) {
	l, err := i18n.Parse(s)
	if err != nil {
		return "", err
	}
	return l, nil
}

// Receipt is one printable receipt: the document of one money movement of
// a payment (its sale, its hold, the capture of the hold, the hold's
// cancel, or one refund), dated with the movement's own time. Build it with
// FromMovement (or FromRecord, for the payment as it stands); rendering
// masks the card again and hides card-number-like digit runs in the
// free-text fields, so a value built by hand cannot leak a PAN either.
//
// The customer's copy shows what the customer paid and got back; the
// merchant's (Merchant) adds OCTO's fee and what goes to the shop.
type Receipt struct {
	Language Lang
	Kind     Kind
	Test     bool // a test payment: the receipt says no real money moved
	Copy     bool // a reprint: marked as a copy, dated with the movement's time
	Merchant bool // the merchant's copy: with OCTO's fee and what goes to the shop

	// Seq is which of the payment's movements of this kind the receipt is
	// (1: the first refund, 2: the second); PrintNo which print of it (1:
	// the original). Both name its file, so no print replaces another.
	Seq, PrintNo int

	ShopName string
	ShopID   int64
	Operator string
	// Counter is the till of a store that took the payment; empty on a
	// single till, whose receipts then carry no counter line.
	Counter string
	Time    time.Time // the movement's time, shown in Tashkent time (octo.Tashkent)

	Description string
	Currency    string // "UZS" when empty

	Total    decimal.Decimal // what was asked: the sale's amount or the hold
	Captured decimal.Decimal // charged
	Released decimal.Decimal // the part of a hold given back
	Refunded decimal.Decimal // refunded so far, all refunds together
	Refund   decimal.Decimal // this refund, on a refund receipt; zero: Refunded less RefundedBefore
	// RefundedBefore is, on a refund receipt, what earlier refunds gave back.
	RefundedBefore decimal.Decimal
	Fee            decimal.Decimal // OCTO's fee, when known
	Transfer       decimal.Decimal // what the shop receives for the payment, before refunds, when known

	Card   string      // masked: first 6 and last 4 digits at most
	Scheme string      // "Uzcard", "Humo", "Visa", "Mastercard", ...
	Method octo.Method // OCTO's payment method
	Phone  bool        // paid on the customer's phone, on OCTO's page (the card never passed the till)

	PaymentUUID       string // OCTO's octo_payment_UUID
	ShopTransactionID string
	RRN               string    // the card network's reference, when known (notifications carry it)
	RefundRef         string    // a refund receipt: the refund's own reference (shop_refund_id)
	PaidAt            time.Time // a refund receipt: when the payment refunded was paid
	Status            flows.State
	HoldExpires       time.Time // a hold receipt: when OCTO releases the hold if not captured; zero if unknown
	FiscalURL         string    // OCTO fiscal-data qrCodeURL; printed as a QR code on a sale or capture receipt
}

// Options is what a receipt needs beyond the payment itself.
type Options struct {
	Kind      Kind // empty: read from the payment (sale, hold, capture or cancel)
	Language  Lang // empty: English
	ShopName  string
	ShopID    int64
	Operator  string    // used when the payment names none
	Counter   string    // this till, used when the payment names no counter
	Time      time.Time // the movement's time (FromRecord); required there (the package never reads the clock)
	Copy      bool      // a reprint of a receipt already given: printed as a copy
	Merchant  bool      // the merchant's copy
	Seq       int       // which movement of its kind (FromRecord; FromMovement counts it)
	PrintNo   int       // which print (FromRecord; FromMovement counts it from the journal)
	RRN       string
	FiscalURL string          // OCTO fiscal-data qrCodeURL, if OCTO registered one
	Refund    decimal.Decimal // a refund receipt: this refund's amount; zero: everything refunded so far
	// RefundedBefore, RefundRef and PaidAt: a refund receipt's earlier
	// refunds, its reference and the payment's time (FromMovement finds them).
	RefundedBefore decimal.Decimal
	RefundRef      string
	PaidAt         time.Time
}

// maxFiscalURL bounds the QR payload: OCTO's links are about a hundred
// characters; anything near a kilobyte is not one of them.
const maxFiscalURL = 1024

// FromPayment builds the receipt of a payment.
func FromPayment(p flows.Payment, o Options) (Receipt, error) {
	return FromRecord(p.Record(), o)
}

// FromRecord builds the receipt of a journaled payment, for a reprint from
// history. It refuses a kind the payment cannot have (a capture receipt of a
// sale, a refund receipt of a payment with nothing refunded).
func FromRecord(rec flows.Record, o Options) (Receipt, error) {
	if o.Time.IsZero() {
		return Receipt{}, errors.New("receipt: time is required")
	}
	lang, err := ParseLang(string(o.Language))
	if err != nil {
		return Receipt{}, fmt.Errorf("receipt: language %w", err)
	}
	kind := o.Kind
	if kind == "" {
		kind = kindOf(rec)
	}
	if err := checkKind(kind, rec, o.Refund, o.RefundedBefore); err != nil {
		return Receipt{}, err
	}
	fiscal, err := fiscalURL(o.FiscalURL)
	if err != nil {
		return Receipt{}, err
	}
	card := maskCard(rec.Card)
	operator := rec.Operator
	if operator == "" {
		operator = o.Operator
	}
	counter := rec.Counter
	if counter == "" {
		counter = o.Counter
	}
	cur := rec.Currency
	if cur == "" {
		cur = "UZS"
	}
	if kind != KindSale && kind != KindCapture {
		fiscal = "" // the fiscal receipt is the sale's
	}
	refund := o.Refund
	if kind == KindRefund && refund.IsZero() {
		refund = rec.Refunded.Sub(o.RefundedBefore)
	}
	var paidAt time.Time
	if !o.PaidAt.IsZero() {
		paidAt = o.PaidAt.In(octo.Tashkent)
	}
	return Receipt{
		Language: lang, Kind: kind, Test: rec.Test, Copy: o.Copy, Merchant: o.Merchant,
		Seq: max(o.Seq, 1), PrintNo: max(o.PrintNo, 1),
		ShopName: clean(o.ShopName), ShopID: o.ShopID, Operator: clean(operator), Counter: clean(counter),
		Time:        o.Time.In(octo.Tashkent),
		Description: clean(rec.Description), Currency: cur,
		Total: rec.Amount, Captured: rec.Captured, Released: rec.Released, Refunded: rec.Refunded,
		Refund: refund, RefundedBefore: o.RefundedBefore, Fee: rec.Fee, Transfer: rec.Transfer,
		Card: card, Scheme: Scheme(card, rec.Method), Method: rec.Method, Phone: rec.Hosted,
		PaymentUUID: rec.PaymentUUID, ShopTransactionID: rec.ShopTransactionID, RRN: clean(o.RRN),
		RefundRef: printable(o.RefundRef), PaidAt: paidAt,
		Status: rec.State, HoldExpires: rec.HoldExpires, FiscalURL: fiscal,
	}, nil
}

// kindOf reads the receipt kind from the payment's kind and state.
func kindOf(rec flows.Record) Kind {
	if rec.Kind != flows.Hold {
		return KindSale
	}
	switch {
	case rec.State == flows.Succeeded || rec.Captured.IsPositive():
		return KindCapture
	case rec.State == flows.Canceled:
		return KindCancel
	}
	return KindHold
}

func checkKind(k Kind, rec flows.Record, refund, before decimal.Decimal) error {
	if !k.valid() {
		return fmt.Errorf("receipt: unknown kind %q", k)
	}
	if refund.IsNegative() || before.IsNegative() {
		return fmt.Errorf("receipt: refund amount %s is negative", decimal.Min(refund, before))
	}
	if (!refund.IsZero() || !before.IsZero()) && k != KindRefund {
		return fmt.Errorf("receipt: a refund amount on a %s receipt", k)
	}
	switch k {
	case KindSale:
		if rec.Kind == flows.Hold {
			return fmt.Errorf("receipt: payment %s is a hold, not a sale", rec.ShopTransactionID)
		}
	case KindHold, KindCancel:
		if rec.Kind != flows.Hold {
			return fmt.Errorf("receipt: payment %s is not a hold", rec.ShopTransactionID)
		}
	case KindCapture:
		if rec.Kind != flows.Hold || !rec.Captured.IsPositive() {
			return fmt.Errorf("receipt: payment %s has no captured amount", rec.ShopTransactionID)
		}
	case KindRefund:
		if !rec.Refunded.IsPositive() {
			return fmt.Errorf("receipt: nothing was refunded on payment %s", rec.ShopTransactionID)
		}
		if refund.Add(before).GreaterThan(rec.Refunded) {
			return fmt.Errorf("receipt: refund %s is more than the %s refunded", refund.Add(before), rec.Refunded)
		}
	}
	return nil
}

// fiscalURL accepts an http(s) link and returns it in its escaped form, so
// the QR code carries ASCII only.
func fiscalURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("receipt: fiscal URL %q is not an http(s) link", s)
	}
	out := u.String()
	if len(out) > maxFiscalURL {
		return "", fmt.Errorf("receipt: fiscal URL is %d bytes, more than %d", len(out), maxFiscalURL)
	}
	return out, nil
}

// maskCard shows at most the first 6 and last 4 digits, whatever it is
// given: a full PAN by mistake comes out masked.
func maskCard(s string) string {
	if s == "" {
		return ""
	}
	m := octo.MaskPAN(s)
	if digits(m) > 10 { // cannot happen with octo.MaskPAN; the promise is kept here too
		return "****"
	}
	return m
}

func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// scrub masks any run of 13 or more digits in free text, with spaces or
// dashes of any kind and length between them: a card number typed into a
// description or a name by mistake. Phone numbers (12 digits) stay.
func scrub(s string) string {
	if digits(s) < 13 {
		return s
	}
	r := []rune(s)
	isDigit := func(c rune) bool { return c >= '0' && c <= '9' }
	var b strings.Builder
	i := 0
	for i < len(r) {
		if !isDigit(r[i]) {
			b.WriteRune(r[i])
			i++
			continue
		}
		// The run: digits, with separators only between them.
		j, end, n := i, i, 0
		for j < len(r) {
			if isDigit(r[j]) {
				n++
				j++
				end = j
				continue
			}
			if separator(r[j]) {
				j++
				continue
			}
			break
		}
		if n >= 13 {
			b.WriteString(octo.MaskPAN(strings.Map(keepDigits, string(r[i:end]))))
		} else {
			b.WriteString(string(r[i:end]))
		}
		i = end
	}
	return b.String()
}

// separator is what people put between the groups of a card number.
func separator(c rune) bool {
	switch c {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '_':
		return true
	}
	return unicode.IsSpace(c)
}

func keepDigits(c rune) rune {
	if c >= '0' && c <= '9' {
		return c
	}
	return -1
}

// clean is free text made safe to print: no control characters, no card number.
func clean(s string) string { return scrub(printable(s)) }

// printable turns control characters (a newline, an ESC that a printer
// would read as a command) into spaces.
func printable(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsControl(c) {
			return ' '
		}
		return c
	}, s)
}

// Scheme names the card's payment system from the masked number's first
// digits, falling back to OCTO's method.
func Scheme(card string, m octo.Method) string {
	lead := card
	if i := strings.IndexAny(lead, "* "); i >= 0 {
		lead = lead[:i]
	}
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(lead, p) {
				return true
			}
		}
		return false
	}
	switch {
	case has("8600", "5614"):
		return "Uzcard"
	case has("9860"):
		return "Humo"
	case has("4"):
		return "Visa"
	case has("51", "52", "53", "54", "55"), len(lead) >= 4 && lead[:4] >= "2221" && lead[:4] <= "2720":
		return "Mastercard"
	case has("2200", "2201", "2202", "2203", "2204"):
		return "Mir"
	case has("62"):
		return "UnionPay"
	case has("34", "37"):
		return "American Express"
	}
	switch m {
	case octo.MethodUzcard:
		return "Uzcard"
	case octo.MethodHumo:
		return "Humo"
	case octo.MethodBankCard:
		return "Visa/Mastercard"
	}
	return ""
}

// safe is the receipt as rendering sees it: the card masked again and the
// free text scrubbed, however the value was made.
func (r Receipt) safe() Receipt {
	r.Card = maskCard(r.Card)
	r.ShopName = clean(r.ShopName)
	r.Operator = clean(r.Operator)
	r.Counter = clean(r.Counter)
	r.Description = clean(r.Description)
	r.RRN = clean(r.RRN)
	r.Scheme = printable(r.Scheme)
	r.PaymentUUID = printable(r.PaymentUUID)
	r.ShopTransactionID = printable(r.ShopTransactionID)
	r.RefundRef = printable(r.RefundRef)
	r.Seq, r.PrintNo = max(r.Seq, 1), max(r.PrintNo, 1)
	if r.Kind == KindRefund && r.Refund.IsZero() {
		r.Refund = r.Refunded.Sub(r.RefundedBefore)
	}
	if r.Currency == "" {
		r.Currency = "UZS"
	}
	r.Time = r.Time.In(octo.Tashkent)
	r.HoldExpires = r.HoldExpires.In(octo.Tashkent)
	r.PaidAt = r.PaidAt.In(octo.Tashkent)
	if l, err := ParseLang(string(r.Language)); err == nil {
		r.Language = l
	} else {
		r.Language = English
	}
	if u, err := fiscalURL(r.FiscalURL); err == nil && (r.Kind == KindSale || r.Kind == KindCapture) {
		r.FiscalURL = u
	} else {
		r.FiscalURL = ""
	}
	return r
}

// String is a one-line summary for logs, with the card masked.
func (r Receipt) String() string {
	s := r.safe()
	return fmt.Sprintf("receipt %s %s %s %s card %s", s.Kind, s.ShopTransactionID,
		formatAmount(s.headline()), s.Currency, s.Card)
}

// Format keeps every fmt verb (%v, %+v, %#v) to the masked summary.
func (r Receipt) Format(f fmt.State, verb rune) { _, _ = fmt.Fprint(f, r.String()) }

// headline is the amount the receipt is about: the big line.
func (r Receipt) headline() decimal.Decimal {
	switch r.Kind {
	case KindSale:
		if r.Captured.IsPositive() {
			return r.Captured
		}
	case KindCapture:
		return r.Captured
	case KindCancel:
		if r.Released.IsPositive() {
			return r.Released
		}
	case KindRefund:
		return r.Refund
	case KindHold:
	}
	return r.Total
}

// charged is what the payment charged: the capture, or the amount asked.
func (r Receipt) charged() decimal.Decimal {
	if r.Captured.IsPositive() {
		return r.Captured
	}
	return r.Total
}

// refundedThrough is what was refunded up to this receipt: on a refund
// receipt up to and including its refund, on the others all refunds so far.
func (r Receipt) refundedThrough() decimal.Decimal {
	if r.Kind == KindRefund {
		return r.RefundedBefore.Add(r.Refund)
	}
	return r.Refunded
}

// staysCharged is what stays charged after the refunds the receipt counts.
func (r Receipt) staysCharged() decimal.Decimal {
	return decimal.Max(r.charged().Sub(r.refundedThrough()), decimal.Zero)
}

// toShopAfterRefunds is what goes to the shop after the refunds the
// receipt counts (zero when OCTO did not say what goes to the shop).
func (r Receipt) toShopAfterRefunds() decimal.Decimal {
	if !r.Transfer.IsPositive() {
		return decimal.Zero
	}
	return decimal.Max(r.Transfer.Sub(r.refundedThrough()), decimal.Zero)
}
