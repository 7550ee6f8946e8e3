package common

import (
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// A footer in Russian shows the help in Russian and answers to the same
// keys; English is left as built.
func TestBindingsTranslateTheHelpOnly(t *testing.T) {
	i18n.Add(map[string][2]string{"common-test: go back": {"назад (тест)", "orqaga (test)"}})
	b := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "common-test: go back"))
	ru := InLang{Keys: FormKeys{Back: b}, Lang: i18n.RU}.ShortHelp()
	got := ru[len(ru)-1]
	if got.Help().Desc != "назад (тест)" || got.Help().Key != "esc" || len(got.Keys()) != 1 || got.Keys()[0] != "esc" {
		t.Errorf("the Russian binding is %q/%q on %v", got.Help().Key, got.Help().Desc, got.Keys())
	}
	if en := Bindings(i18n.EN, []key.Binding{b}); en[0].Help().Desc != "common-test: go back" {
		t.Errorf("English help changed to %q", en[0].Help().Desc)
	}
	if b.Help().Desc != "common-test: go back" {
		t.Errorf("translating changed the screen's own binding to %q", b.Help().Desc)
	}
}

func TestTruncateCutsRunesNotBytes(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"оплата", 6, "оплата"},
		{"оплата картой", 7, "оплата…"},
		{"abc", 3, "abc"},
	} {
		if got := Truncate(c.in, c.n); got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
