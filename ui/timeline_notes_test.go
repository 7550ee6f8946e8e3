package ui

import "testing"

// The flows' English notes come out in the cashier's language, amounts as
// the screens write them; an unknown note stays as it is.
func TestTimelineNotesTranslated(t *testing.T) {
	for _, tc := range []struct {
		lang       Lang
		note, want string
	}{
		{LangRU, "refund 100000.00 rf-7c1d", "возврат 100 000 сум, номер rf-7c1d"},
		{LangUZ, "refund 20000.50 rf-7c1d again", "20 000,50 so'm qaytarish qayta yuborildi, raqam rf-7c1d"},
		{LangRU, "capture 90000.00", "списание 90 000 сум"},
		{LangRU, "refund 4521", "возврат выполнен, номер OCTO 4521"},
		{LangUZ, "status read", "holat so'rovi"},
		{LangEN, "refund confirmed by status", "refund confirmed by OCTO's status"},
		{LangRU, "Wrong secret", "Wrong secret"},
	} {
		if got := noteText(tc.lang, tc.note, "UZS"); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.lang, tc.note, got, tc.want)
		}
	}
	if got := signatureText(LangRU, "ok"); got != "подпись верна" {
		t.Errorf("signature: %q", got)
	}
}
