package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
)

// shiftScreen is the shift's back office: the X report (the shift so
// far), opening the shift with the operator's name and PIN, closing it
// with a numbered Z report (confirmed, and warned of open holds), the past
// Z reports, and the CSV export of a date range.
type shiftScreen struct {
	mode    shiftMode
	report  flows.Report // the X report, or the Z report just made
	loaded  bool
	closed  bool // the report on show is the Z report just made
	shift   flows.Shift
	zs      []flows.Report // past Z reports, newest first
	zAt     int            // the Z report under the cursor (or on show)
	open    shiftOpenForm
	export  csvExport
	offset  int    // the report's first line on show, when it is taller than the screen
	counter string // a store's till: the reports say whose shift
	height  int
	keys    shiftKeys
	lang    Lang // the enter key's help changes with the mode
	check   shiftCheck
	// temporary: the journal goes when the console quits (the sandbox's).
	temporary bool
	// printed says where the last printed report went, or why it did not.
	printed, printErr string
}

type shiftMode int

const (
	shiftReport   shiftMode = iota // the X report, or the Z report just made
	shiftOpening                   // the operator types name and PIN
	shiftZList                     // the past Z reports
	shiftZView                     // one past Z report
	shiftExport                    // the CSV export's dates
	shiftChecking                  // before the Z report: the unsettled payments' status read at the gateway
)

type shiftKeys struct {
	Open, Close, Refresh, List, Export, Print, Lock, Up, Down, Choose, Back key.Binding
}

func (k shiftKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Close, k.Print, k.Refresh, k.List, k.Export, k.Lock, k.Choose, k.Back}
}
func (k shiftKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Open, k.Close, k.Print, k.Refresh, k.List, k.Export, k.Lock}, {k.Up, k.Down, k.Choose, k.Back}}
}

type reportMsg struct {
	report flows.Report
	closed bool
	err    error
}

// shiftInfoMsg is a fresh read of the open shift; atStart when the console
// has just started (a shift with a PIN then starts locked).
type shiftInfoMsg struct {
	shift   flows.Shift
	err     error
	atStart bool
}

// zReportsMsg is the list of past Z reports.
type zReportsMsg struct {
	reports []flows.Report
	err     error
}

type closeShiftMsg struct{}

// askRootMsg asks the root to confirm; then is handled on yes.
type askRootMsg struct {
	title, question, yes string
	then                 tea.Msg
}

type refreshShiftMsg struct{}

// askCloseMsg asks to close the shift, naming the holds still open.
type askCloseMsg struct {
	holds int
	err   error
}

func newShiftScreen(l Lang) shiftScreen {
	return shiftScreen{keys: shiftKeys{
		Open:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", l.T("open the shift"))),
		Close:   key.NewBinding(key.WithKeys("z"), key.WithHelp("z", l.T("close shift (Z report)"))),
		Refresh: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", l.T("X report again"))),
		List:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", l.T("past Z reports"))),
		Export:  key.NewBinding(key.WithKeys("e"), key.WithHelp("e", l.T("export CSV"))),
		Print:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", l.T("print the report"))),
		Lock:    key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", l.T("lock the console"))),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", l.T("up"))),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", l.T("down"))),
		Choose:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("choose"))),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("back"))),
	}, open: newShiftOpenForm(l, ""), export: newCSVExport(l, time.Time{}), lang: l}
}

// openShiftScreen is what the root runs when the cashier chooses the shift.
func openShiftScreen(o Options) (shiftScreen, tea.Cmd) {
	s := newShiftScreen(o.Language)
	s.temporary = o.TemporaryJournal
	s.counter = o.Counter
	return s.sync(), batch(loadXReport(o), loadShift(o.Context, o.Journal, false))
}

// startOpening shows the form that opens a shift by name.
func (s shiftScreen) startOpening(o Options) (shiftScreen, tea.Cmd) {
	s.mode = shiftOpening
	s.open = newShiftOpenForm(o.Language, o.Operator)
	focus := s.open.Init()
	return s.sync(), focus
}

// loadXReport reads the open shift's X report, its holds counted at the
// console's clock (the sandbox's, when it was moved).
func loadXReport(o Options) tea.Cmd {
	ctx, j, now := o.Context, o.Journal, o.Now
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		r, err := j.XReportAt(ctx, now())
		return reportMsg{report: r, err: err}
	}
}

func loadShift(ctx context.Context, j Journal, atStart bool) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		s, err := j.CurrentShift(ctx)
		return shiftInfoMsg{shift: s, err: err, atStart: atStart}
	}
}

func closeShift(ctx context.Context, j Journal, now time.Time) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		r, err := j.ZReport(ctx, now)
		return reportMsg{report: r, closed: true, err: err}
	}
}

func (s shiftScreen) sync() shiftScreen {
	k := &s.keys
	report := s.mode == shiftReport
	k.Open.SetEnabled(report && s.loaded && s.shift.No != 0 && s.shift.Operator == "" && (!s.closed || s.shift.No > s.report.Shift))
	k.Close.SetEnabled((report && s.loaded && !s.closed) || (s.mode == shiftChecking && s.check.finished))
	k.Print.SetEnabled((report && s.loaded) || (s.mode == shiftZView && s.zAt < len(s.zs)))
	k.Refresh.SetEnabled(report && s.loaded)
	k.List.SetEnabled(report)
	k.Export.SetEnabled(report)
	k.Lock.SetEnabled(report && s.shift.HasPIN())
	k.Up.SetEnabled(s.mode == shiftZList || s.mode == shiftReport || s.mode == shiftZView)
	k.Down.SetEnabled(k.Up.Enabled())
	k.Choose.SetEnabled(s.mode == shiftZList && len(s.zs) > 0 || s.mode == shiftOpening || s.mode == shiftExport)
	// In the opening form and the export, enter goes to the next field
	// (and sends from the last), as the form's own line says.
	if s.mode == shiftOpening || s.mode == shiftExport {
		k.Choose.SetHelp("enter", s.lang.T("next"))
	} else {
		k.Choose.SetHelp("enter", s.lang.T("choose"))
	}
	k.Back.SetEnabled(true)
	return s
}

func (s shiftScreen) Update(msg tea.Msg, o Options) (shiftScreen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.height = msg.Height
	case reportMsg:
		if msg.err == nil {
			s.report, s.loaded, s.closed, s.offset = msg.report, true, msg.closed, 0
			if s.mode != shiftOpening { // the form being typed stays
				s.mode = shiftReport
			}
			if msg.closed {
				// The next shift opened with the Z report: nobody's yet.
				cmd = loadShift(o.Context, o.Journal, false)
			}
		}
	case shiftInfoMsg:
		if msg.err == nil {
			s.shift = msg.shift
		}
	case shiftOpenedMsg:
		if msg.err != nil {
			s.open.problem, s.open.sending = msg.err.Error(), false
			return s.sync(), nil
		}
		// Back at the report's top, where the operator's name now shows
		// (a scroll kept from before left the header out of sight).
		s.shift, s.mode, s.offset = msg.shift, shiftReport, 0
		s.open = newShiftOpenForm(o.Language, "")
		if s.closed {
			s.closed = false
			cmd = loadXReport(o)
		} else {
			s.report.Operator = msg.shift.Operator
		}
	case zReportsMsg:
		if msg.err == nil {
			s.zs = make([]flows.Report, 0, len(msg.reports))
			for i := len(msg.reports) - 1; i >= 0; i-- {
				s.zs = append(s.zs, msg.reports[i])
			}
			s.zAt = 0
		}
	case askCloseMsg:
		if msg.err != nil {
			return s.sync(), instant(errMsg{msg.err})
		}
		return s.sync(), askToClose(o.Language, msg.holds)
	case csvDoneMsg:
		s.export, cmd = s.export.Update(msg, o)
	case reportPrintedMsg:
		s.printed, s.printErr = msg.where, ""
		if msg.err != nil {
			s.printErr = msg.err.Error()
		}
	case shiftCheckedMsg:
		if s.mode == shiftChecking {
			s.check = s.check.with(msg)
		}
	case tea.KeyPressMsg:
		return s.key(msg, o)
	default:
		switch s.mode {
		case shiftOpening:
			s.open, cmd = s.open.Update(msg, o)
		case shiftExport:
			s.export, cmd = s.export.Update(msg, o)
		case shiftReport, shiftZList, shiftZView, shiftChecking:
		}
	}
	return s.sync(), cmd
}

func (s shiftScreen) key(msg tea.KeyPressMsg, o Options) (shiftScreen, tea.Cmd) {
	s = s.sync()
	var cmd tea.Cmd
	switch s.mode {
	case shiftOpening:
		if key.Matches(msg, s.keys.Back) {
			s.mode, s.open = shiftReport, newShiftOpenForm(o.Language, "")
			return s.sync(), nil
		}
		s.open, cmd = s.open.Update(msg, o)
		return s.sync(), cmd
	case shiftExport:
		if key.Matches(msg, s.keys.Back) {
			s.mode = shiftReport
			return s.sync(), nil
		}
		s.export, cmd = s.export.Update(msg, o)
		return s.sync(), cmd
	case shiftZList:
		switch {
		case key.Matches(msg, s.keys.Up) && len(s.zs) > 0:
			s.zAt = (s.zAt + len(s.zs) - 1) % len(s.zs)
		case key.Matches(msg, s.keys.Down) && len(s.zs) > 0:
			s.zAt = (s.zAt + 1) % len(s.zs)
		case key.Matches(msg, s.keys.Choose) && len(s.zs) > 0:
			s.mode, s.offset = shiftZView, 0
		case key.Matches(msg, s.keys.Back):
			s.mode = shiftReport
		}
		return s.sync(), nil
	case shiftChecking:
		switch {
		case key.Matches(msg, s.keys.Close):
			return s, countHoldsToClose(o)
		case key.Matches(msg, s.keys.Back):
			s.mode = shiftReport
		}
		return s.sync(), nil
	case shiftZView:
		switch {
		case key.Matches(msg, s.keys.Print) && s.zAt < len(s.zs):
			s.printed, s.printErr = "", ""
			return s, printReport(o, s.zs[s.zAt])
		case key.Matches(msg, s.keys.Up):
			s.offset = max(s.offset-1, 0)
		case key.Matches(msg, s.keys.Down) && s.zAt < len(s.zs):
			s.offset = min(s.offset+1, s.lastOffset(o.Language, s.zs[s.zAt]))
		case key.Matches(msg, s.keys.Back):
			s.mode = shiftZList
		}
		return s.sync(), nil
	case shiftReport:
	}
	switch {
	case key.Matches(msg, s.keys.Open):
		return s.startOpening(o)
	case key.Matches(msg, s.keys.Close):
		if o.ReconcileShift == nil {
			return s, countHoldsToClose(o)
		}
		// The payments not settled are read at the gateway first, so the Z
		// report closes on its figures and any difference is seen.
		s.mode, s.check = shiftChecking, shiftCheck{}
		return s.sync(), checkShift(o)
	case key.Matches(msg, s.keys.Print):
		s.printed, s.printErr = "", ""
		return s, printReport(o, s.report)
	case key.Matches(msg, s.keys.Refresh):
		s.closed = false
		return s, instant(refreshShiftMsg{})
	case key.Matches(msg, s.keys.List):
		s.mode = shiftZList
		ctx, j := o.Context, o.Journal
		return s.sync(), func() tea.Msg {
			zs, err := j.ZReports(ctx)
			return zReportsMsg{zs, err}
		}
	case key.Matches(msg, s.keys.Export):
		s.mode = shiftExport
		s.export = newCSVExport(o.Language, o.Now())
		focus := s.export.Init()
		return s.sync(), focus
	case key.Matches(msg, s.keys.Up):
		s.offset = max(s.offset-1, 0)
	case key.Matches(msg, s.keys.Down):
		s.offset = min(s.offset+1, s.lastOffset(o.Language, s.report))
	case key.Matches(msg, s.keys.Back):
		return s, instant(doneMsg{})
	}
	return s.sync(), nil
}

// countHoldsToClose counts the holds still open: closing with holds open
// is asked plainly.
func countHoldsToClose(o Options) tea.Cmd {
	ctx, j := o.Context, o.Journal
	return func() tea.Msg {
		hs, err := j.OpenHolds(ctx)
		return askCloseMsg{holds: len(hs), err: err}
	}
}

// askToClose asks before the Z report, naming the holds still open.
func askToClose(l Lang, holds int) tea.Cmd {
	title, question := l.T("Close the shift?"),
		l.T("The Z report is numbered and cannot be changed. A new shift starts.")
	if holds > 0 {
		title = l.Tf("%d hold(s) still open. Close the shift?", holds)
		question = l.Tf("The Z report lists them as held; capture or cancel them later under Open holds. %s", question)
	}
	return func() tea.Msg {
		return askRootMsg{title: title, question: question, yes: l.T("close the shift"), then: closeShiftMsg{}}
	}
}

// View draws the screen in the room the root gives it.
func (s shiftScreen) View(st styles, currency string, loc *time.Location) string {
	switch s.mode {
	case shiftOpening:
		return s.open.View(st, s.shift)
	case shiftExport:
		return s.export.View(st)
	case shiftChecking:
		return s.check.View(st, s.report.Shift)
	case shiftZList:
		return s.zListView(st, currency, loc)
	case shiftZView:
		if s.zAt < len(s.zs) {
			return s.scrolled(st, append(s.reportLines(st, s.zs[s.zAt], currency, loc), s.printedLines(st)...))
		}
	case shiftReport:
	}
	if !s.loaded {
		return st.Muted.Render(st.T("Reading the journal…"))
	}
	lines := s.reportLines(st, s.report, currency, loc)
	switch {
	case s.closed && s.shift.No > s.report.Shift && s.shift.Operator == "":
		lines = append(lines, "", st.Warn.Render(st.Tf("Shift %d is open: press o to open it with your name.", s.shift.No)))
	case !s.closed && s.shift.No == s.report.Shift && s.shift.Operator == "":
		lines = append(lines, "", st.Warn.Render(st.T("Nobody has opened this shift: press o to open it with your name.")))
	}
	if s.export.saved != "" {
		lines = append(lines, "", st.OK.Render(st.Tf("✓ Exported to %s", s.export.saved)))
	}
	if s.temporary {
		lines = append(lines, "", st.Warn.Render(st.T(temporaryJournalText)))
	}
	return s.scrolled(st, append(lines, s.printedLines(st)...))
}

// printedLines say where the last printed report went, or why it did not.
func (s shiftScreen) printedLines(st styles) []string {
	switch {
	case s.printErr != "":
		return []string{"", st.ErrorLine.Render("✗ " + st.T("Report not printed") + ": " + s.printErr)}
	case s.printed != "":
		return []string{"", st.OK.Render("✓ " + s.printed)}
	}
	return nil
}

func (s shiftScreen) reportLines(st styles, r flows.Report, currency string, loc *time.Location) []string {
	lines := strings.Split(reportHeading(st, r, loc, s.counter), "\n")
	lines = append(lines, "")
	lines = append(lines, summaryLines(st, r, currency)...)
	lines = append(lines, "")
	lines = append(lines, reportTable(st, reportRows(st.lang, r), currency)...)
	return lines
}

// summaryLines are what the shift took, in three lines above the table:
// net takings, OCTO's fees and what goes to the shop, and the holds
// waiting now (the printed report has them as rows).
func summaryLines(st styles, r flows.Report, currency string) []string {
	money := func(d decimal.Decimal) string { return FormatMoney(d, currency) }
	fees, toShop := st.T("not recorded"), st.T("not recorded")
	if r.WithFees {
		fees, toShop = money(r.Fees()), money(r.ToShop())
	}
	return []string{
		st.Amount.Render(st.Tf("Net takings %s", money(r.Net()))) + st.Muted.Render(" "+st.T("(sales and captures less refunds)")),
		st.Tf("OCTO fees %s · to the shop %s", fees, toShop),
		st.Muted.Render(st.Tf(holdsLine(r), r.Holds.Count, money(r.Holds.Amount), r.Expired.Count, money(r.Expired.Amount))),
	}
}

// holdsLine says which holds a report counts: open now (X), or at closing (Z).
func holdsLine(r flows.Report) string {
	if r.No > 0 {
		return "Holds open at closing: %d · %s, of them expired: %d · %s"
	}
	return "Holds open now: %d · %s, of them expired: %d · %s"
}

// lastOffset is the offset that shows the report's last lines (the
// heading takes three lines, each table's header one and a blank line,
// the notes below up to four).
func (s shiftScreen) lastOffset(l Lang, r flows.Report) int {
	lines := 4 + 3 + 1 + len(reportRows(l, r)) + 4
	return max(lines-s.height+2, 0)
}

// scrolled shows the lines that fit from the offset, with a hint when
// some are out of sight (a busy shift has more lines than a small terminal).
func (s shiftScreen) scrolled(st styles, lines []string) string {
	room := s.height - 1
	if room <= 2 || len(lines) <= room {
		return strings.Join(lines, "\n")
	}
	off := min(s.offset, len(lines)-room+1)
	shown := lines[off : off+room-1]
	more := st.Muted.Render(st.Tf("↑↓ %d more line(s)", len(lines)-len(shown)))
	return strings.Join(append(append([]string{}, shown...), more), "\n")
}

func (s shiftScreen) zListView(st styles, currency string, loc *time.Location) string {
	if s.zs == nil {
		return st.Muted.Render(st.T("Reading the journal…"))
	}
	if len(s.zs) == 0 {
		return st.T("No shift has been closed yet.")
	}
	var b strings.Builder
	b.WriteString(st.Tf("%d Z report(s), newest first. Enter shows one.", len(s.zs)) + "\n\n")
	room := max(s.height-5, 3)
	first := max(0, s.zAt-room+1)
	for i := first; i < len(s.zs) && i < first+room; i++ {
		z := s.zs[i]
		line := fmt.Sprintf("No %-4d %s – %s  %s", z.No, z.Opened.In(loc).Format("02.01 15:04"),
			z.Closed.In(loc).Format("02.01 15:04"), st.Tf("net %s", FormatMoney(z.Net(), currency)))
		if z.WithFees {
			line += " · " + st.Tf("to the shop %s", FormatMoney(z.ToShop(), currency))
		}
		if z.Operator != "" {
			line += "  " + truncate(z.Operator, 14)
		}
		if i == s.zAt {
			b.WriteString(st.MenuSelected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString(st.MenuItem.Render(line) + "\n")
		}
	}
	return b.String()
}
