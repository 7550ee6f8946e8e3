package i18n

import "fmt"

// Plural is a text whose words follow a count, with a form for each
// plural category its language has in CLDR: English and Uzbek tell one
// from other; Russian tells one (1, 21, 101), few (2–4, 22–24) and many
// (0, 5–20, 25–30, 11–14). Each form is a whole format with the English
// key's verbs in the same order, the count included ("%d attempt left",
// "%d attempts left").
type Plural struct {
	// Arg is the count among the format's arguments, from 1, as in %[1]d.
	Arg int
	EN  [2]string // one, other
	RU  [3]string // one, few, many (also a fraction's "other": "1,5 попытки" is few)
	UZ  [2]string // one, other
}

// plurals maps an English format to its forms.
var plurals = map[string]Plural{}

// AddPlural adds texts that follow a count: English format → forms. The
// key is the English text with a count other than one ("%d attempts
// left"), as callers and composed texts use it.
func AddPlural(m map[string]Plural) {
	for en, p := range m {
		// Before the catalogue is made (catalogue), the texts are checked
		// against the plurals as they are put in it.
		if _, ok := texts[en]; ok {
			clashes = append(clashes, fmt.Sprintf("%q added both as a plain text and as a plural", en))
			continue
		}
		if old, ok := plurals[en]; ok {
			if old != p {
				clashes = append(clashes, fmt.Sprintf("%q given two sets of plural forms: %v and %v", en, old, p))
			}
			continue
		}
		plurals[en] = p
	}
	rebuild()
}

// PluralOf returns en's forms, if en is a plural text.
func PluralOf(en string) (Plural, bool) {
	p, ok := plurals[en]
	return p, ok
}

// forms is l's forms, in the order of the Plural's fields.
func (p Plural) forms(l Lang) []string {
	switch l {
	case RU:
		return p.RU[:]
	case UZ:
		return p.UZ[:]
	}
	return p.EN[:]
}

// general is the form T gives for a plural text without its count.
func (p Plural) general(l Lang) string {
	switch l {
	case RU:
		return p.RU[2]
	case UZ:
		return p.UZ[1]
	}
	return p.EN[1]
}

// cases is the forms of l as plural.Selectf takes them: selector,
// message, …; Russian "other" (fractions) takes the few form.
func (p Plural) cases(l Lang) []any {
	switch l {
	case RU:
		return []any{"one", p.RU[0], "few", p.RU[1], "many", p.RU[2], "other", p.RU[1]}
	case UZ:
		return []any{"one", p.UZ[0], "other", p.UZ[1]}
	}
	return []any{"one", p.EN[0], "other", p.EN[1]}
}
