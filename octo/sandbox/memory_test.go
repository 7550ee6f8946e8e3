package sandbox_test

import (
	"encoding/json"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// twoStage walks n two-stage Uzcard payments to a capture.
func (e *env) twoStage(n int) {
	e.t.Helper()
	for range n {
		uuid := e.prepare(e.txID(), false, "1000", nil)
		id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
		if o := e.checkSMS(id, vid, e.code(uuid)); o.code() != 0 {
			e.t.Fatalf("check_sms_key: %v", o)
		}
		if o := e.accept(uuid, "capture", "900"); o.code() != 0 {
			e.t.Fatalf("set_accept: %v", o)
		}
	}
}

// TestMemoryFlatPastTheBounds checks that, once the finished payments, the
// outbox and the event log are at their bounds, more payments do not grow
// the heap: what each keeps is forgotten as the next comes.
func TestMemoryFlatPastTheBounds(t *testing.T) {
	const bound, n = 100, 400
	e := newEnv(t, sandbox.Options{NoRateLimit: true, MaxFinished: bound, SMSLimit: bound, EventLimit: bound})
	base := liveHeap()
	e.twoStage(n) // past every bound
	warm := liveHeap()
	e.twoStage(n)
	after := liveHeap()
	if s := e.sb.Stats(); s.Payments != bound || s.SMS != bound || s.Events != bound || s.Deadlines != 0 {
		t.Errorf("stats = %+v, want each at its bound of %d and no deadlines", s, bound)
	}
	grew := int64(after) - int64(warm)
	t.Logf("live heap: %d kB at the start, %d kB after %d payments, %d kB after %d more (%+d B)",
		base/1024, warm/1024, n, after/1024, n, grew)
	// Kept state at the bounds is a few hundred kB; a leak of even 1 kB a
	// payment would add 400 kB here.
	if grew > 200<<10 {
		t.Errorf("the heap grew by %d kB over %d payments past the bounds", grew/1024, n)
	}
}

// consoleBody is prepare_payment as the cashier's console sends it: a
// basket line, the customer and a notify_url; each order has its own
// description.
func consoleBody(txID string) map[string]any {
	desc := "Order " + txID + ": coffee beans"
	return prepareBody(txID, true, "150000", map[string]any{
		"description": desc,
		"notify_url":  "http://127.0.0.1:41234/octo/notify",
		"return_url":  "http://127.0.0.1:41234/octo/return",
		"user_data":   map[string]any{"user_id": "cashier-1", "phone": "998901234567", "email": "client@example.com"},
		"basket": []map[string]any{{
			"position_desc": desc, "count": 1, "price": json.Number("150000"),
		}},
	})
}

// TestMemoryPerFinishedPayment measures what the sandbox keeps for each
// finished payment, notifications delivered, while every finished payment
// is kept (the console keeps up to 2,000 so that a day's payments can be
// refunded): it must be a lean record, not the payment as it was while it
// was being paid (its code, basket and delivered notifications).
func TestMemoryPerFinishedPayment(t *testing.T) {
	const warm, n = 300, 1000
	merchant := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	e := newEnv(t, sandbox.Options{NoRateLimit: true, MaxFinished: 10 * n, SMSLimit: 100, EventLimit: 100,
		NotifyClient: sandbox.ClientFor(merchant)})
	walk := func(k int) {
		for range k {
			uuid := e.ok("/prepare_payment", consoleBody(e.txID())).data().str("octo_payment_UUID")
			o := e.ok("/pay/"+uuid, cardBody("8600000000000015", "uzcard"))
			v := e.ok("/verificationInfo/", map[string]any{"octo_payment_UUID": uuid})
			e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": o.data().integer("id"), "verifyId": v.data().integer("verifyId")})
		}
		waitFor(t, "every notification delivered", func() bool { return e.sb.Stats().Notifying == 0 })
	}
	walk(warm) // past the outbox's and the event log's bounds
	before := liveHeap()
	walk(n)
	after := liveHeap()
	if s := e.sb.Stats(); s.Finished != warm+n {
		t.Fatalf("stats = %+v, want %d finished payments kept", s, warm+n)
	}
	per := (int64(after) - int64(before)) / n
	t.Logf("live heap %d kB → %d kB over %d finished payments: %d B each", before/1024, after/1024, n, per)
	if per > maxBytesPerFinished {
		t.Errorf("each finished payment keeps %d B, want at most %d", per, maxBytesPerFinished)
	}
}

// maxBytesPerFinished is the most a kept finished payment may cost.
const maxBytesPerFinished = 1200

// TestLeanAfterTheAnswer checks that making a finished payment lean does
// not reach the answer that finished it: check_sms_key answers the
// payment object, basket included, whether or not another payment
// finished just before, or the clock ticked.
func TestLeanAfterTheAnswer(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	for i := range 3 {
		tx := e.txID()
		uuid := e.ok("/prepare_payment", consoleBody(tx)).data().str("octo_payment_UUID")
		o := e.ok("/pay/"+uuid, cardBody("8600000000000015", "uzcard"))
		v := e.ok("/verificationInfo/", map[string]any{"octo_payment_UUID": uuid})
		if i == 2 {
			e.sb.Advance(time.Second) // a tick between a payment's calls
		}
		a := e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": o.data().integer("id"), "verifyId": v.data().integer("verifyId")})
		basket, _ := a.data()["basket"].([]any)
		if a.data().str("status") != "succeeded" || len(basket) != 1 {
			t.Fatalf("payment %d: check_sms_key answered status %q, basket %v; want succeeded with its one line", i+1, a.data().str("status"), a.data()["basket"])
		}
		if st := e.status(tx); st.str("status") != "succeeded" || !st.num("total_sum").Equal(dec("150000")) {
			t.Fatalf("payment %d: status read %v", i+1, st)
		}
	}
}
