package flows

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"
	"time"
)

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

// WithPIN is the shift locked by the PIN whose salt and hash the journal
// kept (OperatorAndPIN made them); the PIN itself is never kept.
func (s Shift) WithPIN(salt, hash []byte) Shift {
	s.pinSalt, s.pinHash = salt, hash
	return s
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

// OperatorAndPIN checks the operator's name and hashes the PIN (none when
// empty) with a fresh salt: what opening a shift writes, on either journal.
func OperatorAndPIN(operator, pin string) (name string, salt, hash []byte, err error) {
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
