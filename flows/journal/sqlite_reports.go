package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func readReport(ctx context.Context, q querier, at time.Time) (flows.Report, error) {
	var r flows.Report
	var opened int64
	var operator sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT s.no, s.opened, o.operator FROM shifts s
		LEFT JOIN shift_openings o ON o.shift = s.no ORDER BY s.no DESC LIMIT 1`).Scan(&r.Shift, &opened, &operator); err != nil {
		return flows.Report{}, fmt.Errorf("flows: report shift: %w", err)
	}
	r.Opened, r.Operator = time.UnixMilli(opened), operator.String
	rows, err := q.QueryContext(ctx, `SELECT channel, bucket, count, amount, released, releases, refunded, refunds
		FROM shift_ledger WHERE shift = ? AND (count != 0 OR amount != 0 OR released != 0 OR refunded != 0)
		ORDER BY channel, bucket`, r.Shift)
	if err != nil {
		return flows.Report{}, fmt.Errorf("flows: report: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var l flows.ReportLine
		var amount, released, refunded int64
		if err := rows.Scan(&l.Channel, &l.Bucket, &l.Count, &amount, &released, &l.Releases, &refunded, &l.Refunds); err != nil {
			return flows.Report{}, fmt.Errorf("flows: report scan: %w", err)
		}
		l.Method, l.Amount, l.Released, l.Refunded = flows.ChannelMethod(l.Channel), major(amount), major(released), major(refunded)
		r.Lines = append(r.Lines, l)
	}
	if err := rows.Err(); err != nil {
		return flows.Report{}, fmt.Errorf("flows: report: %w", err)
	}
	_ = rows.Close()
	if err := readFees(ctx, q, &r); err != nil {
		return flows.Report{}, err
	}
	if err := readHolds(ctx, q, &r, at); err != nil {
		return flows.Report{}, err
	}
	return r, nil
}

// XReportAt is the open shift's totals so far, with the holds open and
// expired at at (the console's clock: the sandbox's when it was moved). It
// reads the shift ledger kept by the journal's triggers (a few rows per
// shift) and the shift's sales and captures for their fees, so it costs
// about the same for ten payments or ten million.
func (j *SQLite) XReportAt(ctx context.Context, at time.Time) (flows.Report, error) {
	return readReport(ctx, j.db, at)
}

// ZReport closes the open shift: its totals are stored under the next Z
// number, never to change, and a new shift opens at the same instant.
func (j *SQLite) ZReport(ctx context.Context, at time.Time) (flows.Report, error) {
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return flows.Report{}, fmt.Errorf("flows: z report: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	r, err := closeShift(ctx, tx, at)
	if err != nil {
		return flows.Report{}, err
	}
	if err := tx.Commit(); err != nil {
		return flows.Report{}, fmt.Errorf("flows: z report commit: %w", err)
	}
	return r, nil
}

func closeShift(ctx context.Context, tx *sql.Tx, at time.Time) (flows.Report, error) {
	r, err := readReport(ctx, tx, at)
	if err != nil {
		return flows.Report{}, err
	}
	r.Closed = at
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(no), 0) + 1 FROM zreports`).Scan(&r.No); err != nil {
		return flows.Report{}, fmt.Errorf("flows: z report number: %w", err)
	}
	body, err := json.Marshal(r)
	if err != nil {
		return flows.Report{}, fmt.Errorf("flows: z report: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO zreports(no, shift, opened, closed, body) VALUES(?,?,?,?,?)`,
		r.No, r.Shift, r.Opened.UnixMilli(), at.UnixMilli(), string(body)); err != nil {
		return flows.Report{}, fmt.Errorf("flows: z report: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE shifts SET closed = ? WHERE no = ?`, at.UnixMilli(), r.Shift); err != nil {
		return flows.Report{}, fmt.Errorf("flows: close shift: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO shifts(no, opened) VALUES(?, ?)`, r.Shift+1, at.UnixMilli()); err != nil {
		return flows.Report{}, fmt.Errorf("flows: open shift: %w", err)
	}
	return r, nil
}

// ZReports lists the stored Z reports, oldest first.
func (j *SQLite) ZReports(ctx context.Context) ([]flows.Report, error) {
	rows, err := j.db.QueryContext(ctx, `SELECT body FROM zreports ORDER BY no`)
	if err != nil {
		return nil, fmt.Errorf("flows: z reports: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []flows.Report
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("flows: z reports scan: %w", err)
		}
		var r flows.Report
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

// readFees adds OCTO's fees on the shift's sales and captures (from the
// money journal) to the report's sold and captured lines.
func readFees(ctx context.Context, q querier, r *flows.Report) error {
	rows, err := q.QueryContext(ctx, `SELECT channel, kind, sum(fee) FROM movements
		WHERE shift = ? AND kind IN ('sale', 'capture') GROUP BY 1, 2 HAVING sum(fee) != 0 ORDER BY 1, 2`, r.Shift)
	if err != nil {
		return fmt.Errorf("flows: report fees: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var ch, kind string
		var fee int64
		if err := rows.Scan(&ch, &kind, &fee); err != nil {
			return fmt.Errorf("flows: report fees: %w", err)
		}
		r.AddFee(ch, flows.MovementKind(kind), major(fee))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("flows: report fees: %w", err)
	}
	r.WithFees = true
	return nil
}

// readHolds counts the holds waiting for capture or cancel at at, and
// those of them past their expiry.
func readHolds(ctx context.Context, q querier, r *flows.Report, at time.Time) error {
	var n, amount, expired, expiredAmount int64
	if err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(amount), 0),
		coalesce(sum(hold_expires != 0 AND hold_expires <= ?), 0),
		coalesce(sum(CASE WHEN hold_expires != 0 AND hold_expires <= ? THEN amount ELSE 0 END), 0)
		FROM payments WHERE state = ?`, at.UnixMilli(), at.UnixMilli(), string(flows.Held)).Scan(&n, &amount, &expired, &expiredAmount); err != nil {
		return fmt.Errorf("flows: report holds: %w", err)
	}
	r.Holds = flows.HoldCount{Count: n, Amount: major(amount)}
	r.Expired = flows.HoldCount{Count: expired, Amount: major(expiredAmount)}
	return nil
}
