package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The store journal goes away: the status bar says so, a new payment is
// refused on the home screen before anything is typed (and a look is
// asked for), a capture, a cancel or a refund given to a payment is
// refused where it was asked, nothing reaches the runner; when it is back
// the status bar clears and the unfinished payments are reconciled once.
func TestStoreAwayRefusesUpFront(t *testing.T) {
	for _, c := range []struct {
		lang       Lang
		bar, words string
	}{
		{LangEN, "store journal unreachable", "no new payment, capture or refund"},
		{LangRU, "журнал магазина недоступен", "новые платежи, списания и возвраты"},
		{LangUZ, "do'kon jurnali mavjud emas", "yangi to'lov, yechib olish va qaytarish yo'q"},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			status := make(chan StoreStatus, 1)
			var looks, reconciles atomic.Int32
			runner := &recordingRunner{}
			o := testOptions()
			o.Language, o.StoreStatus, o.Runner = c.lang, status, runner
			o.CheckStore = func() { looks.Add(1) }
			o.Reconcile = func(context.Context, []string) ([]flows.Payment, error) { reconciles.Add(1); return nil, nil }
			d := newDriver(t, New(o), 120, 30)
			d.until("the first reconcile", func(App) bool { return reconciles.Load() == 1 })

			status <- StoreStatus{Down: true, Err: "dial tcp: connection refused"}
			d.until("the store away", func(a App) bool { return a.health.storeDown })
			flat := strings.Join(strings.Fields(d.screen()), " ")
			if !strings.Contains(flat, c.bar) {
				t.Errorf("the status bar does not say the store is away:\n%s", d.screen())
			}
			d.send(keyText("n"))
			flat = strings.Join(strings.Fields(d.screen()), " ")
			if d.app.screen != screenHome || !strings.Contains(flat, c.words) {
				t.Errorf("a new payment with the store away: screen %d\n%s", d.app.screen, d.screen())
			}
			if looks.Load() == 0 {
				t.Error("no look at the store was asked for as the sale started")
			}
			for _, ev := range []flows.Event{flows.Capture{}, flows.Cancel{}, flows.Refund{}} {
				d.app.errText = ""
				d.send(flowInputMsg{ev: ev})
				if d.app.errText != c.lang.T(storeDownText) {
					t.Errorf("%s with the store away: %q", ev.EventName(), d.app.errText)
				}
			}
			d.app.errText = ""
			d.send(openRecordMsg{rec: records()[0], then: flows.Refund{}})
			if d.app.errText != c.lang.T(storeDownText) || d.app.hasPay {
				t.Errorf("a refund from the detail with the store away: %q, on screen %v", d.app.errText, d.app.hasPay)
			}
			runner.mu.Lock()
			n := len(runner.effects)
			runner.mu.Unlock()
			if n != 0 {
				t.Errorf("%d effects ran with the store away", n)
			}

			status <- StoreStatus{}
			d.until("the store back", func(a App) bool { return !a.health.storeDown })
			d.until("the reconcile after", func(App) bool { return reconciles.Load() == 2 })
			if strings.Contains(d.screen(), c.bar) || d.app.errText != "" {
				t.Errorf("the store is back but the screen still says it is away:\n%s", d.screen())
			}
			d.send(keyText("n"))
			if d.app.screen == screenHome {
				t.Errorf("a new payment with the store back stays home:\n%s", d.screen())
			}
		})
	}
}

// The store journal comes back while a hold waits on screen for its code:
// the reconcile that follows is told to leave that payment (read from
// there, it would be restored to resolving under the cashier's hands).
func TestStoreBackLeavesThePaymentOnScreen(t *testing.T) {
	d, _, _ := onSandbox(t, 100, 30)
	asked := make(chan []string, 1)
	d.app.opts.Reconcile = func(_ context.Context, onScreen []string) ([]flows.Payment, error) {
		asked <- onScreen
		return nil, nil
	}
	pay(d, "150000", true, "8600000000000015", "")
	d.until("the code", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.send(storeStatusMsg{Down: true, Err: "dial tcp: connection refused"})
	d.send(storeStatusMsg{})
	select {
	case ids := <-asked:
		if len(ids) != 1 || ids[0] != d.app.pay.ShopTransactionID {
			t.Errorf("the reconcile was told to leave %v; want the payment on screen %s", ids, d.app.pay.ShopTransactionID)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no reconcile after the store came back")
	}
}
