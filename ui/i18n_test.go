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

// TestCatalogComplete: the catalogue with the words ui adds itself (the
// problem texts) is whole; see i18n.Check.
func TestCatalogComplete(t *testing.T) {
	for _, p := range i18n.Check() {
		t.Error(p)
	}
}

func TestLangT(t *testing.T) {
	i18n.Add(map[string][2]string{"test: %d held": {"тест: %d удержано", "test: %d ushlab turilgan"}})
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
