package qa

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// TrafficLimit is how many exchanges and notifications the inspector keeps.
const TrafficLimit = 500

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

// Traffic is a bounded ring of the last TrafficLimit entries, read by the
// inspector. It is written either by the root as exchange and hint
// messages arrive (lossy: those channels drop when full; NewOwnTraffic),
// or, when main hands the App one of its own (NewTraffic), directly by the
// client's observer and the listener from their goroutines: then nothing
// is lost before the ring, and the root's messages only wake the screen.
// Hence the lock; it is shared by pointer because the App is copied on
// each Update.
type Traffic struct {
	mu           sync.Mutex
	limit        int
	buf          []trafficEntry // ring; oldest at start
	start        int
	seq          int64
	evicted      int64 // entries pushed out of the full ring
	fromMessages bool  // the root's messages feed it (no Traffic from main)
}

// NewOwnTraffic is the App's own ring of limit entries, fed by the root's
// messages (AddExchange, AddHint, AddBindHint).
func NewOwnTraffic(limit int) *Traffic { return &Traffic{limit: limit, fromMessages: true} }

// NewTraffic is the feed that main writes to directly, from the client's
// observer and the listener: losslessly up to the ring, never blocking
// the writer for longer than a copy under a lock. Give it to the App as
// Options.Traffic.
func NewTraffic() *Traffic { return &Traffic{limit: TrafficLimit} }

// Exchange records one exchange the client's observer saw.
func (t *Traffic) Exchange(x octo.Exchange) { t.add(exchangeEntry(x)) }

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
	t.add(e)
}

func (t *Traffic) add(e trafficEntry) {
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

// AddExchange, AddHint and AddBindHint are the root's message path; a ring
// main writes to directly has these already.
func (t *Traffic) AddExchange(x octo.Exchange) {
	if t != nil && t.fromMessages {
		t.add(exchangeEntry(x))
	}
}

func (t *Traffic) AddHint(status, shopTx string, now time.Time) {
	if t != nil && t.fromMessages {
		t.add(trafficEntry{at: now, inbound: true, status: status, shopTx: shopTx})
	}
}

func (t *Traffic) AddBindHint(status, shopTx, token string, now time.Time) {
	if t != nil && t.fromMessages {
		t.add(trafficEntry{at: now, inbound: true, bind: true, status: status,
			shopTx: shopTx, token: octo.ShortToken(token)})
	}
}

// newestFirst lists the entries, newest first, those keep lets through.
func (t *Traffic) newestFirst(keep func(trafficEntry) bool) []trafficEntry {
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

// Len is how many entries the ring holds.
func (t *Traffic) Len() int {
	if t == nil {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.buf)
}

// Dropped is how many entries the full ring has pushed out.
func (t *Traffic) Dropped() int64 {
	if t == nil {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.evicted
}
