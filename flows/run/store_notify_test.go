package run

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// The store's receiver takes the sandbox's notifications (signed with the
// unique key), journals them in the store journal and wakes counter A,
// which listens on PostgreSQL; a forged notification is journaled as bad,
// refused with 403 and wakes nobody.
func TestStoreReceiverWakesCounters(t *testing.T) {
	const uniqueKey = "store-unique-key-3"
	js := storeCounters(t, "A", "notify")
	e := newE2E(t, sandbox.Options{UniqueKey: uniqueKey, SignatureRecipe: string(octo.RecipeUniqueKey)})
	recv := NewStoreReceiver(js[1], octo.RecipeUniqueKey, uniqueKey, nil)
	*e.listener = *recv // the sandbox posts to e.listener
	e.runner = &Runner{Gateway: e.client, Journal: js[0], Clock: e.clock}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	woken := make(chan flows.Wakeup, 16)
	listening := make(chan error, 1)
	go func() { listening <- js[0].Listen(ctx, func(w flows.Wakeup) { woken <- w }) }()
	// LISTEN is in place once a wake-up sent now arrives.
	waitFor(t, "counter A to listen", func() bool {
		_ = js[1].Wake(ctx, flows.Wakeup{Kind: "payment", ShopTransactionID: "probe"})
		select {
		case <-woken:
			return true
		case <-time.After(20 * time.Millisecond):
			return false
		}
	})

	p := e.code(e.pay(flows.Sale, octotest.PAN, "12000"))
	if p.State != flows.Succeeded {
		t.Fatalf("sale %s (%s)", p.State, p.Problem)
	}
	// The sale's notifications (wait_user_action, then succeeded) wake A.
	for paid := false; !paid; {
		select {
		case w := <-woken:
			paid = w.ShopTransactionID == p.ShopTransactionID && w.Status == string(octo.StatusSucceeded) && w.Kind == "payment"
		case <-time.After(10 * time.Second):
			t.Fatal("counter A was not woken by the paid notification")
		}
	}
	ns, err := js[0].Notifications(ctx, p.ShopTransactionID) // counter A reads what the receiver journaled
	if err != nil || len(ns) == 0 || ns[len(ns)-1].Signature != "ok" {
		t.Fatalf("journaled notifications %+v, %v", ns, err)
	}

	forged := `{"shop_transaction_id":"` + p.ShopTransactionID + `","octo_payment_UUID":"` + p.PaymentUUID +
		`","status":"canceled","signature":"0000","hash_key":"x","total_sum":12000}`
	rec := httptest.NewRecorder()
	e.listener.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, NotifyPath, strings.NewReader(forged)))
	if rec.Code != http.StatusForbidden {
		t.Errorf("forged notification answered %d, want 403", rec.Code)
	}
	ns, _ = js[0].Notifications(ctx, p.ShopTransactionID)
	if last := ns[len(ns)-1]; last.Signature != "bad" || last.Status != string(octo.StatusCanceled) {
		t.Errorf("forged notification journaled as %+v", last)
	}
	// Nothing was woken by it: the next wake-up counter A sees is the marker.
	if err := js[1].Wake(ctx, flows.Wakeup{Kind: "payment", ShopTransactionID: "marker"}); err != nil {
		t.Fatal(err)
	}
	for w := range woken {
		if w.ShopTransactionID == "marker" {
			break
		}
		if w.Status == string(octo.StatusCanceled) {
			t.Fatalf("the forged notification woke counter A: %+v", w)
		}
	}
	cancel()
	if err := <-listening; err != nil {
		t.Errorf("Listen: %v", err)
	}
}
