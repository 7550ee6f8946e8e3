package flows

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
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

// pinIterations makes guessing a PIN from a stolen journal cost something
// (a PIN has few digits, so this slows guessing, it cannot prevent it).
const pinIterations = 100_000

// Shift is the open shift: its number, when it opened, and who opened it
// (Operator is empty until someone does).
type Shift struct {
	No       int64
	Opened   time.Time // when the journal started it (the last Z report, or the first start)
	Operator string
	At       time.Time // when the operator opened it
	// PINWrong wrong PINs were typed at the lock since the last right
	// one; the next try is not taken before PINNotBefore (zero: now).
	PINWrong     int
	PINNotBefore time.Time
	pinSalt      []byte
	pinHash      []byte
}

// HasPIN says whether the shift's console can be locked.
func (s Shift) HasPIN() bool { return len(s.pinHash) > 0 }

// CheckPIN says whether pin is the shift's PIN, in constant time.
func (s Shift) CheckPIN(pin string) bool {
	if !s.HasPIN() {
		return false
	}
	h, err := hashPIN(pin, s.pinSalt)
	return err == nil && subtle.ConstantTimeCompare(h, s.pinHash) == 1
}

func hashPIN(pin string, salt []byte) ([]byte, error) {
	return pbkdf2.Key(sha256.New, pin, salt, pinIterations, 32)
}

// ErrShiftOpened is returned when the shift already has an operator.
var ErrShiftOpened = errors.New("flows: the shift is already open")

// CurrentShift reads the open shift.
func (j *JournalStore) CurrentShift(ctx context.Context) (Shift, error) {
	return currentShift(ctx, j.db)
}

func currentShift(ctx context.Context, q querier) (Shift, error) {
	var s Shift
	var opened int64
	var operator sql.NullString
	var at, wrong, notBefore sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT s.no, s.opened, o.operator, o.at, o.pin_salt, o.pin_hash, t.wrong, t.not_before
		FROM shifts s LEFT JOIN shift_openings o ON o.shift = s.no LEFT JOIN pin_tries t ON t.shift = s.no
		ORDER BY s.no DESC LIMIT 1`).
		Scan(&s.No, &opened, &operator, &at, &s.pinSalt, &s.pinHash, &wrong, &notBefore)
	if err != nil {
		return Shift{}, fmt.Errorf("flows: current shift: %w", err)
	}
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
func (j *JournalStore) RecordPINTries(ctx context.Context, shift int64, wrong int, notBefore time.Time) error {
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
func (j *JournalStore) OpenShift(ctx context.Context, operator, pin string, at time.Time) (Shift, error) {
	operator, salt, hash, err := operatorAndPIN(operator, pin)
	if err != nil {
		return Shift{}, err
	}
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return Shift{}, fmt.Errorf("flows: open shift: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	s, err := currentShift(ctx, tx)
	if err != nil {
		return Shift{}, err
	}
	if s.Operator != "" {
		return s, ErrShiftOpened
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO shift_openings(shift, operator, at, pin_salt, pin_hash) VALUES(?,?,?,?,?)`,
		s.No, operator, at.UnixMilli(), salt, hash); err != nil {
		return Shift{}, fmt.Errorf("flows: open shift: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Shift{}, fmt.Errorf("flows: open shift: %w", err)
	}
	s.Operator, s.At, s.pinSalt, s.pinHash = operator, at, salt, hash
	return s, nil
}

// operatorAndPIN checks the operator's name and hashes the PIN (none when
// empty) with a fresh salt: what opening a shift writes, on either journal.
func operatorAndPIN(operator, pin string) (name string, salt, hash []byte, err error) {
	name = strings.TrimSpace(operator)
	if name == "" {
		return "", nil, nil, errors.New("flows: the operator's name is required")
	}
	if pin == "" {
		return name, nil, nil, nil
	}
	salt = make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", nil, nil, fmt.Errorf("flows: pin salt: %w", err)
	}
	if hash, err = hashPIN(pin, salt); err != nil {
		return "", nil, nil, fmt.Errorf("flows: pin: %w", err)
	}
	return name, salt, hash, nil
}
