package flows

import (
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

// CSVRow is a movement with what the export says of its payment: what a
// journal reads for one row of ExportCSV.
type CSVRow struct {
	Movement                                                                  Movement
	Kind, Card, Currency, PaymentUUID, State, Operator, Customer, Description string
	Test                                                                      bool
}

// CSVWriter writes the export's rows in a format, for either journal.
type CSVWriter struct {
	cw        *csv.Writer
	loc       *time.Location
	dayLayout string
	money     func(decimal.Decimal) string
}

// NewCSVWriter writes the byte-order mark and the header.
func NewCSVWriter(w io.Writer, f CSVFormat) (*CSVWriter, error) {
	e := &CSVWriter{loc: f.Location, dayLayout: "2006-01-02", money: func(d decimal.Decimal) string { return d.StringFixed(2) }}
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

// Write writes one movement's row (csvHeader's columns).
func (e *CSVWriter) Write(r CSVRow) error {
	m := r.Movement
	at := m.At.In(e.loc)
	toShop := m.Net()
	if m.Charges() {
		toShop = toShop.Sub(m.Fee)
	}
	testText := "0"
	if r.Test {
		testText = "1"
	}
	if err := e.cw.Write([]string{at.Format(e.dayLayout), at.Format("15:04:05"), string(m.Kind),
		csvText(m.ShopTransactionID), r.Kind, m.Channel, csvText(r.Card), csvText(r.Currency),
		e.money(m.Amount), e.money(m.Net()), e.money(m.Fee), e.money(toShop), csvText(m.Ref), csvText(r.PaymentUUID), r.State,
		csvText(r.Operator), csvText(r.Customer), csvText(r.Description), testText}); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	return nil
}

// Flush writes what is buffered.
func (e *CSVWriter) Flush() error {
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
