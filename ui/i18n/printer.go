package i18n

import (
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// tags are the languages as x/text knows them.
var tags = map[Lang]language.Tag{EN: language.English, RU: language.Russian, UZ: language.Uzbek}

// printers holds a message.Printer per language over the catalogue as
// the tables make it. Each is built on the first Tf in its language, not at
// init: start-up pays nothing for it, an English console never builds the
// Russian and Uzbek messages, and a table added later (a test's) has them
// built anew.
var (
	printers [3]atomic.Pointer[message.Printer]
	building sync.Mutex
)

// slot is l's place in printers; anything else speaks English.
func slot(l Lang) int {
	switch l {
	case RU:
		return 1
	case UZ:
		return 2
	}
	return 0
}

// rebuild drops the built printers: the tables changed.
func rebuild() {
	for i := range printers {
		printers[i].Store(nil)
	}
}

// printerFor returns l's printer, building it if it is not.
func printerFor(l Lang) *message.Printer {
	i := slot(l)
	if p := printers[i].Load(); p != nil {
		return p
	}
	building.Lock()
	defer building.Unlock()
	p := printers[i].Load()
	if p == nil {
		p = build([]Lang{EN, RU, UZ}[i])
		printers[i].Store(p)
	}
	return p
}

// compiles builds every language's catalogue afresh, reporting a message
// x/text cannot compile instead of panicking on it.
func compiles() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	for _, l := range []Lang{EN, RU, UZ} {
		build(l)
	}
	return nil
}

// build sets l's texts into an x/text catalogue: a translation as a
// string, a plural text as a plural.Selectf of l's forms. English plain
// texts are not set: a key the catalogue lacks prints as itself, and the
// English text is the key.
func build(l Lang) *message.Printer {
	tag := tags[l]
	b := catalog.NewBuilder()
	if l != EN {
		catalogue()
		for en, tr := range texts {
			if t := tr[slot(l)-1]; t != "" {
				mustSet(b.SetString(tag, en, t))
			}
		}
	}
	for en, p := range plurals {
		mustSet(b.Set(tag, en, plural.Selectf(p.Arg, "", p.cases(l)...)))
	}
	return message.NewPrinter(tag, message.Catalog(b))
}

// mustSet panics on a message x/text cannot compile: the tables are
// fixed, and TestCatalogComplete builds them all.
func mustSet(err error) {
	if err != nil {
		panic("i18n: " + err.Error())
	}
}

// plain wraps each argument so the printer formats it as package fmt
// does. message.Printer would write numbers the language's way (1,500 in
// English, 1 500 in Russian); the console writes its amounts and counts
// itself, and every screen's text stays as it was under fmt.Sprintf.
func plain(args []any) []any {
	vs := make([]verbatim, len(args)) // one allocation for all, not one per argument
	out := make([]any, len(args))
	for i, a := range args {
		vs[i].v = a
		out[i] = &vs[i]
	}
	return out
}

// verbatim is an argument formatted by package fmt, whose count (if it is
// an integer) chooses a plural text's form.
type verbatim struct{ v any }

// Format writes v as fmt would under the same verb, flags, width and
// precision.
func (a *verbatim) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, verbFormat(s, verb), a.v)
}

// verbFormat is the format of one verb as s asks for it; the verbs the
// texts use bare are constants, so most arguments allocate nothing here.
func verbFormat(s fmt.State, verb rune) string {
	_, hasWidth := s.Width()
	_, hasPrec := s.Precision()
	if !hasWidth && !hasPrec && !s.Flag('-') && !s.Flag('+') && !s.Flag('#') && !s.Flag(' ') && !s.Flag('0') {
		switch verb {
		case 's':
			return "%s"
		case 'd':
			return "%d"
		case 'v':
			return "%v"
		case 'q':
			return "%q"
		}
	}
	return fmt.FormatString(s, verb)
}

// PluralForm is the CLDR plural category of an integer v in t. Anything
// else is "other": only counts choose forms.
func (a *verbatim) PluralForm(t language.Tag, _ int) (plural.Form, int) {
	rv := reflect.ValueOf(a.v)
	var n int64
	switch {
	case rv.CanInt():
		n = rv.Int()
	case rv.CanUint():
		n = int64(rv.Uint() % 10_000_000)
	default:
		return plural.Other, -1
	}
	if n < 0 {
		n = -n
	}
	n %= 10_000_000 // as plural.Interface allows: the rules look at the last digits
	return plural.Cardinal.MatchPlural(t, int(n), 0, 0, 0, 0), int(n)
}
