package ui

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"": LangEN, "en": LangEN, "RU": LangRU, " uz ": LangUZ} {
		if got, err := ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseLang("kk"); err == nil || !strings.Contains(err.Error(), "en, ru, uz") {
		t.Errorf("ParseLang(kk) error = %v", err)
	}
}

// TestCatalogComplete: every text has both translations, and a format
// keeps its verbs in the same order in each language.
func TestCatalogComplete(t *testing.T) {
	if len(i18n.Entries()) == 0 {
		t.Fatal("the catalog is empty")
	}
	for _, c := range i18n.Clashes() {
		t.Error(c)
	}
	for _, en := range i18n.Entries() {
		ru, uz, _ := i18n.Translations(en)
		tr := [2]string{ru, uz}
		for i, lang := range []string{"ru", "uz"} {
			if strings.TrimSpace(tr[i]) == "" {
				t.Errorf("%q has no %s translation", en, lang)
				continue
			}
			if verbs(en) != verbs(tr[i]) {
				t.Errorf("%q: the %s translation %q has verbs %q, want %q", en, lang, tr[i], verbs(tr[i]), verbs(en))
			}
		}
	}
}

func TestLangT(t *testing.T) {
	addCatalog(map[string][2]string{"test: %d held": {"тест: %d удержано", "test: %d ushlab turilgan"}})
	if got := LangRU.Tf("test: %d held", 3); got != "тест: 3 удержано" {
		t.Errorf("ru: %q", got)
	}
	if got := LangUZ.T("test: %d held"); got != "test: %d ushlab turilgan" {
		t.Errorf("uz: %q", got)
	}
	if got := LangEN.T("test: %d held"); got != "test: %d held" {
		t.Errorf("en: %q", got)
	}
	if got := LangRU.T("a text nobody translated"); got != "a text nobody translated" {
		t.Errorf("missing: %q", got)
	}
}

// verbs lists a format's verbs (%d, %s, ...) in order.
func verbs(f string) string {
	var b strings.Builder
	for i := 0; i < len(f)-1; i++ {
		if f[i] == '%' {
			if f[i+1] == '%' {
				i++
				continue
			}
			j := i + 1
			for j < len(f) && strings.IndexByte("+-# 0123456789.", f[j]) >= 0 {
				j++
			}
			if j < len(f) {
				b.WriteString(f[i : j+1])
				b.WriteByte(' ')
			}
			i = j
		}
	}
	return b.String()
}
