package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// A store journal (PostgreSQL) can go away while the console runs. main
// watches it (a cheap ping every few seconds, and at once when the cashier
// starts a sale) and sends each change on Options.StoreStatus: while it is
// away the status bar says so, and new payments, captures, cancels and
// refunds are refused before anything is typed or sent, since none of them
// could be journaled. When it is back, unfinished payments are reconciled.

// StoreStatus is the store journal's reachability as last seen.
type StoreStatus struct {
	Down bool
	Err  string // why, for the log; the screens say it in their own words
}

// storeStatusMsg is a change of the store journal's reachability.
type storeStatusMsg StoreStatus

// storeDownText is the refusal, where the cashier looks.
const storeDownText = "The store journal (PostgreSQL) is unreachable: no new payment, capture or refund until it is back. Nothing was sent."

// waitStoreStatus waits for the next change; the root re-arms it.
func waitStoreStatus(ch <-chan StoreStatus) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		s, ok := <-ch
		if !ok {
			return nil
		}
		return storeStatusMsg(s)
	}
}

// storeHook handles the store journal's changes and refuses, while it is
// away, what the cashier gives a payment that would lead to a request: a
// capture, a cancel, a refund (from the detail too); the screen and what
// was typed on it stay.
func (a App) storeHook(msg tea.Msg) (App, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case storeStatusMsg:
		m, cmd := a.storeChanged(msg)
		return m, cmd, true
	case flowInputMsg:
		m, refused := a.refusesRequest(msg.ev)
		return m, nil, refused
	case openRecordMsg:
		m, refused := a.refusesRequest(msg.then)
		return m, nil, refused
	}
	return a, nil, false
}

// storeChanged takes a change: when the store is back, the payments left
// unfinished while it was away are reconciled (status reads only), unless
// a payment is in flight on screen, which settles itself. One on screen
// waiting for the cashier (its code, a hold to capture) is left out: read
// from here it would be restored to resolving under the cashier's hands.
func (a App) storeChanged(msg storeStatusMsg) (App, tea.Cmd) {
	wasDown := a.health.storeDown
	a.health.storeDown = msg.Down
	cmds := []tea.Cmd{waitStoreStatus(a.opts.StoreStatus)}
	if a.errText == a.st.T(storeDownText) && !msg.Down {
		a.errText = ""
	}
	if wasDown && !msg.Down && a.busy == "" && a.opts.Reconcile != nil {
		ctx, reconcile, onScreen := a.opts.Context, a.opts.Reconcile, a.unfinishedOnScreen()
		cmds = append(cmds, func() tea.Msg {
			ps, err := reconcile(ctx, onScreen)
			return reconciledMsg{ps, err}
		})
	}
	return a, batch(cmds...)
}

// unfinishedOnScreen names the payment and the binding on screen that have not
// ended: theirs are the screens' to settle.
func (a App) unfinishedOnScreen() []string {
	var ids []string
	if a.hasPay && !a.pay.State.Final() && a.pay.ShopTransactionID != "" {
		ids = append(ids, a.pay.ShopTransactionID)
	}
	if a.hasBind && !a.bind.Final() && a.bind.ShopTransactionID != "" {
		ids = append(ids, a.bind.ShopTransactionID)
	}
	return ids
}

// storeRefuses says (in errText) whether what the cashier starts must be
// refused because the store journal is away. A look right now is asked
// for too, so the status bar is fresh when the cashier tries again.
func (a App) storeRefuses() (App, bool) {
	if a.opts.CheckStore != nil {
		a.opts.CheckStore()
	}
	if !a.health.storeDown {
		return a, false
	}
	a.errText = a.st.T(storeDownText)
	return a, true
}

// refusesRequest is storeRefuses for an event given to a payment: only
// those that lead to a request are refused (a status read is not).
func (a App) refusesRequest(ev flows.Event) (App, bool) {
	if ev == nil || !startsRequest(ev) {
		return a, false
	}
	return a.storeRefuses()
}

// startsRequest says whether an event the cashier gives a payment on
// screen leads to a request that must first be journaled.
func startsRequest(ev flows.Event) bool {
	switch ev.(type) {
	case flows.Start, flows.Capture, flows.Cancel, flows.Refund:
		return true
	}
	return false
}

// storeView is the status bar's word on the store journal while it is away.
func (a App) storeView() string {
	if !a.health.storeDown {
		return ""
	}
	return "  " + a.st.Bad.Render("✗ "+a.st.T("store journal unreachable"))
}
