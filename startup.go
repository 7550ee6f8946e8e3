package main

import (
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

// firstFrameWait bounds the wait for the first frame: a console whose
// screens never draw (accessible mode reads the terminal itself) still
// opens its journal.
const firstFrameWait = 250 * time.Millisecond

// frameWatch tells when the first frame has been written: Bubble Tea takes
// the first View, then its renderer writes the frame, so the first write
// to the terminal after that View is the frame.
type frameWatch struct {
	viewed atomic.Bool
	once   sync.Once
	drawn  chan struct{}
}

func newFrameWatch() *frameWatch { return &frameWatch{drawn: make(chan struct{})} }

func (w *frameWatch) done() { w.once.Do(func() { close(w.drawn) }) }

// output wraps the terminal the screens write to. Anything but a terminal
// file (a test's buffer) is not watched: the first View then counts.
func (w *frameWatch) output(out io.Writer) io.Writer {
	if f, ok := out.(*os.File); ok {
		return watchedFile{f, w}
	}
	w.viewed.Store(true)
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
	if f.w.viewed.Load() {
		f.w.done()
	}
	return n, err
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
	if f.w.viewed.Load() { // no terminal to watch: the View is the frame
		f.w.done()
	}
	f.w.viewed.Store(true)
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
