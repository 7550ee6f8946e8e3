package record

import (
	"fmt"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// word is a message the fake console writes down; beat its heartbeat.
type (
	word string
	beat time.Time
)

// fakeConsole writes down every message it is given; its place is the last
// word, or "expired" after three heartbeats.
type fakeConsole struct {
	log   []string
	beats int
	init  tea.Cmd
}

func say(w string) tea.Cmd { return func() tea.Msg { return word(w) } }

func (c fakeConsole) Init() tea.Cmd  { return c.init }
func (c fakeConsole) View() tea.View { return tea.NewView(fmt.Sprint(c.log)) }

func (c fakeConsole) Step(msg tea.Msg) (Console, tea.Cmd) {
	switch m := msg.(type) {
	case beat:
		c.beats++
		return c, nil
	case word:
		c.log = append(c.log, string(m))
		switch m {
		case "sequence":
			return c, tea.Sequence(say("one"), tea.Batch(say("two")), say("three"))
		case "quit":
			return c, tea.Quit
		}
		return c, nil
	}
	c.log = append(c.log, fmt.Sprintf("%T", msg))
	return c, nil
}

func (c fakeConsole) Where() string {
	if c.beats >= 3 {
		return "expired"
	}
	if len(c.log) == 0 {
		return ""
	}
	return c.log[len(c.log)-1]
}

func (c fakeConsole) Heartbeat(now time.Time) tea.Msg { return beat(now) }

func (c fakeConsole) Idle(msg tea.Msg) bool {
	_, ok := msg.(beat)
	return ok
}

func (fakeConsole) SentCode() string { return "" }
func (fakeConsole) PINTyped() string { return "" }

func logOf(h *Driver) []string {
	var log []string
	h.Ask(func(c Console) { log = slices.Clone(c.(fakeConsole).log) })
	return log
}

// A tea.Sequence runs its commands in order, through the real program:
// the replay no longer opens Bubble Tea's unexported sequence message.
func TestDriverRunsSequencesInOrder(t *testing.T) {
	h := Start(fakeConsole{})
	defer h.Stop()
	h.Handle(word("sequence"))
	if !h.Until("three", 10*time.Second, time.Now) {
		t.Fatalf("the sequence did not finish: %v", logOf(h))
	}
	if got, want := logOf(h), []string{"sequence", "one", "two", "three"}; !slices.Equal(got, want) {
		t.Errorf("the console got %v, want %v", got, want)
	}
}

// The program's own start-up messages (window size, colour profile,
// environment) and the console's own heartbeats never reach the console:
// only what is fed and what its commands answer do.
func TestDriverKeepsStartUpAndIdleMessagesOut(t *testing.T) {
	h := Start(fakeConsole{init: func() tea.Msg { return beat(time.Time{}) }})
	defer h.Stop()
	h.Handle(word("fed"))
	h.Settle()
	if got := logOf(h); !slices.Equal(got, []string{"fed"}) {
		t.Errorf("the console got %v, want only what was fed", got)
	}
	var beats int
	h.Ask(func(c Console) { beats = c.(fakeConsole).beats })
	if beats != 0 {
		t.Errorf("the console's own heartbeat reached it (%d)", beats)
	}
}

// Waiting for a place sends heartbeats, so a deadline on the console's
// clock can pass while the replay waits.
func TestDriverUntilBeatsTheHeart(t *testing.T) {
	h := Start(fakeConsole{})
	defer h.Stop()
	if !h.Until("expired", 20*time.Second, time.Now) {
		t.Fatal("no heartbeat while waiting")
	}
	if h.Until("never", 0, time.Now) {
		t.Error("a place never reached was reached")
	}
}

func TestDriverSeesTheConsoleQuit(t *testing.T) {
	h := Start(fakeConsole{})
	defer h.Stop()
	h.Handle(word("quit"))
	select {
	case <-h.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the program did not end when the console quit")
	}
	if err := h.failed(); err != nil {
		t.Errorf("a quit is not a failure: %v", err)
	}
	h.Handle(word("late")) // after the end: neither blocks nor panics
}
