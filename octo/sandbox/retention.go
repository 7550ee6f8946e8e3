package sandbox

import (
	"container/heap"
	"fmt"
	"net/http"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// What keeps the sandbox's memory and its once-a-second work flat however
// many payments pass through it:
//   - a deadline queue: each payment still waiting (for its card, its code
//     or its capture) is in a heap by the time it lapses, so the clock's
//     tick pops what is due instead of scanning every payment under the
//     lock (30 ms a second at 100 000 payments, stalling every request);
//   - retention: a finished payment stays readable (status reads,
//     refunds, its pages) for Options.Retention after it finished, and at
//     most Options.MaxFinished finished payments are kept; past either it
//     is forgotten, and answers "not found" like any unknown payment —
//     once any is forgotten, every "not found" says the sandbox forgets
//     (notFound): it cannot tell a forgotten payment from one never made.

// deadline is a payment's place in the deadline queue.
type deadline struct {
	p   *payment
	at  time.Time
	idx int
}

// deadlineQueue is a min-heap of deadlines (container/heap), with each
// payment's entry found by pointer so that a state change moves or drops
// it.
type deadlineQueue struct {
	h  []*deadline
	of map[*payment]*deadline
}

func newDeadlineQueue() *deadlineQueue {
	return &deadlineQueue{of: make(map[*payment]*deadline)}
}

func (q *deadlineQueue) Len() int           { return len(q.h) }
func (q *deadlineQueue) Less(i, j int) bool { return q.h[i].at.Before(q.h[j].at) }
func (q *deadlineQueue) Swap(i, j int) {
	q.h[i], q.h[j] = q.h[j], q.h[i]
	q.h[i].idx, q.h[j].idx = i, j
}
func (q *deadlineQueue) Push(x any) {
	d := x.(*deadline)
	d.idx = len(q.h)
	q.h = append(q.h, d)
}
func (q *deadlineQueue) Pop() any {
	d := q.h[len(q.h)-1]
	q.h[len(q.h)-1] = nil
	q.h = q.h[:len(q.h)-1]
	return d
}

// set puts p's deadline at at, or takes p out of the queue when at is zero.
func (q *deadlineQueue) set(p *payment, at time.Time) {
	d := q.of[p]
	switch {
	case at.IsZero() && d != nil:
		heap.Remove(q, d.idx)
		delete(q.of, p)
	case at.IsZero():
	case d != nil:
		d.at = at
		heap.Fix(q, d.idx)
	default:
		d = &deadline{p: p, at: at}
		heap.Push(q, d)
		q.of[p] = d
	}
}

// due pops the payments whose deadline is not after now.
func (q *deadlineQueue) due(now time.Time) []*payment {
	var out []*payment
	for len(q.h) > 0 && !q.h[0].at.After(now) {
		d := heap.Pop(q).(*deadline)
		delete(q.of, d.p)
		out = append(out, d.p)
	}
	return out
}

// finished is one payment that reached a final status, in the order they
// did.
type finished struct {
	p  *payment
	at time.Time
}

// retained is the FIFO of finished payments. A payment is in it once:
// its kept flag says so (a map of them cost 40 B a kept payment).
type retained struct {
	q    []finished
	head int
}

func newRetained() *retained { return &retained{} }

// add keeps p and reports whether it was not kept already.
func (r *retained) add(p *payment, at time.Time) bool {
	if p.kept {
		return false
	}
	p.kept = true
	r.q = append(r.q, finished{p, at})
	return true
}

func (r *retained) len() int { return len(r.q) - r.head }

func (r *retained) pop() *payment {
	f := r.q[r.head]
	r.q[r.head] = finished{}
	r.head++
	// Compact once the popped half dominates, so the slice does not grow
	// with every payment ever finished.
	if r.head > 1024 && r.head*2 >= len(r.q) {
		r.q = append(r.q[:0], r.q[r.head:]...)
		r.head = 0
	}
	f.p.kept = false
	return f.p
}

func (r *retained) oldest() (finished, bool) {
	if r.len() == 0 {
		return finished{}, false
	}
	return r.q[r.head], true
}

// schedule files p by its status: in the deadline queue while it waits
// for something that can lapse, among the finished once it is final.
// Caller holds s.mu; every status change comes through here.
func (s *Sandbox) schedule(p *payment) {
	switch p.status {
	case octo.StatusCreated, octo.StatusWaitUserAction:
		s.st.expiries.set(p, p.expireTime)
	case octo.StatusWaitingForCapture:
		s.st.expiries.set(p, p.holdExpire)
	default:
		s.st.expiries.set(p, time.Time{})
		if p.status.IsFinal() {
			now := s.now()
			if s.st.finished.add(p, now) {
				s.leanLast(p)
			}
			if s.st.finished.len() > s.opts.MaxFinished {
				s.evict(now)
			}
		}
	}
}

// leanLast makes the payment that finished last lean, and next the one to
// make lean later. The one that finished last is left whole until another
// finishes, or the clock's next tick: the call that finished it may still
// answer with all of it (pay and check_sms_key answer the payment object),
// and calls take s.mu one at a time. Caller holds s.mu.
func (s *Sandbox) leanLast(next *payment) {
	if p := s.st.lastFinished; p != nil {
		p.lean()
	}
	s.st.lastFinished = next
}

// sweep applies the expiries that are due and forgets the finished
// payments past retention, and the refunds of forgotten payments.
// Caller holds s.mu.
func (s *Sandbox) sweep() {
	now := s.now()
	for _, p := range s.st.expiries.due(now) {
		s.expire(p)
	}
	s.evict(now)
	s.leanLast(nil)
	if s.st.refundsStale {
		s.st.refundsStale = false
		for id, r := range s.st.refunds {
			if s.st.payments[r.paymentUUID] == nil {
				delete(s.st.refunds, id)
			}
		}
	}
}

// evict forgets the finished payments past Options.Retention, and the
// oldest beyond Options.MaxFinished. A payment whose notification is
// still being delivered keeps delivering (the delivery holds it); only the
// lookups forget it; its refunds go at the next sweep. Caller holds s.mu.
func (s *Sandbox) evict(now time.Time) {
	fin := s.st.finished
	for {
		f, ok := fin.oldest()
		if !ok || (fin.len() <= s.opts.MaxFinished && now.Sub(f.at) < s.opts.Retention) {
			break
		}
		p := fin.pop()
		delete(s.st.payments, p.uuid)
		if s.st.byShopTx[p.shopTxID] == p {
			delete(s.st.byShopTx, p.shopTxID)
		}
		delete(s.st.byID, p.id)
		s.st.refundsStale = s.st.refundsStale || len(s.st.refunds) > 0
		s.st.forgotten++
	}
}

// notFound answers a payment the sandbox does not know (what, how it was
// asked for: a UUID, "paymentId 5001"). Once it has forgotten finished
// payments it says so, and how many it keeps: a refund of a payment from
// earlier in the day would otherwise read as if the payment never was.
// OCTO's own answer to an unknown payment is not documented (code 7 is
// the sandbox's). Caller holds s.mu.
func (s *Sandbox) notFound(what string) *apiErr {
	msg := "Payment not found"
	if what != "" {
		msg += ": " + what
	}
	if s.st.forgotten > 0 {
		msg += fmt.Sprintf(" (the sandbox forgets finished payments: it keeps the last %d, each for at most %s; %d forgotten so far)",
			s.opts.MaxFinished, readableSpan(s.opts.Retention), s.st.forgotten)
	}
	return errf(codeNotFound, "%s", msg)
}

// readableSpan writes whole days as days ("90 days", not "2160h0m0s").
func readableSpan(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d == day:
		return "1 day"
	case d > day && d%day == 0:
		return fmt.Sprintf("%d days", d/day)
	}
	return d.String()
}

// Stats counts what the sandbox keeps, for tests and load runs that
// check it stays bounded.
type Stats struct {
	Payments  int `json:"payments"`  // known payments, waiting or finished
	Finished  int `json:"finished"`  // of them, final and awaiting retention
	Deadlines int `json:"deadlines"` // payments in the deadline queue
	Refunds   int `json:"refunds"`
	Notifying int `json:"notifying"` // notifications queued or in flight
	SMS       int `json:"sms"`       // texts in the outbox
	Events    int `json:"events"`    // entries in the event log
}

// Stats counts what the sandbox keeps now.
func (s *Sandbox) Stats() Stats {
	s.mu.Lock()
	st := Stats{
		Payments: len(s.st.payments), Finished: s.st.finished.len(), Deadlines: s.st.expiries.Len(),
		Refunds: len(s.st.refunds), SMS: len(s.st.sms.buf),
	}
	for p := range s.st.pending {
		st.Notifying += len(p.notifyQ)
	}
	s.mu.Unlock()
	s.ev.mu.Lock()
	st.Events = len(s.ev.buf)
	s.ev.mu.Unlock()
	return st
}

func (s *Sandbox) controlStats(w http.ResponseWriter, _ *http.Request) {
	controlJSON(w, http.StatusOK, s.Stats())
}
