package main

import (
	"bytes"
	"os"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

type viewOnly struct{}

func (viewOnly) Init() tea.Cmd                       { return nil }
func (viewOnly) Update(tea.Msg) (tea.Model, tea.Cmd) { return viewOnly{}, nil }
func (viewOnly) View() tea.View                      { return tea.NewView("What would you like to do?") }

func drawnYet(w *frameWatch) bool {
	select {
	case <-w.drawn:
		return true
	default:
		return false
	}
}

// The first frame is the first write after the first View that is more
// than Bubble Tea's terminal queries: neither a second View before any
// write nor the queries' own write (both came before the frame) opens the
// journal while the renderer draws.
func TestFrameWatchWaitsForTheFrame(t *testing.T) {
	f, err := os.Create(t.TempDir() + "/tty")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := newFrameWatch()
	w.settle = 0 // TestFrameWatchLetsTheFrameSettle
	out := w.output(f)
	m := &firstFrame{Model: viewOnly{}, w: w}
	if _, err := out.Write([]byte("\x1b[?25l")); err != nil { // before any View: the terminal's set-up
		t.Fatal(err)
	}
	m.View()
	m.View() // a resize or the colour profile before the first tick
	if drawnYet(w) {
		t.Fatal("drawn on a second View, before any frame was written")
	}
	if _, err := out.Write([]byte("\x1b[?2026$p\x1b[?2027$p")); err != nil {
		t.Fatal(err)
	}
	if drawnYet(w) {
		t.Fatal("drawn on the terminal queries' write")
	}
	if _, err := out.Write([]byte("\x1b[?1049h\x1b[HWhat would you like to do?")); err != nil {
		t.Fatal(err)
	}
	if !drawnYet(w) {
		t.Fatal("the frame's write did not count as drawn")
	}
}

// The collector's pace is set as the first frame is written; the rest of
// the work that waits for it (the journal, the forms' warming) begins a
// while later (afterDrawn), not beside the first keys of someone typing at
// once. A run without a terminal (done) waits for neither.
func TestFrameWatchLetsTheFrameSettle(t *testing.T) {
	f, err := os.Create(t.TempDir() + "/tty")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if newFrameWatch().settle != afterDrawn {
		t.Fatalf("a new watch settles for %v, want %v", newFrameWatch().settle, afterDrawn)
	}
	frame := func(w *frameWatch) {
		t.Helper()
		m := &firstFrame{Model: viewOnly{}, w: w}
		m.View()
		if _, err := w.output(f).Write([]byte("\x1b[?1049h\x1b[HWhat would you like to do?")); err != nil {
			t.Fatal(err)
		}
	}
	closed := func(c chan struct{}) bool {
		select {
		case <-c:
			return true
		default:
			return false
		}
	}
	long := newFrameWatch()
	long.settle = time.Hour
	frame(long)
	if !closed(long.drawn) || closed(long.settled) {
		t.Fatalf("as the frame was written: drawn %v, settled %v; want drawn, not yet settled", closed(long.drawn), closed(long.settled))
	}
	none := newFrameWatch()
	none.done() // no terminal: both at once
	if !closed(none.drawn) || !closed(none.settled) {
		t.Fatal("done did not count as drawn and settled")
	}
	short := newFrameWatch()
	short.settle = time.Millisecond
	frame(short)
	select {
	case <-short.settled:
	case <-time.After(time.Minute):
		t.Fatal("not settled a minute after the frame")
	}
}

// Output that is no terminal file (a test's buffer, an SSH session) is not
// watched: the first View is the frame.
func TestFrameWatchUnwatchedOutputCountsTheView(t *testing.T) {
	w := newFrameWatch()
	w.output(&bytes.Buffer{})
	m := &firstFrame{Model: viewOnly{}, w: w}
	if drawnYet(w) {
		t.Fatal("drawn before any View")
	}
	m.View()
	if !drawnYet(w) {
		t.Fatal("the first View did not count as drawn")
	}
}

func TestOnlyModeQueries(t *testing.T) {
	for in, want := range map[string]bool{
		"\x1b[?2026$p":              true,
		"\x1b[?2026$p\x1b[?2027$p":  true,
		"":                          true,
		"\x1b[?2026$pW":             false,
		"\x1b[?$p":                  false,
		"\x1b[?2026h":               false,
		"\x1b[>4m\x1b[?1049h\x1b[H": false,
	} {
		if got := onlyModeQueries([]byte(in)); got != want {
			t.Errorf("onlyModeQueries(%q) = %v, want %v", in, got, want)
		}
	}
}
