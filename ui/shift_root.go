package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// shiftHook is the root's handling, ahead of its routing, of what the
// shift adds to the console as a whole: the lock (which takes every key
// while on, whatever the screen), the open shift (whose PIN the lock
// checks) and the busy state of a batch of holds (no quitting while money
// is in flight). It says false for a message it leaves to the root.
func (a App) shiftHook(msg tea.Msg) (App, tea.Cmd, bool) {
	l := a.opts.Language
	switch msg := msg.(type) {
	case shiftInfoMsg:
		if msg.atStart && a.shiftOpened {
			// A shift opened here is not one a restart finds, and what the
			// read found is older than it: neither locks nor replaces it.
			return a, nil, true
		}
		var lockCmd tea.Cmd
		if msg.err == nil {
			a.shiftNow = msg.shift
			a = a.operatorFromShift()
			// A console restarted during a shift with a PIN starts locked:
			// restarting must not be the way around the lock.
			if msg.atStart && msg.shift.HasPIN() && !a.lock.on {
				a.lock, lockCmd = a.lock.engage(l, msg.shift)
			}
		}
		m, cmd := a.updateScreen(msg)
		return m, batch(lockCmd, cmd), true
	case shiftOpenedMsg:
		if msg.err == nil {
			a.shiftNow, a.shiftOpened = msg.shift, true
			a = a.operatorFromShift()
		}
		m, cmd := a.updateScreen(msg)
		a = m
		if next := a.afterShift; next != nil && msg.err == nil {
			// Opened on the way to a sale: on to it.
			a.afterShift, a.notice = nil, ""
			m, more := a.choose(*next)
			a = m
			cmd = batch(cmd, more)
		}
		return a, cmd, true // the keys held meanwhile follow (App.Update)
	case startBatchMsg, batchStepMsg:
		if _, starts := msg.(startBatchMsg); starts {
			if m, refused := a.storeRefuses(); refused {
				return m, nil, true
			}
		}
		m, cmd := a.updateScreen(msg)
		a = m
		a.busy = a.holds.batch.busy(l)
		if a.busy == "" && strings.HasPrefix(a.notice, l.T("Not quitting")) {
			a.notice = ""
		}
		return a, cmd, true
	case tea.PasteMsg:
		if a.lock.on {
			var cmd tea.Cmd
			a, cmd = a.lockUpdate(msg)
			return a, cmd, true
		}
	case tea.KeyPressMsg:
		if a.lock.on {
			var cmd tea.Cmd
			a, cmd = a.lockUpdate(msg)
			return a, cmd, true
		}
		if key.Matches(msg, lockKey) {
			if !a.shiftNow.HasPIN() {
				a.notice = l.T("Open the shift with a PIN (Shift screen) to lock the console.")
				return a, nil, true
			}
			var cmd tea.Cmd
			a.lock, cmd = a.lock.engage(l, a.shiftNow)
			return a, cmd, true
		}
	}
	return a, nil, false
}

// operatorFromShift makes whoever opened the shift the console's operator:
// the header names them and the payments they take are journaled under
// their name. A shift nobody opened keeps the configured operator.
func (a App) operatorFromShift() App {
	a.opts.Operator = a.baseOperator
	if a.shiftNow.Operator != "" {
		a.opts.Operator = a.shiftNow.Operator
	}
	return a
}

// lockUpdate gives a key or a paste to the lock, and journals the count of
// wrong PINs when an attempt changed it (or a right PIN cleared it).
func (a App) lockUpdate(msg tea.Msg) (App, tea.Cmd) {
	before := a.lock.wrong
	var cmd tea.Cmd
	a.lock, cmd = a.lock.Update(msg, a.opts.Language, a.shiftNow, a.opts.Now())
	if a.lock.wrong == before && (a.lock.on || before == 0) {
		return a, cmd
	}
	a.shiftNow.PINWrong, a.shiftNow.PINNotBefore = a.lock.wrong, a.lock.notBefore
	ctx, j, no, wrong, nb := a.opts.Context, a.opts.Journal, a.shiftNow.No, a.lock.wrong, a.lock.notBefore
	if j == nil {
		return a, cmd
	}
	return a, batch(cmd, bookedWrite(ctx, j, func() tea.Msg {
		if err := j.RecordPINTries(ctx, no, wrong, nb); err != nil {
			return errMsg{err}
		}
		return nil
	}))
}
