package ui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// A verified notification about a payment that is not on screen (a hold
// OCTO canceled when it expired) goes to ApplyHint, which updates the
// journal, and the home screen's open-holds count follows. An unverified
// one only reloads the holds.
func TestHintOffScreenUpdatesJournal(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 10)}
	var mu sync.Mutex
	var applied []string
	opts := journalOptions(j)
	opts.ApplyHint = func(_ context.Context, id string, st octo.Status) error {
		mu.Lock()
		defer mu.Unlock()
		applied = append(applied, id+" "+string(st))
		j.mu.Lock()
		defer j.mu.Unlock()
		for i := range j.records {
			if j.records[i].ShopTransactionID == id && st == octo.StatusCanceled {
				j.records[i].State = flows.Canceled // what run.ApplyNotification journals after its status read
			}
		}
		return nil
	}
	d := newDriver(t, New(opts), 80, 24)
	d.until("the count", func(a App) bool { return strings.Contains(plain(a.View().Content), "open holds (1 waiting)") })

	d.send(hintMsg{ShopTransactionID: "oc-2", Status: octo.StatusCanceled}) // signature not checked
	mu.Lock()
	if len(applied) != 0 {
		t.Errorf("an unverified notification was applied: %v", applied)
	}
	mu.Unlock()

	d.send(hintMsg{ShopTransactionID: "oc-2", Status: octo.StatusCanceled, Verified: true})
	d.until("the count to drop", func(a App) bool { return a.home.openHolds == 0 })
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(applied, ",") != "oc-2 canceled" {
		t.Errorf("applied %v, want the one verified notification", applied)
	}
	if strings.Contains(d.screen(), "waiting)") {
		t.Errorf("the home screen still counts an open hold:\n%s", d.screen())
	}
}
