package flows

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Report is a shift report: an X report (totals so far, No zero) or a Z
// report (the shift closed, numbered, immutable). It sums the movements
// journaled during the shift (ledger.go), whatever shift the payment was
// made in: sold, one-stage payments paid in the shift; held, holds placed
// in the shift and still held; captured, holds captured in the shift (the
// captured part); released, money given back by the shift's partial
// captures; canceled, holds canceled or expired in the shift; refunded,
// refunds confirmed in the shift; unknown, payments the shift left being
// resolved with OCTO; declined and open, payments refused or not finished
// in the shift. A hold placed in shift 1 and captured in shift 2 is held
// in Z1 and captured (and released) in shift 2, where it is not held.
type Report struct {
	No     int64 // the Z report's number; 0 for an X report
	Shift  int64
	Opened time.Time
	Closed time.Time // zero for an X report
	// Operator opened the shift (empty if nobody did: see shift.go).
	Operator string
	Lines    []ReportLine
	// Holds are the holds waiting for capture or cancel when the report
	// was made, from any shift, and those of them past their expiry.
	Holds, Expired HoldCount
	// WithFees: the report sums OCTO's fees (Z reports stored before the
	// money journal do not, and show no fee or net to the shop).
	WithFees bool `json:",omitempty"`
}

// HoldCount counts holds and sums them.
type HoldCount struct {
	Count  int64
	Amount decimal.Decimal
}

// ReportLine is one channel and bucket of a report.
type ReportLine struct {
	// Channel is how the customer paid (Channel*: uzcard, humo, visa,
	// mastercard, bank_card, token); Method is OCTO's method, empty for a
	// saved card. Z reports stored before channels have Method only.
	Channel  string
	Method   octo.Method
	Bucket   string
	Count    int64
	Amount   decimal.Decimal // the bucket's money: sold or captured amounts, held or canceled holds, ...
	Released decimal.Decimal // given back from partial captures
	Releases int64           // partial captures that released money
	Refunded decimal.Decimal // refunded in the shift
	Refunds  int64           // refunds confirmed in the shift
	Fee      decimal.Decimal `json:",omitempty"` // OCTO's fees on the bucket's sales or captures of the shift
}

// Total sums the lines of one bucket over all methods.
func (r Report) Total(bucket string) (count int64, amount decimal.Decimal) {
	amount = decimal.Zero
	for _, l := range r.Lines {
		if l.Bucket == bucket {
			count += l.Count
			amount = amount.Add(l.Amount)
		}
	}
	return count, amount
}

// Released sums released money over all lines.
func (r Report) Released() decimal.Decimal {
	s := decimal.Zero
	for _, l := range r.Lines {
		s = s.Add(l.Released)
	}
	return s
}

// Refunded sums refunded money over all lines.
func (r Report) Refunded() decimal.Decimal {
	s := decimal.Zero
	for _, l := range r.Lines {
		s = s.Add(l.Refunded)
	}
	return s
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func readReport(ctx context.Context, q querier, at time.Time) (Report, error) {
	var r Report
	var opened int64
	var operator sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT s.no, s.opened, o.operator FROM shifts s
		LEFT JOIN shift_openings o ON o.shift = s.no ORDER BY s.no DESC LIMIT 1`).Scan(&r.Shift, &opened, &operator); err != nil {
		return Report{}, fmt.Errorf("flows: report shift: %w", err)
	}
	r.Opened, r.Operator = time.UnixMilli(opened), operator.String
	rows, err := q.QueryContext(ctx, `SELECT channel, bucket, count, amount, released, releases, refunded, refunds
		FROM shift_ledger WHERE shift = ? AND (count != 0 OR amount != 0 OR released != 0 OR refunded != 0)
		ORDER BY channel, bucket`, r.Shift)
	if err != nil {
		return Report{}, fmt.Errorf("flows: report: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var l ReportLine
		var amount, released, refunded int64
		if err := rows.Scan(&l.Channel, &l.Bucket, &l.Count, &amount, &released, &l.Releases, &refunded, &l.Refunds); err != nil {
			return Report{}, fmt.Errorf("flows: report scan: %w", err)
		}
		l.Method, l.Amount, l.Released, l.Refunded = channelMethod(l.Channel), major(amount), major(released), major(refunded)
		r.Lines = append(r.Lines, l)
	}
	if err := rows.Err(); err != nil {
		return Report{}, fmt.Errorf("flows: report: %w", err)
	}
	_ = rows.Close()
	if err := r.readFees(ctx, q); err != nil {
		return Report{}, err
	}
	if err := r.readHolds(ctx, q, at); err != nil {
		return Report{}, err
	}
	return r, nil
}

// channelMethod is OCTO's method for a channel ("" for a saved card or
// the customer's phone, whose method may be any).
func channelMethod(ch string) octo.Method {
	switch ch {
	case ChannelVisa, ChannelMastercard, ChannelCard:
		return octo.MethodBankCard
	case ChannelToken, ChannelPhone:
		return ""
	}
	return octo.Method(ch)
}

// XReportAt is the open shift's totals so far, with the holds open and
// expired at at (the console's clock: the sandbox's when it was moved). It
// reads the shift ledger kept by the journal's triggers (a few rows per
// shift) and the shift's sales and captures for their fees, so it costs
// about the same for ten payments or ten million.
func (j *JournalStore) XReportAt(ctx context.Context, at time.Time) (Report, error) {
	return readReport(ctx, j.db, at)
}

// ZReport closes the open shift: its totals are stored under the next Z
// number, never to change, and a new shift opens at the same instant.
func (j *JournalStore) ZReport(ctx context.Context, at time.Time) (Report, error) {
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return Report{}, fmt.Errorf("flows: z report: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	r, err := closeShift(ctx, tx, at)
	if err != nil {
		return Report{}, err
	}
	if err := tx.Commit(); err != nil {
		return Report{}, fmt.Errorf("flows: z report commit: %w", err)
	}
	return r, nil
}

func closeShift(ctx context.Context, tx *sql.Tx, at time.Time) (Report, error) {
	r, err := readReport(ctx, tx, at)
	if err != nil {
		return Report{}, err
	}
	r.Closed = at
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(no), 0) + 1 FROM zreports`).Scan(&r.No); err != nil {
		return Report{}, fmt.Errorf("flows: z report number: %w", err)
	}
	body, err := json.Marshal(r)
	if err != nil {
		return Report{}, fmt.Errorf("flows: z report: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO zreports(no, shift, opened, closed, body) VALUES(?,?,?,?,?)`,
		r.No, r.Shift, r.Opened.UnixMilli(), at.UnixMilli(), string(body)); err != nil {
		return Report{}, fmt.Errorf("flows: z report: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE shifts SET closed = ? WHERE no = ?`, at.UnixMilli(), r.Shift); err != nil {
		return Report{}, fmt.Errorf("flows: close shift: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO shifts(no, opened) VALUES(?, ?)`, r.Shift+1, at.UnixMilli()); err != nil {
		return Report{}, fmt.Errorf("flows: open shift: %w", err)
	}
	return r, nil
}

// ZReports lists the stored Z reports, oldest first.
func (j *JournalStore) ZReports(ctx context.Context) ([]Report, error) {
	rows, err := j.db.QueryContext(ctx, `SELECT body FROM zreports ORDER BY no`)
	if err != nil {
		return nil, fmt.Errorf("flows: z reports: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []Report
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("flows: z reports scan: %w", err)
		}
		var r Report
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			return nil, fmt.Errorf("flows: z report body: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: z reports: %w", err)
	}
	return out, nil
}

// Of is the line's channel; a Z report stored before channels has only
// OCTO's method, which then stands for the channel.
func (l ReportLine) Of() string {
	if l.Channel != "" {
		return l.Channel
	}
	return string(l.Method)
}

// Releases counts the partial captures that released money and sums it, over all lines.
func (r Report) Releases() (count int64, amount decimal.Decimal) {
	amount = decimal.Zero
	for _, l := range r.Lines {
		count += l.Releases
		amount = amount.Add(l.Released)
	}
	return count, amount
}

// Refunds counts the refunds confirmed in the shift and sums them, over all lines.
func (r Report) Refunds() (count int64, amount decimal.Decimal) {
	amount = decimal.Zero
	for _, l := range r.Lines {
		count += l.Refunds
		amount = amount.Add(l.Refunded)
	}
	return count, amount
}
