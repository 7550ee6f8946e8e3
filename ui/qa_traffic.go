package ui

import (
	"time"

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

	inbound bool   // a notification received
	bind    bool   // on the bind notification URL
	status  string // the notified status
	shopTx  string
	token   string // shortened card token of a bind notification
}

// failed says the exchange went wrong: no answer, an HTTP error or an
// OCTO error code.
func (e trafficEntry) failed() bool {
	return !e.inbound && (e.x.Err != "" || e.x.Code != 0 || e.x.HTTPStatus >= 400)
}

// traffic is a bounded ring of the last trafficLimit entries, fed by the
// root as exchanges and notifications arrive and read by the inspector.
// The root and the tools run on Bubble Tea's one goroutine, so it needs no
// lock; it is shared by pointer because the App is copied on each Update.
type traffic struct {
	limit int
	buf   []trafficEntry // ring; oldest at start
	start int
	seq   int64
}

func newTraffic(limit int) *traffic { return &traffic{limit: limit} }

func (t *traffic) add(e trafficEntry) {
	if t == nil {
		return
	}
	t.seq++
	e.seq = t.seq
	if len(t.buf) < t.limit {
		t.buf = append(t.buf, e)
		return
	}
	t.buf[t.start] = e
	t.start = (t.start + 1) % t.limit
}

func (t *traffic) addExchange(x octo.Exchange) {
	t.add(trafficEntry{at: x.Started, x: x})
}

func (t *traffic) addHint(h Hint, now time.Time) {
	t.add(trafficEntry{at: now, inbound: true, status: string(h.Status), shopTx: h.ShopTransactionID})
}

func (t *traffic) addBindHint(h BindHint, now time.Time) {
	t.add(trafficEntry{at: now, inbound: true, bind: true, status: string(h.Status),
		shopTx: h.ShopTransactionID, token: octo.ShortToken(h.Token)})
}

// newestFirst lists the entries, newest first, those keep lets through.
func (t *traffic) newestFirst(keep func(trafficEntry) bool) []trafficEntry {
	if t == nil {
		return nil
	}
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
	return len(t.buf)
}
