package sandbox_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// FuzzMethods feeds arbitrary bodies to every OCTO method: the answer is
// always HTTP 200 with OCTO's envelope, never a 500 or a crash, and never
// echoes a card number given in the body.
func FuzzMethods(f *testing.F) {
	seeds := []string{
		``, `{`, `null`, `[]`, `{"octo_shop_id":"1","octo_secret":"sandbox-secret","shop_transaction_id":"x"}`,
		`{"octo_shop_id":1,"octo_secret":"sandbox-secret","shop_transaction_id":"x","auto_capture":true,"init_time":"2026-03-01 15:00:00","total_sum":"1e3","currency":"UZS","description":"d","return_url":"http://a.b","language":"uz"}`,
		`{"pan":"8600000000000015","exp":"3012","method":"uzcard"}`,
		`{"smsKey":123,"paymentId":"5001","verifyId":[1]}`,
		`{"octo_shop_id":1,"octo_secret":"sandbox-secret","octo_payment_UUID":{},"accept_status":"capture","final_amount":-0}`,
		`{"basket":[{"count":"x"}],"user_data":"u","payment_methods":{"method":1}}`,
	}
	for i, s := range seeds {
		f.Add(uint8(i), s)
	}
	sb := sandbox.New(sandbox.Options{Start: start, NoRateLimit: true})
	f.Cleanup(sb.Close)
	paths := []string{"/prepare_payment", "/pay/x", "/verificationInfo/", "/check_sms_key", "/check_pan", "/set_accept",
		"/callback", "/refund", "/bind_card", "/bind_card/check_sms_key", "/block_card_token", "/fiscal-data"}
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		path := paths[int(which)%len(paths)]
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s %q: HTTP %d", path, body, rec.Code)
		}
		var env struct {
			Error *int `json:"error"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || env.Error == nil {
			t.Fatalf("%s %q: not an envelope: %s", path, body, rec.Body.Bytes())
		}
		if strings.Contains(body, "8600000000000015") && bytes.Contains(rec.Body.Bytes(), []byte("8600000000000015")) {
			t.Fatalf("%s: the answer echoes the card number", path)
		}
	})
}
