package sandbox

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The one clock adapter: its time is the sandbox's; a virtual wait moves
// it, a brief or a real one does not; an ended context ends any wait.
func TestClockWaits(t *testing.T) {
	sb := New(Options{})
	defer sb.Close()
	ctx := context.Background()
	before := sb.Now()
	if err := sb.Clock(WaitVirtual).Sleep(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := sb.Clock(WaitVirtual).Now().Sub(before); got < time.Hour {
		t.Errorf("a virtual wait of an hour moved the clock %v", got)
	}
	moved := sb.Now()
	// A brief wait of an hour returns long before a guard of a minute ends.
	guard, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := sb.Clock(WaitBrief).Sleep(guard, time.Hour); err != nil {
		t.Errorf("a brief wait: %v", err)
	}
	if got := sb.Now().Sub(moved); got >= time.Hour {
		t.Errorf("a brief wait moved the clock %v", got)
	}
	done, stop := context.WithCancel(ctx)
	stop()
	for _, w := range []Waits{WaitReal, WaitBrief, WaitVirtual} {
		if err := sb.Clock(w).Sleep(done, time.Hour); !errors.Is(err, context.Canceled) {
			t.Errorf("waits %d with the context ended: %v", w, err)
		}
	}
}

// The one in-memory transport serves any handler; an aborted handler is
// a connection closed without an answer.
func TestClientForHandler(t *testing.T) {
	ok := ClientFor(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_, _ = w.Write(append([]byte(r.Host+" "), b...))
	}))
	resp, err := ok.Post("http://console.test/notify", "text/plain", strings.NewReader("paid"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "console.test paid" {
		t.Errorf("served %q", b)
	}
	aborted := ClientFor(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	if _, err := aborted.Get("http://console.test/"); !errors.Is(err, errDropped) {
		t.Errorf("an aborted handler: %v", err)
	}
}
