package sandbox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// BenchmarkTwoStageFlow runs full two-stage Uzcard flows over loopback HTTP:
// prepare_payment → pay → verificationInfo → check_sms_key → set_accept
// (the code is read from the outbox, as the customer's phone would).
// It reports flows/s; run it with -benchtime=2s on a quiet machine.
func BenchmarkTwoStageFlow(b *testing.B) {
	sb := sandbox.New(sandbox.Options{Start: start, EventLimit: 1000})
	srv := httptest.NewServer(sb)
	defer sb.Close()
	defer srv.Close()
	tr := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	var seq atomic.Int64

	call := func(path string, body []byte, out any) error {
		resp, err := hc.Post(srv.URL+path, "application/json", bytes.NewReader(body))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		var env struct {
			Error int             `json:"error"`
			Msg   string          `json:"errMessage"`
			Data  json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(raw, &env); err != nil {
			return err
		}
		if env.Error != 0 {
			return fmt.Errorf("%s: error %d: %s", path, env.Error, env.Msg)
		}
		return json.Unmarshal(env.Data, out)
	}
	flow := func() error {
		tx := fmt.Sprintf("bench-%d", seq.Add(1))
		var p struct {
			UUID string `json:"octo_payment_UUID"`
		}
		if err := call("/prepare_payment", []byte(`{"octo_shop_id":1,"octo_secret":"sandbox-secret","shop_transaction_id":"`+tx+
			`","auto_capture":false,"test":true,"init_time":"2026-03-01 15:00:00","total_sum":1000.00,"currency":"UZS",`+
			`"description":"bench","return_url":"https://shop.example/r","language":"uz","ttl":15}`), &p); err != nil {
			return err
		}
		var pay struct {
			ID int64 `json:"id"`
		}
		if err := call("/pay/"+p.UUID, []byte(`{"pan":"8600000000000015","exp":"3012","method":"uzcard","cvc2":"","cardHolderName":"B"}`), &pay); err != nil {
			return err
		}
		var v struct {
			VerifyID int64 `json:"verifyId"`
		}
		if err := call("/verificationInfo/", []byte(`{"octo_payment_UUID":"`+p.UUID+`"}`), &v); err != nil {
			return err
		}
		code, _ := sb.LastCode(p.UUID)
		var held struct {
			Status string `json:"status"`
		}
		if err := call("/check_sms_key", []byte(fmt.Sprintf(`{"smsKey":%q,"paymentId":%d,"verifyId":%d}`, code, pay.ID, v.VerifyID)), &held); err != nil {
			return err
		}
		if held.Status != "waiting_for_capture" {
			return fmt.Errorf("after the code: %s", held.Status)
		}
		var done struct {
			Status string `json:"status"`
		}
		if err := call("/set_accept", []byte(`{"octo_shop_id":1,"octo_secret":"sandbox-secret","octo_payment_UUID":"`+p.UUID+
			`","accept_status":"capture","final_amount":900.00}`), &done); err != nil {
			return err
		}
		if done.Status != "succeeded" {
			return fmt.Errorf("after capture: %s", done.Status)
		}
		return nil
	}

	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := flow(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "flows/s")
}

// BenchmarkHandlerFlow is the server's share of BenchmarkTwoStageFlow: the
// same flow (the code read through GET /sandbox/sms?payment=UUID&limit=1)
// served by ServeHTTP directly, without sockets or an HTTP client, so that
// allocs/op is what the sandbox allocates for one flow (and the requests
// the benchmark builds, as net/http would).
func BenchmarkHandlerFlow(b *testing.B) {
	sb := sandbox.New(sandbox.Options{Start: start, NoRateLimit: true})
	defer sb.Close()
	w := &benchWriter{h: http.Header{}}
	serve := func(method, target, body string) []byte {
		var r *http.Request
		if body == "" {
			r, _ = http.NewRequest(method, "http://sandbox.test"+target, nil)
		} else {
			r, _ = http.NewRequest(method, "http://sandbox.test"+target, strings.NewReader(body))
		}
		clear(w.h)
		w.body, w.status = w.body[:0], 0
		sb.ServeHTTP(w, r)
		if w.status != http.StatusOK && w.status != 0 {
			b.Fatalf("%s %s: HTTP %d: %s", method, target, w.status, w.body)
		}
		if !bytes.HasPrefix(w.body, []byte(`{"error":0,`)) && !bytes.HasPrefix(w.body, []byte(`{"messages"`)) {
			b.Fatalf("%s %s: %s", method, target, w.body)
		}
		return w.body
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		uuid := jsonField(serve("POST", "/prepare_payment", `{"octo_shop_id":1,"octo_secret":"sandbox-secret","shop_transaction_id":"h-`+
			strconv.Itoa(i)+`","auto_capture":false,"test":true,"init_time":"2026-03-01 15:00:00","total_sum":1000.00,"currency":"UZS",`+
			`"description":"bench","return_url":"https://shop.example/r","language":"uz","ttl":15}`), "octo_payment_UUID")
		id := jsonField(serve("POST", "/pay/"+uuid, `{"pan":"8600000000000015","exp":"3012","method":"uzcard","cvc2":"","cardHolderName":"B"}`), "id")
		verify := jsonField(serve("POST", "/verificationInfo/", `{"octo_payment_UUID":"`+uuid+`"}`), "verifyId")
		code := jsonField(serve("GET", "/sandbox/sms?limit=1&payment="+uuid, ""), "code")
		if st := jsonField(serve("POST", "/check_sms_key", `{"smsKey":"`+code+`","paymentId":`+id+`,"verifyId":`+verify+`}`), "status"); st != "waiting_for_capture" {
			b.Fatalf("after the code: %q", st)
		}
		if st := jsonField(serve("POST", "/set_accept", `{"octo_shop_id":1,"octo_secret":"sandbox-secret","octo_payment_UUID":"`+uuid+
			`","accept_status":"capture","final_amount":900.00}`), "status"); st != "succeeded" {
			b.Fatalf("after capture: %q", st)
		}
	}
}

// benchWriter is a ResponseWriter reused across requests.
type benchWriter struct {
	h      http.Header
	body   []byte
	status int
}

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) WriteHeader(status int)      { w.status = status }
func (w *benchWriter) Write(p []byte) (int, error) { w.body = append(w.body, p...); return len(p), nil }

// jsonField is the first value of "name" in an answer, unquoted: enough to
// follow a flow without decoding whole answers.
func jsonField(body []byte, name string) string {
	_, after, ok := bytes.Cut(body, []byte(`"`+name+`":`))
	if !ok {
		return ""
	}
	if len(after) > 0 && after[0] == '"' {
		v, _, _ := bytes.Cut(after[1:], []byte(`"`))
		return string(v)
	}
	end := bytes.IndexAny(after, ",}")
	if end < 0 {
		return ""
	}
	return string(after[:end])
}
