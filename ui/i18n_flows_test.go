package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestFlowsProblemsTranslated reads package flows' source for the problem
// texts it can produce (what it assigns to Problem, its msg* constants and
// what refusal and attemptsWord return), fills the values in, and checks
// that a Russian cashier reads each without an English word left: a new
// problem text in flows shows up here until it is in the catalog. The
// values stand in as "X" (OCTO's own message, an error), which stays.
func TestFlowsProblemsTranslated(t *testing.T) {
	texts := flowsProblemTexts(t)
	if len(texts) < 40 {
		t.Fatalf("found only %d problem texts in flows; has the source moved?", len(texts))
	}
	english := regexp.MustCompile(`[A-Za-z]{3,}`)
	allowed := map[string]bool{"OCTO": true, "Secure": true, "flows": true}
	for _, en := range texts {
		ru := LangRU.Problem(en)
		for _, w := range english.FindAllString(ru, -1) {
			if !allowed[w] {
				t.Errorf("%q\n  reads %q in Russian: %q is English", en, ru, w)
				break
			}
		}
	}
}

// flowsProblemTexts lists the problem texts of flows' source with their
// values filled in.
func flowsProblemTexts(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	var texts []string
	seen := map[string]bool{}
	add := func(ss ...string) {
		for _, s := range ss {
			if s != "" && !seen[s] {
				seen[s] = true
				texts = append(texts, s)
			}
		}
	}
	for _, name := range []string{"payment.go", "binding.go", "problem.go", "hosted.go"} {
		f, err := parser.ParseFile(fset, filepath.Join("..", "flows", name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec: // const msgX = "..."
				for i, id := range n.Names {
					if strings.HasPrefix(id.Name, "msg") && i < len(n.Values) {
						add(expand(n.Values[i])...)
					}
				}
			case *ast.AssignStmt: // n.Problem = ..., n.State, n.Problem = ..., ...
				if len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, l := range n.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "Problem" {
						add(expand(n.Rhs[i])...)
					}
				}
			case *ast.FuncDecl: // what refusal and attemptsWord return
				if n.Name.Name != "refusal" && n.Name.Name != "attemptsWord" {
					return true
				}
				ast.Inspect(n.Body, func(m ast.Node) bool {
					if r, ok := m.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
						add(expand(r.Results[0])...)
					}
					return true
				})
				return false
			}
			return true
		})
	}
	return texts
}

// refusalNothing is what refusal's nothing takes in flows ("nothing was ...").
var refusalNothing = []string{"charged", "refunded", "changed", "saved", "blocked"}

// expand writes out the texts an expression can be: literals as they are,
// refusal's nothing as each of its words, a Sprintf with its verbs filled,
// any other value as "X" (a call to refusal is listed on its own).
func expand(e ast.Expr) []string {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, _ := strconv.Unquote(e.Value)
			return []string{s}
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			var out []string
			for _, l := range expand(e.X) {
				for _, r := range expand(e.Y) {
					out = append(out, l+r)
				}
			}
			return out
		}
	case *ast.Ident:
		if e.Name == "nothing" {
			return refusalNothing
		}
		if e.Name == "notProvided" {
			return []string{"charged"}
		}
		if e.Name == "notRefunded" {
			return []string{"refunded"}
		}
		if strings.HasPrefix(e.Name, "msg") {
			return nil // listed from its const
		}
		if e.Name == "nil" {
			return nil
		}
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" && len(e.Args) > 0 {
			formats := expand(e.Args[0])
			if len(formats) != 1 {
				return []string{"X"}
			}
			out := []string{formats[0]}
			for _, a := range e.Args[1:] {
				vals := []string{"X"}
				if id, ok := a.(*ast.Ident); ok && id.Name == "nothing" {
					vals = refusalNothing
				}
				var next []string
				for _, o := range out {
					for _, v := range vals {
						next = append(next, fillFirstVerb(o, v))
					}
				}
				out = next
			}
			return out
		}
	}
	return []string{"X"}
}

// fillFirstVerb puts v in place of the first %s or %d (a number for %d).
func fillFirstVerb(format, v string) string {
	i := strings.Index(format, "%")
	for i >= 0 && i+1 < len(format) && format[i+1] != 's' && format[i+1] != 'd' {
		j := strings.Index(format[i+1:], "%")
		if j < 0 {
			return format
		}
		i += 1 + j
	}
	if i < 0 || i+1 >= len(format) {
		return format
	}
	if format[i+1] == 'd' {
		v = "2"
	}
	return format[:i] + v + format[i+2:]
}
