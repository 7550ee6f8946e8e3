package journal

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The journal numbers shifts in its shifts table: a new shift opens the
// instant a Z report closes the last one, so every payment belongs to a
// shift even before anyone says who works it. Who opened a shift, and the
// PIN that locks the console during it, live beside it in shift_openings,
// keyed by the shift's number. The table is created IF NOT EXISTS, so a
// journal written before it existed gains it when opened and its old
// shifts simply have no opener; nothing is altered, so no upgrade can
// half-apply. Of the PIN only a random salt and a PBKDF2-SHA256 hash are
// kept: never the PIN.
const shiftSchema = `
CREATE TABLE IF NOT EXISTS shift_openings(
	shift INTEGER PRIMARY KEY, operator TEXT NOT NULL, at INTEGER NOT NULL,
	pin_salt BLOB, pin_hash BLOB
);
-- Wrong PINs typed at the lock, so a restart (which starts locked) does
-- not give five free tries again.
CREATE TABLE IF NOT EXISTS pin_tries(
	shift INTEGER PRIMARY KEY, wrong INTEGER NOT NULL, not_before INTEGER NOT NULL
);`

// CurrentShift reads the open shift.
func (j *SQLite) CurrentShift(ctx context.Context) (flows.Shift, error) {
	return currentShift(ctx, j.db)
}

func currentShift(ctx context.Context, q querier) (flows.Shift, error) {
	var s flows.Shift
	var salt, hash []byte
	var opened int64
	var operator sql.NullString
	var at, wrong, notBefore sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT s.no, s.opened, o.operator, o.at, o.pin_salt, o.pin_hash, t.wrong, t.not_before
		FROM shifts s LEFT JOIN shift_openings o ON o.shift = s.no LEFT JOIN pin_tries t ON t.shift = s.no
		ORDER BY s.no DESC LIMIT 1`).
		Scan(&s.No, &opened, &operator, &at, &salt, &hash, &wrong, &notBefore)
	if err != nil {
		return flows.Shift{}, fmt.Errorf("flows: current shift: %w", err)
	}
	s = s.WithPIN(salt, hash)
	s.Opened, s.Operator = time.UnixMilli(opened), operator.String
	if at.Valid {
		s.At = time.UnixMilli(at.Int64)
	}
	s.PINWrong = int(wrong.Int64)
	if notBefore.Valid && notBefore.Int64 > 0 {
		s.PINNotBefore = time.UnixMilli(notBefore.Int64)
	}
	return s, nil
}

// RecordPINTries keeps the lock's count of wrong PINs for the shift and
// when the next try is taken; a right PIN records zero.
func (j *SQLite) RecordPINTries(ctx context.Context, shift int64, wrong int, notBefore time.Time) error {
	nb := int64(0)
	if !notBefore.IsZero() {
		nb = notBefore.UnixMilli()
	}
	if _, err := j.db.ExecContext(ctx, `INSERT INTO pin_tries(shift, wrong, not_before) VALUES(?,?,?)
		ON CONFLICT(shift) DO UPDATE SET wrong = excluded.wrong, not_before = excluded.not_before`, shift, wrong, nb); err != nil {
		return fmt.Errorf("flows: pin tries: %w", err)
	}
	return nil
}

// OpenShift puts the operator's name (and, if pin is not empty, the PIN
// that locks the console) on the open shift. A shift is opened once: a
// second opening returns ErrShiftOpened and changes nothing.
func (j *SQLite) OpenShift(ctx context.Context, operator, pin string, at time.Time) (flows.Shift, error) {
	operator, salt, hash, err := flows.OperatorAndPIN(operator, pin)
	if err != nil {
		return flows.Shift{}, err
	}
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return flows.Shift{}, fmt.Errorf("flows: open shift: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	s, err := currentShift(ctx, tx)
	if err != nil {
		return flows.Shift{}, err
	}
	if s.Operator != "" {
		return s, flows.ErrShiftOpened
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO shift_openings(shift, operator, at, pin_salt, pin_hash) VALUES(?,?,?,?,?)`,
		s.No, operator, at.UnixMilli(), salt, hash); err != nil {
		return flows.Shift{}, fmt.Errorf("flows: open shift: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return flows.Shift{}, fmt.Errorf("flows: open shift: %w", err)
	}
	s.Operator, s.At = operator, at
	s = s.WithPIN(salt, hash)
	return s, nil
}
