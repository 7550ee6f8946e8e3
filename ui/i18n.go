package ui

import "github.com/octo-cashier/octo-cashier/ui/i18n"

// Lang is the language of the screens. The words are the catalogue's
// (ui/i18n); the methods here word what only the screens word (problems,
// money, key help).
type Lang i18n.Lang

const (
	LangEN = Lang(i18n.EN)
	LangRU = Lang(i18n.RU)
	LangUZ = Lang(i18n.UZ)
)

// temporaryJournalText says that the embedded sandbox's journal goes with
// the console (History and the shift show it).
const temporaryJournalText = "Sandbox: this journal is temporary — its payments and Z reports go when the console quits."

// ParseLang reads a configured language; empty means English.
func ParseLang(s string) (Lang, error) {
	l, err := i18n.Parse(s)
	return Lang(l), err
}

// T translates an English text into l.
func (l Lang) T(en string) string { return i18n.Lang(l).T(en) }

// Tf translates a format (the English format is the key) and fills it in.
func (l Lang) Tf(format string, args ...any) string { return i18n.Lang(l).Tf(format, args...) }

// addCatalog adds an area's translations to the one catalogue, made when
// the catalogue is first needed (i18n.AddLater).
func addCatalog(table func() map[string][2]string) { i18n.AddLater(table) }

// T and Tf on styles: every View has the styles, so every View can speak
// the console's language.
func (s styles) T(en string) string                   { return s.lang.T(en) }
func (s styles) Tf(format string, args ...any) string { return s.lang.Tf(format, args...) }
