package journal

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// TestExchangesKeyedByPayment: each call names its payment differently
// (shop_transaction_id, UUID in the path or the body, numeric id); all land
// under the shop_transaction_id, oldest first, with their facts intact.
func TestExchangesKeyedByPayment(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	at := octotest.T0
	next := func() time.Time { at = at.Add(time.Second); return at }
	xs := []flows.ExchangeRecord{
		{At: next(), Method: "prepare_payment", HTTPMethod: "POST", Path: "/prepare_payment", HTTPStatus: 200, Attempt: 1,
			Duration: 42 * time.Millisecond,
			Request:  `{"shop_transaction_id":"tx-1","octo_secret":"REDACTED"}`,
			Response: `{"error":0,"data":{"shop_transaction_id":"tx-1","octo_payment_UUID":"uuid-1"}}`},
		{At: next(), Method: "pay", HTTPMethod: "POST", Path: "/pay/uuid-1", HTTPStatus: 200, Attempt: 1,
			Request:  `{"pan":"860000******0015","cvc2":"***"}`,
			Response: `{"error":0,"data":{"id":7001,"uuid":"uuid-1","status":"wait_user_action"}}`},
		{At: next(), Method: "verificationInfo", HTTPMethod: "GET", Path: "/verificationInfo/uuid-1", HTTPStatus: 200, Attempt: 1},
		{At: next(), Method: "check_sms_key", HTTPMethod: "POST", Path: "/check_sms_key", HTTPStatus: 200, Code: 2,
			Err: "wrong code", Attempt: 1, Request: `{"smsKey":"******","paymentId":7001,"verifyId":3}`},
		{At: next(), Method: "refund", HTTPMethod: "POST", Path: "/refund", HTTPStatus: 200, Attempt: 1,
			Request: `{"octo_payment_UUID":"uuid-1","shop_refund_id":"r-1"}`},
		{At: next(), Method: "prepare_payment", HTTPMethod: "POST", Path: "/prepare_payment", HTTPStatus: 200, Attempt: 1,
			Request: `{"shop_transaction_id":"tx-2"}`},
		{At: next(), Method: "fiscal-data", HTTPMethod: "POST", Path: "/fiscal-data", HTTPStatus: 200, Attempt: 1,
			Request: `{"payment_uuid":"nobody-knows"}`},
	}
	if err := j.SaveExchanges(ctx, xs); err != nil {
		t.Fatal(err)
	}
	got, err := j.Exchanges(ctx, "tx-1")
	if err != nil {
		t.Fatal(err)
	}
	var methods []string
	for _, x := range got {
		methods = append(methods, x.Method)
	}
	if want := "prepare_payment pay verificationInfo check_sms_key refund"; strings.Join(methods, " ") != want {
		t.Fatalf("tx-1 exchanges %q, want %q", methods, want)
	}
	if x := got[0]; x.Duration != 42*time.Millisecond || !x.At.Equal(xs[0].At) || x.Request != xs[0].Request ||
		x.Response != xs[0].Response || x.HTTPStatus != 200 || x.ShopTransactionID != "tx-1" {
		t.Errorf("prepare read back as %+v", x)
	}
	if x := got[3]; x.Code != 2 || x.Err != "wrong code" {
		t.Errorf("check_sms_key read back as %+v", x)
	}
	if other, _ := j.Exchanges(ctx, "tx-2"); len(other) != 1 {
		t.Errorf("tx-2 has %d exchanges, want 1", len(other))
	}
}

// TestExchangesFallBackToPayments: when the exchange that linked the UUID
// to the payment was lost, the payments table still knows it.
func TestExchangesFallBackToPayments(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	p := flowstest.NewCard(t, flows.Sale, octotest.PAN)
	p.PaymentUUID, p.PaymentID = "uuid-9", 9009
	if err := j.Write(ctx, flows.Journal{Record: p.Record()}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	if err := j.SaveExchanges(ctx, []flows.ExchangeRecord{
		{At: octotest.T0, Method: "set_accept", Path: "/set_accept", Request: `{"octo_payment_UUID":"uuid-9"}`},
		{At: octotest.T0.Add(time.Second), Method: "check_pan", Path: "/check_pan", Request: `{"paymentId":9009}`},
	}); err != nil {
		t.Fatal(err)
	}
	got, err := j.Exchanges(ctx, p.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d exchanges under %s, want 2", len(got), p.ShopTransactionID)
	}
}

// TestExchangeBodyCap: a body past MaxExchangeBody is cut, marked, and
// stays valid UTF-8.
func TestExchangeBodyCap(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	big := `{"shop_transaction_id":"tx-big","pad":"` + strings.Repeat("ё", flows.MaxExchangeBody) + `"}`
	r := flows.ExchangeRecordOf(octo.Exchange{Method: "prepare_payment", URL: "http://gw.test/prepare_payment?x=1",
		Request: []byte(big), Response: []byte(`{"error":0}`), Started: octotest.T0})
	if r.Path != "/prepare_payment" {
		t.Errorf("path %q", r.Path)
	}
	if len(r.Request) > flows.MaxExchangeBody || !strings.HasSuffix(r.Request, "…(cut)") || !utf8Valid(r.Request) {
		t.Fatalf("request cut to %d bytes, suffix %q", len(r.Request), r.Request[max(len(r.Request)-12, 0):])
	}
	if err := j.SaveExchanges(ctx, []flows.ExchangeRecord{r}); err != nil {
		t.Fatal(err)
	}
	got, err := j.Exchanges(ctx, "tx-big")
	if err != nil || len(got) != 1 {
		t.Fatalf("%d exchanges, err %v", len(got), err)
	}
	if got[0].Request != r.Request || got[0].Response != `{"error":0}` {
		t.Errorf("read back %d bytes", len(got[0].Request))
	}
}

// BenchmarkSaveExchanges is the writer's cost per journaled exchange, in
// batches of 64 with the UUID resolved through the earlier exchange.
func BenchmarkSaveExchanges(b *testing.B) {
	ctx := context.Background()
	j := openTestJournal(b)
	if err := j.SaveExchanges(ctx, []flows.ExchangeRecord{{At: octotest.T0, Method: "prepare_payment",
		Request:  `{"shop_transaction_id":"tx-b"}`,
		Response: `{"data":{"shop_transaction_id":"tx-b","octo_payment_UUID":"uuid-b"}}`}}); err != nil {
		b.Fatal(err)
	}
	x := flows.ExchangeRecordOf(octo.Exchange{Method: "pay", URL: "http://gw/pay/uuid-b", Started: octotest.T0,
		Request: []byte(`{"pan":"860000******0015"}`), Response: []byte(`{"error":0,"data":{"id":1,"status":"ok"}}`)})
	batch := make([]flows.ExchangeRecord, 64)
	for i := range batch {
		batch[i] = x
	}
	b.ResetTimer()
	for i := 0; i < b.N; i += len(batch) {
		if err := j.SaveExchanges(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
