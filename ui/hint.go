package ui

import (
	tea "charm.land/bubbletea/v2"
	"strings"

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

// holdExpiredMsg is an open hold OCTO canceled (its time ran out), with
// the open holds read again.
type holdExpiredMsg struct {
	rec   flows.Record
	holds tea.Msg
}

// expiredText says so on home.
func expiredText(st styles, r flows.Record) string {
	return st.Tf("Hold %s · %s expired — OCTO released it", FormatMoney(r.Amount, r.Currency), groupMasked(r.Card))
}

// settledText tells the cashier how a payment they left unknown ended:
// paid means it must not be taken again.
func settledText(st styles, r flows.Record) string {
	amount := FormatMoney(r.Amount, r.Currency)
	name := paymentName(r.Description, r.Card, "")
	switch r.State {
	case flows.Succeeded:
		return st.Tf("Payment %s (%s) left unknown turned out PAID — do not take it again", name, amount)
	case flows.Declined, flows.Failed:
		return st.Tf("Payment %s (%s) left unknown was not paid — nothing was charged", name, amount)
	case flows.Canceled:
		return st.Tf("Payment %s (%s) left unknown was canceled — the money was released", name, amount)
	}
	return st.Tf("Payment %s (%s) left unknown: %s", name, amount, st.T(r.State.Label()))
}

// paymentName names a payment as the cashier knows it — «Tea set», 8600
// 00** **** 0015, and its amount when given — not by its oc-… id.
func paymentName(description, card, amount string) string {
	parts := []string{"«" + description + "»"}
	if card != "" {
		parts = append(parts, groupMasked(card))
	}
	if amount != "" {
		parts = append(parts, amount)
	}
	return strings.Join(parts, ", ")
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
			return a, batch(next, func() tea.Msg {
				// The payment's own writes booked before the notification
				// came (a payment just left for later) land first: applied
				// to an older state, the notification would be dropped or
				// undone by them (journal_order.go).
				if err := afterWrites(ctx, j); err != nil {
					return holdsMsg{err: err}
				}
				read := func() (flows.Record, bool) {
					recs, err := j.History(ctx, flows.Filter{ShopTransactionID: id, Limit: 1})
					if err != nil || len(recs) == 0 {
						return flows.Record{}, false
					}
					return recs[0], true
				}
				before, known := read()
				_ = apply(ctx, id, st)
				holds := reload()
				after, ok := read()
				switch {
				case !ok:
					return holds
				case left:
					// A payment the cashier left unknown: how it ended is said.
					return leftSettledMsg{rec: after, holds: holds}
				case known && before.State == flows.Held && after.State == flows.Canceled:
					// A hold nobody here canceled: OCTO let it expire. Said,
					// not just dropped from the count.
					return holdExpiredMsg{rec: after, holds: holds}
				}
				return holds
			})
		}
		return a, batch(next, reload)
	}
	ev := flows.Notified{Status: h.Status}
	if !a.pay.Can(ev) {
		return a, batch(next, reload) // a request is out; its answer will tell
	}
	m, cmd := a.handleFlow(ev, false)
	return m, batch(next, reload, cmd)
}
