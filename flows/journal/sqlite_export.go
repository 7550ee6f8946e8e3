package journal

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// ExportCSV writes the money movements journaled in [from, to) as CSV, one
// row per movement (a sale, a hold, a capture, a release, a cancel, a
// refund) with its own date and time, so that the export of a period holds
// exactly the money that moved in it: a refund made the day after the sale
// is in the next day's export, not in the sale's.
//
// amount is the movement's money; net what it did to the money that stays
// charged (+ a sale or a capture, − a refund, 0 otherwise), so the column
// sums to the period's net takings; fee OCTO's fee on a sale or capture;
// to_shop net less fee. The file is UTF-8 with a byte-order mark (so
// spreadsheets pick the encoding); amounts are exact, with two decimals.
// Rows go to w as they are read, so an export of a million movements holds
// a few at a time. Text a spreadsheet would take for a formula is defused
// (flows.CSVWriter).
func (j *SQLite) ExportCSV(ctx context.Context, w io.Writer, from, to time.Time, f flows.CSVFormat) error {
	out, err := flows.NewCSVWriter(w, f)
	if err != nil {
		return err
	}
	toMs := to.UnixMilli()
	if to.IsZero() {
		toMs = 1<<62 - 1
	}
	rows, err := j.db.QueryContext(ctx, `SELECT m.at, m.kind, m.channel, m.amount, m.fee, m.ref,
		p.shop_transaction_id, p.kind, p.card, p.currency, p.payment_uuid, p.state, p.operator, p.customer, p.description, p.test
		FROM movements m JOIN payments p ON p.shop_transaction_id = m.shop_transaction_id
		WHERE m.at >= ? AND m.at < ? ORDER BY m.at, m.id`, from.UnixMilli(), toMs)
	if err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var r flows.CSVRow
		var at, amount, fee int64
		var kind string
		if err := rows.Scan(&at, &kind, &r.Movement.Channel, &amount, &fee, &r.Movement.Ref, &r.Movement.ShopTransactionID, &r.Kind, &r.Card,
			&r.Currency, &r.PaymentUUID, &r.State, &r.Operator, &r.Customer, &r.Description, &r.Test); err != nil {
			return fmt.Errorf("flows: csv: %w", err)
		}
		r.Movement.At, r.Movement.Kind, r.Movement.Amount, r.Movement.Fee = time.UnixMilli(at), flows.MovementKind(kind), major(amount), major(fee)
		if err := out.Write(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	return out.Flush()
}
