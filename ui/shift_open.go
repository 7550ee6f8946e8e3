package ui

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// shiftOpenForm takes the operator's name and an optional PIN (typed
// twice) to open the shift. The PIN leaves the form only for the journal,
// which keeps a salted hash of it; the form forgets it once sent.
type shiftOpenForm struct {
	inputs  [3]textinput.Model // name, PIN, PIN again
	focus   int
	problem string
	sending bool
	keys    struct{ Next, Prev key.Binding }
}

// shiftOpenedMsg is the journal's answer to opening the shift.
type shiftOpenedMsg struct {
	shift flows.Shift
	err   error
}

// PIN length: long enough to mean something, short enough to type often.
const (
	pinMin = 4
	pinMax = 8
)

func newShiftOpenForm(l Lang, operator string) shiftOpenForm {
	var f shiftOpenForm
	prompts := []string{l.T("name › "), l.T("PIN (optional) › "), l.T("PIN again › ")}
	for i := range f.inputs {
		in := newInput()
		in.Prompt = prompts[i]
		in.SetWidth(24)
		in.CharLimit = 40
		if i > 0 {
			in.CharLimit = pinMax
			in.EchoMode = textinput.EchoPassword
			in.EchoCharacter = '•'
		}
		f.inputs[i] = in
	}
	f.inputs[0].SetValue(operator)
	f.inputs[0].CursorEnd()
	f.keys.Next = key.NewBinding(key.WithKeys("enter", "tab", "down"))
	f.keys.Prev = key.NewBinding(key.WithKeys("shift+tab", "up"))
	return f
}

// Init focuses the field (on the form itself: Focus changes the input).
func (f *shiftOpenForm) Init() tea.Cmd {
	return f.inputs[f.focus].Focus()
}

func (f *shiftOpenForm) focusOn(i int) tea.Cmd {
	f.inputs[f.focus].Blur()
	f.focus = i
	return f.inputs[i].Focus()
}

// check says what is wrong with the form, in words ("" when nothing), and
// which field to fix.
func (f shiftOpenForm) check(l Lang) (string, int) {
	pin, again := f.inputs[1].Value(), f.inputs[2].Value()
	switch {
	case strings.TrimSpace(f.inputs[0].Value()) == "":
		return l.T("Type the operator's name."), 0
	case pin != "" && (len(pin) < pinMin || strings.IndexFunc(pin, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0):
		return l.Tf("The PIN is %d to %d digits, or none.", pinMin, pinMax), 1
	case pin != again:
		return l.T("The two PINs differ: type it again."), 2
	}
	return "", 0
}

func (f shiftOpenForm) Update(msg tea.Msg, o Options) (shiftOpenForm, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		var cmd tea.Cmd
		f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
		return f, cmd
	}
	if f.sending {
		return f, nil
	}
	switch {
	case key.Matches(km, f.keys.Next):
		f.problem = ""
		enter := km.String() == "enter"
		if enter && f.focus == 0 && strings.TrimSpace(f.inputs[0].Value()) == "" {
			f.problem, _ = f.check(o.Language)
			return f, nil
		}
		// Enter on the last field (or on an empty PIN: none wanted) opens the shift.
		last := f.focus == len(f.inputs)-1 || (f.focus == 1 && f.inputs[1].Value() == "")
		if !enter || !last {
			if f.focus < len(f.inputs)-1 {
				return f, f.focusOn(f.focus + 1)
			}
			return f, nil
		}
		if p, at := f.check(o.Language); p != "" {
			// The cursor goes to the field at fault (the PIN, not its
			// repeat), with what was typed kept.
			f.problem = p
			return f, f.focusOn(at)
		}
		name, pin := strings.TrimSpace(f.inputs[0].Value()), f.inputs[1].Value()
		// The PIN goes to the journal and nowhere else; the fields forget it.
		f.inputs[1].SetValue("")
		f.inputs[2].SetValue("")
		f.sending = true
		ctx, j, now := o.Context, o.Journal, o.Now()
		if j == nil {
			f.sending, f.problem = false, errNoRunner.Error()
			return f, nil
		}
		return f, bookedWrite(ctx, j, func() tea.Msg {
			s, err := j.OpenShift(ctx, name, pin, now)
			return shiftOpenedMsg{s, err}
		})
	case key.Matches(km, f.keys.Prev):
		if f.focus > 0 {
			return f, f.focusOn(f.focus - 1)
		}
		return f, nil
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return f, cmd
}

func (f shiftOpenForm) View(st styles, s flows.Shift) string {
	var b strings.Builder
	if s.No != 0 {
		b.WriteString(st.Subtitle.Render(st.Tf("Open shift %d", s.No)) + "\n")
	}
	b.WriteString(st.Muted.Render(st.T("Your name goes on the shift's reports. A PIN lets you lock the console (ctrl+l) when you step away; leave it empty for none.")) + "\n\n")
	for _, in := range f.inputs {
		b.WriteString(in.View() + "\n")
	}
	if f.problem != "" {
		b.WriteString("\n" + st.ErrorLine.Render("✗ "+f.problem) + "\n")
	}
	if f.sending {
		b.WriteString("\n" + st.Muted.Render(st.T("Writing to the journal…")) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(st.T("enter: next field, then open the shift · esc: back")))
	return b.String()
}
