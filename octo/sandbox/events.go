package sandbox

import (
	"encoding/json"
	"sync"
	"time"
)

// Event kinds.
const (
	EventRequest          = "request"           // a call to OCTO's API, redacted
	EventResponse         = "response"          // the sandbox's answer
	EventDropped          = "dropped"           // the answer was not delivered (fault or lost-answer card)
	EventNotification     = "notification"      // a POST to notify_url, with the merchant's answer
	EventBindNotification = "bind_notification" // a POST to bind_notify_url, with the merchant's answer
	EventFault            = "fault"             // an injected fault fired
	EventControl          = "control"           // a control call: clock, reset, 3-D Secure, faults
)

// Event is one entry of the sandbox's log. Bodies are redacted: the secret,
// CVC and one-time codes are replaced and card numbers masked to 6+4.
type Event struct {
	Seq         int64           `json:"seq"`
	Time        time.Time       `json:"time"` // virtual clock
	Kind        string          `json:"kind"`
	Method      string          `json:"method,omitempty"` // API method, or the notified status
	PaymentUUID string          `json:"octo_payment_UUID,omitempty"`
	URL         string          `json:"url,omitempty"` // notification target
	Body        json.RawMessage `json:"body,omitempty"`
	HTTPStatus  int             `json:"http_status,omitempty"`
	Code        int             `json:"code,omitempty"`   // OCTO error code of an answer
	Answer      string          `json:"answer,omitempty"` // the merchant's answer to a notification
	Attempt     int             `json:"attempt,omitempty"`
	Note        string          `json:"note,omitempty"`
}

type events struct {
	mu      sync.Mutex
	limit   int
	buf     []Event // ring; oldest at start
	start   int
	seq     int64
	subs    map[int]chan Event
	nextSub int
}

// record numbers e, keeps it and hands it to the subscribers; it returns e
// as numbered.
func (l *events) record(e Event) Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	e.Seq = l.seq
	if len(l.buf) < l.limit {
		l.buf = append(l.buf, e)
	} else {
		l.buf[l.start] = e
		l.start = (l.start + 1) % l.limit
	}
	for _, ch := range l.subs {
		select {
		case ch <- e:
		default: // a slow subscriber misses events rather than stall the sandbox
		}
	}
	return e
}

func (l *events) list(since int64) []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Event, 0, len(l.buf))
	for i := range l.buf {
		e := l.buf[(l.start+i)%len(l.buf)]
		if e.Seq > since {
			out = append(out, e)
		}
	}
	return out
}

func (l *events) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf, l.start = nil, 0
}

// Events returns the log, oldest first (at most Options.EventLimit entries).
func (s *Sandbox) Events() []Event { return s.ev.list(0) }

// Subscribe returns a channel of new events and a function that ends the
// subscription. A subscriber that falls behind by more than 1024 events
// misses the excess; the log itself keeps them.
func (s *Sandbox) Subscribe() (<-chan Event, func()) {
	l := &s.ev
	ch := make(chan Event, 1024)
	l.mu.Lock()
	if l.subs == nil {
		l.subs = make(map[int]chan Event)
	}
	id := l.nextSub
	l.nextSub++
	l.subs[id] = ch
	l.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			l.mu.Lock()
			delete(l.subs, id)
			l.mu.Unlock()
			close(ch)
		})
	}
}

func (s *Sandbox) record(e Event) {
	if e.Time.IsZero() {
		e.Time = s.Now()
	}
	s.ev.record(e)
}

// redactedKeys are request fields that never reach the log as sent.
var redactedKeys = map[string]bool{
	"octo_secret": true,
	"cvc2":        true,
	"smsKey":      true,
	"sms_key":     true,
	"otp":         true,
}
