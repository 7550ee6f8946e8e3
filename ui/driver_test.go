package ui

import (
	"flag"
	"fmt"
	"io"
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

// driver is a small event loop for tests: it feeds messages to the App on
// the test's goroutine, with the typed model in reach, and has the
// commands they return run by a real Bubble Tea program (commands below),
// which delivers their messages back in order of arrival — tea.Batch and
// tea.Sequence as on a terminal. Cursor blinks and the one-second
// heartbeat are dropped; waits are for conditions, never for durations.
type driver struct {
	t    *testing.T
	app  App
	msgs chan tea.Msg
	quit bool
	read reads // what the console's start has read so far
	cmds *tea.Program
	done chan struct{} // the test is over: the program stops delivering
	// running is closed by the commands' Init, once Run has set the
	// program up: a Kill before then races with Run writing what Kill
	// reads (its handlers, its renderer), as the race detector caught in
	// a test that ended within 20 ms of its start.
	running chan struct{}
}

// reads are the answers the console asks for when it starts (App.Init).
type reads struct{ outbox, reconciled, holds, shift bool }

func newDriver(t *testing.T, app App, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, app: app, msgs: make(chan tea.Msg, 256), done: make(chan struct{}), running: make(chan struct{})}
	d.startCommands()
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

// run has the program run cmd. Sent from a goroutine of its own: the
// program may be waiting for the test to take a message.
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
	go d.cmds.Send(runCmd{late(cmd)})
}

// late holds cmd back by -late-commands.
func late(cmd tea.Cmd) tea.Cmd {
	if *lateCommands <= 0 {
		return cmd
	}
	return func() tea.Msg {
		time.Sleep(*lateCommands)
		return cmd()
	}
}

// runCmd asks the commands' program to run a command.
type runCmd struct{ cmd tea.Cmd }

// commands is the model of the program that runs the console's commands:
// it runs what it is asked to and hands every message it gets to the
// driver. The program has no terminal: no input, no renderer.
type commands struct{ d *driver }

func (d *driver) startCommands() {
	d.cmds = tea.NewProgram(commands{d},
		tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignalHandler(),
		tea.WithEnvironment([]string{}), tea.WithoutCatchPanics(), tea.WithFilter(d.intercept))
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		_, _ = d.cmds.Run()
	}()
	d.t.Cleanup(func() {
		close(d.done)
		select {
		case <-d.running:
			d.cmds.Kill()
		case <-ended: // Run failed before its start: nothing to kill
		}
		<-ended
	})
}

// intercept takes the messages the program would act on itself — a quit
// would end it — to the driver, and holds back a batch's commands too.
func (d *driver) intercept(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.QuitMsg, tea.InterruptMsg, tea.SuspendMsg:
		d.deliver(msg)
		return nil
	case tea.BatchMsg:
		held := make(tea.BatchMsg, len(msg))
		for i, c := range msg {
			held[i] = late(c)
		}
		return held
	}
	return msg
}

func (c commands) Init() tea.Cmd {
	close(c.d.running)
	return nil
}
func (c commands) View() tea.View { return tea.NewView("") }

func (c commands) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case runCmd:
		return c, msg.cmd
	case tea.WindowSizeMsg, tea.ColorProfileMsg, tea.EnvMsg:
		return c, nil // the program's own, at its start; the tests send the sizes
	}
	c.d.deliver(msg)
	return c, nil
}

// deliver hands msg to the driver, unless it is dropped or the test is over.
func (d *driver) deliver(msg tea.Msg) {
	if msg == nil || dropped(msg) {
		return
	}
	select {
	case d.msgs <- msg:
	case <-d.done:
	}
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
