package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// csvExport asks for a date range and writes the money movements of it
// (sales, captures, releases, cancels, refunds, each with its own date) to
// a CSV file beside the receipts (the journal's export: masked cards only,
// never a CVC or a code), as RFC 4180 or for Excel set to Russian or
// Uzbek. The path is shown once written.
type csvExport struct {
	inputs  [2]textinput.Model // from, to (DD.MM.YYYY, both days included)
	focus   int                // 0, 1: the dates; 2: the format
	excel   bool               // semicolons and decimal commas, for Excel in ru/uz
	problem string
	saved   string // the file written
	keys    struct{ Next, Prev, Toggle key.Binding }
}

// csvFormatField is the focus of the format choice, after the dates.
const csvFormatField = 2

// csvDoneMsg is the export's outcome.
type csvDoneMsg struct {
	path string
	err  error
}

const dateLayout = "02.01.2006"

func newCSVExport(l Lang, today time.Time) csvExport {
	var e csvExport
	prompts := []string{l.T("from (DD.MM.YYYY) › "), l.T("to (DD.MM.YYYY) › ")}
	for i := range e.inputs {
		in := newInput()
		in.Prompt = prompts[i]
		in.CharLimit = 10
		in.SetWidth(12)
		if !today.IsZero() {
			in.SetValue(today.Format(dateLayout))
			in.CursorEnd()
		}
		e.inputs[i] = in
	}
	e.keys.Next = key.NewBinding(key.WithKeys("enter", "tab", "down"))
	e.keys.Prev = key.NewBinding(key.WithKeys("shift+tab", "up"))
	e.keys.Toggle = key.NewBinding(key.WithKeys("space", "left", "right"))
	return e
}

// Init focuses the field (on the form itself: Focus changes the input).
func (e *csvExport) Init() tea.Cmd { return e.inputs[e.focus].Focus() }

// exportDir is where exports go: Options.ExportDir, else "exports" in
// the working directory.
func exportDir(o Options) string {
	if o.ExportDir == "" {
		return "exports"
	}
	return o.ExportDir
}

// rangeOf reads the two dates as [from 00:00, the day after to 00:00) in
// loc, or says what is wrong.
func (e csvExport) rangeOf(l Lang, loc *time.Location) (from, to time.Time, problem string) {
	var ds [2]time.Time
	for i, in := range e.inputs {
		d, err := time.ParseInLocation(dateLayout, strings.TrimSpace(in.Value()), loc)
		if err != nil {
			return from, to, l.Tf("%q is not a date like 23.11.2026.", in.Value())
		}
		ds[i] = d
	}
	if ds[1].Before(ds[0]) {
		return from, to, l.T("The range ends before it starts.")
	}
	return ds[0], ds[1].AddDate(0, 0, 1), ""
}

func (e csvExport) Update(msg tea.Msg, o Options) (csvExport, tea.Cmd) {
	switch msg := msg.(type) {
	case csvDoneMsg:
		if msg.err != nil {
			e.problem = msg.err.Error()
			return e, nil
		}
		e.saved, e.problem = msg.path, ""
		return e, nil
	case tea.KeyPressMsg:
		switch {
		case e.focus == csvFormatField && key.Matches(msg, e.keys.Toggle):
			e.excel = !e.excel
			return e, nil
		case key.Matches(msg, e.keys.Next):
			if msg.String() != "enter" || e.focus == 0 {
				return e, e.move(1)
			}
			from, to, p := e.rangeOf(o.Language, o.Now().Location())
			if p != "" {
				e.problem = p
				return e, nil
			}
			e.problem, e.saved = "", ""
			return e, exportCSV(o.Context, o.Journal, exportDir(o), from, to, flows.CSVFormat{Excel: e.excel, Location: o.Now().Location()})
		case key.Matches(msg, e.keys.Prev):
			return e, e.move(-1)
		}
	}
	if e.focus == csvFormatField {
		return e, nil
	}
	var cmd tea.Cmd
	e.inputs[e.focus], cmd = e.inputs[e.focus].Update(msg)
	return e, cmd
}

// move goes to the next (1) or previous (-1) field: the dates, then the format.
func (e *csvExport) move(by int) tea.Cmd {
	if e.focus < len(e.inputs) {
		e.inputs[e.focus].Blur()
	}
	e.focus = (e.focus + by + csvFormatField + 1) % (csvFormatField + 1)
	if e.focus < len(e.inputs) {
		return e.inputs[e.focus].Focus()
	}
	return nil
}

// exportCSV writes the file (owner-only: it names customers and amounts).
func exportCSV(ctx context.Context, j Journal, dir string, from, to time.Time, format flows.CSVFormat) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return csvDoneMsg{err: err}
		}
		name := fmt.Sprintf("octo-movements-%s-%s.csv", from.Format("20060102"), to.AddDate(0, 0, -1).Format("20060102"))
		if format.Excel {
			name = strings.TrimSuffix(name, ".csv") + "-excel.csv"
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return csvDoneMsg{err: err}
		}
		err = j.ExportCSV(ctx, f, from, to, format)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(path) // half a file would pass for the whole range
			return csvDoneMsg{err: err}
		}
		if abs, aerr := filepath.Abs(path); aerr == nil {
			path = abs
		}
		return csvDoneMsg{path: path}
	}
}

func (e csvExport) View(st styles) string {
	var b strings.Builder
	b.WriteString(st.Subtitle.Render(st.T("Export money movements to CSV")) + "\n")
	b.WriteString(st.Muted.Render(st.T("Every sale, capture, release, cancel and refund of these days (both included), each with its own date and time. Cards are masked.")) + "\n\n")
	for _, in := range e.inputs {
		b.WriteString(in.View() + "\n")
	}
	format := st.T("RFC 4180: commas, decimal point, 2026-11-23")
	if e.excel {
		format = st.T("Excel (ru/uz): semicolons, decimal comma, 23.11.2026")
	}
	line := st.T("format › ") + format
	if e.focus == csvFormatField {
		line = st.MenuSelected.Render(line + "  ‹ " + st.T("space switches") + " ›")
	}
	b.WriteString(line + "\n")
	if e.problem != "" {
		b.WriteString("\n" + st.ErrorLine.Render("✗ "+e.problem) + "\n")
	}
	if e.saved != "" {
		b.WriteString("\n" + st.OK.Render(st.Tf("✓ Exported to %s", e.saved)) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(st.T("enter: next date, then export · tab: the format · esc: back")))
	return b.String()
}
