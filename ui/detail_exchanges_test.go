package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// exchangeJournal is the fake journal with the requests to OCTO journaled
// about oc-1, as the console's journal keeps them (redacted).
type exchangeJournal struct {
	*fakeJournal
}

func (exchangeJournal) Exchanges(_ context.Context, id string) ([]flows.ExchangeRecord, error) {
	if id != "oc-1" {
		return nil, nil
	}
	at := fixedNow.Add(-10 * time.Minute)
	x := func(s float64, method, path string, status, code int, req, resp string) flows.ExchangeRecord {
		return flows.ExchangeRecord{At: at.Add(time.Duration(s * float64(time.Second))), ShopTransactionID: id,
			Method: method, HTTPMethod: "POST", Path: path, HTTPStatus: status, Code: code, Attempt: 1,
			Duration: 84 * time.Millisecond, Request: req, Response: resp}
	}
	return []flows.ExchangeRecord{
		x(0.5, "prepare_payment", "/prepare_payment", 200, 0,
			`{"shop_transaction_id":"oc-1","octo_secret":"REDACTED","total_sum":50000}`,
			`{"error":0,"data":{"shop_transaction_id":"oc-1","octo_payment_UUID":"7c9e6679-7425-40de-944b-e07fc1f90ae7","status":"created"}}`),
		x(1.5, "pay", "/pay/7c9e6679-7425-40de-944b-e07fc1f90ae7", 200, 0,
			`{"pan":"860000******0015","exp":"****","method":"uzcard"}`, `{"error":0,"data":{"id":7001,"status":"wait_user_action"}}`),
		x(40.5, "check_sms_key", "/check_sms_key", 200, 0,
			`{"smsKey":"******","paymentId":7001,"verifyId":3}`, `{"error":0,"data":{"status":"succeeded"}}`),
	}, nil
}

// openDetailWithExchanges opens oc-1's detail from the history.
func openDetailWithExchanges(t *testing.T, lang Lang, w, h int) *driver {
	t.Helper()
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	j.records[0].PaymentUUID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
	j.records[0].Operator = "Dilnoza"
	j.records[0].Method = octo.MethodUzcard
	o := journalOptions(j)
	o.Journal = exchangeJournal{j}
	o.Language = lang
	d := openHistoryOn(t, o, w, h)
	d.typeText("oc-1")
	d.until("the payment", func(a App) bool { h, _ := historyOf(a); return len(h.records) == 1 })
	d.key(tea.KeyEnter)
	d.until("the detail", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
	return d
}

// TestDetailTimelineHasExchanges: the requests to OCTO sit among the
// transitions in time order, and Enter on one shows its redacted JSON.
func TestDetailTimelineHasExchanges(t *testing.T) {
	for _, sz := range sizes {
		d := openDetailWithExchanges(t, LangEN, sz.w, sz.h)
		dt, _ := detailOf(d.app)
		var whats []string
		for _, e := range dt.timeline {
			whats = append(whats, e.what)
		}
		order := strings.Join(whats, " | ")
		if want := "New → Creating the payment | → prepare_payment | Creating the payment → Sending the card | → pay | Sending the card"; !strings.HasPrefix(order, want) {
			t.Fatalf("timeline %q, want it to start %q", order, want)
		}
		if !strings.Contains(order, "Waiting for the SMS code → Checking the code | → check_sms_key | Checking the code → Paid") {
			t.Errorf("check_sms_key out of place: %q", order)
		}
		got := d.screen()
		if !strings.Contains(got, "→ check_sms_key  HTTP 200 · ok · 84 ms") {
			t.Errorf("%dx%d: no exchange line on screen:\n%s", sz.w, sz.h, got)
		}
		golden(t, sizeName("detail-exchanges-en", sz.w, sz.h), got)

		// The newest entry is the notification: Enter opens its body.
		d.key(tea.KeyEnter)
		if dt, _ := detailOf(d.app); dt.mode != detailBody || !strings.Contains(d.screen(), `"status": "succeeded"`) {
			t.Fatalf("enter on the notification:\n%s", d.screen())
		}
		d.key(tea.KeyEscape)
		// Up twice: past the last transition to check_sms_key.
		d.key(tea.KeyUp)
		d.key(tea.KeyUp)
		d.key(tea.KeyRight)
		got = d.screen()
		for _, want := range []string{"check_sms_key · POST /check_sms_key", "HTTP 200 · OCTO code 0", `"smsKey": "******"`, `"paymentId": 7001`, "Response"} {
			if !strings.Contains(got, want) {
				t.Errorf("%dx%d: the exchange's body has no %q:\n%s", sz.w, sz.h, want, got)
			}
		}
		golden(t, sizeName("detail-exchange-body-en", sz.w, sz.h), got)
		d.key(tea.KeyEscape)
		if dt, _ := detailOf(d.app); dt.mode != detailViewing {
			t.Fatalf("esc did not go back to the timeline")
		}
		// A transition has nothing to open.
		d.key(tea.KeyDown)
		d.key(tea.KeyEnter)
		if dt, _ := detailOf(d.app); dt.mode != detailViewing {
			t.Errorf("enter on a transition opened something")
		}
	}
}

// TestDetailExchangeBodyRedactsAgain: a journaled body that slipped a card
// number or a code past the client is masked on screen all the same.
func TestDetailExchangeBodyRedactsAgain(t *testing.T) {
	st := newStyles()
	x := common.ExchangeBodyOfRecord(flows.ExchangeRecord{Method: "pay",
		Request: `{"pan":"8600000000000015","cvc2":"735","smsKey":"481516"}`, Response: `oops 4111111111111111`})
	text := strings.Join(x.Lines(st.shared()), "\n")
	for _, leak := range []string{"8600000000000015", `"735"`, "481516", "4111111111111111"} {
		if strings.Contains(text, leak) {
			t.Errorf("%s shown:\n%s", leak, text)
		}
	}
}
