package ui

import (
	"fmt"
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
	last    octo.Exchange // the last exchange: a failed one is worded from it
	// storeDown: the store journal is away; nothing that writes it starts
	// (store_health.go).
	storeDown bool
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
	h.last = octo.Exchange{Method: x.Method, HTTPStatus: x.HTTPStatus, Code: x.Code, Message: x.Message,
		Err: x.Err, MayHaveReached: x.MayHaveReached} // not the bodies: the inspector keeps those
	return h
}

// view renders the health: "● OCTO 12 ms · pay",
// "✗ OCTO pay: Not enough money on the card — ask for another card",
// or "○ OCTO no calls yet". The symbol carries the meaning without colour.
func (h health) view(st styles, gateway string) string {
	switch {
	case h.calls == 0:
		return st.Muted.Render("○ " + gateway + " · " + st.T("no calls yet"))
	case h.err != "":
		// In the cashier's words (OCTO's own code and text are in the
		// inspector and the log); the status line cuts it to the room.
		msg := callText(h.method, st.lang) + ": " + exchangeTrouble(h.last, st.lang)
		return st.Bad.Render(truncate(fmt.Sprintf("✗ %s %s", gateway, msg), 120))
	}
	return st.OK.Render("●") + st.Muted.Render(fmt.Sprintf(" %s %s · %s", gateway, formatLatency(h.latency, st.T("ms")), callText(h.method, st.lang)))
}
