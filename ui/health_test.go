package ui

import (
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
