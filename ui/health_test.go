package ui

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
)

// A status read goes to OCTO as a prepare_payment without an amount; the
// status line names it for what it is, a new payment's prepare as itself.
func TestHealthNamesStatusReads(t *testing.T) {
	read := health{}.observe(octo.Exchange{Method: "prepare_payment", Request: []byte(`{"shop_transaction_id":"oc-1"}`)})
	prepare := health{}.observe(octo.Exchange{Method: "prepare_payment", Request: []byte(`{"shop_transaction_id":"oc-1","total_sum":150000}`)})
	if read.method != "status read" || prepare.method != "prepare_payment" {
		t.Errorf("named %q and %q, want a status read and prepare_payment", read.method, prepare.method)
	}
}

// OCTO's method names stay as OCTO has them in every language ("refund",
// not the catalog's "вернуть"); only the status read is translated.
func TestHealthKeepsMethodNames(t *testing.T) {
	st := newStyles()
	st.lang = LangRU
	failed := health{}.observe(octo.Exchange{Method: "refund", Code: 999, Message: "something", Err: "refund: error 999: something"})
	if v := failed.view(st, "OCTO"); !strings.Contains(v, "refund:") || strings.Contains(v, "вернуть") {
		t.Errorf("a refused refund on the status line: %q", v)
	}
	read := health{}.observe(octo.Exchange{Method: "prepare_payment", Request: []byte(`{}`)})
	if v := read.view(st, "OCTO"); !strings.Contains(v, "запрос статуса") {
		t.Errorf("a status read in Russian: %q", v)
	}
}
