package ui

import tea "charm.land/bubbletea/v2"

// Program is the App as the model a tea.Program runs. Bubble Tea keeps its
// model in an interface, and an App value put there is copied to the heap
// on every message — each key, tick and exchange; when the App held its
// screens by value (over 100 kB) that was 50 MB of garbage a payment.
// Program keeps one App and updates it in place; the App's own code stays
// value-typed (its screens are behind one pointer, screenSet in app.go).
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
