package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// printTimeout bounds one print: a printer out of paper must not leave the
// cashier waiting on a screen with no way out. A variable for the tests.
var printTimeout = 15 * time.Second

// fiscalTimeout bounds asking OCTO for the fiscal receipt's link before a
// sale's receipt is printed: without an answer the receipt goes without it.
const fiscalTimeout = 5 * time.Second

// ReceiptLog is what receipts need from the journal: a payment's money
// movements (each has a receipt of its own, dated when it happened) and
// every print of them (the first is the original, the later ones copies).
// The console's journal has it; without it a receipt is made from the
// payment as it stands.
type ReceiptLog interface {
	Movements(ctx context.Context, shopTransactionID string) ([]flows.Movement, error)
	RecordPrint(ctx context.Context, movement int64, copies string, at time.Time) (int, error)
}

// receiptPrintedMsg says where a payment's receipt went, or why it did not.
type receiptPrintedMsg struct {
	id    string // shop_transaction_id: a late answer is not shown on another payment
	where string // in the console's language, e.g. "Receipt saved to …"
	err   error
}

// documentsMsg is a payment's money movements read from the journal: the
// receipts it has.
type documentsMsg struct {
	id  string
	ms  []flows.Movement
	err error
}

// errNoPrinter is shown when the console was built without a printer.
var errNoPrinter = problem("no receipt printer is configured")

// loadDocuments reads a payment's money movements (none without a ReceiptLog).
func loadDocuments(ctx context.Context, j Journal, id string) tea.Cmd {
	log, ok := journalAs[ReceiptLog](j)
	if !ok {
		return instant(documentsMsg{id: id})
	}
	return func() tea.Msg {
		if err := afterWrites(ctx, j); err != nil {
			return documentsMsg{id: id, err: err}
		}
		ms, err := log.Movements(ctx, id)
		return documentsMsg{id: id, ms: ms, err: err}
	}
}

func receiptOptions(o Options, fiscalURL string) receipt.Options {
	return receipt.Options{
		Language:  receipt.Lang(o.Language),
		ShopName:  o.ShopName,
		ShopID:    o.ShopID,
		Operator:  o.Operator,
		Counter:   o.Counter,
		FiscalURL: fiscalURL,
	}
}

// latestDocument is the payment's last movement with a receipt.
func latestDocument(ms []flows.Movement) (flows.Movement, bool) {
	docs := receipt.Documents(ms)
	if len(docs) == 0 {
		return flows.Movement{}, false
	}
	return docs[len(docs)-1], true
}

// previewOf is the customer's receipt of the payment's latest movement,
// as the printer would print it now (at: the payment's time when the
// journal has no movements).
func previewOf(rec flows.Record, ms []flows.Movement, o Options, at time.Time) (receipt.Receipt, error) {
	if m, ok := latestDocument(ms); ok {
		return receipt.FromMovement(rec, m, ms, receiptOptions(o, ""))
	}
	ro := receiptOptions(o, "")
	ro.Time = at
	return receipt.FromRecord(rec, ro)
}

// printJob is one receipt to print: the payment, which movement's receipt
// (0: the latest), the fiscal link when it is known already, and what to
// do when the journal has no movements: the payment as it stands, dated
// at, a copy or not.
type printJob struct {
	rec      flows.Record
	movement int64
	fiscal   string
	at       time.Time
	copy     bool
}

// printDocument prints a movement's receipt in the background and says
// where it went: the customer's copy, then the merchant's when the
// printer prints both. The movements are read afresh, so that a receipt
// printed before (from any screen) comes out marked COPY; the print is
// journaled once it went out.
func printDocument(o Options, job printJob) tea.Cmd {
	id, lang, pr := job.rec.ShopTransactionID, o.Language, o.Printer
	if pr == nil {
		return instant(receiptPrintedMsg{id: id, err: problem(lang.T(errNoPrinter.Error()))})
	}
	ctx, fiscalData, now := o.Context, o.FiscalData, o.Now
	log, _ := journalAs[ReceiptLog](o.Journal)
	base := receiptOptions(o, job.fiscal)
	// The movements are read after the payment's writes booked before
	// the print (p right after "Paid" finds the sale), and after the
	// prints booked before it were recorded: the next one is a copy
	// (journal_order.go).
	j := o.Journal
	var before <-chan struct{}
	recorded := func() {}
	if log != nil {
		before, recorded = printsOf(j).book()
	}
	return func() tea.Msg {
		defer recorded()
		// The print before it is waited for first: the bound is this
		// print's own, so a slow printer's first receipt does not use up
		// the second's time.
		if before != nil {
			select {
			case <-before:
			case <-ctx.Done():
				return receiptPrintedMsg{id: id, err: ctx.Err()}
			}
		}
		ctx, cancel := context.WithTimeout(ctx, printTimeout)
		defer cancel()
		if err := afterWrites(ctx, j); err != nil {
			return receiptPrintedMsg{id: id, err: err}
		}
		var ms []flows.Movement
		if log != nil {
			var err error
			if ms, err = log.Movements(ctx, id); err != nil {
				return receiptPrintedMsg{id: id, err: err}
			}
		}
		m, found := latestDocument(ms)
		if job.movement != 0 {
			found = false
			for _, x := range receipt.Documents(ms) {
				if x.ID == job.movement {
					m, found = x, true
				}
			}
		}
		var r receipt.Receipt
		var err error
		if found {
			if (m.Kind == flows.MoveSale || m.Kind == flows.MoveCapture) && base.FiscalURL == "" {
				base.FiscalURL = fiscalLink(ctx, fiscalData, job.rec.PaymentUUID)
			}
			r, err = receipt.FromMovement(job.rec, m, ms, base)
		} else {
			base.Time, base.Copy = job.at, job.copy
			r, err = receipt.FromRecord(job.rec, base)
		}
		if err != nil {
			return receiptPrintedMsg{id: id, err: err}
		}
		where, err := putOut(ctx, pr, r, lang)
		if err != nil {
			return receiptPrintedMsg{id: id, err: err}
		}
		copies := receipt.CopiesCustomer
		if _, both := receipt.Setup(pr); both {
			copies = receipt.CopiesBoth
			merchant := r
			merchant.Merchant = true
			if _, err := putOut(ctx, pr, merchant, lang); err != nil {
				return receiptPrintedMsg{id: id, where: where, err: err}
			}
			where += " " + lang.T("(and the merchant's copy)")
		}
		if found && log != nil {
			if _, err := log.RecordPrint(ctx, m.ID, copies, now()); err != nil {
				return receiptPrintedMsg{id: id, where: where, err: err}
			}
		}
		return receiptPrintedMsg{id: id, where: where}
	}
}

// fiscalLink asks OCTO for a payment's fiscal receipt link, briefly: a
// receipt without it is better than no receipt.
func fiscalLink(ctx context.Context, fetch func(context.Context, string) (*octo.FiscalData, error), uuid string) string {
	if fetch == nil || uuid == "" {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, fiscalTimeout)
	defer cancel()
	fd, err := fetch(ctx, uuid)
	if err != nil || fd == nil {
		return ""
	}
	return fd.QRCodeURL
}

// putOut prints d on pr and says where it went.
func putOut(ctx context.Context, pr receipt.Printer, d receipt.Document, lang Lang) (string, error) {
	copyOf := false
	if r, ok := d.(receipt.Receipt); ok {
		copyOf = r.Copy
	}
	if fp, ok := pr.(receipt.FilePrinter); ok {
		path, err := fp.Save(ctx, d)
		if err != nil {
			return "", err
		}
		if copyOf {
			return lang.Tf("Copy saved to %s", path), nil
		}
		return lang.Tf("Receipt saved to %s", path), nil
	}
	if err := pr.Print(ctx, d); err != nil {
		return "", err
	}
	return printedWhere(pr, copyOf, lang), nil
}

// printedWhere says where a printer put the receipt.
func printedWhere(pr receipt.Printer, copyOf bool, lang Lang) string {
	switch p := pr.(type) {
	case receipt.DevicePrinter:
		if copyOf {
			return lang.Tf("Copy sent to the printer %s", p.Path)
		}
		return lang.Tf("Receipt sent to the printer %s", p.Path)
	case receipt.NetworkPrinter:
		if copyOf {
			return lang.Tf("Copy sent to the printer %s", p.Addr)
		}
		return lang.Tf("Receipt sent to the printer %s", p.Addr)
	}
	if copyOf {
		return lang.T("Copy printed")
	}
	return lang.T("Receipt printed")
}

// movementText is a money movement as the payment's timeline says it.
func movementText(m flows.Movement, lang Lang, currency string) string {
	amount := lang.Money(m.Amount, currency)
	switch m.Kind {
	case flows.MoveSale:
		return lang.Tf("Money: paid %s", amount)
	case flows.MoveHold:
		return lang.Tf("Money: held %s", amount)
	case flows.MoveCapture:
		return lang.Tf("Money: captured %s", amount)
	case flows.MoveRelease:
		return lang.Tf("Money: released %s to the customer", amount)
	case flows.MoveCancel:
		return lang.Tf("Money: hold canceled, %s released", amount)
	case flows.MoveRefund:
		return lang.Tf("Money: refunded %s", amount)
	}
	return string(m.Kind) + " " + amount
}

// receiptNote says what became of a movement's receipt.
func receiptNote(m flows.Movement, lang Lang) string {
	switch {
	case m.Kind == flows.MoveRelease:
		return lang.T("on the capture's receipt")
	case m.Prints == 0:
		return lang.T("receipt not printed · p prints it")
	case m.Prints == 1:
		return lang.T("receipt printed · p prints a copy")
	}
	return lang.Tf("receipt printed %d times · p prints a copy", m.Prints)
}

// paymentTime is when a journaled payment came to the state its receipt
// shows, for a journal without money movements: the first move into its
// present state (a refund leaves a paid payment paid, and does not move
// its receipt's time), else the record's last write, else its creation.
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
