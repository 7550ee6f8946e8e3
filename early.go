package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"

	tea "charm.land/bubbletea/v2"
)

// Bubble Tea writes a program's first frame on its renderer's first tick,
// a frame's time (1/120 s) after the renderer starts, and it starts the
// renderer before it asks the model for its first command (Init) and its
// first View. The console's wiring (the log, the embedded sandbox and its
// listener, the screens) is a few milliseconds of its own: done before the
// program, it came before that wait; done beside Bubble Tea's own start
// (the terminal, the input reader), with Init waiting for it, it fits in
// the wait, and the first frame is the home screen all the same.

// wiredConsole is what wire gave.
type wiredConsole struct {
	w   *wiring
	err error
}

// booting is the console's model while it is wired beside Bubble Tea's
// start: its Init waits for the wiring and hands over to the screens.
// Update and View only run after Init, so they always have the screens.
type booting struct {
	result <-chan wiredConsole
	once   sync.Once
	w      *wiring
	err    error
	tea.Model
}

// wireBeside wires the console on another goroutine.
func wireBeside(ctx context.Context, cfg Config, cr consoleRun) *booting {
	return beside(func() (*wiring, error) {
		w, err := wire(ctx, cfg, cr)
		if err == nil {
			w.watchFirstFrame()
		}
		return w, err
	})
}

// beside runs wire on another goroutine for the booting model.
func beside(wire func() (*wiring, error)) *booting {
	result := make(chan wiredConsole, 1)
	go func() {
		// Bubble Tea has the terminal (raw, the alternate screen) by now: a
		// panic here would end the process with it unrestored, so it ends
		// the program as a failed wiring does, the stack in the error.
		defer func() {
			if r := recover(); r != nil {
				result <- wiredConsole{err: fmt.Errorf("wiring the console: panic: %v\n%s", r, debug.Stack())}
			}
		}()
		w, err := wire()
		result <- wiredConsole{w, err}
	}()
	return &booting{result: result, Model: blank{}}
}

// wired waits for the wiring (once) and returns it.
func (b *booting) wired() (*wiring, error) {
	b.once.Do(func() {
		r := <-b.result
		b.w, b.err = r.w, r.err
	})
	return b.w, b.err
}

func (b *booting) Init() tea.Cmd {
	w, err := b.wired()
	if err != nil {
		return tea.Quit // console returns the error once the terminal is restored
	}
	b.Model = &firstFrame{Model: w.model, w: w.frames}
	return b.Model.Init()
}

func (b *booting) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := b.Model.Update(msg)
	b.Model = m
	return b, cmd
}

// blank is the model of a console whose wiring failed: nothing to draw
// while the program quits.
type blank struct{}

func (blank) Init() tea.Cmd                       { return nil }
func (blank) Update(tea.Msg) (tea.Model, tea.Cmd) { return blank{}, nil }
func (blank) View() tea.View                      { return tea.View{} }
