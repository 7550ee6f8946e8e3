// Command bare is the baseline for the console's start-up benchmark: the
// smallest Bubble Tea v2 program that draws a home line in the alternate
// screen and echoes keys. bench/pty.sh compares octo-cashier against it.
package main

import (
	tea "charm.land/bubbletea/v2"
)

type model struct{ typed string }

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if k.String() == "ctrl+c" {
			return m, tea.Quit
		}
		m.typed += k.Text
	}
	return m, nil
}

func (m model) View() tea.View {
	v := tea.NewView("What would you like to do?\n> " + m.typed)
	v.AltScreen = true
	return v
}

func main() { _, _ = tea.NewProgram(model{}).Run() }
