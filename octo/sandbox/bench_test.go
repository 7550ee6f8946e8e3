package sandbox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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
