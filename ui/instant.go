package ui

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
)

// A screen asks the root for the next screen with a message ("the order is
// ready", "home chose New payment"). Sent as a command, that message comes
// back through the program's loop behind any keys already queued, which
// then reach a screen that is no longer the one the cashier sees: typed
// "n150000⏎", the digits went to home, or into a form that had completed.
// Such messages are made with instant and handled in the same Update
// (App.Update settles them), so the keys after them go where the cashier
// expects. Only messages that carry a value are instant; a command that
// reads or writes anything stays a command.

// instant is a command that returns msg at once. Its closure's code is
// shared by every instant command, which is how settleInstant tells them
// from the rest: it must not be inlined, which would copy the closure's
// code into each caller.
//
//go:noinline
func instant(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// batch is tea.Batch for the console's own commands: its batches can be
// opened by settleInstant without running anything (tea.Batch's cannot be
// told from any other command). Not inlined, for the same reason.
//
//go:noinline
func batch(cmds ...tea.Cmd) tea.Cmd {
	var valid []tea.Cmd
	for _, c := range cmds {
		if c != nil {
			valid = append(valid, c)
		}
	}
	switch len(valid) {
	case 0:
		return nil
	case 1:
		return valid[0]
	}
	return func() tea.Msg { return tea.BatchMsg(valid) }
}

var (
	instantCode = reflect.ValueOf(instant(nil)).Pointer()
	batchCode   = reflect.ValueOf(batch(instant(nil), instant(nil))).Pointer()
)

// splitInstant takes the instant commands out of cmd, opening the
// console's own batches: their messages in order, and what is left.
func splitInstant(cmd tea.Cmd) ([]tea.Msg, tea.Cmd) {
	if cmd == nil {
		return nil, nil
	}
	switch reflect.ValueOf(cmd).Pointer() {
	case instantCode:
		if msg := cmd(); msg != nil {
			return []tea.Msg{msg}, nil
		}
		return nil, nil
	case batchCode:
		var msgs []tea.Msg
		var rest []tea.Cmd
		for _, c := range cmd().(tea.BatchMsg) {
			m, r := splitInstant(c)
			msgs = append(msgs, m...)
			rest = append(rest, r)
		}
		return msgs, batch(rest...)
	}
	return nil, cmd
}

// maxInstantChain bounds a chain of instant messages each asking for the
// next: past it the rest goes through the loop as ordinary commands.
const maxInstantChain = 32

// settleInstant handles cmd's instant messages on a at once, and theirs in
// turn, returning the App and the commands that remain.
func settleInstant(a App, cmd tea.Cmd) (App, tea.Cmd) {
	for range maxInstantChain {
		msgs, rest := splitInstant(cmd)
		if len(msgs) == 0 {
			return a, rest
		}
		cmds := []tea.Cmd{rest}
		for _, msg := range msgs {
			var c tea.Cmd
			a, c = a.update(msg)
			cmds = append(cmds, c)
		}
		cmd = batch(cmds...)
	}
	return a, cmd
}
