package ui

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The store's texts read in Russian and Uzbek where the cashier sees them:
// the header's till and a refusal naming the counter that holds a payment.
func TestStoreTextsTranslated(t *testing.T) {
	till := HeaderShop{ID: 27, Counter: "B"}
	for lang, want := range map[Lang]string{
		LangEN: "shop 27 — counter B", LangRU: "магазин 27 — касса B", LangUZ: "do'kon 27 — kassa B",
	} {
		if got := till.words(lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
		opts := testOptions()
		opts.Language, opts.Shop = lang, till
		d := newDriver(t, New(opts), 80, 24)
		if first := strings.SplitN(d.screen(), "\n", 2)[0]; !strings.Contains(first, want) {
			t.Errorf("%s header %q, want %q in it", lang, first, want)
		}
	}
}

// A payment another counter holds is refused inside the journal's problem
// with that counter's name, worded in the screen's language.
func TestBusyProblemTranslated(t *testing.T) {
	busy := flows.NewProblem(flows.ProblemJournalUnsent, flows.NewProblem(flows.ProblemBusy, flows.Words("oc-1"), flows.Words("A")))
	if en := busy.English(); en != "The journal could not be written (payment oc-1 is being handled at counter A); nothing was sent" {
		t.Errorf("English: %q", en)
	}
	for lang, want := range map[Lang]string{LangRU: "касса A", LangUZ: "kassa A"} {
		if got := lang.Problem(busy); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q in it", lang, got, want)
		}
	}
}
