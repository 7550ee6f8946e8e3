package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/ui/record"
)

// ReplayEnv is a fresh console to replay a recording on, built by main on
// a new sandbox and a temporary journal.
type ReplayEnv struct {
	// Options are the console's options: Now must be the sandbox's clock,
	// Outbox its SMS outbox (the codes replay types).
	Options Options
	// AdvanceTo moves the sandbox's clock (the console's too) to t when it
	// is behind t; never back.
	AdvanceTo func(t time.Time)
	// CardNumber is the number to type for a recorded card (record.Env).
	CardNumber func(record.RecordedCard) string
	// Wait is how long an input waits for its place; 0 means 15 s.
	Wait time.Duration
	// Recorder, when set, records the replay's inputs (tests compare a
	// replay's own recording with the original).
	Recorder *record.Recorder
}

// Play drives a console without a terminal through the recording's events
// (record.Play) and returns where it ended.
func Play(rec *record.Recording, env ReplayEnv) (string, error) {
	app := New(env.Options)
	app.noTick = true // the heartbeat comes from the events' times
	where, err := record.Play(rec, replayConsole{app: app, rec: env.Recorder},
		record.Env{Now: env.Options.Now, AdvanceTo: env.AdvanceTo, CardNumber: env.CardNumber, Wait: env.Wait})
	// The caller reads the outcome from the journal next: the last
	// payment's outcome, written after it showed, must be in it.
	ctx := env.Options.Context
	if ctx == nil {
		ctx = context.Background()
	}
	_ = app.Settle(ctx)
	return where, err
}

// replayConsole is the App as the replay drives it, through the recorder
// when the replay is recorded too.
type replayConsole struct {
	app App
	rec *record.Recorder
}

func (c replayConsole) Init() tea.Cmd  { return c.app.Init() }
func (c replayConsole) View() tea.View { return c.app.View() }

// Step is the App's Update (its step: keys in order), through the
// recorder when there is one.
func (c replayConsole) Step(msg tea.Msg) (record.Console, tea.Cmd) {
	var cmd tea.Cmd
	if c.rec != nil {
		var r recorded
		r, cmd = record.Step(c.rec, recorded{c.app}, msg)
		c.app = r.a
		return c, cmd
	}
	next, cmd := c.app.Update(msg)
	c.app = next.(App)
	return c, cmd
}

func (c replayConsole) Where() string                   { return c.app.where() }
func (c replayConsole) Heartbeat(now time.Time) tea.Msg { return tickMsg(now) }

func (c replayConsole) Idle(msg tea.Msg) bool {
	_, tick := msg.(tickMsg)
	return tick
}

func (c replayConsole) SentCode() string { return sentCode(c.app) }

func (c replayConsole) PINTyped() string {
	_, typed := pinField(c.app)
	return typed
}
