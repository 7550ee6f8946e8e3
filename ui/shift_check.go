package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/octo-cashier/octo-cashier/flows/run"
)

// checkTimeout bounds the status reads before a Z report: a gateway that
// does not answer leaves the payments as the journal has them, said so.
const checkTimeout = 60 * time.Second

// shiftCheck is the reconciliation before a Z report: every payment the
// journal has not settled (a hold, an unknown outcome, a customer who has
// not finished, a refund not confirmed) read at the gateway, and where the
// journal and the gateway differed.
type shiftCheck struct {
	finished bool
	read     int
	diffs    []run.Difference
	err      string
}

// shiftCheckedMsg is the reconciliation's outcome.
type shiftCheckedMsg struct {
	read  int
	diffs []run.Difference
	err   error
}

func checkShift(o Options) tea.Cmd {
	ctx, run := o.Context, o.ReconcileShift
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, checkTimeout)
		defer cancel()
		n, diffs, err := run(ctx)
		return shiftCheckedMsg{read: n, diffs: diffs, err: err}
	}
}

func (c shiftCheck) with(msg shiftCheckedMsg) shiftCheck {
	c.finished, c.read, c.diffs = true, msg.read, msg.diffs
	if msg.err != nil {
		c.err = msg.err.Error()
	}
	return c
}

// View lists what the reconciliation found, and what z does next.
func (c shiftCheck) View(st styles, shift int64) string {
	var b strings.Builder
	b.WriteString(st.Subtitle.Render(st.Tf("Before closing shift %d: the journal against OCTO", shift)) + "\n\n")
	if !c.finished {
		b.WriteString(st.Muted.Render(st.T("Reading the status of this counter's payments not settled yet…")))
		return b.String()
	}
	switch {
	case c.read == 0:
		b.WriteString(st.OK.Render("✓ "+st.T("Every payment is settled: nothing to check with OCTO.")) + "\n")
	case len(c.diffs) == 0:
		b.WriteString(st.OK.Render("✓ "+st.Tf("%d payment(s) read at OCTO: the journal agrees.", c.read)) + "\n")
	default:
		b.WriteString(st.Warn.Render("! "+st.Tf("%d payment(s) read at OCTO; %d differed, now journaled as OCTO has them:", c.read, len(c.diffs))) + "\n")
		for _, d := range c.diffs {
			b.WriteString("  " + differenceText(st, d) + "\n")
		}
	}
	if c.err != "" {
		b.WriteString(st.ErrorLine.Render("✗ "+st.T("Not every status could be read")+": "+c.err) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(st.T("z closes the shift with the Z report · esc: back")))
	return b.String()
}

// differenceText is one payment on which the journal and OCTO differed.
func differenceText(st styles, d run.Difference) string {
	id, cur := d.Before.ShopTransactionID, d.Before.Currency
	if d.Err != nil {
		return id + "  " + st.ErrorLine.Render(st.T("status not read")+": "+st.T(d.Err.Error()))
	}
	line := id + "  " + st.T(shortState(d.Before)) + " → " + st.T(shortState(d.After))
	if !d.After.Captured.Equal(d.Before.Captured) {
		line += " · " + st.Tf("charged %s", FormatMoney(d.After.Captured, cur))
	}
	if !d.After.Refunded.Equal(d.Before.Refunded) {
		line += " · " + st.Tf("refunded %s", FormatMoney(d.After.Refunded, cur))
	}
	return line
}
