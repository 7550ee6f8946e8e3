package ui

import (
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// formExec runs a huh form in accessible mode: plain prompts, one line at
// a time, that a screen reader can follow. Bubble Tea hands it the
// terminal (tea.Exec) and takes it back when the form is done.
type formExec struct {
	form *huh.Form
	// steps, when set, are run instead of form, in order, each only when
	// its ask says so once the ones before it were answered (huh's own
	// accessible mode asks every field, hidden groups too).
	steps []accessibleStep
	in    io.Reader
	out   io.Writer
}

func (e *formExec) SetStdin(r io.Reader)  { e.in = r }
func (e *formExec) SetStdout(w io.Writer) { e.out = w }
func (e *formExec) SetStderr(io.Writer)   {}

func (e *formExec) Run() error {
	in, out := e.in, e.out
	if in == nil {
		in = os.Stdin
	}
	if out == nil {
		out = os.Stdout
	}
	if len(e.steps) == 0 {
		return e.form.WithAccessible(true).WithInput(in).WithOutput(out).Run()
	}
	for _, st := range e.steps {
		if st.ask != nil && !st.ask() {
			continue
		}
		if err := st.form.WithAccessible(true).WithInput(in).WithOutput(out).Run(); err != nil {
			return err
		}
	}
	return nil
}

// accessibleStep is one form of several run as prompts; ask (nil: always)
// says whether it is asked at all.
type accessibleStep struct {
	form *huh.Form
	ask  func() bool
}

// runAccessibleSteps is runAccessible for several forms.
func runAccessibleSteps(steps []accessibleStep, done func(completed bool) tea.Msg) tea.Cmd {
	e := &formExec{steps: steps}
	return tea.Exec(e, func(err error) tea.Msg { return done(err == nil) })
}

// runAccessible runs form as prompts; done is told whether the form was
// completed (its values are in the fields it is bound to).
func runAccessible(form *huh.Form, done func(completed bool) tea.Msg) tea.Cmd {
	e := &formExec{form: form}
	return tea.Exec(e, func(err error) tea.Msg { return done(err == nil) })
}
