package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Hint is a notification from the gateway that a payment changed. It is
// never believed by itself: the payment on screen is told (flows reads the
// status), and the open holds are read again.
type Hint struct {
	ShopTransactionID string
	Status            octo.Status
}

type hintMsg Hint

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

func (a App) hint(h hintMsg) (tea.Model, tea.Cmd) {
	next := waitHint(a.opts.Hints)
	reload := loadHolds(a.opts.Context, a.opts.Journal)
	if !a.hasPay || h.ShopTransactionID != a.pay.ShopTransactionID {
		return a, tea.Batch(next, reload)
	}
	ev := flows.Notified{Status: h.Status}
	if !a.pay.Can(ev) {
		return a, tea.Batch(next, reload) // a request is out; its answer will tell
	}
	m, cmd := a.handleFlow(ev, false)
	return m, tea.Batch(next, reload, cmd)
}
