package i18n

import (
	"fmt"
	"strings"

	"golang.org/x/text/feature/plural"
)

// Check lists what is wrong with the catalogue as the tables added so far
// make it: a text without a translation, a translation whose verbs differ
// from the English format's (in kind or order), a plural text without a
// form for one of its language's plural categories, a text given twice
// differently, a message x/text cannot compile. The catalogue tests of
// this package and of every package that adds words call it.
func Check() []string {
	catalogue()
	problems := append([]string(nil), clashes...)
	if len(texts) == 0 {
		problems = append(problems, "the catalogue is empty")
	}
	for _, en := range Entries() {
		if p, ok := plurals[en]; ok {
			problems = append(problems, checkPlural(en, p)...)
			continue
		}
		tr := texts[en]
		for i, lang := range []Lang{RU, UZ} {
			switch {
			case strings.TrimSpace(tr[i]) == "":
				problems = append(problems, fmt.Sprintf("%q has no %s translation", en, lang))
			case verbs(tr[i]) != verbs(en):
				problems = append(problems, fmt.Sprintf("%q: the %s translation %q has verbs %q, want %q", en, lang, tr[i], verbs(tr[i]), verbs(en)))
			}
		}
	}
	if err := compiles(); err != nil {
		problems = append(problems, err.Error())
	}
	return problems
}

// checkPlural: the count is a %d of the key, and each language has a
// whole form per plural category, keeping the key's verbs in order (a form
// that left out the count would shift the arguments after it).
func checkPlural(en string, p Plural) []string {
	var problems []string
	vs := strings.Fields(verbs(en))
	if p.Arg < 1 || p.Arg > len(vs) || vs[p.Arg-1] != "%d" {
		problems = append(problems, fmt.Sprintf("%q: the count is argument %d, which is not a %%d of %q", en, p.Arg, vs))
	}
	for _, l := range []Lang{EN, RU, UZ} {
		forms := p.forms(l)
		if got, want := len(forms), len(Categories(l)); got != want {
			problems = append(problems, fmt.Sprintf("%q: %s has %d plural categories, %d forms given", en, l, want, got))
		}
		for i, f := range forms {
			switch {
			case strings.TrimSpace(f) == "":
				problems = append(problems, fmt.Sprintf("%q: the %s form %d is empty", en, l, i+1))
			case verbs(f) != verbs(en):
				problems = append(problems, fmt.Sprintf("%q: the %s form %q has verbs %q, want %q", en, l, f, verbs(f), verbs(en)))
			}
		}
	}
	return problems
}

// Categories is the plural categories CLDR gives l's whole numbers, found
// by asking x/text about 0–1000 rather than written down here.
func Categories(l Lang) map[plural.Form]bool {
	seen := map[plural.Form]bool{}
	for n := 0; n <= 1000; n++ {
		seen[plural.Cardinal.MatchPlural(tags[l], n, 0, 0, 0, 0)] = true
	}
	return seen
}

// verbs lists a format's verbs (%d, %s, %[2]d, ...) in order.
func verbs(f string) string {
	var b strings.Builder
	for i := 0; i < len(f)-1; i++ {
		if f[i] != '%' {
			continue
		}
		if f[i+1] == '%' {
			i++
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("+-# 0123456789.[]", f[j]) >= 0 {
			j++
		}
		if j < len(f) {
			b.WriteString(f[i : j+1])
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}
