package ui

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current View()")

// driver is a small event loop for tests: it feeds messages to the App and
// runs the commands they return in goroutines, delivering their messages
// back in order of arrival, like Bubble Tea does, but with the typed model
// in reach. Cursor blinks and the one-second heartbeat are dropped, so the
// loop quiesces; waits are for conditions, never for durations.
type driver struct {
	t    *testing.T
	app  App
	msgs chan tea.Msg
	quit bool
}

func newDriver(t *testing.T, app App, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, app: app, msgs: make(chan tea.Msg, 256)}
	d.app.noTick = true
	d.run(d.app.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if msg := cmd(); msg != nil && !dropped(msg) {
			d.msgs <- msg
		}
	}()
}

// dropped are messages the loop does not feed back: timers that would keep
// it busy for ever.
func dropped(msg tea.Msg) bool {
	switch msg.(type) {
	case tickMsg:
		return true
	}
	p := reflect.TypeOf(msg).PkgPath()
	return strings.HasSuffix(p, "/cursor") || strings.HasSuffix(p, "/spinner")
}

func (d *driver) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
		return
	case tea.QuitMsg:
		d.quit = true
		return
	}
	if reflect.TypeOf(msg).String() == "tea.sequenceMsg" {
		// Sequences are rare here; run their commands one after the other.
		v := reflect.ValueOf(msg)
		for i := 0; i < v.Len(); i++ {
			if c, ok := v.Index(i).Interface().(tea.Cmd); ok && c != nil {
				if m := c(); m != nil && !dropped(m) {
					d.handle(m)
				}
			}
		}
		return
	}
	m, cmd := d.app.Update(msg)
	d.app = m.(App)
	d.run(cmd)
}

// send delivers msg and then everything that arrives until the loop is
// quiet: no message for a short while after the last one.
func (d *driver) send(msgs ...tea.Msg) {
	d.t.Helper()
	for _, m := range msgs {
		d.handle(m)
		d.settle()
	}
}

// settle drains messages until none has arrived for a moment. It never
// fails on time: it only decides when to look.
func (d *driver) settle() {
	for {
		select {
		case m := <-d.msgs:
			d.handle(m)
		case <-time.After(30 * time.Millisecond):
			return
		}
	}
}

// until processes messages until cond holds, failing after a generous
// limit (the condition, not the time, is what is tested).
func (d *driver) until(what string, cond func(App) bool) {
	d.t.Helper()
	limit := time.After(20 * time.Second)
	for !cond(d.app) {
		select {
		case m := <-d.msgs:
			d.handle(m)
		case <-limit:
			d.t.Fatalf("never got to %s; screen:\n%s", what, d.screen())
		}
	}
}

// typeText sends s as key presses, one rune each.
func (d *driver) typeText(s string) {
	for _, r := range s {
		d.handle(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	d.settle()
}

func (d *driver) key(code rune) { d.send(tea.KeyPressMsg{Code: code}) }

// screen is the view as plain text.
func (d *driver) screen() string { return plain(d.app.View().Content) }

// plain renders styled content through a fixed colour profile (none), so
// golden files read as the screen does with NO_COLOR.
func plain(s string) string {
	var b strings.Builder
	w := colorprofile.NewWriter(&b, nil)
	w.Profile = colorprofile.NoTTY
	_, _ = w.WriteString(s)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// golden compares the screen with testdata/<name>.golden.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./ui -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
