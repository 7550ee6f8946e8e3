package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// TestProblemCodesWorded: every problem code flows gives has its English
// format in the catalog, with Russian and Uzbek taking the same values,
// and a Russian cashier reads each without an English word left (the
// values stand in as "X": OCTO's own message or an error, which stays). A
// new code in flows shows up here until it is in the catalog.
func TestProblemCodesWorded(t *testing.T) {
	codes := flows.ProblemCodes()
	if len(codes) < 60 {
		t.Fatalf("flows gives only %d problem codes; has the table moved?", len(codes))
	}
	verbs := regexp.MustCompile(`%[sd]`)
	english := regexp.MustCompile(`[A-Za-z]{3,}`)
	allowed := map[string]bool{"OCTO": true, "Secure": true}
	for _, c := range codes {
		en := c.Format()
		if _, plural := i18n.PluralOf(en); plural {
			continue // a count's forms: the catalogue's own check (i18n.Check) holds them whole
		}
		ru, uz, ok := i18n.Translations(en)
		if !ok || ru == "" || uz == "" {
			t.Errorf("%s: %q is not in the catalog in Russian and Uzbek", c, en)
			continue
		}
		want := strings.Join(verbs.FindAllString(en, -1), " ")
		for lang, tr := range map[Lang]string{LangRU: ru, LangUZ: uz} {
			if got := strings.Join(verbs.FindAllString(tr, -1), " "); got != want {
				t.Errorf("%s in %s: %q takes %q, the English %q", c, lang, tr, got, want)
			}
		}
		args := make([]flows.Problem, strings.Count(en, "%s"))
		for i := range args {
			args[i] = flows.Words("X")
		}
		p := flows.NewProblem(c, args...)
		if c == flows.ProblemAttemptsLeft {
			p = flows.NewProblem(c, flows.Words("2"))
		}
		said := LangRU.Problem(p)
		for _, w := range english.FindAllString(said, -1) {
			if !allowed[w] {
				t.Errorf("%s reads %q in Russian: %q is English", c, said, w)
				break
			}
		}
	}
	if !i18n.Has(flows.AttemptLeftOne) {
		t.Errorf("%q is not in the catalog", flows.AttemptLeftOne)
	}
}
