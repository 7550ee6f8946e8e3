package receipt_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// The console builds the receipt from the payment on the result screen and
// hands it to the printer made from config.toml's [printer] table.
func Example() {
	p := flows.Payment{
		Kind: flows.Sale, State: flows.Succeeded, ShopTransactionID: "oc-1", Method: octo.MethodHumo,
		Amount: decimal.RequireFromString("25000"), Captured: decimal.RequireFromString("25000"),
		Currency: "UZS", Description: "Tea", Operator: "Aziz", Card: "986012******1234",
	}
	r, err := receipt.FromPayment(p, receipt.Options{
		Language: receipt.English, ShopName: "Choyxona", Time: time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "receipts")
	defer os.RemoveAll(dir)
	pr, err := receipt.New(receipt.Config{Kind: "file", Dir: dir, Width: 32})
	if err != nil {
		fmt.Println(err)
		return
	}
	path, err := pr.(receipt.FilePrinter).Save(context.Background(), r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(filepath.Base(path))
	fmt.Println(r.Text(32))
	// Output:
	// receipt-oc-1-sale-1.txt
	//             Choyxona
	// --------------------------------
	//             PAYMENT
	// --------------------------------
	// Date            2026-11-23 12:00
	// Cashier                     Aziz
	// For                          Tea
	// Card         9860 12** **** 1234
	// Scheme                      Humo
	// ================================
	// TOTAL                 25 000 UZS
	// ================================
	// Status                      PAID
	// Shop transaction            oc-1
	// --------------------------------
	//            Thank you!
}
