package record

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// passingWait is how long an input recorded while a call was out waits
// for its place before it goes anyway.
const passingWait = 500 * time.Millisecond

// Env is what a replay needs besides the console: the sandbox's clock and
// the card numbers to type.
type Env struct {
	// Now is the console's clock, the sandbox's.
	Now func() time.Time
	// AdvanceTo moves the sandbox's clock (the console's too) to t when it
	// is behind t; never back.
	AdvanceTo func(t time.Time)
	// CardNumber is the number to type for a recorded card: the sandbox's
	// test card with that 6+4 and length, else one made up with the same
	// 6+4, length and Luhn validity.
	CardNumber func(RecordedCard) string
	// Wait is how long an input waits for the console to get to the place
	// it was recorded at; 0 means 15 s. It turns a divergence into an
	// error, it never paces the replay.
	Wait time.Duration
}

// Console is the console as the replay drives it (package ui's App, with
// a Recorder in front when the replay is recorded too). It is a Bubble Tea
// model whose Step is its Update, keys in order.
type Console interface {
	Init() tea.Cmd
	View() tea.View
	Step(msg tea.Msg) (Console, tea.Cmd)
	// Where names the place an input arrives at (the screen, the flow's
	// state, an open question); the replay waits for the recorded one.
	Where() string
	// Heartbeat is the console's one-second tick at now; Idle says a
	// message from the console's own commands is only a heartbeat, which
	// the replay drops (its heartbeats come from the events' times).
	Heartbeat(now time.Time) tea.Msg
	Idle(msg tea.Msg) bool
	// SentCode is the code the sandbox sent for the payment or card on
	// screen; PINTyped what is in the PIN field on screen.
	SentCode() string
	PINTyped() string
}

// Play drives a console without a terminal through the recording's events:
// before each input the clock moves to the input's time, the console gets
// a heartbeat, and the input waits until the console is where it arrived
// in the recording. It returns where the console ended, or an error naming
// the first input whose place the console never reached.
func Play(rec *Recording, c Console, env Env) (string, error) {
	h := Start(c)
	defer h.Stop()
	wait := env.Wait
	if wait <= 0 {
		wait = 15 * time.Second
	}
	cards := map[int]string{}
	h.Settle()
	for i, ev := range rec.Events {
		if h.ended() {
			return h.Place(), fmt.Errorf("event %d: the console quit before it, in the recording it did not", i+1)
		}
		env.AdvanceTo(rec.Start.Add(ev.At))
		if ev.Size == nil {
			h.Handle(c.Heartbeat(env.Now()))
			switch {
			case ev.Where == "":
			case ev.Passing:
				// Recorded while a call was out: wait a little for that
				// moment, then go on from wherever the call led.
				h.Until(ev.Where, min(wait, passingWait), env.Now)
			case !h.Until(ev.Where, wait, env.Now):
				return h.Place(), fmt.Errorf("event %d (%s): recorded on %q, the replay got to %q and stayed",
					i+1, ev.describe(), ev.Where, h.Place())
			}
		}
		msg, err := h.Input(ev, rec, env, cards)
		if err != nil {
			return h.Place(), fmt.Errorf("event %d: %w", i+1, err)
		}
		h.Handle(msg)
		h.Settle()
	}
	return h.Place(), h.failed()
}

// describe names an event for a message, without secrets.
func (e RecordedEvent) describe() string {
	switch {
	case e.Key != nil:
		return "key " + e.Key.Name
	case e.Size != nil:
		return fmt.Sprintf("window %d×%d", e.Size.Width, e.Size.Height)
	case e.Paste != nil:
		return "paste"
	case e.Secret != nil:
		return e.Secret.Kind + " digit"
	}
	return "empty event"
}

// Input is the message an event stands for; secrets are resolved against
// the replay's sandbox.
func (h *Driver) Input(ev RecordedEvent, rec *Recording, env Env, cards map[int]string) (tea.Msg, error) {
	switch {
	case ev.Size != nil:
		return tea.WindowSizeMsg{Width: ev.Size.Width, Height: ev.Size.Height}, nil
	case ev.Key != nil:
		k := ev.Key
		return tea.KeyPressMsg{Code: k.Code, Text: k.Text, Mod: k.Mod, ShiftedCode: k.ShiftedCode, BaseCode: k.BaseCode}, nil
	case ev.Paste != nil:
		return tea.PasteMsg{Content: *ev.Paste}, nil
	case ev.Secret != nil:
		s := ev.Secret
		var value string
		switch s.Kind {
		case SecretOTP:
			h.Ask(func(c Console) { value = c.SentCode() })
			if value == "" {
				return nil, fmt.Errorf("a code digit, but the sandbox sent no code")
			}
		case SecretPAN:
			if s.Card < 0 || s.Card >= len(rec.Cards) {
				return nil, fmt.Errorf("card %d is not in the recording", s.Card)
			}
			if _, ok := cards[s.Card]; !ok {
				cards[s.Card] = env.CardNumber(rec.Cards[s.Card])
			}
			value = cards[s.Card]
		case SecretCVC:
			value = "123"
		case SecretIgnored:
			value = "0"
		case SecretPIN:
			if s.Paste {
				var typed string
				h.Ask(func(c Console) { typed = c.PINTyped() })
				value = replayPIN[min(len(typed), len(replayPIN)):min(len(typed)+s.Pos, len(replayPIN))]
				if value == "" {
					return nil, fmt.Errorf("a PIN paste of %d digits, longer than a PIN", s.Pos)
				}
			} else {
				value = replayPIN
			}
		default:
			return nil, fmt.Errorf("unknown secret kind %q", s.Kind)
		}
		if s.Paste {
			if !s.Same && s.Kind != SecretCVC && s.Kind != SecretIgnored {
				value = otherDigit(value, 0) + value[1:]
			}
			return tea.PasteMsg{Content: value}, nil
		}
		d := "0"
		switch {
		case s.Kind == SecretIgnored:
		case s.Kind == SecretCVC:
			d = string(rune('1' + s.Pos%9))
		case s.Same && s.Pos < len(value):
			d = value[s.Pos : s.Pos+1]
		default:
			d = otherDigit(value, s.Pos)
		}
		return tea.KeyPressMsg{Code: rune(d[0]), Text: d}, nil
	}
	return nil, fmt.Errorf("an event with nothing in it")
}

// replayPIN is the shift PIN a replay types wherever the walk typed one;
// the recording never holds the real one. Longer than any PIN (pinMax).
const replayPIN = "2580369147"

// otherDigit is a digit certainly not value[pos].
func otherDigit(value string, pos int) string {
	if pos >= len(value) || value[pos] < '0' || value[pos] > '9' {
		return "0"
	}
	return string(rune('0' + (value[pos]-'0'+1)%10))
}

// Driver is a console in a real Bubble Tea program without a terminal:
// no input, no renderer, output discarded. The replay (and the tests that
// walk a console) send it inputs (Handle, through p.Send) and each waits
// until the console has it; the commands they return run as they do on a
// terminal, tea.Batch and tea.Sequence included. Cursor blinks, spinner
// frames and the console's own heartbeats are dropped so the program goes
// quiet, and the program's start-up messages (its window size, colour
// profile and environment) are not the recording's.
type Driver struct {
	p         *tea.Program
	changed   chan struct{} // an update was handled (holds one)
	done      chan struct{} // the program ended
	heartbeat func(time.Time) tea.Msg

	mu    sync.Mutex
	where string // the console's place after the last update
	err   error  // why the program ended, if it failed
}

// program is the console inside the program: it hands the console what
// the driver feeds it and notes where it is after each update.
type program struct {
	c Console
	h *Driver
}

// fed is an input the driver sends; done closes once the console has it.
type fed struct {
	msg  tea.Msg
	done chan struct{}
}

// asked reads the console as it is between two updates.
type asked struct {
	read func(Console)
	done chan struct{}
}

// Start runs c in a program of its own; Stop ends it.
func Start(c Console) *Driver {
	h := &Driver{changed: make(chan struct{}, 1), done: make(chan struct{}), where: c.Where(), heartbeat: c.Heartbeat}
	h.p = tea.NewProgram(&program{c: c, h: h},
		tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignalHandler(),
		tea.WithEnvironment([]string{}))
	go func() {
		defer close(h.done)
		if _, err := h.p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
			h.mu.Lock()
			h.err = err
			h.mu.Unlock()
		}
	}()
	h.Ask(func(Console) {}) // the program is running: Init's commands are out
	return h
}

func (m *program) Init() tea.Cmd  { return m.c.Init() }
func (m *program) View() tea.View { return m.c.View() }

func (m *program) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case fed:
		cmd := m.step(msg.msg)
		close(msg.done)
		return m, cmd
	case asked:
		msg.read(m.c)
		close(msg.done)
		return m, nil
	case tea.WindowSizeMsg, tea.ColorProfileMsg, tea.EnvMsg:
		return m, nil // the program's own, at start; the recorded sizes come fed
	case cursor.BlinkMsg, spinner.TickMsg:
		return m, nil // would keep the program busy for ever
	}
	if m.c.Idle(msg) {
		return m, nil
	}
	return m, m.step(msg)
}

// step gives msg to the console and notes where it got to.
func (m *program) step(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.c, cmd = m.c.Step(msg)
	m.h.mu.Lock()
	m.h.where = m.c.Where()
	m.h.mu.Unlock()
	select {
	case m.h.changed <- struct{}{}:
	default:
	}
	return cmd
}

// Handle sends msg to the console and waits until it has been handled.
func (h *Driver) Handle(msg tea.Msg) {
	done := make(chan struct{})
	h.p.Send(fed{msg, done})
	select {
	case <-done:
	case <-h.done:
	}
}

// Ask runs read on the console between two updates.
func (h *Driver) Ask(read func(Console)) {
	done := make(chan struct{})
	h.p.Send(asked{read, done})
	select {
	case <-done:
	case <-h.done:
	}
}

// Place is where the console is (Console.Where) after the last update.
func (h *Driver) Place() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.where
}

// Done is closed when the program has ended (the console quit, or Stop).
func (h *Driver) Done() <-chan struct{} { return h.done }

func (h *Driver) ended() bool {
	select {
	case <-h.done:
		return true
	default:
		return false
	}
}

// failed is why the program ended, when it failed.
func (h *Driver) failed() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.err
}

// Stop ends the program and waits until it has.
func (h *Driver) Stop() {
	h.p.Kill()
	<-h.done
}

// Settle waits until no update has come for a moment.
func (h *Driver) Settle() {
	for {
		select {
		case <-h.changed:
		case <-h.done:
			return
		case <-time.After(30 * time.Millisecond):
			return
		}
	}
}

// Until waits until the console is at where, with a heartbeat now and then
// (a code may expire while an answer comes); false after wait.
func (h *Driver) Until(where string, wait time.Duration, now func() time.Time) bool {
	limit := time.After(wait)
	for h.Place() != where {
		select {
		case <-h.changed:
		case <-h.done:
			return false
		case <-time.After(100 * time.Millisecond):
			h.Handle(h.heartbeat(now()))
		case <-limit:
			return false
		}
	}
	return true
}
