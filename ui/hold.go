package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
)

// holdScreen decides a hold: capture it in full, capture a part (the rest
// goes back to the customer), or cancel it. Each is confirmed first.
type holdScreen struct {
	partial bool // the part-amount field is open
	input   textinput.Model
	keys    holdKeys
	lang    Lang // the confirmations are worded in Update
}

type holdKeys struct {
	Full, Part, Cancel, Check, Confirm, Back key.Binding
}

func (k holdKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Full, k.Part, k.Cancel, k.Confirm, k.Back, k.Check}
}
func (k holdKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// askMsg asks the root to confirm something before it goes to the flow.
type askMsg struct {
	title, question, yes string
	ev                   flows.Event
}

func newHoldScreen(st styles) holdScreen {
	in := newInput()
	in.Placeholder = st.T("amount to capture")
	in.CharLimit = 20
	in.SetWidth(20)
	in.Prompt = "› "
	return holdScreen{
		input: in,
		lang:  st.lang,
		keys: holdKeys{
			Full:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "capture all")),
			Part:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "capture part")),
			Cancel:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "cancel hold")),
			Check:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "status")),
			Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "capture this")),
			Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		},
	}
}

func (s holdScreen) sync(p flows.Payment) holdScreen {
	allowed := p.Allowed()
	capture := slices.Contains(allowed, flows.ActCapture)
	s.keys.Full.SetEnabled(capture && !s.partial)
	s.keys.Part.SetEnabled(capture && !s.partial)
	s.keys.Cancel.SetEnabled(slices.Contains(allowed, flows.ActCancel) && !s.partial)
	s.keys.Check.SetEnabled(slices.Contains(allowed, flows.ActCheck) && !s.partial)
	s.keys.Confirm.SetEnabled(capture && s.partial)
	// Back leaves the part field, or leaves the hold for later (it waits
	// under Open holds).
	s.keys.Back.SetEnabled(s.partial || p.State == flows.Held)
	return s
}

// partAmount reads the field: the amount, and a problem in words if the
// flow would not take it (the flow decides what a valid capture is).
func (s holdScreen) partAmount(p flows.Payment) (decimal.Decimal, string) {
	l := s.lang
	amt, err := ParseAmount(s.input.Value())
	if err != nil {
		return decimal.Zero, l.Err(err).Error()
	}
	if amt.GreaterThan(p.Amount) {
		return amt, l.Tf("more than the hold of %s", FormatMoney(p.Amount, p.Currency))
	}
	if !p.Can(flows.Capture{Amount: amt}) {
		return amt, l.T("OCTO cannot capture this amount now")
	}
	return amt, ""
}

func (s holdScreen) Update(msg tea.Msg, p flows.Payment) (holdScreen, tea.Cmd) {
	s = s.sync(p)
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		var cmd tea.Cmd
		if s.partial {
			s.input, cmd = s.input.Update(msg)
		}
		return s, cmd
	}
	l := s.lang
	hold := FormatMoney(p.Amount, p.Currency)
	switch {
	case key.Matches(km, s.keys.Full):
		ev := flows.Capture{Amount: p.Amount}
		return s, ask(l.T("Capture the whole hold?"),
			l.Tf("Charge %s to %s.", hold, groupMasked(p.Card)), l.Tf("capture %s", hold), ev)
	case key.Matches(km, s.keys.Part):
		s.partial = true
		s.input.SetValue("")
		cmd := s.input.Focus()
		return s.sync(p), cmd
	case key.Matches(km, s.keys.Cancel):
		return s, ask(l.T("Cancel the hold?"),
			l.Tf("Release all %s back to the customer. Nothing is charged.", hold), l.T("cancel the hold"), flows.Cancel{})
	case key.Matches(km, s.keys.Check):
		return s, instant(flowInputMsg{flows.Check{}})
	case key.Matches(km, s.keys.Back) && !s.partial:
		return s, instant(doneMsg{})
	case key.Matches(km, s.keys.Back):
		s.partial = false
		s.input.Blur()
		return s.sync(p), nil
	case key.Matches(km, s.keys.Confirm):
		amt, problemText := s.partAmount(p)
		if problemText != "" {
			return s, nil // the problem is already shown under the field
		}
		released := p.Amount.Sub(amt)
		return s, ask(l.T("Capture part of the hold?"),
			l.Tf("Charge %s.\n%s goes back to the customer.", FormatMoney(amt, p.Currency), FormatMoney(released, p.Currency)),
			l.Tf("capture %s", FormatMoney(amt, p.Currency)), flows.Capture{Amount: amt})
	}
	if !s.partial {
		return s, nil
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if g := GroupAmountInput(s.input.Value()); g != s.input.Value() {
		s.input.SetValue(g)
		s.input.CursorEnd()
	}
	return s, cmd
}

func ask(title, question, yes string, ev flows.Event) tea.Cmd {
	return instant(askMsg{title: title, question: question, yes: yes, ev: ev})
}

func (s holdScreen) View(st styles, p flows.Payment, now time.Time) string {
	var b strings.Builder
	b.WriteString(st.Label.Render(st.T("Held")) + st.Amount.Render(FormatMoney(p.Amount, p.Currency)) + "\n")
	b.WriteString(st.Label.Render(st.T("Card")) + groupMasked(p.Card) + "\n")
	if p.Description != "" {
		b.WriteString(st.Label.Render(st.T("For")) + p.Description + "\n")
	}
	left := p.HoldTimeLeft(now)
	switch {
	case p.HoldExpires.IsZero():
		b.WriteString(st.Label.Render(st.T("Expires")) + st.Muted.Render(st.T("OCTO did not say")) + "\n")
	case left <= 0:
		b.WriteString(st.Label.Render(st.T("Expires")) + st.CountdownWarn.Render(st.T("now — checking with OCTO")) + "\n")
	default:
		cd := formatCountdown(left)
		if left <= 5*time.Minute {
			b.WriteString(st.Label.Render(st.T("Expires in")) + st.CountdownWarn.Render(cd+" ⚠") + "\n")
		} else {
			b.WriteString(st.Label.Render(st.T("Expires in")) + st.Countdown.Render(cd) + "\n")
		}
	}
	b.WriteString("\n")
	if !p.Problem.IsZero() && p.State == flows.Held {
		// Why the hold is back on screen (a capture or cancel that did not
		// go through): the cashier decides again knowing it.
		b.WriteString(st.ErrorLine.Render("✗ "+st.Problem(p.Problem)) + "\n\n")
	}
	switch {
	case p.State == flows.Capturing:
		b.WriteString(st.Warn.Render("⋯ " + st.T("Capturing with OCTO")))
	case p.State == flows.Canceling:
		b.WriteString(st.Warn.Render("⋯ " + st.T("Canceling the hold with OCTO")))
	case s.partial:
		b.WriteString(st.Subtitle.Render(st.T("Capture how much?")) + "\n" + s.input.View() + "\n")
		if strings.TrimSpace(s.input.Value()) != "" {
			amt, problemText := s.partAmount(p)
			if problemText != "" {
				b.WriteString(st.ErrorLine.Render("✗ "+problemText) + "\n")
			} else {
				// Before the capture: what will happen, not what did.
				b.WriteString(st.Label.Render(st.T("Will be charged")) + st.Amount.Render(FormatMoney(amt, p.Currency)) + "\n")
				b.WriteString(st.T("Released to the customer:") + " " + st.OK.Render(FormatMoney(p.Amount.Sub(amt), p.Currency)) + "\n")
			}
		}
	default:
		b.WriteString(st.T("What now:") + "\n")
		b.WriteString("  " + st.MenuKey.Render("[f]") + " " + st.Tf("capture all %s", FormatMoney(p.Amount, p.Currency)) + "\n")
		b.WriteString("  " + st.MenuKey.Render("[p]") + " " + st.T("capture part, release the rest") + "\n")
		b.WriteString("  " + st.MenuKey.Render("[x]") + " " + st.T("cancel the hold, release everything") + "\n")
	}
	return b.String()
}

// formatCountdown writes mm:ss, or h:mm:ss past an hour.
func formatCountdown(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}
