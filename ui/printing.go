package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// printTimeout bounds one print: a printer out of paper must not leave the
// cashier waiting on a screen with no way out.
const printTimeout = 15 * time.Second

// receiptPrintedMsg says where a payment's receipt went, or why it did not.
type receiptPrintedMsg struct {
	id    string // shop_transaction_id: a late answer is not shown on another payment
	where string // in the console's language, e.g. "Receipt saved to …"
	err   error
}

// errNoPrinter is shown when the console was built without a printer.
var errNoPrinter = problem("no receipt printer is configured")

// receiptOf builds the receipt of a payment just taken in the console's
// language, with the fiscal receipt's link when OCTO gave one.
func receiptOf(rec flows.Record, o Options, fiscalURL string) (receipt.Receipt, error) {
	return receipt.FromRecord(rec, receiptOptions(o, fiscalURL, o.Now()))
}

// reprintOf builds the receipt of a journaled payment again, for the
// history: marked as a copy and dated with the payment's own time (paidAt,
// see paymentTime), not the time it is printed, so that it reads as the
// receipt the customer was given.
func reprintOf(rec flows.Record, o Options, fiscalURL string, paidAt time.Time) (receipt.Receipt, error) {
	ro := receiptOptions(o, fiscalURL, paidAt)
	ro.Copy = true
	return receipt.FromRecord(rec, ro)
}

func receiptOptions(o Options, fiscalURL string, at time.Time) receipt.Options {
	return receipt.Options{
		Language:  receipt.Lang(o.Language),
		ShopName:  o.ShopName,
		ShopID:    o.ShopID,
		Operator:  o.Operator,
		Time:      at,
		FiscalURL: fiscalURL,
	}
}

// paymentTime is when a journaled payment came to the state its receipt
// shows: the first move into its present state (a refund leaves a paid
// payment paid, and does not move its receipt's time), else the record's
// last write, else its creation.
func paymentTime(rec flows.Record, timeline []flows.Transition) time.Time {
	for _, t := range timeline {
		if t.To == rec.State && !t.At.IsZero() {
			return t.At
		}
	}
	if !rec.Updated.IsZero() {
		return rec.Updated
	}
	return rec.Created
}

// printReceipt prints r on pr in the background and says where it went.
func printReceipt(ctx context.Context, pr receipt.Printer, id string, r receipt.Receipt, lang Lang) tea.Cmd {
	if pr == nil {
		return instant(receiptPrintedMsg{id: id, err: problem(lang.T(errNoPrinter.Error()))})
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, printTimeout)
		defer cancel()
		if err := pr.Print(ctx, r); err != nil {
			return receiptPrintedMsg{id: id, err: err}
		}
		return receiptPrintedMsg{id: id, where: printedWhere(pr, r, lang)}
	}
}

// printedWhere says where a printer put the receipt.
func printedWhere(pr receipt.Printer, r receipt.Receipt, lang Lang) string {
	switch p := pr.(type) {
	case receipt.FilePrinter:
		return lang.Tf("Receipt saved to %s", p.Path(r))
	case receipt.DevicePrinter:
		return lang.Tf("Receipt sent to the printer %s", p.Path)
	case receipt.NetworkPrinter:
		return lang.Tf("Receipt sent to the printer %s", p.Addr)
	}
	return lang.T("Receipt printed")
}
