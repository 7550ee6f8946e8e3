package record

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
)

func TestExchangeOfNamesStatusReadsAndKeepsNoBody(t *testing.T) {
	read := ExchangeOf(octo.Exchange{Method: "prepare_payment", HTTPStatus: 200,
		Request:  []byte(`{"octo_shop_id":1,"octo_secret":"REDACTED","shop_transaction_id":"x"}`),
		Response: []byte(`{"error":0,"data":{"status":"succeeded","octo_payment_UUID":"u"}}`)})
	if read.Method != statusRead || read.Status != "succeeded" {
		t.Errorf("status read recorded as %+v", read)
	}
	prep := ExchangeOf(octo.Exchange{Method: "prepare_payment", HTTPStatus: 200, Request: []byte(`{"total_sum":1}`)})
	if prep.Method != "prepare_payment" || !prep.NoAnswer {
		t.Errorf("prepare_payment recorded as %+v", prep)
	}
}

func TestCompareFoldsRetriesAndIgnoresReads(t *testing.T) {
	base := &Recording{Exchanges: []RecordedExchange{{Method: "pay", HTTPStatus: 200}}, Outcome: Outcome{Screen: "home"}}
	noisy := &Recording{Exchanges: []RecordedExchange{
		{Method: statusRead, HTTPStatus: 200}, {Method: "pay", HTTPStatus: 200}, {Method: "pay", HTTPStatus: 200}, {Method: statusRead},
	}, Outcome: Outcome{Screen: "home"}}
	if d := Compare(base, noisy); len(d) != 0 {
		t.Errorf("reads and a retry make a difference: %v", d)
	}
	other := &Recording{Exchanges: []RecordedExchange{{Method: "pay", HTTPStatus: 200, Code: 5}}, Outcome: Outcome{Screen: "result/declined"}}
	d := Compare(base, other)
	want := []string{"- pay → HTTP 200, code 0", "- ended on home", "+ pay → HTTP 200, code 5", "+ ended on result/declined"}
	if strings.Join(d, "\n") != strings.Join(want, "\n") {
		t.Errorf("diff\n%s\nwant\n%s", strings.Join(d, "\n"), strings.Join(want, "\n"))
	}
}
