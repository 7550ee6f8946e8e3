package receipt

import (
	"strings"
	"testing"
)

// A payment the customer made on their phone says so on its receipt, in
// the receipt's language; one typed at the till says nothing of it.
func TestReceiptSaysPaidOnThePhone(t *testing.T) {
	p := paidSale()
	if text := mustReceipt(t, p, opts(English)).Text(42); strings.Contains(text, "Paid on") {
		t.Errorf("a card typed at the till reads as paid on the phone:\n%s", text)
	}
	p.Hosted = true
	for lang, want := range map[Lang]string{English: "customer's phone (OCTO page)", Russian: "телефон покупателя (стр. OCTO)",
		Uzbek: "xaridor telefoni (OCTO sahifasi)"} {
		r := mustReceipt(t, p, opts(lang))
		if text := r.Text(42); !r.Phone || !strings.Contains(text, want) {
			t.Errorf("%s: no %q:\n%s", lang, want, text)
		}
	}
}
