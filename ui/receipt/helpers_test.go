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
		Captured: dec("150000.50"), Released: dec("49999.50"), Fee: dec("3000.01"), Transfer: dec("147000.49"),
	}
}

func heldPayment() flows.Payment {
	p := partlyCaptured()
	p.State, p.Captured, p.Released, p.Fee, p.Transfer = flows.Held, decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	p.HoldExpires = printedAt.Add(30 * time.Minute)
	return p
}

func canceledHold() flows.Payment {
	p := partlyCaptured()
	p.State, p.Captured, p.Released, p.Fee, p.Transfer = flows.Canceled, decimal.Zero, dec("200000"), decimal.Zero, decimal.Zero
	return p
}

func refundedSale() flows.Payment {
	p := paidSale()
	p.Refunded = dec("50000")
	return p
}

// fullyRefundedSale is paidSale after saleStory's two refunds.
func fullyRefundedSale() flows.Payment {
	p := paidSale()
	p.Refunded = dec("150000")
	return p
}

// The money movements of the test payments, as the journal keeps them.
var (
	refund1At = time.Date(2026, 11, 24, 5, 15, 0, 0, time.UTC) // 10:15 in Tashkent, the next day
	refund2At = time.Date(2026, 11, 24, 9, 40, 0, 0, time.UTC) // 14:40
)

// saleStory is paidSale sold at printedAt, 20 000 refunded the next
// morning and the other 130 000 that afternoon.
func saleStory() []flows.Movement {
	id := paidSale().ShopTransactionID
	return []flows.Movement{
		{ID: 1, ShopTransactionID: id, At: printedAt, Kind: flows.MoveSale, Amount: dec("150000"), Fee: dec("3000")},
		{ID: 2, ShopTransactionID: id, At: refund1At, Kind: flows.MoveRefund, Amount: dec("20000"), Ref: "rf-7c1d2e3f4a5b"},
		{ID: 3, ShopTransactionID: id, At: refund2At, Kind: flows.MoveRefund, Amount: dec("130000"), Ref: "rf-9a8b7c6d5e4f"},
	}
}

// holdStory is partlyCaptured: held at printedAt, captured 20 minutes later.
func holdStory() []flows.Movement {
	id := partlyCaptured().ShopTransactionID
	return []flows.Movement{
		{ID: 1, ShopTransactionID: id, At: printedAt, Kind: flows.MoveHold, Amount: dec("200000")},
		{ID: 2, ShopTransactionID: id, At: printedAt.Add(20 * time.Minute), Kind: flows.MoveCapture, Amount: dec("150000.50"), Fee: dec("3000.01")},
		{ID: 3, ShopTransactionID: id, At: printedAt.Add(20 * time.Minute), Kind: flows.MoveRelease, Amount: dec("49999.50")},
	}
}

// cancelStory is canceledHold: held at printedAt, canceled 37 minutes later.
func cancelStory() []flows.Movement {
	id := canceledHold().ShopTransactionID
	return []flows.Movement{
		{ID: 1, ShopTransactionID: id, At: printedAt, Kind: flows.MoveHold, Amount: dec("200000")},
		{ID: 2, ShopTransactionID: id, At: printedAt.Add(37 * time.Minute), Kind: flows.MoveCancel, Amount: dec("200000")},
	}
}

// document is the receipt of movement i of ms (a payment's movements) in lang.
func document(t testing.TB, p flows.Payment, ms []flows.Movement, i int, lang Lang, merchant bool) Receipt {
	t.Helper()
	o := opts(lang)
	o.Merchant = merchant
	r, err := FromMovement(p.Record(), ms[i], ms, o)
	if err != nil {
		t.Fatalf("FromMovement: %v", err)
	}
	return r
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
