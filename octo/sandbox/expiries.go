package sandbox

import (
	"sort"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// What an Expiry ends.
const (
	ExpiryCode    = "code"    // a one-time code's lifetime (the payment stays; check_pan sends a new one)
	ExpiryPayment = "payment" // an unpaid payment's ttl: it is canceled
	ExpiryHold    = "hold"    // an unconfirmed hold's HoldTimeout: it is canceled
)

// Expiry is a deadline on the virtual clock: one that is still ahead
// (Deadlines) or one that a clock move passed (FastForward).
type Expiry struct {
	What              string    `json:"what"` // ExpiryCode, ExpiryPayment or ExpiryHold
	PaymentUUID       string    `json:"octo_payment_UUID"`
	ShopTransactionID string    `json:"shop_transaction_id"`
	At                time.Time `json:"at"`
}

// deadlines lists the deadlines still ahead of now, soonest first. Caller
// holds s.mu.
func (s *Sandbox) deadlines() []Expiry {
	var out []Expiry
	for _, p := range s.st.payments {
		add := func(what string, at time.Time) {
			out = append(out, Expiry{What: what, PaymentUUID: p.uuid, ShopTransactionID: p.shopTxID, At: at})
		}
		switch p.status {
		case octo.StatusCreated, octo.StatusWaitUserAction:
			if p.verify != nil && !p.verify.used {
				add(ExpiryCode, p.verify.expires)
			}
			add(ExpiryPayment, p.expireTime)
		case octo.StatusWaitingForCapture:
			add(ExpiryHold, p.holdExpire)
		}
	}
	now := s.now()
	kept := out[:0]
	for _, e := range out {
		if e.At.After(now) {
			kept = append(kept, e)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		if !kept[i].At.Equal(kept[j].At) {
			return kept[i].At.Before(kept[j].At)
		}
		return kept[i].PaymentUUID < kept[j].PaymentUUID
	})
	return kept
}

// Deadlines lists what will expire as the clock moves on, soonest first:
// one-time codes, unpaid payments' lifetimes and holds.
func (s *Sandbox) Deadlines() []Expiry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deadlines()
}

// FastForward is Advance that also says what the move ended: the
// deadlines that were ahead of the clock and no longer are, soonest first.
// The move is logged as a control event, as POST /sandbox/clock is.
func (s *Sandbox) FastForward(d time.Duration) []Expiry {
	if d <= 0 {
		return nil
	}
	s.mu.Lock()
	ahead := s.deadlines()
	s.offset += d
	s.sweep()
	now := s.now()
	s.mu.Unlock()
	s.kick()
	s.record(Event{Kind: EventControl, Method: "clock", Note: "clock advanced by " + d.String()})
	var passed []Expiry
	for _, e := range ahead {
		if !e.At.After(now) {
			passed = append(passed, e)
		}
	}
	return passed
}
