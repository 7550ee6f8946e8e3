package ui

import (
	"fmt"
	"reflect"
	"strings"
	"time"

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
	h := &headless{app: app, msgs: make(chan tea.Msg, 256), rec: env.Recorder}
	wait := env.Wait
	if wait <= 0 {
		wait = 15 * time.Second
	}
	cards := map[int]string{}
	h.run(h.app.Init())
	h.settle()
	for i, ev := range rec.Events {
		if h.quit {
			return h.app.where(), fmt.Errorf("event %d: the console quit before it, in the recording it did not", i+1)
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
				return h.app.where(), fmt.Errorf("event %d (%s): recorded on %q, the replay got to %q and stayed",
					i+1, ev.describe(), ev.Where, h.app.where())
			}
		}
		msg, err := h.input(ev, rec, env, cards)
		if err != nil {
			return h.app.where(), fmt.Errorf("event %d: %w", i+1, err)
		}
		h.handle(msg)
		h.settle()
	}
	return h.app.where(), nil
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
			value = sentCode(h.app)
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
				_, typed := pinField(h.app)
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

// headless is the console's event loop without a terminal: messages go to
// the App, the commands they return run in goroutines and their messages
// come back in order of arrival, as in Bubble Tea. Cursor blinks and
// spinner frames are dropped so the loop goes quiet.
type headless struct {
	app  App
	msgs chan tea.Msg
	quit bool
	rec  *Recorder
}

func (h *headless) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if msg := cmd(); msg != nil && !idleMsg(msg) {
			h.msgs <- msg
		}
	}()
}

// idleMsg are messages that would keep the loop busy for ever.
func idleMsg(msg tea.Msg) bool {
	if _, ok := msg.(tickMsg); ok {
		return true
	}
	p := reflect.TypeOf(msg).PkgPath()
	return strings.HasSuffix(p, "/cursor") || strings.HasSuffix(p, "/spinner")
}

func (h *headless) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
		return
	case tea.QuitMsg:
		h.quit = true
		return
	}
	if reflect.TypeOf(msg).String() == "tea.sequenceMsg" {
		// tea.Sequence's message is unexported: run its commands in order.
		v := reflect.ValueOf(msg)
		for i := 0; i < v.Len(); i++ {
			if c, ok := v.Index(i).Interface().(tea.Cmd); ok && c != nil {
				if m := c(); m != nil && !idleMsg(m) {
					h.handle(m)
				}
			}
		}
		return
	}
	var cmd tea.Cmd
	if h.rec != nil {
		h.app, cmd = h.rec.update(h.app, msg)
	} else {
		m, c := h.app.Update(msg)
		h.app, cmd = m.(App), c
	}
	h.run(cmd)
}

// settle handles messages until none has come for a moment.
func (h *headless) settle() {
	for {
		select {
		case m := <-h.msgs:
			h.handle(m)
		case <-time.After(30 * time.Millisecond):
			return
		}
	}
}

// until handles messages until the console is at where, with a heartbeat
// now and then (a code may expire while an answer comes); false after wait.
func (h *headless) until(where string, wait time.Duration, now func() time.Time) bool {
	limit := time.After(wait)
	for h.app.where() != where {
		select {
		case m := <-h.msgs:
			h.handle(m)
		case <-time.After(100 * time.Millisecond):
			h.handle(tickMsg(now()))
		case <-limit:
			return false
		}
	}
	return true
}
