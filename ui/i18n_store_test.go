package ui

import (
	"strings"
	"testing"
)

// The store's texts read in Russian and Uzbek where the cashier sees them:
// the header's till and a refusal naming the counter that holds a payment.
func TestStoreTextsTranslated(t *testing.T) {
	for _, tt := range []struct {
		lang     Lang
		in, want string
	}{
		{LangRU, "shop 27 — counter B", "магазин 27 — касса B"},
		{LangUZ, "shop 27 — counter B", "do'kon 27 — kassa B"},
		{LangRU, "The journal could not be written (payment oc-1 is being handled at counter A); nothing was sent", "касса A"},
		{LangUZ, "The journal could not be written (payment oc-1 is being handled at counter A); nothing was sent", "kassa A"},
	} {
		if got := tt.lang.Problem(tt.in); !strings.Contains(got, tt.want) {
			t.Errorf("%s %q = %q, want %q in it", tt.lang, tt.in, got, tt.want)
		}
	}
}
