package main

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The first frame needs none of the journal: the home screen draws from
// the configuration alone, and everything that reads or writes the
// journal waits for it (journalGate). Opening it creates the database on
// a first start (schema, indexes), a few milliseconds of CPU that, on a
// busy machine, the first frame would otherwise wait behind. So the
// journal opens once the screens have drawn their first frame.

// firstFrameWait bounds the wait for the first frame: a console whose
// screens never draw (accessible mode reads the terminal itself) still
// opens its journal.
const firstFrameWait = 250 * time.Millisecond

// firstFrame wraps the model and closes drawn when its first View has
// been taken.
type firstFrame struct {
	tea.Model
	seen func()
}

// firstFrameSignal returns a channel closed by the first call of seen.
func firstFrameSignal() (drawn <-chan struct{}, seen func()) {
	ch := make(chan struct{})
	var once sync.Once
	return ch, func() { once.Do(func() { close(ch) }) }
}

func (f *firstFrame) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := f.Model.Update(msg)
	f.Model = m
	return f, cmd
}

func (f *firstFrame) View() tea.View {
	v := f.Model.View()
	f.seen()
	return v
}

// afterFirstFrame waits for drawn, at most firstFrameWait.
func afterFirstFrame(drawn <-chan struct{}) {
	t := time.NewTimer(firstFrameWait)
	defer t.Stop()
	select {
	case <-drawn:
	case <-t.C:
	}
}
