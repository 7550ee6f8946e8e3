package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// pinLock hides the console behind the shift's PIN while the cashier is
// away. The root draws only the lock when it is on (no header, status
// line, SMS panel or payment on screen) and gives it every key; the
// payment flows keep running underneath, so an answer from OCTO is not
// lost while the console is locked.
type pinLock struct {
	on      bool
	input   textinput.Model
	wrong   int
	problem string
	unlock  key.Binding
	// notBefore is when the next try is taken, after pinFreeTries wrong
	// PINs: a 4-digit PIN is 10 000 guesses, and a pause that doubles
	// makes them hours instead of minutes.
	notBefore time.Time
	refused   bool // the last enter came during the pause
}

// pinFreeTries wrong PINs are taken at once; each one after them waits
// pinPause, doubled each time up to pinPauseMax.
const (
	pinFreeTries = 5
	pinPause     = 30 * time.Second
	pinPauseMax  = 15 * time.Minute
)

// pause is the wait after the nth wrong PIN.
func (p pinLock) pause() time.Duration {
	if p.wrong < pinFreeTries {
		return 0
	}
	d := pinPause
	for i := pinFreeTries; i < p.wrong && d < pinPauseMax; i++ {
		d *= 2
	}
	return min(d, pinPauseMax)
}

// lockKey locks the console from any screen, once the shift has a PIN.
var lockKey = key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "lock"))

func newPinLock(l Lang) pinLock {
	in := newInput()
	in.Prompt = l.T("PIN › ")
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.CharLimit = pinMax
	in.SetWidth(pinMax + 1)
	var p pinLock
	p.input = in
	p.unlock = key.NewBinding(key.WithKeys("enter"))
	return p
}

// engage locks the console, with the shift's count of wrong PINs and its
// pause as the journal keeps them (a restart does not reset them).
func (p pinLock) engage(l Lang, s flows.Shift) (pinLock, tea.Cmd) {
	p = newPinLock(l)
	p.on = true
	p.wrong, p.notBefore = s.PINWrong, s.PINNotBefore
	return p, p.input.Focus()
}

// Update takes a key (or a paste) while locked; enter checks the PIN,
// unless the pause after too many wrong ones is still running (now).
func (p pinLock) Update(msg tea.Msg, l Lang, s flows.Shift, now time.Time) (pinLock, tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, p.unlock):
			if wait := p.notBefore.Sub(now); wait > 0 {
				// The PIN typed stays in the field for when the pause ends.
				p.refused = true
				p.problem = l.Tf("Too many wrong PINs: try again in %s.", formatCountdown(wait))
				return p, nil
			}
			p.refused = false
			pin := p.input.Value()
			p.input.SetValue("")
			if s.CheckPIN(pin) {
				p.on, p.wrong, p.problem, p.notBefore = false, 0, "", time.Time{}
				p.input.Blur()
				return p, nil
			}
			p.wrong++
			p.problem = l.Tf("Wrong PIN (%d). The console stays locked.", p.wrong)
			if wait := p.pause(); wait > 0 {
				p.notBefore = now.Add(wait)
				p.problem = l.Tf("Wrong PIN (%d). The next try in %s.", p.wrong, formatCountdown(wait))
			}
			return p, nil
		case km.String() == "ctrl+c":
			p.problem = l.T("Unlock first: the console does not quit while locked.")
			return p, nil
		}
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

// View is the whole window while locked: who locked it and the PIN field,
// nothing of the payments.
func (p pinLock) View(st styles, s flows.Shift, width, height int, now time.Time) string {
	// The pause counts down on screen (the console's heartbeat redraws it),
	// so the cashier sees when to try again.
	switch wait := p.notBefore.Sub(now); {
	case wait > 0 && p.refused:
		p.problem = st.Tf("Too many wrong PINs: try again in %s.", formatCountdown(wait))
	case wait > 0:
		p.problem = st.Tf("Wrong PIN (%d). The next try in %s.", p.wrong, formatCountdown(wait))
	case !p.notBefore.IsZero() && p.wrong > 0:
		// The pause is over: the countdown does not stop at its last second.
		p.problem = st.Tf("Wrong PIN (%d). The next try is open now.", p.wrong)
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("octo-cashier · " + st.T("locked")))
	b.WriteString("\n")
	if s.Operator != "" {
		b.WriteString(st.Tf("Shift %d · operator %s", s.No, s.Operator) + "\n\n")
	}
	b.WriteString(st.T("Type the shift's PIN and press enter to unlock.") + "\n\n")
	b.WriteString(p.input.View() + "\n")
	if p.problem != "" {
		b.WriteString("\n" + st.ErrorLine.Render("✗ "+p.problem))
	}
	if width <= 0 || height <= 0 {
		return b.String()
	}
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, b.String())
}
