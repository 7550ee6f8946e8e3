package flows

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// flows is the rules of money only: no database, no network, no files.
// The journals live in flows/journal, the runner and the listener in
// flows/run; a forbidden import here means I/O crept back in.
var forbiddenImports = []string{
	"database/sql", "database/sql/driver",
	"net", "net/http", "net/http/httptest", "net/rpc", "net/smtp",
	"os", "os/exec", "os/signal", "io/ioutil", "path/filepath", "syscall",
}

// forbiddenPrefixes are whole module trees: the database drivers.
var forbiddenPrefixes = []string{"modernc.org/", "github.com/jackc/"}

// impureImports lists "file: import" for every forbidden import of the
// Go source src (a file name and its text).
func impureImports(t *testing.T, src map[string]string) []string {
	t.Helper()
	var bad []string
	fset := token.NewFileSet()
	for name, text := range src {
		f, err := parser.ParseFile(fset, name, text, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			if slices.Contains(forbiddenImports, path) ||
				slices.ContainsFunc(forbiddenPrefixes, func(p string) bool { return strings.HasPrefix(path, p) }) {
				bad = append(bad, name+": "+path)
			}
		}
	}
	slices.Sort(bad)
	return bad
}

func TestFlowsDoesNoIO(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	src := map[string]string{}
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue // tests may use files and servers
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		src[n] = string(b)
	}
	if len(src) < 10 {
		t.Fatalf("found only %d source files of flows: %v", len(src), names)
	}
	if bad := impureImports(t, src); len(bad) > 0 {
		t.Errorf("flows imports what does I/O (move it to flows/journal or flows/run):\n%s", strings.Join(bad, "\n"))
	}
}

// The check itself: it catches each kind of forbidden import, blank and
// named ones too, and lets pure ones through.
func TestImpureImportsCaught(t *testing.T) {
	got := impureImports(t, map[string]string{
		"a.go": `package flows
import (
	"context"
	"net/url"
	"database/sql"
	_ "modernc.org/sqlite"
	pg "github.com/jackc/pgx/v5"
)`,
		"b.go": `package flows
import "os"`,
		"c.go": `package flows
import ("log/slog"; "time")`,
	})
	want := []string{"a.go: database/sql", "a.go: github.com/jackc/pgx/v5", "a.go: modernc.org/sqlite", "b.go: os"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
