package flows

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// CSVFormat is how ExportCSV writes. The default is RFC 4180: commas, a
// decimal point, ISO dates (2026-11-23). Excel is for a spreadsheet set
// to Russian or Uzbek, which reads a comma as the decimal separator:
// semicolons between fields, a decimal comma, and dates as those locales
// write them (23.11.2026), which Excel takes for dates.
type CSVFormat struct {
	Excel bool
	// Location is the time zone of the dates and times; nil: time.Local
	// (Tashkent unless TZ says otherwise, as on the screens).
	Location *time.Location
}

// csvHeader is the export's first line.
var csvHeader = []string{"date", "time", "movement", "shop_transaction_id", "payment", "channel", "card", "currency",
	"amount", "net", "fee", "to_shop", "refund_ref", "octo_payment_uuid", "payment_state", "operator", "customer",
	"description", "test"}

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
// (csvText).
func (j *JournalStore) ExportCSV(ctx context.Context, w io.Writer, from, to time.Time, f CSVFormat) error {
	out, err := newCSVExport(w, f)
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
		var r csvMovement
		var at, amount, fee int64
		var kind string
		if err := rows.Scan(&at, &kind, &r.m.Channel, &amount, &fee, &r.m.Ref, &r.m.ShopTransactionID, &r.kind, &r.card,
			&r.currency, &r.uuid, &r.state, &r.operator, &r.customer, &r.description, &r.test); err != nil {
			return fmt.Errorf("flows: csv: %w", err)
		}
		r.m.At, r.m.Kind, r.m.Amount, r.m.Fee = time.UnixMilli(at), MovementKind(kind), major(amount), major(fee)
		if err := out.write(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	return out.flush()
}

// csvMovement is a movement with what the export says of its payment.
type csvMovement struct {
	m                                                                  Movement
	kind, card, currency, uuid, state, operator, customer, description string
	test                                                               bool
}

// csvExport writes the export's rows in a format, for either journal.
type csvExport struct {
	cw        *csv.Writer
	loc       *time.Location
	dayLayout string
	money     func(decimal.Decimal) string
}

// newCSVExport writes the byte-order mark and the header.
func newCSVExport(w io.Writer, f CSVFormat) (*csvExport, error) {
	e := &csvExport{loc: f.Location, dayLayout: "2006-01-02", money: func(d decimal.Decimal) string { return d.StringFixed(2) }}
	if e.loc == nil {
		e.loc = time.Local
	}
	comma := ','
	if f.Excel {
		e.dayLayout, comma = "02.01.2006", ';'
		e.money = func(d decimal.Decimal) string { return strings.Replace(d.StringFixed(2), ".", ",", 1) }
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, fmt.Errorf("flows: csv: %w", err)
	}
	e.cw = csv.NewWriter(w)
	e.cw.Comma = comma
	if err := e.cw.Write(csvHeader); err != nil {
		return nil, fmt.Errorf("flows: csv: %w", err)
	}
	return e, nil
}

// write writes one movement's row (csvHeader's columns).
func (e *csvExport) write(r csvMovement) error {
	m := r.m
	at := m.At.In(e.loc)
	toShop := m.Net()
	if m.Charges() {
		toShop = toShop.Sub(m.Fee)
	}
	testText := "0"
	if r.test {
		testText = "1"
	}
	if err := e.cw.Write([]string{at.Format(e.dayLayout), at.Format("15:04:05"), string(m.Kind),
		csvText(m.ShopTransactionID), r.kind, m.Channel, csvText(r.card), csvText(r.currency),
		e.money(m.Amount), e.money(m.Net()), e.money(m.Fee), e.money(toShop), csvText(m.Ref), csvText(r.uuid), r.state,
		csvText(r.operator), csvText(r.customer), csvText(r.description), testText}); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	return nil
}

// flush writes what is buffered.
func (e *csvExport) flush() error {
	e.cw.Flush()
	if err := e.cw.Error(); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	return nil
}

// csvText defuses a text field for spreadsheets: one starting with = + -
// @, a tab or a carriage return would be read as a formula (=HYPERLINK to
// a phishing site, =cmd|...), so it gets a leading single quote, which
// spreadsheets show as text. Amounts and times are written by the
// journal, never by a person, and are not touched.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
