package ui

import (
	"flag"
	"fmt"
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

// lateCommands holds back every command's message, as a loaded machine
// does: a check that reads the model right after a key, instead of waiting
// for the state it checks, then reads the old state and fails.
var lateCommands = flag.Duration("late-commands", 0, "delay every command the driver runs (go test ./ui -late-commands=50ms)")

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
	read reads // what the console's start has read so far
}

// reads are the answers the console asks for when it starts (App.Init).
type reads struct{ outbox, reconciled, holds, shift bool }

func newDriver(t *testing.T, app App, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, app: app, msgs: make(chan tea.Msg, 256)}
	d.app.noTick = true
	d.run(d.app.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.until("the console's start (outbox, unfinished payments, holds, shift)", func(a App) bool {
		return d.started(a.opts)
	})
	return d
}

// started says whether the console has read what it reads when it starts:
// a test looks at the console once it has, as the cashier does.
func (d *driver) started(o Options) bool {
	return (o.Outbox == nil || d.read.outbox) &&
		(o.Reconcile == nil || d.read.reconciled) &&
		(o.Journal == nil || d.read.holds && d.read.shift)
}

// note marks the start's answers as they are handled.
func (d *driver) note(msg tea.Msg) {
	switch msg := msg.(type) {
	case outboxMsg:
		d.read.outbox = true
	case reconciledMsg:
		d.read.reconciled = true
	case holdsMsg:
		d.read.holds = true
	case shiftInfoMsg:
		d.read.shift = d.read.shift || msg.atStart
	}
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if reflect.ValueOf(cmd).Pointer() == quitCode {
		// Quitting is known at once, so that a check that the console did
		// not quit cannot pass only because the quit is still on its way.
		d.quit = true
		return
	}
	go func() {
		if *lateCommands > 0 {
			time.Sleep(*lateCommands)
		}
		if msg := cmd(); msg != nil && !dropped(msg) {
			d.msgs <- msg
		}
	}()
}

// quitCode is tea.Quit's code: the console returns tea.Quit itself.
var quitCode = reflect.ValueOf(tea.Quit).Pointer()

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
	d.note(msg)
	m, cmd := d.app.Update(msg)
	d.app = m.(App)
	d.run(cmd)
}

// send delivers msg and then whatever its commands have already queued.
// A command still running is not waited for: a test that needs its
// outcome waits for it with until or untilScreen.
func (d *driver) send(msgs ...tea.Msg) {
	d.t.Helper()
	for _, m := range msgs {
		d.handle(m)
		d.settle()
	}
}

// settle handles the messages already queued and returns: it never waits
// for a quiet moment, which a slow machine does not promise.
func (d *driver) settle() {
	for {
		select {
		case m := <-d.msgs:
			d.handle(m)
		default:
			return
		}
	}
}

// until processes messages until cond holds, failing after a generous
// limit (the condition, not the time, is what is tested). It looks again
// now and then without a message too: some conditions are outside the
// model (a runner or a journal written to by a command).
func (d *driver) until(what string, cond func(App) bool) {
	d.t.Helper()
	limit := time.After(20 * time.Second)
	again := time.NewTicker(5 * time.Millisecond)
	defer again.Stop()
	for !cond(d.app) {
		select {
		case m := <-d.msgs:
			d.handle(m)
		case <-again.C:
		case <-limit:
			d.t.Fatalf("never got to %s; screen:\n%s", what, d.screen())
		}
	}
}

// untilScreen processes messages until the screen shows want.
func (d *driver) untilScreen(want string) {
	d.t.Helper()
	d.until(fmt.Sprintf("a screen with %q", want), func(App) bool { return strings.Contains(d.screen(), want) })
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
