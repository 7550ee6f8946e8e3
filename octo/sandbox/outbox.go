package sandbox

import (
	"net/http"
	"strconv"
	"time"
)

// SMS is one message in the outbox: the customer's phone.
type SMS struct {
	Seq         int64     `json:"seq"` // the outbox's own numbering, for ?since=
	Phone       string    `json:"phone"`
	Code        string    `json:"code"`
	PaymentUUID string    `json:"octo_payment_UUID"`
	SentAt      time.Time `json:"sent_at"`
}

// outbox keeps the last Options.SMSLimit texts, and each payment's own
// among them, so that reading one payment's code does not copy (or, over
// HTTP, encode) everyone's: under load that was most of the sandbox's time.
type outbox struct {
	limit     int
	buf       []SMS // ring; oldest at start
	start     int
	seq       int64
	byPayment map[string][]SMS // the payment's texts still in buf, oldest first
}

func newOutbox(limit int) *outbox {
	return &outbox{limit: limit, byPayment: make(map[string][]SMS)}
}

// add numbers m and keeps it; the oldest text makes room when full.
func (o *outbox) add(m SMS) {
	o.seq++
	m.Seq = o.seq
	if len(o.buf) < o.limit {
		o.buf = append(o.buf, m)
	} else {
		old := o.buf[o.start]
		o.buf[o.start] = m
		o.start = (o.start + 1) % o.limit
		// The oldest text overall is its payment's oldest.
		if rest := o.byPayment[old.PaymentUUID]; len(rest) <= 1 {
			delete(o.byPayment, old.PaymentUUID)
		} else {
			o.byPayment[old.PaymentUUID] = rest[1:]
		}
	}
	o.byPayment[m.PaymentUUID] = append(o.byPayment[m.PaymentUUID], m)
}

// list returns the texts after seq since (of one payment when uuid is
// set), oldest first; limit > 0 keeps the newest limit of them.
func (o *outbox) list(uuid string, since int64, limit int) []SMS {
	var out []SMS
	if uuid != "" {
		for _, m := range o.byPayment[uuid] {
			if m.Seq > since {
				out = append(out, m)
			}
		}
	} else {
		out = make([]SMS, 0, len(o.buf))
		for i := range o.buf {
			if m := o.buf[(o.start+i)%len(o.buf)]; m.Seq > since {
				out = append(out, m)
			}
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out
}

// SMS returns the outbox, oldest first (at most Options.SMSLimit texts).
func (s *Sandbox) SMS() []SMS {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.sms.list("", 0, 0)
}

// RecentSMS returns the newest n texts of the outbox, oldest first: what
// a screen that shows the last few needs, without copying the rest.
func (s *Sandbox) RecentSMS(n int) []SMS {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.sms.list("", 0, max(n, 1))
}

// SMSFor returns one payment's texts numbered after since, oldest first;
// limit > 0 keeps the newest limit of them.
func (s *Sandbox) SMSFor(paymentUUID string, since int64, limit int) []SMS {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.sms.list(paymentUUID, since, limit)
}

// LastCode returns the last one-time code sent for a payment (or a card
// binding's authorization payment).
func (s *Sandbox) LastCode(paymentUUID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if msgs := s.st.sms.byPayment[paymentUUID]; len(msgs) > 0 {
		return msgs[len(msgs)-1].Code, true
	}
	return "", false
}

// controlSMS answers GET /sandbox/sms: the outbox, or with ?payment=UUID
// that payment's texts only; ?since=SEQ keeps the texts numbered after
// SEQ, ?limit=N the newest N.
func (s *Sandbox) controlSMS(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var since int64
	var limit int
	if v := q.Get("since"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			controlErr(w, http.StatusBadRequest, "since: want the seq of a text (a number >= 0)")
			return
		}
		since = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			controlErr(w, http.StatusBadRequest, "limit: want a number >= 1")
			return
		}
		limit = n
	}
	s.mu.Lock()
	msgs := s.st.sms.list(q.Get("payment"), since, limit)
	s.mu.Unlock()
	if msgs == nil {
		msgs = []SMS{}
	}
	controlJSON(w, http.StatusOK, map[string][]SMS{"messages": msgs})
}
