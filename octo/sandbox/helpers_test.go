package sandbox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

const (
	shopID = 1
	secret = "sandbox-secret"
)

var start = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// env is a sandbox under test with a client that speaks raw JSON to it.
type env struct {
	t    *testing.T
	sb   *sandbox.Sandbox
	base string
	hc   *http.Client
	n    atomic.Int64
}

// newEnv serves the sandbox in memory (no socket) on a frozen clock.
func newEnv(t *testing.T, o sandbox.Options) *env {
	t.Helper()
	if o.Start.IsZero() {
		o.Start = start
	}
	sb := sandbox.New(o)
	t.Cleanup(sb.Close)
	return &env{t: t, sb: sb, base: "http://sandbox.test", hc: sb.Client()}
}

// newLoopbackEnv serves the sandbox on a real loopback socket.
func newLoopbackEnv(t *testing.T, o sandbox.Options) *env {
	t.Helper()
	if o.Start.IsZero() {
		o.Start = start
	}
	sb := sandbox.New(o)
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { srv.Close(); sb.Close() })
	return &env{t: t, sb: sb, base: srv.URL, hc: srv.Client()}
}

// obj is a decoded JSON object; numbers stay json.Number, never float64.
type obj map[string]any

func decode(t testing.TB, b []byte) obj {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var o obj
	if err := d.Decode(&o); err != nil {
		t.Fatalf("answer is not a JSON object: %v: %s", err, b)
	}
	return o
}

func (o obj) code() int {
	n, ok := o["error"].(json.Number)
	if !ok {
		return -99999
	}
	i, _ := n.Int64()
	return int(i)
}

func (o obj) data() obj {
	d, _ := o["data"].(map[string]any)
	return obj(d)
}

func (o obj) str(k string) string {
	s, _ := o[k].(string)
	return s
}

func (o obj) num(k string) decimal.Decimal {
	n, ok := o[k].(json.Number)
	if !ok {
		return decimal.NewFromInt(-1)
	}
	return decimal.RequireFromString(string(n))
}

func (o obj) integer(k string) int64 {
	n, _ := o[k].(json.Number)
	i, _ := n.Int64()
	return i
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// raw sends a request and returns the HTTP status and body.
func (e *env) raw(method, path, body string) (int, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.base+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.hc.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, b
}

// post sends body (a raw JSON string or a value to marshal) and decodes
// OCTO's answer, which must come with HTTP 200.
func (e *env) post(path string, body any) obj {
	e.t.Helper()
	s, ok := body.(string)
	if !ok {
		b, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		s = string(b)
	}
	status, b := e.raw(http.MethodPost, path, s)
	if status != http.StatusOK {
		e.t.Fatalf("POST %s: HTTP %d: %s", path, status, b)
	}
	return decode(e.t, b)
}

func (e *env) ok(path string, body any) obj {
	e.t.Helper()
	o := e.post(path, body)
	if o.code() != 0 {
		e.t.Fatalf("POST %s: error %d: %v", path, o.code(), o["errMessage"])
	}
	return o
}

// refused checks an error answer: the code, the message, and OCTO's
// envelope with the deprecated errorMessage beside errMessage.
func refused(t testing.TB, o obj, code int, msgPart string) {
	t.Helper()
	if o.code() != code {
		t.Fatalf("error = %d (%v), want %d", o.code(), o["errMessage"], code)
	}
	msg := o.str("errMessage")
	if !strings.Contains(strings.ToLower(msg), strings.ToLower(msgPart)) {
		t.Fatalf("errMessage = %q, want it to mention %q", msg, msgPart)
	}
	if o.str("errorMessage") != msg {
		t.Fatalf("errorMessage = %q, want the same as errMessage %q", o.str("errorMessage"), msg)
	}
	if _, ok := o["apiMessageForDevelopers"]; !ok {
		t.Fatalf("no apiMessageForDevelopers in %v", o)
	}
	if d, ok := o["data"]; !ok || d != nil {
		t.Fatalf("data = %v, want null", d)
	}
}

func (e *env) txID() string { return fmt.Sprintf("order-%d", e.n.Add(1)) }

// prepareBody is a full prepare_payment body; extra fields override.
func prepareBody(txID string, autoCapture bool, sum string, extra map[string]any) map[string]any {
	b := map[string]any{
		"octo_shop_id":        shopID,
		"octo_secret":         secret,
		"shop_transaction_id": txID,
		"auto_capture":        autoCapture,
		"test":                true,
		"init_time":           "2026-03-01 15:00:00",
		"total_sum":           json.Number(sum),
		"currency":            "UZS",
		"description":         "TEST_PAYMENT",
		"return_url":          "https://shop.example/return?order=" + txID,
		"language":            "uz",
		"ttl":                 15,
	}
	for k, v := range extra {
		if v == nil {
			delete(b, k)
			continue
		}
		b[k] = v
	}
	return b
}

// prepare creates a payment and returns its UUID.
func (e *env) prepare(txID string, autoCapture bool, sum string, extra map[string]any) string {
	e.t.Helper()
	o := e.ok("/prepare_payment", prepareBody(txID, autoCapture, sum, extra))
	return o.data().str("octo_payment_UUID")
}

func cardBody(pan, method string) map[string]any {
	b := map[string]any{"pan": pan, "exp": "3012", "method": method, "cvc2": "", "cardHolderName": "TEST HOLDER", "email": "client@example.com"}
	if method == "bank_card" {
		b["cvc2"] = "123"
	}
	return b
}

// payOTP pays with an OTP card and returns the numeric payment id and the
// verifyId.
func (e *env) payOTP(uuid, pan, method string) (int64, int64) {
	e.t.Helper()
	o := e.ok("/pay/"+uuid, cardBody(pan, method))
	id := o.data().integer("id")
	v := e.ok("/verificationInfo/", map[string]any{"octo_payment_UUID": uuid})
	return id, v.data().integer("verifyId")
}

func (e *env) code(uuid string) string {
	e.t.Helper()
	c, ok := e.sb.LastCode(uuid)
	if !ok {
		e.t.Fatalf("no one-time code for %s", uuid)
	}
	return c
}

func (e *env) checkSMS(id, verifyID int64, code string) obj {
	e.t.Helper()
	return e.post("/check_sms_key", map[string]any{"smsKey": code, "paymentId": id, "verifyId": verifyID})
}

// status reads the payment's status with the minimal body, a second of
// virtual time after the previous read.
func (e *env) status(txID string) obj {
	e.t.Helper()
	e.sb.Advance(time.Second)
	return e.ok("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": txID}).data()
}

func (e *env) accept(uuid, status string, final string) obj {
	e.t.Helper()
	b := map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "octo_payment_UUID": uuid, "accept_status": status}
	if final != "" {
		b["final_amount"] = json.Number(final)
	}
	return e.post("/set_accept", b)
}

// paidOneStage walks a one-stage Uzcard payment to succeeded.
func (e *env) paid(txID string, autoCapture bool, sum string, extra map[string]any) string {
	e.t.Helper()
	uuid := e.prepare(txID, autoCapture, sum, extra)
	id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
	e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
	return uuid
}

// receiver is a merchant's notify_url: it records what arrives and answers
// with the next scripted answer (HTTP 200 and an empty body when none).
type receiver struct {
	*httptest.Server
	mu      sync.Mutex
	got     []obj
	answers []answer
	ch      chan obj
}

type answer struct {
	status int
	body   string
}

func newReceiver(t *testing.T, answers ...answer) *receiver {
	t.Helper()
	r := &receiver{answers: answers, ch: make(chan obj, 100)}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		o := decode(t, b)
		r.mu.Lock()
		a := answer{status: http.StatusOK}
		if len(r.answers) > 0 {
			a, r.answers = r.answers[0], r.answers[1:]
		}
		r.got = append(r.got, o)
		r.mu.Unlock()
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
		r.ch <- o
	}))
	t.Cleanup(r.Close)
	return r
}

// next waits for the next delivery. The timeout only guards against a
// hang; nothing is asserted about time.
func (r *receiver) next(t *testing.T) obj {
	t.Helper()
	select {
	case o := <-r.ch:
		return o
	case <-time.After(10 * time.Second):
		t.Fatal("no notification arrived")
		return nil
	}
}

// waitFor polls cond until it holds (guarding against a hang only).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
