package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// otpWarnAt is when the countdown turns to the warning colour.
const otpWarnAt = 30

// resendCooldown keeps the cashier from asking for codes faster than SMS
// arrive; the limit itself is the flow's (ResendsLeft) and OCTO's.
const resendCooldown = 30 * time.Second

// otpScreen collects the customer's SMS code within the countdown.
type otpScreen struct {
	input     textinput.Model
	keys      otpKeys
	verifyID  int64     // the code session the cooldown belongs to
	sessionAt time.Time // when that session started (the cooldown runs from it)
	// refused says under the field why enter sent nothing (empty, too
	// short, not digits) or why a key did nothing (the new code's
	// cooldown), until the next key.
	refused string
	lang    Lang
	askedAt time.Time // ctrl+s was pressed: OCTO's answer is said
	codeLen int       // [octo] code_length: a code of another length is refused here; 0 takes any
}

type otpKeys struct {
	Submit, Resend, Check, Abandon key.Binding
}

func (k otpKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Submit, k.Resend, k.Check, k.Abandon}
}
func (k otpKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// abandonMsg asks to leave a payment that has not charged anything.
type abandonMsg struct{}

func newOTPScreen(st styles) otpScreen {
	in := newInput()
	in.Placeholder = st.T("code from the SMS")
	in.CharLimit = 8
	in.SetWidth(20)
	in.Prompt = "› "
	in.Focus()
	return otpScreen{
		input: in,
		lang:  st.lang,
		keys: otpKeys{
			Submit:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send")),
			Resend:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "new code")),
			Check:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "status")),
			Abandon: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "abandon")),
		},
	}
}

// sync follows the payment: a new code session restarts the cooldown and
// clears the field; keys are enabled by what the flow allows.
func (s otpScreen) sync(p flows.Payment, now time.Time) otpScreen {
	if p.VerifyID != s.verifyID {
		s.verifyID = p.VerifyID
		s.sessionAt = now
		s.input.SetValue("")
	}
	allowed := p.Allowed()
	s.keys.Submit.SetEnabled(p.State == flows.AwaitingOTP)
	s.keys.Resend.SetEnabled(slices.Contains(allowed, flows.ActResendCode) && s.cooldownLeft(now) == 0)
	s.keys.Check.SetEnabled(slices.Contains(allowed, flows.ActCheck))
	s.keys.Abandon.SetEnabled(slices.Contains(allowed, flows.ActNew))
	if p.State == flows.AwaitingOTP {
		s.input.Focus()
	} else {
		s.input.Blur()
	}
	return s
}

// codeProblem says, in the screen's language, why code cannot be sent:
// empty, not digits, or not [octo] code_length digits long.
func (s otpScreen) codeProblem(code string) string {
	switch {
	case code == "":
		return s.lang.T("type the code the customer received")
	case strings.Trim(code, "0123456789") != "":
		return s.lang.T("the code is digits only — nothing was sent")
	case s.codeLen > 0 && len(code) != s.codeLen:
		return s.lang.Tf("the code has %d digits, this one %d — nothing was sent, no attempt used", s.codeLen, len(code))
	}
	return ""
}

func (s otpScreen) cooldownLeft(now time.Time) time.Duration {
	if s.sessionAt.IsZero() {
		return 0
	}
	left := resendCooldown - now.Sub(s.sessionAt)
	if left < 0 {
		return 0
	}
	return left
}

func (s otpScreen) Update(msg tea.Msg, p flows.Payment, now time.Time) (otpScreen, tea.Cmd) {
	s = s.sync(p, now)
	if km, ok := msg.(tea.KeyPressMsg); ok {
		s.refused = ""
		switch {
		case key.Matches(km, s.keys.Submit):
			code := strings.TrimSpace(s.input.Value())
			if s.refused = s.codeProblem(code); s.refused != "" {
				// Under the field, and gone with the next key; nothing goes to
				// OCTO, so none of its three attempts is used.
				return s, nil
			}
			// The code goes to the flow and is dropped from the field at
			// once: it is never kept.
			s.input.SetValue("")
			return s, instant(flowInputMsg{flows.SubmitCode{Code: code, At: now}})
		case key.Matches(km, s.keys.Resend):
			return s, instant(flowInputMsg{flows.ResendCode{}})
		case key.Matches(km, s.keys.Check):
			s.askedAt = now // its answer is said under the field
			return s, instant(flowInputMsg{flows.Check{}})
		case key.Matches(km, s.keys.Abandon):
			return s, instant(abandonMsg{})
		case km.String() == "ctrl+r" && p.State == flows.AwaitingOTP:
			// The new-code key is off: say why rather than do nothing.
			if left := s.cooldownLeft(now); left > 0 {
				s.refused = fmt.Sprintf(s.lang.T("a new code can be asked for in %d s"), int(left.Round(time.Second)/time.Second))
			} else {
				s.refused = s.lang.T("no more new codes for this payment: OCTO sends three at most")
			}
			return s, nil
		}
		if p.State != flows.AwaitingOTP {
			return s, nil
		}
		if km.Text != "" && strings.Trim(km.Text, "0123456789") != "" {
			return s, nil // codes are digits; nothing else reaches the field
		}
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return s, cmd
}

// View renders the code step; hint is a line for whoever walks the flow
// (on the sandbox: where the customer's SMS is).
func (s otpScreen) View(st styles, p flows.Payment, now time.Time, hint string) string {
	var b strings.Builder
	phone := p.OTPPhone
	if phone == "" {
		phone = st.T("the customer's phone")
	}
	b.WriteString(st.Tf("OCTO sent a one-time code to %s.\nAsk the customer for it.", st.Amount.Render(phone)) + "\n\n")
	b.WriteString(st.Label.Render(st.T("Amount")) + st.Amount.Render(FormatMoney(p.Amount, p.Currency)) + "\n")
	b.WriteString(st.Label.Render(st.T("Card")) + groupMasked(p.Card) + "\n")
	left := p.OTPSecondsLeft(now)
	cd := fmt.Sprintf("%02d:%02d", left/60, left%60)
	switch {
	case p.State == flows.OTPExpired || left == 0:
		b.WriteString(st.Label.Render(st.T("Code valid for")) + st.CountdownWarn.Render(st.T("00:00 — expired")) + "\n")
	case left <= otpWarnAt:
		b.WriteString(st.Label.Render(st.T("Code valid for")) + st.CountdownWarn.Render(cd+" ⚠") + "\n")
	default:
		b.WriteString(st.Label.Render(st.T("Code valid for")) + st.Countdown.Render(cd) + "\n")
	}
	b.WriteString(st.Label.Render(st.T("Attempts left")) + attemptsView(st, p.AttemptsLeft) + "\n")
	if slices.Contains(p.Allowed(), flows.ActResendCode) {
		b.WriteString(st.Label.Render(st.T("New codes left")) + fmt.Sprint(p.ResendsLeft))
		if cd := s.cooldownLeft(now); cd > 0 {
			b.WriteString(st.Muted.Render(st.Tf(" (next in %ds)", int(cd.Round(time.Second).Seconds()))))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	switch p.State {
	case flows.AwaitingOTP:
		b.WriteString(st.Subtitle.Render(st.T("Code")) + "\n" + s.input.View())
		if s.refused != "" {
			b.WriteString("\n" + st.ErrorLine.Render("✗ "+s.refused))
		}
		if !p.Problem.IsZero() {
			// Why the code is asked again (a wrong code, a lost answer),
			// under the field the cashier types into.
			b.WriteString("\n" + st.ErrorLine.Render("✗ "+st.Problem(p.Problem)))
		}
		if !s.askedAt.IsZero() && p.OCTOStatus != "" {
			b.WriteString("\n" + st.Muted.Render(st.Tf("OCTO says: %s (asked at %s)", st.T(octoStatusWords(p.OCTOStatus)), s.askedAt.Format("15:04:05"))))
		}
		if hint != "" {
			b.WriteString("\n\n" + st.Muted.Render(hint))
		}
	case flows.CheckingOTP:
		b.WriteString(st.Warn.Render("⋯ " + st.T("Checking the code with OCTO")))
	case flows.ResendingOTP:
		b.WriteString(st.Warn.Render("⋯ " + st.T("Asking OCTO for a new code")))
	case flows.OTPExpired:
		b.WriteString(st.Bad.Render(st.T("The code can no longer be used.")) + "\n")
		b.WriteString(st.T("What now:") + "\n")
		if s.keys.Resend.Enabled() {
			b.WriteString("  " + st.MenuKey.Render("[ctrl+r]") + " " + st.T("send the customer a new code") + "\n")
		} else if p.ResendsLeft > 0 && slices.Contains(p.Allowed(), flows.ActResendCode) {
			b.WriteString("  " + st.MenuKey.Render("[ctrl+r]") + " " + st.Tf("a new code in %ds", int(s.cooldownLeft(now).Round(time.Second).Seconds())) + "\n")
		}
		b.WriteString("  " + st.MenuKey.Render("[esc]") + " " + st.T("give up and start a new payment (nothing was charged)") + "\n")
	default:
		b.WriteString(st.Muted.Render(st.T(p.State.Label())))
	}
	return b.String()
}

func attemptsView(st styles, n int) string {
	s := st.Tf("%d of %d", n, flows.MaxAttempts)
	if n <= 1 {
		return st.Warn.Render(s)
	}
	return s
}

// groupMasked shows "860000******0015" as "8600 00** **** 0015".
func groupMasked(masked string) string {
	if masked == "" {
		return "—"
	}
	return GroupPAN(masked)
}

type errorString string

func (e errorString) Error() string { return string(e) }

// problem is an error in the words shown to the cashier.
func problem(s string) error { return errorString(s) }

// octoStatusWords is OCTO's status of a payment as the cashier reads it.
func octoStatusWords(st octo.Status) string {
	switch st {
	case octo.StatusCreated:
		return "created, the card not yet taken"
	case octo.StatusWaitUserAction:
		return "waiting for the customer's code"
	case octo.StatusPending:
		return "being processed"
	case octo.StatusWaitingForCapture:
		return "held, waiting for capture"
	case octo.StatusSucceeded:
		return "paid"
	case octo.StatusCanceled:
		return "canceled"
	case octo.StatusFailed:
		return "failed, nothing charged"
	}
	return string(st)
}
