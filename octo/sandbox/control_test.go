package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

func TestFaultErrorAnswersWithoutDoingAnything(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	uuid := e.prepare("o-1", true, "1000", nil)
	e.sb.Inject(sandbox.Fault{Method: "pay", Kind: sandbox.FaultError, Count: 2})
	refused(t, e.post("/pay/"+uuid, cardBody("8600000000000015", "uzcard")), 4, "Internal service error")
	refused(t, e.post("/pay/"+uuid, cardBody("8600000000000015", "uzcard")), 4, "Internal service error")
	if got := e.status("o-1").str("status"); got != "created" {
		t.Fatalf("status after refused pays = %q", got)
	}
	e.ok("/pay/"+uuid, cardBody("8600000000000015", "uzcard"))
	// other methods are untouched, and a custom code and message come through
	e.sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultError, Code: 99, Message: "Try later"})
	refused(t, e.accept(uuid, "capture", ""), 99, "Try later")
	if len(e.sb.Faults()) != 0 {
		t.Errorf("faults left: %v", e.sb.Faults())
	}
}

func TestFaultDropDoesTheWorkAndLosesTheAnswer(t *testing.T) {
	for _, loop := range []bool{false, true} {
		var e *env
		if loop {
			e = newLoopbackEnv(t, sandbox.Options{NoRateLimit: true})
		} else {
			e = newEnv(t, sandbox.Options{NoRateLimit: true})
		}
		uuid := e.prepare("o-1", false, "1000", nil)
		id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
		e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
		e.sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultDrop})
		body := mustJSON(t, map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "octo_payment_UUID": uuid, "accept_status": "capture", "final_amount": 400})
		resp, err := e.hc.Post(e.base+"/set_accept", "application/json", strings.NewReader(body))
		if err == nil {
			resp.Body.Close()
			t.Fatalf("loopback %v: set_accept answered HTTP %d, want a dropped connection", loop, resp.StatusCode)
		}
		st := e.status("o-1")
		if st.str("status") != "succeeded" || !st.num("total_sum").Equal(dec("400")) {
			t.Errorf("loopback %v: after the dropped capture: %v", loop, st)
		}
	}
}

func TestFaultLatencyEndsWithTheContext(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.sb.Inject(sandbox.Fault{Method: "prepare_payment", Kind: sandbox.FaultLatency, Latency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.base+"/prepare_payment", strings.NewReader(mustJSON(t, prepareBody("o-1", true, "1000", nil))))
	_, err := e.hc.Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
	// the delayed request never reached the state
	o := e.post("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": "o-1"})
	refused(t, o, 7, "not found")
}

func TestFaultAtARate(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.sb.Inject(sandbox.Fault{Method: "prepare_payment", Kind: sandbox.FaultError, Rate: 1})
	for range 5 {
		refused(t, e.post("/prepare_payment", prepareBody(e.txID(), true, "1", nil)), 4, "Internal")
	}
	e.sb.ClearFaults()
	e.sb.Inject(sandbox.Fault{Kind: sandbox.FaultError, Rate: 0.5}) // any method
	failed := 0
	for range 200 {
		if e.post("/prepare_payment", prepareBody(e.txID(), true, "1", nil)).code() == 4 {
			failed++
		}
	}
	if failed == 0 || failed == 200 {
		t.Errorf("a 50%% fault fired %d times of 200", failed)
	}
	e.sb.Inject(sandbox.Fault{Kind: "explode"})
	e.sb.Inject(sandbox.Fault{Kind: sandbox.FaultLatency})
	if got := len(e.sb.Faults()); got != 1 {
		t.Errorf("%d faults armed, want the one valid fault", got)
	}
}

func TestEventLogIsRedacted(t *testing.T) {
	const canaryPAN, canaryCVC = "4111111111111111", "987"
	rcv := newReceiver(t)
	bind := newReceiver(t)
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"notify_url": rcv.URL})
	body := cardBody(canaryPAN, "bank_card")
	body["cvc2"] = canaryCVC
	e.ok("/pay/"+uuid, body)
	_ = e.sb.Complete3DS(uuid, true)
	u2 := e.prepare("o-2", true, "1000", nil)
	id, vid := e.payOTP(u2, "8600000000000015", "uzcard")
	otp := e.code(u2)
	e.ok("/check_sms_key", map[string]any{"smsKey": otp, "paymentId": id, "verifyId": vid})
	e.post("/check_pan", map[string]any{"pan": "8600000000000015", "expDate": "3012", "paymentId": id}) // refused: already paid, still logged
	b := e.ok("/bind_card", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": "b-1", "pan": "9860000000000018", "exp": "3012",
		"phone": "998901234567", "method": "humo", "notify_url": rcv.URL, "bind_notify_url": bind.URL}).data()
	bu := b.str("octo_payment_UUID")
	bcode := e.code(bu)
	e.ok("/bind_card/check_sms_key", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "smsKey": bcode, "paymentUUID": bu, "verifyId": e.ok("/verificationInfo/"+bu, "").data().integer("verifyId")})
	bind.next(t)
	rcv.next(t)
	waitFor(t, "the bind notification in the log", func() bool { return countURL(e.sb, bind.URL) == 1 })
	// The payment's notification is logged once its answer is in, which
	// may be after the receiver saw it (it failed 1 run in ~100).
	waitFor(t, "the payment notification in the log", func() bool { return countURL(e.sb, rcv.URL) >= 1 })

	// the HTTP view of the log and the Go view
	_, httpLog := e.raw(http.MethodGet, "/sandbox/events", "")
	goLog, _ := json.Marshal(e.sb.Events())
	for _, log := range [][]byte{httpLog, goLog} {
		for _, canary := range []string{canaryPAN, "8600000000000015", "9860000000000018", `"` + canaryCVC + `"`, secret, `"` + otp + `"`, `"` + bcode + `"`} {
			if bytes.Contains(log, []byte(canary)) {
				t.Errorf("the event log contains %q", canary)
			}
		}
		if !bytes.Contains(log, []byte("411111** **** 1111")) {
			t.Error("the log has no masked card number")
		}
	}
	var kinds = map[string]bool{}
	for _, ev := range e.sb.Events() {
		kinds[ev.Kind] = true
	}
	for _, k := range []string{sandbox.EventRequest, sandbox.EventResponse, sandbox.EventNotification, sandbox.EventBindNotification, sandbox.EventControl} {
		if !kinds[k] {
			t.Errorf("no %s event", k)
		}
	}
}

func TestSubscribe(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	ch, stop := e.sb.Subscribe()
	e.prepare("o-1", true, "1000", nil)
	req, resp := <-ch, <-ch
	if req.Kind != sandbox.EventRequest || req.Method != "prepare_payment" || resp.Kind != sandbox.EventResponse || resp.PaymentUUID == "" || resp.Seq <= req.Seq {
		t.Fatalf("events %+v, %+v", req, resp)
	}
	stop()
	stop()
	if _, open := <-ch; open {
		t.Error("the channel is open after stop")
	}
	e.prepare("o-2", true, "1000", nil) // must not block on the ended subscription
}

func TestControlAPI(t *testing.T) {
	e := newLoopbackEnv(t, sandbox.Options{NoRateLimit: true})
	uuid := e.prepare("o-1", true, "1000", nil)
	e.payOTP(uuid, "8600000000000015", "uzcard")

	status, b := e.raw(http.MethodGet, "/sandbox/sms", "")
	sms := decode(t, b)
	msgs, _ := sms["messages"].([]any)
	if status != http.StatusOK || len(msgs) != 1 {
		t.Fatalf("sms: HTTP %d %s", status, b)
	}
	m := obj(msgs[0].(map[string]any))
	if m.str("phone") != "998901234567" || m.str("code") != e.code(uuid) || m.str("octo_payment_UUID") != uuid || m.str("sent_at") == "" {
		t.Errorf("message = %v", m)
	}

	before := e.sb.Now()
	status, b = e.raw(http.MethodPost, "/sandbox/clock", `{"advance_seconds": 90}`)
	if status != http.StatusOK || !e.sb.Now().Equal(before.Add(90*time.Second)) {
		t.Fatalf("clock: HTTP %d %s; now %v", status, b, e.sb.Now())
	}
	if e.ok("/verificationInfo/"+uuid, "").data().integer("secondsLeft") != 90 {
		t.Error("secondsLeft does not follow the advanced clock")
	}
	for _, bad := range []string{`{}`, `{"advance_seconds": -1}`, `nope`} {
		if status, _ := e.raw(http.MethodPost, "/sandbox/clock", bad); status != http.StatusBadRequest {
			t.Errorf("clock %s: HTTP %d", bad, status)
		}
	}
	if status, b := e.raw(http.MethodGet, "/sandbox/clock", ""); status != http.StatusOK || !strings.Contains(string(b), "now") {
		t.Errorf("GET clock: %d %s", status, b)
	}

	status, b = e.raw(http.MethodPost, "/sandbox/faults", `{"method":"pay","kind":"latency","latency_ms":5,"count":2}`)
	if status != http.StatusOK || !strings.Contains(string(b), `"latency_ms":5`) {
		t.Fatalf("faults: %d %s", status, b)
	}
	if status, _ := e.raw(http.MethodPost, "/sandbox/faults", `{"kind":"explode"}`); status != http.StatusBadRequest {
		t.Errorf("bad fault: HTTP %d", status)
	}
	if _, b := e.raw(http.MethodDelete, "/sandbox/faults", ""); !strings.Contains(string(b), `"faults":[]`) {
		t.Errorf("after DELETE: %s", b)
	}

	_, b = e.raw(http.MethodGet, "/sandbox/events", "")
	evs, _ := decode(t, b)["events"].([]any)
	last := obj(evs[len(evs)-1].(map[string]any)).integer("seq")
	_, b = e.raw(http.MethodGet, fmt.Sprintf("/sandbox/events?since=%d", last), "")
	if rest, _ := decode(t, b)["events"].([]any); len(rest) != 0 {
		t.Errorf("events since the last: %d", len(rest))
	}

	if status, _ := e.raw(http.MethodPost, "/sandbox/reset", ""); status != http.StatusOK {
		t.Fatalf("reset: HTTP %d", status)
	}
	if len(e.sb.SMS()) != 0 {
		t.Error("the outbox survived a reset")
	}
	refused(t, e.post("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": "o-1"}), 7, "not found")
	if got := e.prepare("o-1", true, "1000", nil); got == uuid {
		t.Error("a payment made after reset reused the UUID")
	}
}

func TestStatusPageAndUnknownPages(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare("o-1", true, "1000", nil)
	if status, b := e.raw(http.MethodGet, "/status/"+uuid, ""); status != http.StatusOK || !strings.Contains(string(b), "created") {
		t.Errorf("status page: %d %s", status, b)
	}
	for _, p := range []string{"/status/x", "/3ds/x", "/uzcard/sms/x", "/pay/x"} {
		if status, _ := e.raw(http.MethodGet, p, ""); status != http.StatusNotFound {
			t.Errorf("GET %s: HTTP %d", p, status)
		}
	}
}

// TestManyFlowsAtOnce runs every kind of flow concurrently (run with -race).
func TestManyFlowsAtOnce(t *testing.T) {
	rcv := newReceiver(t)
	go func() {
		for range rcv.ch { // drain
		}
	}()
	e := newLoopbackEnv(t, sandbox.Options{NoRateLimit: true})
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tx := fmt.Sprintf("c-%d", i)
			notify := map[string]any{}
			if i%4 == 0 {
				notify["notify_url"] = rcv.URL
			}
			switch i % 3 {
			case 0: // two-stage Uzcard, partial capture, refund
				uuid := e.prepare(tx, false, "100000", notify)
				id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
				e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
				if o := e.accept(uuid, "capture", "80000"); o.code() != 0 {
					errs <- fmt.Sprintf("%s capture: %v", tx, o)
					return
				}
				e.ok("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r-" + tx, "octo_payment_UUID": uuid, "amount": 20000})
				if st := e.status(tx); !st.num("refunded_sum").Equal(dec("20000")) {
					errs <- fmt.Sprintf("%s: %v", tx, st)
				}
			case 1: // Visa with 3-D Secure
				uuid := e.prepare(tx, true, "1000", notify)
				e.ok("/pay/"+uuid, cardBody("4111111111111111", "bank_card"))
				if status, _ := e.raw(http.MethodPost, "/sandbox/3ds/"+uuid, `{"result":"approve"}`); status != http.StatusOK {
					errs <- tx + ": 3ds"
				}
			default: // the same order prepared twice at once, then paid
				var inner sync.WaitGroup
				uuids := make([]string, 2)
				for j := range 2 {
					inner.Add(1)
					go func() {
						defer inner.Done()
						uuids[j] = e.prepare(tx, true, "1000", notify)
					}()
				}
				inner.Wait()
				if uuids[0] != uuids[1] {
					errs <- tx + ": two payments for one shop_transaction_id"
					return
				}
				id, vid := e.payOTP(uuids[0], "9860000000000018", "humo")
				e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuids[0]), "paymentId": id, "verifyId": vid})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// every payment ended where its flow left it
	for i := range n {
		want := map[int]string{0: "succeeded", 1: "succeeded", 2: "succeeded"}[i%3]
		if got := e.status(fmt.Sprintf("c-%d", i)).str("status"); got != want {
			t.Errorf("c-%d: %s, want %s", i, got, want)
		}
	}
}

func TestCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- sandbox.Command(ctx, []string{"--addr", "127.0.0.1:0", "--shop-id", "77", "--secret", "qa-secret"}, out, io.Discard)
	}()
	waitFor(t, "the address to be printed", func() bool { return strings.Contains(out.String(), "octo_secret") })
	text := out.String()
	if !strings.Contains(text, "octo_shop_id: 77") || !strings.Contains(text, "qa-secret") {
		t.Fatalf("output: %s", text)
	}
	addr := strings.Fields(strings.SplitN(text, "listening on ", 2)[1])[0]
	body := mustJSON(t, prepareBody("o-1", true, "1000", map[string]any{"octo_shop_id": 77, "octo_secret": "qa-secret"}))
	resp, err := http.Post(addr+"/prepare_payment", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if o := decode(t, b); o.code() != 0 || !strings.HasPrefix(o.data().str("octo_pay_url"), addr+"/pay/") {
		t.Fatalf("prepare through the command: %s", b)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Command returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Command did not stop")
	}
	for _, args := range [][]string{{"--signature-recipe", "md5"}, {"--shop-id", "0"}, {"extra"}, {"--addr", "256.0.0.1:1"}} {
		if err := sandbox.Command(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("Command %v: no error", args)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
