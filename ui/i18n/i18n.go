// Package i18n is the console's one catalogue of words: every text a screen
// or a receipt shows, in English, Russian and Uzbek (Latin). The English
// text is the key, so a screen reads as it shows, and a text missing from
// the catalogue shows in English rather than as a key. Texts that follow a
// count have a form per CLDR plural category (plural.go); the catalogue is
// served through golang.org/x/text/message (printer.go).
//
// The words live in this package, one file per area of the console
// (counter.go, history.go, receipts.go, …), each adding its table from
// init.
package i18n

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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

// texts maps each English text to its Russian and Uzbek translations.
// Each area adds its table from its own file, at init, as a function
// (AddLater): the tables are made into texts on the first look that
// needs them (catalogue) — an English console never does (T and Tf need
// only the plurals), so its start builds none of them. Read without a
// lock once made.
var texts map[string][2]string

// clashes lists texts translated twice differently (by two areas):
// the catalogue test fails on any, and the console shows the first
// translation rather than refusing to start.
var clashes []string

var (
	tablesMu sync.Mutex
	tables   []func() map[string][2]string // added, not yet in texts
	made     atomic.Bool                   // texts has every table added
)

// Add adds translations: English text → {Russian, Uzbek}.
func Add(m map[string][2]string) { AddLater(func() map[string][2]string { return m }) }

// AddLater adds the translations table returns, made when the catalogue
// is first needed: a package's tables, added from init, cost a start
// nothing until then.
func AddLater(table func() map[string][2]string) {
	tablesMu.Lock()
	defer tablesMu.Unlock()
	if made.Load() {
		merge(table())
		return
	}
	tables = append(tables, table)
}

// catalogue makes texts whole: every table added so far is in it.
func catalogue() {
	if made.Load() {
		return
	}
	tablesMu.Lock()
	defer tablesMu.Unlock()
	if made.Load() {
		return
	}
	texts = make(map[string][2]string, 1024) // about 900: no growing
	for _, table := range tables {
		merge(table())
	}
	tables = nil
	made.Store(true)
}

// merge puts m's texts in the catalogue (tablesMu held).
func merge(m map[string][2]string) {
	for en, tr := range m {
		if _, ok := plurals[en]; ok {
			clashes = append(clashes, fmt.Sprintf("%q added both as a plural and as a plain text", en))
			continue
		}
		if old, ok := texts[en]; ok {
			if old != tr {
				clashes = append(clashes, fmt.Sprintf("%q translated twice: %q and %q", en, old, tr))
			}
			continue
		}
		texts[en] = tr
	}
	rebuild()
}

// Has reports whether en is in the catalogue.
func Has(en string) bool {
	catalogue()
	_, ok := texts[en]
	if !ok {
		_, ok = plurals[en]
	}
	return ok
}

// Entries returns every English key, plain and plural, sorted, for tests
// that check the catalogue is whole. Screens word a text where they compose
// it; nothing matches a composed text against the keys.
func Entries() []string {
	catalogue()
	keys := make([]string, 0, len(texts)+len(plurals))
	for k := range texts {
		keys = append(keys, k)
	}
	for k := range plurals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// contextSep joins a context and an English text into one key, as
// gettext's msgctxt does.
const contextSep = "\x04"

// AddIn adds translations that hold in one context only, for an English
// text that another context says otherwise (a receipt prints "Paid" as
// "To'langan", a screen says "To'landi").
func AddIn(context string, m map[string][2]string) {
	AddInLater(context, func() map[string][2]string { return m })
}

// AddInLater is AddIn of the table table returns, made when the catalogue
// is first needed (AddLater).
func AddInLater(context string, table func() map[string][2]string) {
	AddLater(func() map[string][2]string {
		m := table()
		keyed := make(map[string][2]string, len(m))
		for en, tr := range m {
			keyed[context+contextSep+en] = tr
		}
		return keyed
	})
}

// HasIn reports whether en is in the catalogue in context.
func HasIn(context, en string) bool {
	catalogue()
	_, ok := texts[context+contextSep+en]
	return ok
}

// TIn translates en as said in context; English, or a text the context
// lacks, is en itself.
func (l Lang) TIn(context, en string) string {
	if l == EN || l == "" {
		return en
	}
	catalogue()
	key := context + contextSep + en
	if _, ok := texts[key]; !ok {
		return en
	}
	return l.T(key)
}

// Translations returns the Russian and Uzbek texts of en; a plural text
// has forms instead (see PluralOf) and is not ok here.
func Translations(en string) (ru, uz string, ok bool) {
	catalogue()
	tr, ok := texts[en]
	return tr[0], tr[1], ok
}

// Clashes returns the texts translated twice differently.
func Clashes() []string {
	catalogue()
	return clashes
}

// T translates an English text into l, unformatted: its verbs stay for
// the caller. A plural text has no one translation without its count;
// T gives its most general form (English and Uzbek "other", Russian
// "many"), and Tf chooses the right one.
func (l Lang) T(en string) string {
	if p, ok := plurals[en]; ok {
		return p.general(l)
	}
	if l == EN || l == "" {
		return en
	}
	catalogue()
	tr, ok := texts[en]
	switch {
	case !ok:
		return en
	case l == RU && tr[0] != "":
		return tr[0]
	case l == UZ && tr[1] != "":
		return tr[1]
	}
	return en
}

// Tf translates a format (the English format is the key) and fills it in,
// choosing a plural text's form by its count.
func (l Lang) Tf(format string, args ...any) string {
	return printerFor(l).Sprintf(format, plain(args)...)
}
