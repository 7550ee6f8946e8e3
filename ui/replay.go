package ui

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

// ReplayEnv is a fresh console to replay a recording on, built by main on
// a new sandbox and a temporary journal.
type ReplayEnv struct {
	// Options are the console's options: Now must be the sandbox's clock,
	// Outbox its SMS outbox (the codes replay types).
	Options Options
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
	// Recorder, when set, records the replay's inputs (tests compare a
	// replay's own recording with the original).
	Recorder *Recorder
}

// Play drives a console without a terminal through the recording's events:
// before each input the clock moves to the input's time, the console gets
// a heartbeat, and the input waits until the console is where it arrived
// in the recording. It returns where the console ended, or an error naming
// the first input whose place the console never reached.
func Play(rec *Recording, env ReplayEnv) (string, error) {
	app := New(env.Options)
	app.noTick = true // the heartbeat comes from the events' times
	h := startHeadless(app, env.Recorder)
	defer h.stop()
	wait := env.Wait
	if wait <= 0 {
		wait = 15 * time.Second
	}
	cards := map[int]string{}
	h.settle()
	for i, ev := range rec.Events {
		if h.ended() {
			return h.place(), fmt.Errorf("event %d: the console quit before it, in the recording it did not", i+1)
		}
		env.AdvanceTo(rec.Start.Add(ev.At))
		if ev.Size == nil {
			h.handle(tickMsg(env.Options.Now()))
			switch {
			case ev.Where == "":
			case ev.Passing:
				// Recorded while a call was out: wait a little for that
				// moment, then go on from wherever the call led.
				h.until(ev.Where, min(wait, passingWait), env.Options.Now)
			case !h.until(ev.Where, wait, env.Options.Now):
				return h.place(), fmt.Errorf("event %d (%s): recorded on %q, the replay got to %q and stayed",
					i+1, ev.describe(), ev.Where, h.place())
			}
		}
		msg, err := h.input(ev, rec, env, cards)
		if err != nil {
			return h.place(), fmt.Errorf("event %d: %w", i+1, err)
		}
		h.handle(msg)
		h.settle()
	}
	return h.place(), h.failed()
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

// input is the message an event stands for; secrets are resolved against
// the replay's sandbox.
func (h *headless) input(ev RecordedEvent, rec *Recording, env ReplayEnv, cards map[int]string) (tea.Msg, error) {
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
			h.ask(func(a App) { value = sentCode(a) })
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
				h.ask(func(a App) { _, typed = pinField(a) })
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

// headless is the console in a real Bubble Tea program without a
// terminal: no input, no renderer, output discarded. The replay sends it
// the recorded inputs (p.Send) and waits for each to be handled; the
// commands they return run as they do on a terminal, tea.Batch and
// tea.Sequence included. Cursor blinks and spinner frames are dropped so
// the program goes quiet, and the program's own start-up messages (its
// window size, colour profile and environment) are not the recording's.
type headless struct {
	p       *tea.Program
	changed chan struct{} // an update was handled (holds one)
	done    chan struct{} // the program ended

	mu    sync.Mutex
	where string // the console's place after the last update
	err   error  // why the program ended, if it failed
}

// replayModel is the App inside the program: it hands the App what the
// replay feeds it (through the recorder, when there is one) and notes
// where the App is after each update.
type replayModel struct {
	app App
	rec *Recorder
	h   *headless
}

// fed is an input the replay sends; done closes once the App has it.
type fed struct {
	msg  tea.Msg
	done chan struct{}
}

// asked reads the App as it is between two updates.
type asked struct {
	read func(App)
	done chan struct{}
}

func startHeadless(app App, rec *Recorder) *headless {
	h := &headless{changed: make(chan struct{}, 1), done: make(chan struct{}), where: app.where()}
	h.p = tea.NewProgram(&replayModel{app: app, rec: rec, h: h},
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
	h.ask(func(App) {}) // the program is running: Init's commands are out
	return h
}

func (m *replayModel) Init() tea.Cmd  { return m.app.Init() }
func (m *replayModel) View() tea.View { return m.app.View() }

func (m *replayModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case fed:
		cmd := m.step(msg.msg)
		close(msg.done)
		return m, cmd
	case asked:
		msg.read(m.app)
		close(msg.done)
		return m, nil
	case tea.WindowSizeMsg, tea.ColorProfileMsg, tea.EnvMsg:
		return m, nil // the program's own, at start; the recorded sizes come fed
	case tickMsg, cursor.BlinkMsg, spinner.TickMsg:
		return m, nil // would keep the program busy for ever
	}
	return m, m.step(msg)
}

// step gives msg to the App, through the recorder when there is one (it
// calls the App's step, as the terminal's program does).
func (m *replayModel) step(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if m.rec != nil {
		m.app, cmd = m.rec.update(m.app, msg)
	} else {
		var next tea.Model
		next, cmd = m.app.Update(msg)
		m.app = next.(App)
	}
	m.h.mu.Lock()
	m.h.where = m.app.where()
	m.h.mu.Unlock()
	select {
	case m.h.changed <- struct{}{}:
	default:
	}
	return cmd
}

// handle sends msg to the App and waits until it has been handled.
func (h *headless) handle(msg tea.Msg) {
	done := make(chan struct{})
	h.p.Send(fed{msg, done})
	select {
	case <-done:
	case <-h.done:
	}
}

// ask runs read on the App between two updates.
func (h *headless) ask(read func(App)) {
	done := make(chan struct{})
	h.p.Send(asked{read, done})
	select {
	case <-done:
	case <-h.done:
	}
}

func (h *headless) place() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.where
}

// ended reports whether the program has ended (the console quit).
func (h *headless) ended() bool {
	select {
	case <-h.done:
		return true
	default:
		return false
	}
}

// failed is why the program ended, when it failed.
func (h *headless) failed() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.err
}

// stop ends the program and waits until it has.
func (h *headless) stop() {
	h.p.Kill()
	<-h.done
}

// settle waits until no update has come for a moment.
func (h *headless) settle() {
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

// until waits until the console is at where, with a heartbeat now and then
// (a code may expire while an answer comes); false after wait.
func (h *headless) until(where string, wait time.Duration, now func() time.Time) bool {
	limit := time.After(wait)
	for h.place() != where {
		select {
		case <-h.changed:
		case <-h.done:
			return false
		case <-time.After(100 * time.Millisecond):
			h.handle(tickMsg(now()))
		case <-limit:
			return false
		}
	}
	return true
}
