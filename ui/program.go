package ui

import tea "charm.land/bubbletea/v2"

// Program is the App as the model a tea.Program runs. Bubble Tea keeps its
// model in an interface, and an App value (over 100 kB: every screen, its
// inputs and the styles) put there is copied to the heap: on every message
// — each key, tick and exchange — that was 50 MB of garbage a payment,
// collected hundreds of times. Program keeps one App and updates it in
// place; the App's own code stays value-typed.
type Program struct{ app App }

// NewProgram returns the model for tea.NewProgram.
func NewProgram(a App) *Program { return &Program{app: a} }

// Init starts the App.
func (p *Program) Init() tea.Cmd { return p.app.Init() }

// Update runs the App on msg.
func (p *Program) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	p.app, cmd = p.app.step(msg)
	return p, cmd
}

// View draws the App.
func (p *Program) View() tea.View { return p.app.View() }
