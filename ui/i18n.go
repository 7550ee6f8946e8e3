package ui

import (
	"fmt"

	receipts "github.com/octo-cashier/octo-cashier/ui/receipt"
)

// Lang is the language of the screens: English, Russian or Uzbek (Latin),
// the same codes as the receipts'.
type Lang string

const (
	LangEN = Lang(receipts.English)
	LangRU = Lang(receipts.Russian)
	LangUZ = Lang(receipts.Uzbek)
)

// ParseLang reads a configured language; empty means English.
func ParseLang(s string) (Lang, error) {
	l, err := receipts.ParseLang(s)
	if err != nil {
		return LangEN, err
	}
	return Lang(l), nil
}

// catalog maps each English text of the screens to its Russian and Uzbek
// translations. The English text is the key, so a screen reads as it
// shows, and a text missing from the catalog shows in English rather than
// as a key. Each part of the console adds its texts from its own file
// (i18n_*.go) with addCatalog; TestCatalogComplete checks every entry.
var catalog = map[string][2]string{}

// catalogClashes lists texts translated twice differently (by two
// catalog files): TestCatalogComplete fails on any, and the console shows
// the first translation rather than refusing to start.
var catalogClashes []string

// addCatalog adds translations.
func addCatalog(m map[string][2]string) {
	for en, tr := range m {
		if old, ok := catalog[en]; ok {
			if old != tr {
				catalogClashes = append(catalogClashes, fmt.Sprintf("%q translated twice: %q and %q", en, old, tr))
			}
			continue
		}
		catalog[en] = tr
	}
}

// T translates an English text into l.
func (l Lang) T(en string) string {
	tr, ok := catalog[en]
	switch {
	case !ok || l == LangEN || l == "":
		return en
	case l == LangRU && tr[0] != "":
		return tr[0]
	case l == LangUZ && tr[1] != "":
		return tr[1]
	}
	return en
}

// Tf translates a format (the English format is the key) and fills it in.
func (l Lang) Tf(format string, args ...any) string {
	return fmt.Sprintf(l.T(format), args...)
}

// T and Tf on styles: every View has the styles, so every View can speak
// the console's language.
func (s styles) T(en string) string                   { return s.lang.T(en) }
func (s styles) Tf(format string, args ...any) string { return s.lang.Tf(format, args...) }
