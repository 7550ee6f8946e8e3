package sandbox_test

import (
	"runtime"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// twoStage walks n two-stage Uzcard payments to a capture.
func (e *env) twoStage(n int) {
	e.t.Helper()
	for range n {
		uuid := e.prepare(e.txID(), false, "1000", nil)
		id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
		if o := e.checkSMS(id, vid, e.code(uuid)); o.code() != 0 {
			e.t.Fatalf("check_sms_key: %v", o)
		}
		if o := e.accept(uuid, "capture", "900"); o.code() != 0 {
			e.t.Fatalf("set_accept: %v", o)
		}
	}
}

// TestMemoryFlatPastTheBounds checks that, once the finished payments, the
// outbox and the event log are at their bounds, more payments do not grow
// the heap: what each keeps is forgotten as the next comes.
func TestMemoryFlatPastTheBounds(t *testing.T) {
	const bound, n = 100, 400
	e := newEnv(t, sandbox.Options{NoRateLimit: true, MaxFinished: bound, SMSLimit: bound, EventLimit: bound})
	base := liveHeap()
	e.twoStage(n) // past every bound
	warm := liveHeap()
	e.twoStage(n)
	after := liveHeap()
	if s := e.sb.Stats(); s.Payments != bound || s.SMS != bound || s.Events != bound || s.Deadlines != 0 {
		t.Errorf("stats = %+v, want each at its bound of %d and no deadlines", s, bound)
	}
	grew := int64(after) - int64(warm)
	t.Logf("live heap: %d kB at the start, %d kB after %d payments, %d kB after %d more (%+d B)",
		base/1024, warm/1024, n, after/1024, n, grew)
	// Kept state at the bounds is a few hundred kB; a leak of even 1 kB a
	// payment would add 400 kB here.
	if grew > 200<<10 {
		t.Errorf("the heap grew by %d kB over %d payments past the bounds", grew/1024, n)
	}
}
