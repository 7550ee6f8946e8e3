package ui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// liveInput is a huh text input that keeps its own value and description
// in step with what is typed, inside huh's Update. huh lays a form out
// at the end of its Update, after every field's; a screen that regrouped
// the value ("150000" → "150 000") or changed the description (the
// amount as it will be charged) after that had to send huh a second
// message to lay the form out again — every field drawn twice a key, a
// third of a key's time. The field's follow does it before the layout,
// once: huh gives every key to the focused field's group, so the field
// sees every change typed into it.
type liveInput struct {
	*huh.Input
	// follow brings the value and the description up to date with what
	// was typed; it runs after each of the input's updates and returns
	// the command of any key it sent the input (End, after a regroup).
	follow func(in *huh.Input) tea.Cmd
}

func (f *liveInput) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	m, cmd := f.Input.Update(msg)
	if in, ok := m.(*huh.Input); ok {
		f.Input = in
	}
	return f, batch(cmd, f.follow(f.Input))
}

// toEnd moves the input's cursor to the end of its value: a value set
// anew (a space added by regrouping) leaves it where it was, one
// character short, and the next digit would land before the last.
func toEnd(in *huh.Input) tea.Cmd {
	_, cmd := in.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
	return cmd
}

// regroup sets the input's bound value *v to group(*v) when that differs,
// the input showing it with its cursor at the end.
func regroup(in *huh.Input, v *string, group func(string) string) tea.Cmd {
	g := group(*v)
	if g == *v {
		return nil
	}
	*v = g
	in.Value(v)
	return toEnd(in)
}
