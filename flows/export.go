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
	loc := f.Location
	if loc == nil {
		loc = time.Local
	}
	dayLayout, comma := "2006-01-02", ','
	money := func(d decimal.Decimal) string { return d.StringFixed(2) }
	if f.Excel {
		dayLayout, comma = "02.01.2006", ';'
		money = func(d decimal.Decimal) string { return strings.Replace(d.StringFixed(2), ".", ",", 1) }
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = comma
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
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
		var m Movement
		var at, amount, fee int64
		var kind, pkind, card, currency, uuid, state, operator, customer, description string
		var test bool
		if err := rows.Scan(&at, &kind, &m.Channel, &amount, &fee, &m.Ref, &m.ShopTransactionID, &pkind, &card,
			&currency, &uuid, &state, &operator, &customer, &description, &test); err != nil {
			return fmt.Errorf("flows: csv: %w", err)
		}
		m.At, m.Kind, m.Amount, m.Fee = time.UnixMilli(at).In(loc), MovementKind(kind), major(amount), major(fee)
		toShop := m.Net()
		if m.Charges() {
			toShop = toShop.Sub(m.Fee)
		}
		testText := "0"
		if test {
			testText = "1"
		}
		if err := cw.Write([]string{m.At.Format(dayLayout), m.At.Format("15:04:05"), string(m.Kind),
			csvText(m.ShopTransactionID), pkind, m.Channel, csvText(card), csvText(currency),
			money(m.Amount), money(m.Net()), money(m.Fee), money(toShop), csvText(m.Ref), csvText(uuid), state,
			csvText(operator), csvText(customer), csvText(description), testText}); err != nil {
			return fmt.Errorf("flows: csv: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
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
