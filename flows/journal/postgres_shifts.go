package journal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/octo-cashier/octo-cashier/flows"
)

// Shifts in the store journal are per counter: each till opens, reports
// and closes its own, numbered from 1 for each counter, and its X and Z
// reports sum its own ledger (the movements it journaled), whatever
// counter took the payment.

type pgQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// CurrentShift reads this counter's open shift.
func (j *Postgres) CurrentShift(ctx context.Context) (flows.Shift, error) {
	return pgCurrentShift(ctx, j.pool, j.counter)
}

func pgCurrentShift(ctx context.Context, q pgQuerier, counter string) (flows.Shift, error) {
	var s flows.Shift
	var salt, hash []byte
	var operator *string
	var at, notBefore *time.Time
	var wrong *int
	err := q.QueryRow(ctx, `SELECT s.no, s.opened, o.operator, o.at, o.pin_salt, o.pin_hash, t.wrong, t.not_before
		FROM shifts s LEFT JOIN shift_openings o ON o.counter = s.counter AND o.shift = s.no
		LEFT JOIN pin_tries t ON t.counter = s.counter AND t.shift = s.no
		WHERE s.counter = $1 ORDER BY s.no DESC LIMIT 1`, counter).
		Scan(&s.No, &s.Opened, &operator, &at, &salt, &hash, &wrong, &notBefore)
	if err != nil {
		return flows.Shift{}, fmt.Errorf("flows: current shift: %w", err)
	}
	s = s.WithPIN(salt, hash)
	if operator != nil {
		s.Operator = *operator
	}
	s.At, s.PINNotBefore = timeOf(at), timeOf(notBefore)
	if wrong != nil {
		s.PINWrong = *wrong
	}
	return s, nil
}

// RecordPINTries keeps the lock's count of wrong PINs for this counter's shift.
func (j *Postgres) RecordPINTries(ctx context.Context, shift int64, wrong int, notBefore time.Time) error {
	if _, err := j.pool.Exec(ctx, `INSERT INTO pin_tries(counter, shift, wrong, not_before) VALUES($1,$2,$3,$4)
		ON CONFLICT(counter, shift) DO UPDATE SET wrong = excluded.wrong, not_before = excluded.not_before`,
		j.counter, shift, wrong, tsOrNil(notBefore)); err != nil {
		return fmt.Errorf("flows: pin tries: %w", err)
	}
	return nil
}

// OpenShift puts the operator (and the PIN's hash) on this counter's open shift, once.
func (j *Postgres) OpenShift(ctx context.Context, operator, pin string, at time.Time) (flows.Shift, error) {
	operator, salt, hash, err := flows.OperatorAndPIN(operator, pin)
	if err != nil {
		return flows.Shift{}, err
	}
	var s flows.Shift
	err = j.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if s, err = pgCurrentShift(ctx, tx, j.counter); err != nil {
			return err
		}
		if s.Operator != "" {
			return flows.ErrShiftOpened
		}
		tag, err := tx.Exec(ctx, `INSERT INTO shift_openings(counter, shift, operator, at, pin_salt, pin_hash)
			VALUES($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING`, j.counter, s.No, operator, at, salt, hash)
		if err != nil {
			return fmt.Errorf("flows: open shift: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return flows.ErrShiftOpened
		}
		return nil
	})
	if errors.Is(err, flows.ErrShiftOpened) {
		if cur, cerr := j.CurrentShift(ctx); cerr == nil {
			s = cur
		}
		return s, flows.ErrShiftOpened
	}
	if err != nil {
		return flows.Shift{}, err
	}
	s.Operator, s.At = operator, at
	s = s.WithPIN(salt, hash)
	return s, nil
}

func pgReadReport(ctx context.Context, q pgQuerier, counter string, at time.Time) (flows.Report, error) {
	var r flows.Report
	var operator *string
	if err := q.QueryRow(ctx, `SELECT s.no, s.opened, o.operator FROM shifts s
		LEFT JOIN shift_openings o ON o.counter = s.counter AND o.shift = s.no
		WHERE s.counter = $1 ORDER BY s.no DESC LIMIT 1`, counter).Scan(&r.Shift, &r.Opened, &operator); err != nil {
		return flows.Report{}, fmt.Errorf("flows: report shift: %w", err)
	}
	if operator != nil {
		r.Operator = *operator
	}
	rows, err := q.Query(ctx, `SELECT channel, bucket, count, amount::text, released::text, releases, refunded::text, refunds
		FROM shift_ledger WHERE counter = $1 AND shift = $2 AND (count <> 0 OR amount <> 0 OR released <> 0 OR refunded <> 0)
		ORDER BY channel, bucket`, counter, r.Shift)
	if err != nil {
		return flows.Report{}, fmt.Errorf("flows: report: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l flows.ReportLine
		var amount, released, refunded string
		if err := rows.Scan(&l.Channel, &l.Bucket, &l.Count, &amount, &released, &l.Releases, &refunded, &l.Refunds); err != nil {
			return flows.Report{}, fmt.Errorf("flows: report scan: %w", err)
		}
		var e1, e2, e3 error
		l.Amount, e1 = numOf(amount)
		l.Released, e2 = numOf(released)
		l.Refunded, e3 = numOf(refunded)
		if err := errors.Join(e1, e2, e3); err != nil {
			return flows.Report{}, fmt.Errorf("flows: report amount: %w", err)
		}
		l.Method = flows.ChannelMethod(l.Channel)
		r.Lines = append(r.Lines, l)
	}
	if err := rows.Err(); err != nil {
		return flows.Report{}, fmt.Errorf("flows: report: %w", err)
	}
	rows.Close()
	if err := pgReadFees(ctx, q, &r, counter); err != nil {
		return flows.Report{}, err
	}
	if err := pgReadHolds(ctx, q, &r, at); err != nil {
		return flows.Report{}, err
	}
	return r, nil
}

// pgReadFees adds OCTO's fees on the sales and captures this counter
// journaled in the shift (its money journal) to the report's lines.
func pgReadFees(ctx context.Context, q pgQuerier, r *flows.Report, counter string) error {
	rows, err := q.Query(ctx, `SELECT channel, kind, sum(fee)::text FROM movements
		WHERE counter = $1 AND shift = $2 AND kind IN ('sale', 'capture') GROUP BY 1, 2 HAVING sum(fee) <> 0 ORDER BY 1, 2`,
		counter, r.Shift)
	if err != nil {
		return fmt.Errorf("flows: report fees: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ch, kind, text string
		if err := rows.Scan(&ch, &kind, &text); err != nil {
			return fmt.Errorf("flows: report fees: %w", err)
		}
		fee, err := numOf(text)
		if err != nil {
			return fmt.Errorf("flows: report fee: %w", err)
		}
		r.AddFee(ch, flows.MovementKind(kind), fee)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("flows: report fees: %w", err)
	}
	r.WithFees = true
	return nil
}

// pgReadHolds counts the store's holds waiting for capture or cancel at at
// (any counter may capture or cancel them, as OpenHolds lists them), and
// those of them past their expiry.
func pgReadHolds(ctx context.Context, q pgQuerier, r *flows.Report, at time.Time) error {
	var amount, expiredAmount string
	if err := q.QueryRow(ctx, `SELECT count(*), coalesce(sum(amount), 0)::text,
		count(*) FILTER (WHERE hold_expires <= $1), coalesce(sum(amount) FILTER (WHERE hold_expires <= $1), 0)::text
		FROM payments WHERE state = $2`, at, string(flows.Held)).
		Scan(&r.Holds.Count, &amount, &r.Expired.Count, &expiredAmount); err != nil {
		return fmt.Errorf("flows: report holds: %w", err)
	}
	var e1, e2 error
	r.Holds.Amount, e1 = numOf(amount)
	r.Expired.Amount, e2 = numOf(expiredAmount)
	if err := errors.Join(e1, e2); err != nil {
		return fmt.Errorf("flows: report holds: %w", err)
	}
	return nil
}

// XReportAt is this counter's open shift's totals so far, with the
// store's holds open and expired at at.
func (j *Postgres) XReportAt(ctx context.Context, at time.Time) (flows.Report, error) {
	return pgReadReport(ctx, j.pool, j.counter, at)
}

// ZReport closes this counter's open shift: its totals are stored under
// the counter's next Z number, never to change, and a new shift opens. The
// counter's shift row is locked first, so no payment is booked in the
// shift while it closes.
func (j *Postgres) ZReport(ctx context.Context, at time.Time) (flows.Report, error) {
	var r flows.Report
	err := j.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT 1 FROM shifts WHERE counter = $1 AND closed IS NULL FOR UPDATE`, j.counter); err != nil {
			return fmt.Errorf("flows: z report lock: %w", err)
		}
		var err error
		if r, err = pgReadReport(ctx, tx, j.counter, at); err != nil {
			return err
		}
		r.Closed = at
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(no), 0) + 1 FROM zreports WHERE counter = $1`, j.counter).Scan(&r.No); err != nil {
			return fmt.Errorf("flows: z report number: %w", err)
		}
		body, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("flows: z report: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO zreports(counter, no, shift, opened, closed, body) VALUES($1,$2,$3,$4,$5,$6)`,
			j.counter, r.No, r.Shift, r.Opened, at, string(body)); err != nil {
			return fmt.Errorf("flows: z report: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE shifts SET closed = $1 WHERE counter = $2 AND no = $3`, at, j.counter, r.Shift); err != nil {
			return fmt.Errorf("flows: close shift: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO shifts(counter, no, opened) VALUES($1, $2, $3)`, j.counter, r.Shift+1, at); err != nil {
			return fmt.Errorf("flows: open shift: %w", err)
		}
		return nil
	})
	if err != nil {
		return flows.Report{}, err
	}
	return r, nil
}

// ZReports lists this counter's stored Z reports, oldest first.
func (j *Postgres) ZReports(ctx context.Context) ([]flows.Report, error) {
	rows, err := j.pool.Query(ctx, `SELECT body::text FROM zreports WHERE counter = $1 ORDER BY no`, j.counter)
	if err != nil {
		return nil, fmt.Errorf("flows: z reports: %w", err)
	}
	defer rows.Close()
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
