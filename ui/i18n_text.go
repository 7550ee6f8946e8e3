package ui

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// Text translates a text composed in English elsewhere: an error the root
// shows, a validator's refusal (Err). flows' problems do not come here:
// they are codes the screens word (Lang.Problem). A text is translated
//
//  1. whole, if the catalog has it;
//  2. by a catalog format that matches the whole text ("reading the open
//     holds: %s"), its %s parts translated in turn and its %d parts kept;
//  3. else clause by clause, between top-level "; " and " — ".
//
// A part nobody translated (OCTO's own message) shows as it came.
func (l Lang) Text(s string) string {
	if l == LangEN || l == "" || s == "" {
		return s
	}
	if i18n.Has(s) {
		return l.T(s)
	}
	if t, ok := l.fromFormat(s); ok {
		return t
	}
	for _, sep := range []string{"; ", " — "} {
		if parts := splitTopLevel(s, sep); len(parts) > 1 {
			for i, p := range parts {
				parts[i] = l.Text(p)
			}
			return strings.Join(parts, sep)
		}
	}
	if t, ok := octoRefusal("", 0, s, l); ok {
		return t
	}
	return s
}

// Text on styles, for Views.
func (s styles) Text(text string) string { return s.lang.Text(text) }

// Err is err with its text in l, for a message shown where the cashier
// types (a huh validator's error). Nil stays nil.
func (l Lang) Err(err error) error {
	if err == nil {
		return nil
	}
	return problem(l.Text(err.Error()))
}

// fromFormat matches s against the catalog's formats.
func (l Lang) fromFormat(s string) (string, bool) {
	for _, f := range compiledFormats() {
		m := f.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		args := make([]any, len(f.verbs))
		for i, v := range f.verbs {
			if v == 'd' {
				n, err := strconv.Atoi(m[i+1])
				if err != nil {
					return "", false
				}
				args[i] = n
			} else {
				args[i] = l.Text(m[i+1])
			}
		}
		return l.Tf(f.format, args...), true
	}
	return "", false
}

// textFormat is a catalog format with only %s and %d verbs, as a pattern.
type textFormat struct {
	format string
	re     *regexp.Regexp
	verbs  []byte // 's' or 'd', in order
	fixed  int    // the length of its literal text: longer is more specific
}

var (
	formatsOnce sync.Once
	formats     []textFormat
)

// compiledFormats turns the catalog's formats into patterns, once: the
// catalog is complete after init.
func compiledFormats() []textFormat {
	formatsOnce.Do(func() {
		for _, en := range i18n.Entries() {
			if f, ok := compileFormat(en); ok {
				formats = append(formats, f)
			}
		}
		sort.Slice(formats, func(i, j int) bool {
			if formats[i].fixed != formats[j].fixed {
				return formats[i].fixed > formats[j].fixed
			}
			return formats[i].format < formats[j].format
		})
	})
	return formats
}

// compileFormat makes a pattern of a format that has %s or %d verbs and
// enough literal text to be recognised (a bare "%s" matches anything).
func compileFormat(format string) (textFormat, bool) {
	var re strings.Builder
	var verbs []byte
	fixed := 0
	re.WriteString("(?s)^")
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			j := i + 1 // the literal text up to the next verb, quoted whole (it may hold multi-byte runes)
			for j < len(format) && format[j] != '%' {
				j++
			}
			re.WriteString(regexp.QuoteMeta(format[i:j]))
			fixed += j - i
			i = j - 1
			continue
		}
		i++
		switch format[i] {
		case 's':
			re.WriteString("(.+?)")
		case 'd':
			re.WriteString("(-?[0-9]+)")
		case '%':
			re.WriteString("%")
			fixed++
			continue
		default:
			return textFormat{}, false // widths and other verbs: not for texts
		}
		verbs = append(verbs, format[i])
	}
	re.WriteString("$")
	if len(verbs) == 0 || fixed < 4 {
		return textFormat{}, false
	}
	return textFormat{format: format, re: regexp.MustCompile(re.String()), verbs: verbs, fixed: fixed}, true
}

// splitTopLevel splits s at sep outside parentheses.
func splitTopLevel(s, sep string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && strings.HasPrefix(s[i:], sep) {
			parts = append(parts, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(parts, s[start:])
}
