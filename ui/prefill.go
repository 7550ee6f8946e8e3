package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// prefilledInput is an amount field opened with a value the cashier will
// usually keep (a refund: all that remains). The first character typed
// replaces it, as a selected value would: typing 50000 into a field that
// holds 120 000 meant 50 000, not 12 000 050 000. Any other key (a
// backspace, an arrow) keeps it for editing.
type prefilledInput struct {
	textinput.Model
	prefilled bool
}

// prefill puts value in the field, to be replaced by the first character.
func (in *prefilledInput) prefill(value string) {
	in.SetValue(value)
	in.CursorEnd()
	in.prefilled = true
}

// Update is textinput's, after the first character typed clears the
// prefilled value.
func (in prefilledInput) Update(msg tea.Msg) (prefilledInput, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.Text != "" && strings.Trim(msg.Text, "0123456789 .,") != "" {
			return in, nil // an amount field: a letter typed goes nowhere
		}
		if in.prefilled && msg.Text != "" {
			in.SetValue("")
		}
		in.prefilled = false
	case tea.PasteMsg:
		if in.prefilled {
			in.SetValue("")
		}
		in.prefilled = false
	}
	var cmd tea.Cmd
	in.Model, cmd = in.Model.Update(msg)
	return in, cmd
}
