package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/octo"
)

// health is the connection line of the status bar: the last exchange with
// the gateway, its latency or its error. It is fed by the client's
// Observer through a channel (see Options.Exchanges).
type health struct {
	calls   int
	method  string
	latency time.Duration
	err     string
}

// exchangeMsg is one observed exchange with the gateway.
type exchangeMsg struct{ x octo.Exchange }

// waitExchange waits for the next exchange; the root re-arms it after
// each one. A closed or nil channel stops the watch.
func waitExchange(ch <-chan octo.Exchange) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		x, ok := <-ch
		if !ok {
			return nil
		}
		return exchangeMsg{x}
	}
}

func (h health) observe(x octo.Exchange) health {
	h.calls++
	h.method = callName(x.Method, x.Request)
	h.latency = x.Duration
	h.err = x.Err
	return h
}

// view renders the health: "● OCTO 12 ms · pay", "✗ OCTO pay: timeout",
// or "○ OCTO no calls yet". The symbol carries the meaning without colour.
func (h health) view(st styles, gateway string) string {
	switch {
	case h.calls == 0:
		return st.muted.Render("○ " + gateway + " · " + st.T("no calls yet"))
	case h.err != "":
		// The client's errors start with the method already.
		msg := h.err
		if !strings.HasPrefix(msg, h.method) {
			msg = h.method + ": " + msg
		}
		return st.bad.Render(truncate(fmt.Sprintf("✗ %s %s", gateway, msg), 60))
	}
	return st.ok.Render("●") + st.muted.Render(fmt.Sprintf(" %s %s · %s", gateway, formatLatency(h.latency, st.T("ms")), st.T(h.method)))
}

// formatLatency writes a latency with the unit's name in the console's
// language (ms, мс).
func formatLatency(d time.Duration, ms string) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1f %s", float64(d.Microseconds())/1000, ms)
	}
	return fmt.Sprintf("%d %s", d.Milliseconds(), ms)
}
