package common

import (
	"regexp"
	"sync"
)

// CompileLater returns expr compiled on its first use. A package variable
// compiled with regexp.MustCompile is compiled at init, by every start of
// the console, before its first frame — for texts most starts never
// match (a history search, a timeline's notes, a malformed body).
func CompileLater(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
