package journal

import (
	"context"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// ExchangesAfter reads every payment's exchanges in the order they were
// journaled, from where the last read stopped, a page at a time, with the
// keys that name each one's payment.
func TestExchangesAfter(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	if xs, err := j.ExchangesAfter(ctx, 0, 10); err != nil || len(xs) != 0 {
		t.Fatalf("a journal without exchanges: %v %v", xs, err)
	}
	prepare := func(id, uuid string, at time.Time) flows.ExchangeRecord {
		return flows.ExchangeRecordOf(octo.Exchange{Started: at, Method: "prepare_payment", HTTPMethod: "POST",
			URL: "https://octo.test/prepare_payment", HTTPStatus: 200, Duration: 12 * time.Millisecond, Attempt: 1,
			Request:  []byte(`{"shop_transaction_id":"` + id + `"}`),
			Response: []byte(`{"error":0,"data":{"shop_transaction_id":"` + id + `","octo_payment_UUID":"` + uuid + `"}}`)})
	}
	pay := flows.ExchangeRecordOf(octo.Exchange{Started: octotest.T0.Add(2 * time.Second), Method: "pay", HTTPMethod: "POST",
		URL: "https://octo.test/pay/u-1", Err: "timeout", Attempt: 1})
	// Journaled out of time order: the journal's order is what counts.
	if err := j.SaveExchanges(ctx, []flows.ExchangeRecord{prepare("oc-1", "u-1", octotest.T0.Add(time.Second)), prepare("oc-2", "u-2", octotest.T0)}); err != nil {
		t.Fatal(err)
	}
	if err := j.SaveExchanges(ctx, []flows.ExchangeRecord{pay}); err != nil {
		t.Fatal(err)
	}
	first, err := j.ExchangesAfter(ctx, 0, 2)
	if err != nil || len(first) != 2 || first[0].ShopTransactionID != "oc-1" || first[1].ShopTransactionID != "oc-2" ||
		first[0].Seq >= first[1].Seq {
		t.Fatalf("first page: %+v %v", first, err)
	}
	if x := first[0]; x.PaymentUUID != "u-1" || x.HTTPStatus != 200 || x.Duration != 12*time.Millisecond || !x.At.Equal(octotest.T0.Add(time.Second)) {
		t.Errorf("the first exchange read back as %+v", x)
	}
	rest, err := j.ExchangesAfter(ctx, first[1].Seq, 2)
	if err != nil || len(rest) != 1 || rest[0].Method != "pay" || rest[0].ShopTransactionID != "oc-1" || rest[0].Err != "timeout" {
		t.Fatalf("after the first page: %+v %v", rest, err)
	}
	if more, err := j.ExchangesAfter(ctx, rest[0].Seq, 2); err != nil || len(more) != 0 {
		t.Errorf("after the last: %+v %v", more, err)
	}
}
