package receipt

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// printedAt is 11:08 UTC: 16:08 in Tashkent.
var printedAt = time.Date(2026, 11, 23, 11, 8, 0, 0, time.UTC)

const fiscalLink = "https://ofd.soliq.uz/epi?t=EZ000000000102&r=2121&c=20220929013159&s=420808230750"

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// paidSale is a finished Uzcard sale.
func paidSale() flows.Payment {
	return flows.Payment{
		Kind: flows.Sale, State: flows.Succeeded, ShopTransactionID: "oc-5f2a9c0e7b3d41a8c6e19f02",
		Method: octo.MethodUzcard, Amount: dec("150000"), Currency: "UZS", Description: "Coffee beans, 1 kg",
		Operator: "Dilnoza", Test: true, Card: "860000******0015",
		PaymentUUID: "7d3f0c1e-2b9a-4c5d-8e6f-a1b2c3d4e5f6", OCTOStatus: octo.StatusSucceeded,
		Captured: dec("150000"), Fee: dec("3000"), Transfer: dec("147000"),
	}
}

// partlyCaptured is a Visa hold of 200 000 captured for 150 000.
func partlyCaptured() flows.Payment {
	return flows.Payment{
		Kind: flows.Hold, State: flows.Succeeded, ShopTransactionID: "oc-0b7e55d2a9c14f3e8d6a7b10",
		Method: octo.MethodBankCard, Amount: dec("200000"), Currency: "UZS", Description: "Hotel deposit, room 204",
		Operator: "Aziz", Card: "427831******3011", PaymentUUID: "c0ffee00-1234-4abc-9def-0123456789ab",
		Captured: dec("150000.50"), Released: dec("49999.50"),
	}
}

func heldPayment() flows.Payment {
	p := partlyCaptured()
	p.State, p.Captured, p.Released = flows.Held, decimal.Zero, decimal.Zero
	p.HoldExpires = printedAt.Add(30 * time.Minute)
	return p
}

func canceledHold() flows.Payment {
	p := partlyCaptured()
	p.State, p.Captured, p.Released = flows.Canceled, decimal.Zero, dec("200000")
	return p
}

func refundedSale() flows.Payment {
	p := paidSale()
	p.Refunded = dec("50000")
	return p
}

func opts(lang Lang) Options {
	return Options{Language: lang, ShopName: "Chorsu Coffee", ShopID: 27481, Time: printedAt,
		RRN: "433712345678", FiscalURL: fiscalLink}
}

func mustReceipt(t testing.TB, p flows.Payment, o Options) Receipt {
	t.Helper()
	r, err := FromPayment(p, o)
	if err != nil {
		t.Fatalf("FromPayment: %v", err)
	}
	return r
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}
