package sandbox_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// smsList reads GET /sandbox/sms with the query q.
func (e *env) smsList(q string) []sandbox.SMS {
	e.t.Helper()
	status, b := e.raw(http.MethodGet, "/sandbox/sms"+q, "")
	if status != http.StatusOK {
		e.t.Fatalf("GET /sandbox/sms%s: HTTP %d %s", q, status, b)
	}
	var out struct {
		Messages []sandbox.SMS `json:"messages"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		e.t.Fatal(err)
	}
	return out.Messages
}

func TestSMSFilteredByPayment(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	a := e.prepare(e.txID(), true, "1000", nil)
	b := e.prepare(e.txID(), true, "1000", nil)
	idA, _ := e.payOTP(a, "8600000000000015", "uzcard")
	e.payOTP(b, "8600000000000015", "uzcard")
	// A second code for a (check_pan): its texts are two, b's one.
	e.ok("/check_pan", map[string]any{"pan": "8600000000000015", "expDate": "3012", "paymentId": idA})

	got := e.smsList("?payment=" + a)
	if len(got) != 2 || got[0].PaymentUUID != a || got[1].PaymentUUID != a || got[0].Seq >= got[1].Seq {
		t.Fatalf("a's texts = %+v", got)
	}
	if last := e.smsList("?payment=" + a + "&limit=1"); len(last) != 1 || last[0] != got[1] {
		t.Errorf("limit=1 = %+v, want the newest, %+v", last, got[1])
	}
	if after := e.smsList(fmt.Sprintf("?payment=%s&since=%d", a, got[0].Seq)); len(after) != 1 || after[0] != got[1] {
		t.Errorf("since the first = %+v, want the second only", after)
	}
	if c, _ := e.sb.LastCode(a); c != got[1].Code {
		t.Errorf("LastCode = %q, want the newest text's", c)
	}
	if bs := e.smsList("?payment=" + b); len(bs) != 1 || bs[0].PaymentUUID != b {
		t.Errorf("b's texts = %+v", bs)
	}
	if all := e.smsList(""); len(all) != 3 {
		t.Errorf("the whole outbox has %d texts, want 3", len(all))
	}
	if none := e.smsList("?payment=unknown"); len(none) != 0 {
		t.Errorf("an unknown payment has texts: %+v", none)
	}
	for _, q := range []string{"?since=x", "?since=-1", "?limit=0", "?limit=many"} {
		if status, body := e.raw(http.MethodGet, "/sandbox/sms"+q, ""); status != http.StatusBadRequest {
			t.Errorf("GET /sandbox/sms%s = HTTP %d %s, want 400", q, status, body)
		}
	}
}

func TestSMSOutboxIsCapped(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, SMSLimit: 3})
	var uuids []string
	for range 5 {
		u := e.prepare(e.txID(), true, "1000", nil)
		e.payOTP(u, "8600000000000015", "uzcard")
		uuids = append(uuids, u)
	}
	all := e.sb.SMS()
	if len(all) != 3 || all[0].PaymentUUID != uuids[2] || all[2].PaymentUUID != uuids[4] {
		t.Fatalf("outbox = %+v, want the texts of the last three payments", all)
	}
	if _, ok := e.sb.LastCode(uuids[0]); ok {
		t.Error("a text that fell out of the outbox is still found")
	}
	if got := e.smsList("?payment=" + uuids[1]); len(got) != 0 {
		t.Errorf("a payment whose text fell out still lists %+v", got)
	}
	if got := e.sb.RecentSMS(2); len(got) != 2 || got[1].PaymentUUID != uuids[4] {
		t.Errorf("RecentSMS(2) = %+v", got)
	}
}

func TestFinishedPaymentsForgottenAfterRetention(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, Retention: time.Hour, HoldTimeout: 2 * time.Hour})
	doneTx := e.txID()
	e.paid(doneTx, true, "1000", nil)
	heldTx := e.txID()
	held := e.paid(heldTx, false, "1000", nil) // waiting for capture: never forgotten while it waits

	e.sb.Advance(59 * time.Minute)
	if st := e.status(doneTx); st.str("status") != "succeeded" {
		t.Fatalf("within retention: %v", st)
	}
	e.sb.Advance(time.Minute)
	o := e.post("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": doneTx})
	refused(t, o, 7, "not found")
	if st := e.status(heldTx); st.str("status") != "waiting_for_capture" {
		t.Fatalf("the hold: %v", st)
	}
	if s := e.sb.Stats(); s.Payments != 1 || s.Finished != 0 || s.Deadlines != 1 {
		t.Errorf("stats = %+v, want the hold alone, in the deadline queue", s)
	}
	// The hold lapses on the queue's deadline, then is kept for retention.
	e.sb.Advance(time.Hour)
	if s := e.sb.Stats(); s.Payments != 1 || s.Finished != 1 || s.Deadlines != 0 {
		t.Errorf("after the hold lapsed: stats = %+v", s)
	}
	if st := e.status(heldTx); st.str("status") != "canceled" {
		t.Errorf("lapsed hold %s: %v", held, st)
	}
}

func TestMaxFinishedBoundsWhatIsKept(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, MaxFinished: 10, SMSLimit: 10, EventLimit: 50})
	first := e.txID()
	e.paid(first, true, "1000", nil)
	for range 200 {
		e.paid(e.txID(), true, "1000", nil)
	}
	s := e.sb.Stats()
	if s.Payments != 10 || s.Finished != 10 || s.Deadlines != 0 || s.SMS != 10 || s.Events != 50 {
		t.Errorf("after 201 payments: stats = %+v, want 10 payments, 10 texts, 50 events, no deadlines", s)
	}
	o := e.post("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": first})
	refused(t, o, 7, "not found")
}

// A payment the sandbox has forgotten is refused as not found, and the
// refusal says the sandbox forgets and how many it keeps — the refund of
// a payment from earlier in the day must not read as if it never was. An
// unknown payment before anything was forgotten is refused plainly.
func TestForgottenPaymentRefusalSaysWhy(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, MaxFinished: 2, Retention: 90 * 24 * time.Hour})
	never := map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": "never-made"}
	o := e.post("/prepare_payment", never)
	refused(t, o, 7, "Payment not found: shop_transaction_id never-made")
	if msg := o.str("errMessage"); strings.Contains(msg, "forget") {
		t.Errorf("nothing forgotten yet, errMessage = %q", msg)
	}
	firstTx := e.txID()
	first := e.paid(firstTx, true, "50000", nil)
	for range 3 {
		e.paid(e.txID(), true, "50000", nil)
	}
	const why = "the sandbox forgets finished payments: it keeps the last 2, each for at most 90 days; 2 forgotten so far"
	refused(t, e.post("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": firstTx}), 7, why)
	refused(t, e.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r-old",
		"octo_payment_UUID": first, "amount": json.Number("20000")}), 7, "Payment not found: "+first+" ("+why)
	refused(t, e.post("/prepare_payment", never), 7, why)
}

func TestRefundsOfForgottenPaymentsGo(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, Retention: time.Hour})
	uuid := e.paid(e.txID(), true, "50000", nil)
	e.ok("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r-1",
		"octo_payment_UUID": uuid, "amount": json.Number("20000")}) // above OCTO's smallest refund
	if s := e.sb.Stats(); s.Refunds != 1 {
		t.Fatalf("stats = %+v, want the refund", s)
	}
	e.sb.Advance(2 * time.Hour)
	if s := e.sb.Stats(); s.Refunds != 0 || s.Payments != 0 {
		t.Errorf("stats = %+v, want the payment and its refund forgotten", s)
	}
}

func TestExpiryQueueFollowsStatus(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, HoldTimeout: 30 * time.Minute})
	unpaidTx := e.txID()
	e.prepare(unpaidTx, true, "1000", map[string]any{"ttl": 10})
	held := e.paid(e.txID(), false, "1000", nil)
	if s := e.sb.Stats(); s.Deadlines != 2 {
		t.Fatalf("stats = %+v, want the unpaid payment and the hold queued", s)
	}
	e.ok("/set_accept", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "octo_payment_UUID": held, "accept_status": "capture"})
	if s := e.sb.Stats(); s.Deadlines != 1 {
		t.Errorf("after the capture: stats = %+v, want the unpaid payment alone queued", s)
	}
	e.sb.Advance(10 * time.Minute)
	if s := e.sb.Stats(); s.Deadlines != 0 {
		t.Errorf("after its ttl: stats = %+v", s)
	}
	if st := e.status(unpaidTx); st.str("status") != "canceled" {
		t.Errorf("the unpaid payment after its ttl: %v", st)
	}
	status, b := e.raw(http.MethodGet, "/sandbox/stats", "")
	if status != http.StatusOK || decode(t, b)["payments"] == nil {
		t.Errorf("GET /sandbox/stats = %d %s", status, b)
	}
}

// check_sms_key names a payment by the sandbox's own id, not its UUID: one
// forgotten is refused saying so there too. Reset empties the sandbox, and
// the count of what it forgot with it: an unknown payment is then refused
// plainly again, as by a sandbox that never forgot any.
func TestForgottenByIDAndAfterReset(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, MaxFinished: 1})
	uuid := e.prepare(e.txID(), true, "50000", nil)
	id, verify := e.payOTP(uuid, "8600000000000015", "uzcard")
	code := e.code(uuid)
	e.ok("/check_sms_key", map[string]any{"smsKey": code, "paymentId": id, "verifyId": verify})
	e.paid(e.txID(), true, "50000", nil) // the first is forgotten
	refused(t, e.checkSMS(id, verify, code), 7,
		fmt.Sprintf("Payment not found: paymentId %d (the sandbox forgets finished payments: it keeps the last 1,", id))
	e.sb.Reset()
	o := e.post("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": "never-made"})
	refused(t, o, 7, "Payment not found: shop_transaction_id never-made")
	if msg := o.str("errMessage"); strings.Contains(msg, "forget") {
		t.Errorf("after Reset nothing is forgotten, errMessage = %q", msg)
	}
}
