package flows

import (
	"encoding/json"
	"strings"
)

// storedCodeMark parts a stored problem's English from its code: the
// journal's problem column reads "English␟{code and args}". JSON escapes
// every control character, so the last mark is always the one.
const storedCodeMark = "\x1f"

type storedProblem struct {
	Code ProblemCode     `json:"code,omitempty"`
	Args []storedProblem `json:"args,omitempty"`
	Text string          `json:"text,omitempty"`
}

func (p Problem) stored() storedProblem {
	s := storedProblem{Code: p.Code, Text: p.Text}
	for _, a := range p.Args {
		s.Args = append(s.Args, a.stored())
	}
	return s
}

func (s storedProblem) problem() Problem {
	p := Problem{Code: s.Code, Text: s.Text}
	for _, a := range s.Args {
		p.Args = append(p.Args, a.problem())
	}
	return p
}

// Stored is the problem as the journal keeps it: its English, then its
// code and arguments, so a person reading the journal reads the English
// and the console words it again in the cashier's language.
func (p Problem) Stored() string {
	if p.Code == "" {
		return p.Text
	}
	b, err := json.Marshal(p.stored())
	if err != nil { // strings and slices of them always marshal
		return p.English()
	}
	return p.English() + storedCodeMark + string(b)
}

// ParseProblem reads a problem the journal kept (Stored). A journal from
// before problems had codes holds English only: a fixed sentence gets its
// code back; any other text, or a code this program does not know, shows
// as the English it was stored with.
func ParseProblem(s string) Problem {
	if i := strings.LastIndex(s, storedCodeMark); i >= 0 {
		var sp storedProblem
		if json.Unmarshal([]byte(s[i+len(storedCodeMark):]), &sp) == nil {
			if p := sp.problem(); p.known() {
				return p
			}
		}
		return Words(s[:i])
	}
	if c, ok := fixedProblems[s]; ok {
		return problem(c)
	}
	return Words(s)
}

// known reports whether p and every problem inside it have a code this
// program words.
func (p Problem) known() bool {
	if p.Code != "" && problemFormats[p.Code] == "" {
		return false
	}
	for _, a := range p.Args {
		if !a.known() {
			return false
		}
	}
	return true
}

// fixedProblems finds the code of an old journal's English for the codes
// without arguments.
var fixedProblems = func() map[string]ProblemCode {
	m := map[string]ProblemCode{}
	for c, f := range problemFormats {
		if !strings.Contains(f, "%") {
			m[f] = c
		}
	}
	return m
}()
