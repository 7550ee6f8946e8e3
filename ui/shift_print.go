package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// reportPrintedMsg says where a printed X or Z report went.
type reportPrintedMsg struct {
	where string
	err   error
}

// reportSlip is an X or Z report as the receipt printer prints it: the
// shop, the report and its shift, what the shift took (net takings first),
// then every bucket by channel, in the console's language.
func reportSlip(o Options, r flows.Report, at time.Time) receipt.Slip {
	l, loc, cur := o.Language, at.Location(), o.Currency
	const stamp = "02.01.2006 15:04"
	s := receipt.Slip{Copy: l.T("COPY")}
	if o.ShopName != "" {
		s.Head = append(s.Head, o.ShopName)
	}
	if o.ShopID != 0 {
		s.Head = append(s.Head, l.Tf("Shop ID %d", o.ShopID))
	}
	if r.No > 0 {
		s.Title = l.Tf("Z REPORT No %d", r.No)
		s.Name = fmt.Sprintf("z-report-%d", r.No)
	} else {
		s.Title = l.T("X REPORT")
		s.Name = fmt.Sprintf("x-report-shift-%d-%s", r.Shift, at.In(loc).Format("20060102-150405"))
	}
	s.Facts = append(s.Facts, [2]string{l.T("Shift"), fmt.Sprint(r.Shift)},
		[2]string{l.T("Opened"), r.Opened.In(loc).Format(stamp)})
	if r.No > 0 {
		s.Facts = append(s.Facts, [2]string{l.T("Closed"), r.Closed.In(loc).Format(stamp)})
	} else {
		s.Facts = append(s.Facts, [2]string{l.T("As of"), at.In(loc).Format(stamp)})
	}
	if r.Operator != "" {
		s.Facts = append(s.Facts, [2]string{l.T("Operator"), r.Operator})
	}
	if o.Counter != "" {
		s.Facts = append(s.Facts, [2]string{l.T("Counter"), o.Counter})
	}
	add := func(rows []reportRow) {
		for _, row := range rows {
			label := row.label
			if row.channel {
				label = "  " + label
			}
			s.Rows = append(s.Rows, receipt.SlipRow{Label: label, Count: row.countText(), Amount: row.money(cur), Bold: row.strong})
		}
	}
	add(summaryRows(l, r))
	s.Rows = append(s.Rows, receipt.SlipRow{Rule: true})
	add(reportRows(l, r))
	return s
}

// printReport prints an X or Z report in the background and says where it
// went. It is booked among the receipts' prints, so that quitting right
// after it waits for the slip (App.Settle); it reads nothing they write.
func printReport(o Options, r flows.Report) tea.Cmd {
	lang, pr := o.Language, o.Printer
	if pr == nil {
		return instant(reportPrintedMsg{err: problem(lang.T(errNoPrinter.Error()))})
	}
	slip := reportSlip(o, r, o.Now())
	ctx := o.Context
	_, printed := printsOf(o.Journal).book()
	return func() tea.Msg {
		defer printed()
		ctx, cancel := context.WithTimeout(ctx, printTimeout)
		defer cancel()
		if fp, ok := pr.(receipt.FilePrinter); ok {
			path, err := fp.Save(ctx, slip)
			if err != nil {
				return reportPrintedMsg{err: err}
			}
			return reportPrintedMsg{where: lang.Tf("Report saved to %s", path)}
		}
		if err := pr.Print(ctx, slip); err != nil {
			return reportPrintedMsg{err: err}
		}
		return reportPrintedMsg{where: lang.T("Report sent to the printer")}
	}
}
