package run

import (
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Against the sandbox: a Visa 3-D Secure sale's outcome comes from a status
// read; the journal shows the fee beside the transfer (70000 = 1400 + 68600).
func TestSandbox3DSFeeJournaled(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	p := e.through3DS(flows.Sale, e.order("70000"))
	if p.State != flows.Succeeded {
		t.Fatalf("got %s (%s)", p.State, p.Problem)
	}
	rec, err := e.journal.Get(ctx, p.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Transfer.Equal(octotest.Dec("68600")) || !rec.Fee.Equal(octotest.Dec("1400")) {
		t.Errorf("journal: fee %s transfer %s, want fee 1400.00 transfer 68600.00", rec.Fee.StringFixed(2), rec.Transfer.StringFixed(2))
	}
	if !rec.Fee.Add(rec.Transfer).Equal(rec.Captured) {
		t.Errorf("fee %s + transfer %s is not the captured %s", rec.Fee, rec.Transfer, rec.Captured)
	}
}

// Against the sandbox: a hold canceled by the cashier is answered with
// "transfer_sum": 0.00; the journal and the shift's CSV show no fee and
// nothing to the shop, though the hold's answer was read before.
func TestSandboxCanceledHoldHasNoFee(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	p := e.code(e.pay(flows.Hold, octotest.PAN, "40000"))
	if p.State != flows.Held {
		t.Fatalf("got %s (%s)", p.State, p.Problem)
	}
	p.Fee, p.Transfer = octotest.Dec("800"), octotest.Dec("39200") // as a gateway that prices holds would have said
	p = e.drive(p, flows.Cancel{})
	if p.State != flows.Canceled {
		t.Fatalf("got %s (%s)", p.State, p.Problem)
	}
	rec, err := e.journal.Get(ctx, p.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Fee.IsZero() || !rec.Transfer.IsZero() {
		t.Errorf("journal: fee %s, to the shop %s; want 0, 0", rec.Fee, rec.Transfer)
	}
	var out strings.Builder
	if err := e.journal.ExportCSV(ctx, &out, time.Time{}, time.Time{}, flows.CSVFormat{}); err != nil {
		t.Fatal(err)
	}
	// One row per movement (the hold, its cancel): none carries a fee or
	// money to the shop.
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\ufeff"))).ReadAll()
	if err != nil || len(rows) < 3 {
		t.Fatalf("CSV: %v\n%s", err, out.String())
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		if r[col["fee"]] != "0.00" || r[col["to_shop"]] != "0.00" {
			t.Errorf("CSV %s row: fee %s, to the shop %s; want 0, 0", r[col["movement"]], r[col["fee"]], r[col["to_shop"]])
		}
	}
}
