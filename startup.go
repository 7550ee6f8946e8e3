package main

import (
	"bytes"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The first frame needs none of the journal: the home screen draws from
// the configuration alone, and everything that reads or writes the
// journal waits for it (journalGate). Opening it creates the database on
// a first start (schema, indexes), a few milliseconds of CPU that, on a
// busy machine, the first frame would otherwise wait behind. So the
// journal opens once the first frame is on the terminal.

// afterDrawn is how long after the first frame is written the work that
// waits for it begins: the journal's opening and the forms' warming. A
// person reads a new screen for a quarter second or more before the first
// key; keys typed faster than that (a scanner, a paste, make ptybench)
// came while that work ran beside the screens on a two-core machine and
// missed frames: n took 16–23 ms to echo and the order form's first digit
// 22–26, against 7–8 and 16–18 with the work begun 150 ms on (15
// alternating runs each; key p50 9.3 → 8.4–8.6 ms). The collector's pace
// is set at the frame itself: left off 150 ms longer, a burst of keys
// piled up garbage (make memwalk's peak 37.5 → 38.7 MB).
const afterDrawn = 150 * time.Millisecond

// firstFrameWait bounds the wait for the first frame: a console whose
// screens never draw (accessible mode reads the terminal itself) still
// opens its journal.
const firstFrameWait = 250 * time.Millisecond

// frameWatch tells when the first frame has been written: Bubble Tea takes
// the first View, then, on its renderer's first tick, writes its terminal
// queries and the frame, so the first write after that View that is more
// than queries is the frame. (Counting the queries' write, or a second
// View before any write, as the frame opened the journal — a SQLite file
// created, many milliseconds of CPU — while the renderer drew the frame,
// and the frame waited for it.)
type frameWatch struct {
	viewed    atomic.Bool
	unwatched atomic.Bool   // no terminal file to watch: the first View is the frame
	settle    time.Duration // from drawn to settled: afterDrawn
	once      sync.Once
	drawn     chan struct{} // the first frame is on the terminal: the collector's pace
	settled   chan struct{} // a while later: the journal's opening, the forms' warming
}

func newFrameWatch() *frameWatch {
	return &frameWatch{drawn: make(chan struct{}), settled: make(chan struct{}), settle: afterDrawn}
}

// done closes drawn and settled now: a run without a terminal.
func (w *frameWatch) done() {
	w.once.Do(func() {
		close(w.drawn)
		close(w.settled)
	})
}

// frameWritten closes drawn, and settled once the frame has settled.
func (w *frameWatch) frameWritten() {
	w.once.Do(func() {
		close(w.drawn)
		if w.settle <= 0 {
			close(w.settled)
			return
		}
		time.AfterFunc(w.settle, func() { close(w.settled) })
	})
}

// output wraps the terminal the screens write to. Anything but a terminal
// file (a test's buffer) is not watched: the first View then counts.
func (w *frameWatch) output(out io.Writer) io.Writer {
	if f, ok := out.(*os.File); ok {
		return watchedFile{f, w}
	}
	w.unwatched.Store(true)
	return out
}

// watchedFile is the terminal (still a terminal to Bubble Tea: it embeds
// the *os.File) with a watch on its writes.
type watchedFile struct {
	*os.File
	w *frameWatch
}

func (f watchedFile) Write(b []byte) (int, error) {
	n, err := f.File.Write(b)
	if f.w.viewed.Load() && !onlyModeQueries(b) {
		f.w.frameWritten()
	}
	return n, err
}

// onlyModeQueries reports whether b is nothing but DECRQM queries (CSI ?
// Pn $ p), which Bubble Tea writes on its first tick, just before the
// frame: whether the terminal synchronises output (2026) and measures
// graphemes (2027).
func onlyModeQueries(b []byte) bool {
	for len(b) > 0 {
		rest, ok := bytes.CutPrefix(b, []byte("\x1b[?"))
		if !ok {
			return false
		}
		digits := 0
		for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
			digits++
		}
		if digits == 0 || !bytes.HasPrefix(rest[digits:], []byte("$p")) {
			return false
		}
		b = rest[digits+2:]
	}
	return true
}

// firstFrame wraps the model and notes its first View.
type firstFrame struct {
	tea.Model
	w *frameWatch
}

func (f *firstFrame) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := f.Model.Update(msg)
	f.Model = m
	return f, cmd
}

func (f *firstFrame) View() tea.View {
	v := f.Model.View()
	f.w.viewed.Store(true)
	if f.w.unwatched.Load() {
		f.w.done()
	}
	return v
}

// afterFirstFrame waits for the first frame, at most firstFrameWait.
func afterFirstFrame(drawn <-chan struct{}) {
	t := time.NewTimer(firstFrameWait)
	defer t.Stop()
	select {
	case <-drawn:
	case <-t.C:
	}
}
