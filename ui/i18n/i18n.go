// Package i18n is the console's one catalogue of words: every text a screen
// shows, in English, Russian and Uzbek (Latin). The English text is the
// key, so a screen reads as it shows, and a text missing from the
// catalogue shows in English rather than as a key.
package i18n

import (
	"fmt"
	"sort"
	"strings"
)

// Lang is the language of the screens and the receipts.
type Lang string

const (
	EN Lang = "en"
	RU Lang = "ru"
	UZ Lang = "uz"
)

// Parse reads a configured language; empty means English.
func Parse(s string) (Lang, error) {
	switch l := Lang(strings.ToLower(strings.TrimSpace(s))); l {
	case "":
		return EN, nil
	case EN, RU, UZ:
		return l, nil
	}
	return EN, fmt.Errorf("%q is not one of en, ru, uz", s)
}

// catalog maps each English text to its Russian and Uzbek translations.
// Each area of the console adds its texts from its own file with Add.
var catalog = map[string][2]string{}

// clashes lists texts translated twice differently (by two areas):
// the catalogue test fails on any, and the console shows the first
// translation rather than refusing to start.
var clashes []string

// Add adds translations: English text → {Russian, Uzbek}.
func Add(m map[string][2]string) {
	for en, tr := range m {
		if old, ok := catalog[en]; ok {
			if old != tr {
				clashes = append(clashes, fmt.Sprintf("%q translated twice: %q and %q", en, old, tr))
			}
			continue
		}
		catalog[en] = tr
	}
}

// Has reports whether en is in the catalogue.
func Has(en string) bool {
	_, ok := catalog[en]
	return ok
}

// Entries returns every English key, sorted, for tests that check the
// catalogue is whole.
func Entries() []string {
	keys := make([]string, 0, len(catalog))
	for k := range catalog {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Translations returns the Russian and Uzbek texts of en.
func Translations(en string) (ru, uz string, ok bool) {
	tr, ok := catalog[en]
	return tr[0], tr[1], ok
}

// Clashes returns the texts translated twice differently.
func Clashes() []string { return clashes }

// T translates an English text into l.
func (l Lang) T(en string) string {
	tr, ok := catalog[en]
	switch {
	case !ok || l == EN || l == "":
		return en
	case l == RU && tr[0] != "":
		return tr[0]
	case l == UZ && tr[1] != "":
		return tr[1]
	}
	return en
}

// Tf translates a format (the English format is the key) and fills it in.
func (l Lang) Tf(format string, args ...any) string {
	return fmt.Sprintf(l.T(format), args...)
}
