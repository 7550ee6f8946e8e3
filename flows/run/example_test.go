package run_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/shopspring/decimal"
)

// A two-stage payment against the embedded sandbox: Drive runs the effects
// until the flow needs the customer's code, then the cashier's decision.
func ExampleDrive() {
	sb := sandbox.New(sandbox.Options{Start: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)})
	defer sb.Close()
	client := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL("http://sandbox"), octo.WithHTTPClient(sb.Client()))
	dir, _ := os.MkdirTemp("", "journal")
	defer func() { _ = os.RemoveAll(dir) }()
	journal, err := journal.OpenSQLite(filepath.Join(dir, "journal.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer func() { _ = journal.Close() }()
	runner := &run.Runner{Gateway: client, Journal: journal}
	ctx := context.Background()

	p, _ := flows.NewCardPayment(flows.Hold, flows.Order{Amount: decimal.NewFromInt(150000), Test: true,
		ReturnURL: "https://shop.example/done"}, octo.Card{PAN: "8600000000000015", Exp: "2912"})
	p, _ = run.Drive(ctx, runner, p, flows.Start{})
	fmt.Println(p.State, p.Needs(), p.Card, p.AttemptsLeft)

	code, _ := sb.LastCode(p.PaymentUUID) // the customer reads it from the SMS
	p, _ = run.Drive(ctx, runner, p, flows.SubmitCode{Code: code, At: time.Now()})
	fmt.Println(p.State, p.Needs(), p.Allowed())

	p, _ = run.Drive(ctx, runner, p, flows.Capture{Amount: decimal.NewFromInt(90000)})
	fmt.Println(p.State, "captured", p.Captured, "released", p.Released)
	// Output:
	// awaiting_otp otp 860000******0015 3
	// held decision [capture cancel check]
	// succeeded captured 90000 released 60000
}
