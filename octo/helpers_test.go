package octo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// normalizeJSONC repairs the documentation's examples into JSON:
// typographic quotes, no-break spaces, `//` comments, and the comma a
// comment swallowed.
func normalizeJSONC(b []byte) []byte {
	s := strings.NewReplacer("“", `"`, "”", `"`, "\u00a0", " ").Replace(string(b))
	var out strings.Builder
	inStr := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if inStr {
			out.WriteByte(ch)
			switch ch {
			case '\\':
				if i+1 < len(s) {
					i++
					out.WriteByte(s[i])
				}
			case '"':
				inStr = false
			}
			continue
		}
		if ch == '/' && i+1 < len(s) && s[i+1] == '/' {
			for i < len(s) && s[i] != '\n' {
				i++
			}
			if i < len(s) {
				out.WriteByte('\n')
			}
			continue
		}
		if ch == '"' {
			inStr = true
		}
		out.WriteByte(ch)
	}
	lines := strings.Split(out.String(), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \t")
	}
	for i := 0; i+1 < len(lines); i++ {
		cur := lines[i]
		next := ""
		for j := i + 1; j < len(lines); j++ {
			if t := strings.TrimSpace(lines[j]); t != "" {
				next = t
				break
			}
		}
		if cur == "" || !strings.HasPrefix(next, `"`) {
			continue
		}
		if strings.ContainsRune(`"0123456789el}]`, rune(cur[len(cur)-1])) {
			lines[i] = cur + ","
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// fixture reads testdata/name.json, repaired into JSON.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	b = normalizeJSONC(b)
	if !json.Valid(b) {
		t.Fatalf("fixture %s is not JSON after repair:\n%s", name, b)
	}
	return b
}

// allFixtures lists every fixture name, repaired.
func allFixtures(t testing.TB) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	out := make(map[string][]byte)
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		out[name] = fixture(t, name)
	}
	return out
}

// fakeClock stands in for the wall clock: sleeping advances it at once
// and records the wait.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	waits []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 12, 18, 11, 15, 34, 0, time.UTC)}
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	f.waits = append(f.waits, d)
	if d > 0 {
		f.t = f.t.Add(d)
	}
	f.mu.Unlock()
	return ctx.Err()
}

func (f *fakeClock) recorded() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.waits...)
}

// hit is one request the fake OCTO received.
type hit struct {
	Method, Path string
	Body         []byte
}

// fakeOCTO is an httptest server whose answers a test scripts. reply gets
// the 1-based number of the hit.
type fakeOCTO struct {
	srv   *httptest.Server
	mu    sync.Mutex
	hits  []hit
	reply func(n int, h hit, w http.ResponseWriter, r *http.Request)
}

const (
	testShopID = 123
	testSecret = "537da54b-835a-4968-9864-c2ae02c5902e"
)

func newFake(t testing.TB, reply func(n int, h hit, w http.ResponseWriter, r *http.Request)) *fakeOCTO {
	t.Helper()
	f := &fakeOCTO{reply: reply}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h := hit{Method: r.Method, Path: r.URL.Path, Body: body}
		f.mu.Lock()
		f.hits = append(f.hits, h)
		n := len(f.hits)
		f.mu.Unlock()
		f.reply(n, h, w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// answer replies with a fixed status and body.
func answer(status int, body string) func(int, hit, http.ResponseWriter, *http.Request) {
	return func(_ int, _ hit, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func (f *fakeOCTO) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.hits)
}

func (f *fakeOCTO) last(t testing.TB) hit {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.hits) == 0 {
		t.Fatal("the fake OCTO got no request")
	}
	return f.hits[len(f.hits)-1]
}

// testRetry keeps retries quick; with the fake clock nothing really waits.
var testRetry = RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MinReadInterval: time.Second}

// client returns a client of the fake with the fake clock.
func (f *fakeOCTO) client(opts ...Option) (*Client, *fakeClock) {
	return newTestClient(f.srv.URL, testShopID, testSecret, opts...)
}

func newTestClient(base string, shopID int64, secret string, opts ...Option) (*Client, *fakeClock) {
	all := append([]Option{WithBaseURL(base), WithRetry(testRetry), WithTimeout(10 * time.Second)}, opts...)
	c := NewClient(shopID, secret, all...)
	clk := newFakeClock()
	c.now, c.sleep = clk.now, clk.sleep
	return c, clk
}

// dec parses a decimal for expectations.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// diff lists the fields where got and want differ; decimals and times
// compare by value, not by representation.
func diff(got, want any) []string {
	var out []string
	diffValue("", reflect.ValueOf(got), reflect.ValueOf(want), &out)
	return out
}

var (
	decimalType = reflect.TypeOf(decimal.Decimal{})
	timeType    = reflect.TypeOf(time.Time{})
)

func diffValue(path string, g, w reflect.Value, out *[]string) {
	if g.Kind() == reflect.Pointer && w.Kind() == reflect.Pointer {
		if g.IsNil() || w.IsNil() {
			if g.IsNil() != w.IsNil() {
				*out = append(*out, fmt.Sprintf("%s: got nil=%v, want nil=%v", path, g.IsNil(), w.IsNil()))
			}
			return
		}
		diffValue(path, g.Elem(), w.Elem(), out)
		return
	}
	switch g.Type() {
	case decimalType:
		gd, wd := g.Interface().(decimal.Decimal), w.Interface().(decimal.Decimal)
		if !gd.Equal(wd) {
			*out = append(*out, fmt.Sprintf("%s: got %s, want %s", path, gd, wd))
		}
		return
	case timeType:
		gt, wt := g.Interface().(time.Time), w.Interface().(time.Time)
		if !gt.Equal(wt) {
			*out = append(*out, fmt.Sprintf("%s: got %s, want %s", path, gt, wt))
		}
		return
	}
	if g.Kind() == reflect.Struct {
		for i := 0; i < g.NumField(); i++ {
			if !g.Type().Field(i).IsExported() {
				continue
			}
			diffValue(path+"."+g.Type().Field(i).Name, g.Field(i), w.Field(i), out)
		}
		return
	}
	if !reflect.DeepEqual(g.Interface(), w.Interface()) {
		*out = append(*out, fmt.Sprintf("%s: got %v, want %v", path, g.Interface(), w.Interface()))
	}
}

// decodeGeneric reads JSON keeping numbers as text.
func decodeGeneric(t testing.TB, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

// compareJSON compares a request the client encoded with the documented
// example field by field: the same keys (or, with subset, want's keys
// only), numbers by decimal value, and "{{template}}" values matching
// anything of the right kind.
func compareJSON(path string, got, want any, subset bool) []string {
	var out []string
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: got %T, want an object", path, got)}
		}
		if !subset {
			var extra []string
			for k := range g {
				if _, ok := w[k]; !ok {
					extra = append(extra, k)
				}
			}
			sort.Strings(extra)
			for _, k := range extra {
				out = append(out, fmt.Sprintf("%s.%s: sent but not in the example", path, k))
			}
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: in the example but not sent", path, k))
				continue
			}
			out = append(out, compareJSON(path+"."+k, gv, w[k], subset)...)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
		}
		for i := range w {
			out = append(out, compareJSON(fmt.Sprintf("%s[%d]", path, i), g[i], w[i], subset)...)
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return []string{fmt.Sprintf("%s: got %v (%T), want number %s", path, got, got, w)}
		}
		if !dec(string(g)).Equal(dec(string(w))) {
			out = append(out, fmt.Sprintf("%s: got %s, want %s", path, g, w))
		}
	case string:
		if strings.HasPrefix(w, "{{") && strings.HasSuffix(w, "}}") {
			if got == nil {
				out = append(out, fmt.Sprintf("%s: got null for %s", path, w))
			}
			return out
		}
		if got != want {
			out = append(out, fmt.Sprintf("%s: got %v, want %q", path, got, w))
		}
	default:
		if !reflect.DeepEqual(got, want) {
			out = append(out, fmt.Sprintf("%s: got %v, want %v", path, got, want))
		}
	}
	return out
}
