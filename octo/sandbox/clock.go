package sandbox

import (
	"context"
	"time"
)

// Clock is the sandbox's time for whoever runs payments against it (it
// has the shape of run.Clock: Now and Sleep), so that a console's code
// and hold countdowns and its journal's times follow the sandbox's clock
// when it is moved. What a wait does depends on who waits (Waits).
type Clock struct {
	s     *Sandbox
	waits Waits
}

// Waits is what a Clock's Sleep does.
type Waits int

const (
	// WaitReal: a wait takes its real time (the console: the cashier's
	// time is the wall clock plus every move of the QA clock).
	WaitReal Waits = iota
	// WaitBrief: a wait takes at most 10 ms of real time and leaves the
	// clock alone (a replay: only the recorded inputs move the clock, or
	// status polls between two keys would run it past lifetimes and holds).
	WaitBrief
	// WaitVirtual: a wait moves the sandbox's clock on at once (a headless
	// scenario keeps OCTO's pace without waiting for it).
	WaitVirtual
)

// Clock returns the sandbox's clock with waits as w says.
func (s *Sandbox) Clock(w Waits) Clock { return Clock{s: s, waits: w} }

// Now is the sandbox's time.
func (c Clock) Now() time.Time { return c.s.Now() }

// Sleep waits d as the clock's Waits says, or until ctx ends.
func (c Clock) Sleep(ctx context.Context, d time.Duration) error {
	switch c.waits {
	case WaitVirtual:
		if err := ctx.Err(); err != nil {
			return err
		}
		c.s.Advance(d)
		return nil
	case WaitBrief:
		d = min(d, 10*time.Millisecond)
	case WaitReal:
	}
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
