package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// effectsRunner records the requests it is asked to run and answers none.
type effectsRunner struct {
	mu   sync.Mutex
	effs []flows.Effect
}

func (r *effectsRunner) Run(_ context.Context, e flows.Effect) flows.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.effs = append(r.effs, e)
	return nil
}

// A refund journaled before a restart that OCTO's status shows never
// arrived, RefundInFlight after it left, is offered again on the result
// screen: r asks to confirm sending the same refund, y sends it with its
// own shop_refund_id.
func TestResultOffersTheLostRefundAgain(t *testing.T) {
	sent := fixedNow.Add(-time.Hour)
	p := flows.Restore(flows.Record{ShopTransactionID: "oc-1", Kind: flows.Sale, Method: octo.MethodUzcard,
		State: flows.Succeeded, Currency: "UZS", Amount: decimal.RequireFromString("100000"),
		Captured: decimal.RequireFromString("100000"), Card: "860000******0015", PaymentUUID: "uuid-1",
		PendingRefundID: "rf-lost", PendingRefund: decimal.RequireFromString("30000"), Updated: sent})
	p, effs, err := p.Handle(flows.Check{})
	if err != nil {
		t.Fatal(err)
	}
	seq := effs[len(effs)-1].(flows.ReadStatus).Seq
	p, _, err = p.Handle(flows.StatusAnswered{Seq: seq, At: sent.Add(flows.RefundInFlight),
		Info: &octo.PaymentInfo{ShopTransactionID: "oc-1", PaymentUUID: "uuid-1", Status: octo.StatusSucceeded,
			TotalSum: decimal.RequireFromString("100000")}})
	if err != nil || p.State != flows.Succeeded {
		t.Fatalf("got %s, %v", p.State, err)
	}
	opts := testOptions()
	r := &effectsRunner{}
	opts.Runner = r
	d := newDriver(t, New(opts), 100, 30)
	d.app.pay, d.app.hasPay = p, true
	d.app.resetFlowScreens()
	follow(d)
	if !strings.Contains(words(d.app), "OCTO never received the refund of 30000.00") {
		t.Fatalf("the result does not say the refund never arrived:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	d.until("the confirmation", func(a App) bool { return a.confirm != nil })
	if !strings.Contains(words(d.app), "OCTO never received the refund of 30 000 UZS to the card 8600") {
		t.Fatalf("confirmation:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("the refund sent again", func(a App) bool { return a.pay.State == flows.Refunding })
	d.until("the request", func(App) bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, e := range r.effs {
			if c, ok := e.(flows.CallRefund); ok {
				return c.Params.ShopRefundID == "rf-lost" && c.Params.Amount.Equal(decimal.RequireFromString("30000"))
			}
		}
		return false
	})
}
