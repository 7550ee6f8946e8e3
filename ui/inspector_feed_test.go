package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/qa"
)

// feedDriver is the App on a qa.Traffic main writes to directly.
func feedDriver(t *testing.T, w, h int) (*driver, *qa.Traffic) {
	t.Helper()
	o := testOptions()
	o.Sandbox = newFakeSandbox()
	o.Traffic = qa.NewTraffic()
	return newDriver(t, New(o), w, h), o.Traffic
}

// TestInspectorOpensANotification: a notification the listener passed on
// opens on its redacted body.
func TestInspectorOpensANotification(t *testing.T) {
	d, tr := feedDriver(t, 80, 24)
	tr.Notification(flows.NotificationRecord{At: fixedNow, Kind: "payment", ShopTransactionID: "oc-7",
		Status: "succeeded", Signature: "ok",
		Body: `{"shop_transaction_id":"oc-7","status":"succeeded","maskedPan":"860000******0015","total_sum":"1000"}`})
	d.send(fkey(3))
	if got := d.screen(); !strings.Contains(got, "← notification") || !strings.Contains(got, "succeeded · oc-7") {
		t.Fatalf("the notification is not listed:\n%s", got)
	}
	d.send(press("enter"))
	got := d.screen()
	for _, want := range []string{"Notification received", `"maskedPan": "860000******0015"`, `"total_sum": "1000"`} {
		if !strings.Contains(got, want) {
			t.Errorf("the notification's detail has no %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "not the body") {
		t.Errorf("a notification with a body says it has none:\n%s", got)
	}

	// A bind notification's token is listed shortened, never whole.
	tr.Notification(flows.NotificationRecord{At: fixedNow, Kind: "bind", ShopTransactionID: "b-1", Status: "active",
		Signature: "unchecked", Body: `{"card_token":"tok-0123456789abcdef","status":"active"}`})
	d.send(press("esc"), press("up"))
	if got := d.screen(); !strings.Contains(got, "active · b-1 · tok-…cdef") || strings.Contains(got, "0123456789") {
		t.Errorf("the bind notification's line:\n%s", got)
	}
}

// TestInspectorShowsAForgedNotification: the real listener refuses a
// notification with a bad signature and hints nothing, yet the inspector
// lists it, marked, with its body, and among the errors.
func TestInspectorShowsAForgedNotification(t *testing.T) {
	d, tr := feedDriver(t, 80, 24)
	hints := make(chan Hint, 4)
	l := &run.Listener{SignatureKey: "key", Recipe: octo.RecipeUniqueKey, Seen: tr.Notification,
		Hint: func(id string, st octo.Status) { hints <- Hint{ShopTransactionID: id, Status: st} }}
	body := `{"shop_transaction_id":"oc-9","octo_payment_UUID":"u-9","status":"succeeded","signature":"00","hash_key":"x","maskedPan":"8600000000000015"}`
	rec := httptest.NewRecorder()
	l.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, run.NotifyPath, strings.NewReader(body)))
	if rec.Code != http.StatusForbidden || len(hints) != 0 {
		t.Fatalf("the forged notification was acted on: HTTP %d, %d hints", rec.Code, len(hints))
	}
	d.send(fkey(3), press("e")) // errors only
	got := d.screen()
	if !strings.Contains(got, "signature failed") || !strings.Contains(got, "oc-9") {
		t.Fatalf("the forged notification is not among the errors:\n%s", got)
	}
	d.send(press("enter"))
	got = d.screen()
	if !strings.Contains(got, "Signature failed: not acted upon") || !strings.Contains(got, "860000******0015") ||
		strings.Contains(got, "8600000000000015") {
		t.Errorf("the forged notification's detail:\n%s", got)
	}
}

// TestTrafficLosesNothingInABurst: 1000 exchanges from concurrent
// observers all reach the ring main feeds, and the inspector says what it
// pushed out.
func TestTrafficLosesNothingInABurst(t *testing.T) {
	d, tr := feedDriver(t, 120, 40)
	const burst = 1000
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < burst/8; i++ {
				tr.Exchange(octo.Exchange{Method: "status", HTTPStatus: 200, Started: fixedNow})
			}
		}()
	}
	wg.Wait()
	// That no entry is lost or out of order in the ring is
	// qa.TestTrafficLosesNothingInABurst's; here, that the App shows it.
	if n := tr.Len() + int(tr.Dropped()); n != burst {
		t.Fatalf("kept %d, pushed out %d: %d lost", tr.Len(), tr.Dropped(), burst-n)
	}
	d.send(exchangeMsg{octo.Exchange{Method: "status"}}) // the wake-up main's channel still sends
	d.send(fkey(3))
	if got := d.screen(); !strings.Contains(got, "500 older dropped") {
		t.Errorf("the inspector does not say what the ring pushed out:\n%s", got)
	}
	if tr.Len() != qa.TrafficLimit {
		t.Errorf("the root's message added to a ring main feeds: %d entries", tr.Len())
	}
}
