package ui

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// trafficLimit is how many exchanges and notifications the inspector keeps.
const trafficLimit = 500

// trafficEntry is one line of the inspector: a request to the gateway with
// its answer (as the client's observer saw it, redacted), or a
// notification the console's listener received.
type trafficEntry struct {
	seq int64
	at  time.Time
	x   octo.Exchange // a request and its answer, when !inbound

	inbound   bool   // a notification received
	bind      bool   // on the bind notification URL
	status    string // the notified status
	shopTx    string
	token     string // shortened card token of a bind notification
	signature string // "ok", "bad" or "unchecked"; "" when only the hint was seen
	body      string // the notification as journaled (redacted); "" when only the hint was seen
}

// failed says the entry went wrong: an exchange with no answer, an HTTP
// error or an OCTO error code, or a notification whose signature failed.
func (e trafficEntry) failed() bool {
	if e.inbound {
		return e.signature == "bad"
	}
	return e.x.Err != "" || e.x.Code != 0 || e.x.HTTPStatus >= 400
}

// traffic is a bounded ring of the last trafficLimit entries, read by the
// inspector. It is written either by the root as exchange and hint
// messages arrive (lossy: those channels drop when full), or, when main
// hands the App a Traffic, directly by the client's observer and the
// listener from their goroutines: then nothing is lost before the ring,
// and the root's messages only wake the screen. Hence the lock; it is
// shared by pointer because the App is copied on each Update.
type traffic struct {
	mu           sync.Mutex
	limit        int
	buf          []trafficEntry // ring; oldest at start
	start        int
	seq          int64
	evicted      int64 // entries pushed out of the full ring
	fromMessages bool  // the root's messages feed it (no Traffic from main)
}

func newTraffic(limit int) *traffic { return &traffic{limit: limit, fromMessages: true} }

// Traffic is the inspector's feed that main writes to directly, from the
// client's observer and the listener: losslessly up to the ring, never
// blocking the writer for longer than a copy under a lock.
type Traffic struct{ t *traffic }

// NewTraffic makes the feed; give it to the App as Options.Traffic.
func NewTraffic() *Traffic { return &Traffic{t: &traffic{limit: trafficLimit}} }

// Exchange records one exchange the client's observer saw.
func (t *Traffic) Exchange(x octo.Exchange) { t.t.add(exchangeEntry(x)) }

// Notification records one notification the listener received, as
// journaled: redacted, with its signature's verdict.
func (t *Traffic) Notification(n flows.NotificationRecord) {
	e := trafficEntry{at: n.At, inbound: true, bind: n.Kind == "bind", status: n.Status,
		shopTx: n.ShopTransactionID, signature: n.Signature, body: n.Body}
	if e.bind {
		var b struct {
			Token string `json:"card_token"`
		}
		if json.Unmarshal([]byte(n.Body), &b) == nil {
			e.token = octo.ShortToken(b.Token)
		}
	}
	t.t.add(e)
}

// trafficOf is the App's ring: main's when it feeds one, else its own.
func trafficOf(o Options) *traffic {
	if o.Traffic != nil {
		return o.Traffic.t
	}
	return newTraffic(trafficLimit)
}

func (t *traffic) add(e trafficEntry) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seq++
	e.seq = t.seq
	if len(t.buf) < t.limit {
		t.buf = append(t.buf, e)
		return
	}
	t.buf[t.start] = e
	t.start = (t.start + 1) % t.limit
	t.evicted++
}

func exchangeEntry(x octo.Exchange) trafficEntry { return trafficEntry{at: x.Started, x: x} }

// addExchange, addHint and addBindHint are the root's message path; a ring
// main writes to directly has these already.
func (t *traffic) addExchange(x octo.Exchange) {
	if t != nil && t.fromMessages {
		t.add(exchangeEntry(x))
	}
}

func (t *traffic) addHint(h Hint, now time.Time) {
	if t != nil && t.fromMessages {
		t.add(trafficEntry{at: now, inbound: true, status: string(h.Status), shopTx: h.ShopTransactionID})
	}
}

func (t *traffic) addBindHint(h BindHint, now time.Time) {
	if t != nil && t.fromMessages {
		t.add(trafficEntry{at: now, inbound: true, bind: true, status: string(h.Status),
			shopTx: h.ShopTransactionID, token: octo.ShortToken(h.Token)})
	}
}

// newestFirst lists the entries, newest first, those keep lets through.
func (t *traffic) newestFirst(keep func(trafficEntry) bool) []trafficEntry {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]trafficEntry, 0, len(t.buf))
	for i := len(t.buf) - 1; i >= 0; i-- {
		e := t.buf[(t.start+i)%len(t.buf)]
		if keep == nil || keep(e) {
			out = append(out, e)
		}
	}
	return out
}

func (t *traffic) len() int {
	if t == nil {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.buf)
}

// dropped is how many entries the full ring has pushed out.
func (t *traffic) dropped() int64 {
	if t == nil {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.evicted
}
