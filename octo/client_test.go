package octo

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestOptions(t *testing.T) {
	h := &http.Client{}
	c := NewClient(7, "s", WithBaseURL(" http://x.test/ "), WithHTTPClient(h), WithTimeout(3*time.Second), nil)
	if c.BaseURL() != "http://x.test" || c.http != h || c.timeout != 3*time.Second || c.ShopID() != 7 {
		t.Errorf("got base %q timeout %v", c.BaseURL(), c.timeout)
	}
	d := NewClient(7, "s", WithBaseURL(""), WithHTTPClient(nil), WithTimeout(-1), WithRetry(RetryPolicy{MaxAttempts: 1}))
	if d.BaseURL() != DefaultBaseURL || d.http == nil || d.timeout != DefaultTimeout {
		t.Errorf("zero options must keep defaults: %q %v", d.BaseURL(), d.timeout)
	}
	want := DefaultRetryPolicy()
	want.MaxAttempts = 1
	if d.retry != want {
		t.Errorf("retry %+v, want %+v", d.retry, want)
	}
	if p := (RetryPolicy{BaseDelay: time.Minute}).withDefaults(); p.MaxDelay < p.BaseDelay {
		t.Errorf("MaxDelay %v below BaseDelay %v", p.MaxDelay, p.BaseDelay)
	}
	if s := fmt.Sprintf("%+v %#v", c, c); strings.Contains(s, "REDACTED") || !strings.Contains(s, "shop 7") {
		t.Errorf("client prints as %s", s)
	}
}

// init_time defaults to the client's clock, in Tashkent time.
func TestInitTimeDefaultsToNowInTashkent(t *testing.T) {
	f := newFake(t, answer(200, `{"error":0,"data":{"status":"created"}}`))
	c, clk := f.client()
	clk.t = time.Date(2024, 12, 31, 20, 30, 0, 0, time.UTC) // already 1 January in Tashkent
	if _, err := c.PreparePayment(context.Background(), PrepareParams{ShopTransactionID: "ny", TotalSum: dec("1")}); err != nil {
		t.Fatal(err)
	}
	if body := string(f.last(t).Body); !strings.Contains(body, `"init_time":"2025-01-01 01:30:00"`) {
		t.Errorf("body %s", body)
	}
}

// check_pan's body is P-otp's: pan, expDate (YYMM), paymentId; no
// credentials.
func TestResendOTPBody(t *testing.T) {
	f := newFake(t, answer(200, string(fixture(t, "ref_check_pan_response"))))
	c, _ := f.client()
	v, err := c.ResendOTP(context.Background(), ResendOTPParams{PAN: "8600 3132 6086 1293", ExpYYMM: "2602", PaymentID: 5520})
	if err != nil {
		t.Fatal(err)
	}
	h := f.last(t)
	if want := `{"pan":"8600313260861293","expDate":"2602","paymentId":5520}`; h.Path != "/check_pan" || string(h.Body) != want {
		t.Errorf("got %s %s, want /check_pan %s", h.Path, h.Body, want)
	}
	if v.VerifyID != 856 || v.SecondsLeft != 120 {
		t.Errorf("got %+v", v)
	}
}

// Cancel sends no final_amount; the other set_accept fields as S1.
func TestCancelBody(t *testing.T) {
	f := newFake(t, answer(200, `{"error":0,"data":{"status":"canceled"}}`))
	c, _ := f.client()
	info, err := c.Cancel(context.Background(), "u-1")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"octo_shop_id":123,"octo_secret":"` + testSecret + `","octo_payment_UUID":"u-1","accept_status":"cancel"}`
	if got := string(f.last(t).Body); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if info.Status != StatusCanceled {
		t.Errorf("got %v", info.Status)
	}
}

func TestFiscalDataBody(t *testing.T) {
	f := newFake(t, answer(200, string(fixture(t, "ref_fiscal_response"))))
	c, _ := f.client()
	fd, err := c.FiscalData(context.Background(), "u-1")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"octo_shop_id":123,"octo_secret":"` + testSecret + `","payment_uuid":"u-1"}`
	if got := f.last(t); got.Path != "/fiscal-data" || string(got.Body) != want {
		t.Errorf("got %s %s, want %s", got.Path, got.Body, want)
	}
	if fd.ReceiptID != 2121 || fd.Message != "accepted" {
		t.Errorf("got %+v", fd)
	}
}

// One client, many goroutines: run with -race.
func TestConcurrentUse(t *testing.T) {
	f := newFake(t, func(_ int, h hit, w http.ResponseWriter, _ *http.Request) {
		_, _ = fmt.Fprintf(w, `{"error":0,"data":{"status":"created","echo":%s}}`, h.Body)
	})
	var mu sync.Mutex
	seen := 0
	c, _ := f.client(WithObserver(func(Exchange) { mu.Lock(); seen++; mu.Unlock() }))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			id := fmt.Sprintf("order-%d", i%4)
			if _, err := c.Status(context.Background(), id); err != nil {
				t.Error(err)
			}
			if _, err := c.Cancel(context.Background(), id); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if f.count() != 32 || seen != 32 {
		t.Errorf("OCTO got %d requests, observer saw %d; want 32 each", f.count(), seen)
	}
}
