package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Hint is a notification from the gateway that a payment changed. It is
// never believed by itself: the payment on screen is told (flows reads the
// status); one not on screen is brought up to date in the journal through
// Options.ApplyHint when its signature was verified; and the open holds
// are read again.
type Hint struct {
	ShopTransactionID string
	Status            octo.Status
	Verified          bool // the notification's signature was checked and is good
}

type hintMsg Hint

// leftSettledMsg is the journal's record of a payment left unknown, after
// a notification about it was applied, with the open holds read again.
type leftSettledMsg struct {
	rec   flows.Record
	holds tea.Msg
}

// settledText tells the cashier how a payment they left unknown ended:
// paid means it must not be taken again.
func settledText(st styles, r flows.Record) string {
	amount := FormatMoney(r.Amount, r.Currency)
	switch r.State {
	case flows.Succeeded:
		return st.Tf("Payment %s (%s) left unknown turned out PAID — do not take it again", r.ShopTransactionID, amount)
	case flows.Declined, flows.Failed:
		return st.Tf("Payment %s (%s) left unknown was not paid — nothing was charged", r.ShopTransactionID, amount)
	case flows.Canceled:
		return st.Tf("Payment %s (%s) left unknown was canceled — the money was released", r.ShopTransactionID, amount)
	}
	return st.Tf("Payment %s (%s) left unknown: %s", r.ShopTransactionID, amount, st.T(r.State.Label()))
}

func waitHint(ch <-chan Hint) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		h, ok := <-ch
		if !ok {
			return nil
		}
		return hintMsg(h)
	}
}

func (a App) hint(h hintMsg) (App, tea.Cmd) {
	next := waitHint(a.opts.Hints)
	reload := loadHolds(a.opts.Context, a.opts.Journal)
	if !a.hasPay || h.ShopTransactionID != a.pay.ShopTransactionID {
		if h.Verified && a.opts.ApplyHint != nil && reload != nil {
			// Not on screen: the journal learns the news first (a hold
			// OCTO canceled when it expired leaves the open holds), then
			// the holds are read again. A failure leaves the journal as it
			// was; ApplyHint reports it (the console logs it).
			ctx, apply, id, st := a.opts.Context, a.opts.ApplyHint, h.ShopTransactionID, h.Status
			j, left := a.opts.Journal, a.left[h.ShopTransactionID]
			return a, tea.Batch(next, func() tea.Msg {
				_ = apply(ctx, id, st)
				holds := reload()
				if !left {
					return holds
				}
				// A payment the cashier left unknown: how it ended is said.
				recs, err := j.History(ctx, flows.Filter{ShopTransactionID: id, Limit: 1})
				if err != nil || len(recs) == 0 {
					return holds
				}
				return leftSettledMsg{rec: recs[0], holds: holds}
			})
		}
		return a, tea.Batch(next, reload)
	}
	ev := flows.Notified{Status: h.Status}
	if !a.pay.Can(ev) {
		return a, tea.Batch(next, reload) // a request is out; its answer will tell
	}
	m, cmd := a.handleFlow(ev, false)
	return m, tea.Batch(next, reload, cmd)
}
