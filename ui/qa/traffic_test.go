package qa

import (
	"strconv"
	"sync"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
)

func TestTrafficRingKeepsTheLast(t *testing.T) {
	r := NewOwnTraffic(3)
	for i := 1; i <= 5; i++ {
		r.AddExchange(octo.Exchange{Method: "m" + strconv.Itoa(i)})
	}
	es := r.newestFirst(nil)
	if len(es) != 3 || es[0].x.Method != "m5" || es[2].x.Method != "m3" || es[0].seq != 5 {
		t.Fatalf("ring = %+v", es)
	}
	var none *Traffic
	none.add(trafficEntry{})
	if none.newestFirst(nil) != nil || none.Len() != 0 {
		t.Error("a nil ring is not empty")
	}
}

// Eight observers writing at once all reach the ring: it keeps the newest
// TrafficLimit, without a gap, and counts what it pushed out.
func TestTrafficLosesNothingInABurst(t *testing.T) {
	tr := NewTraffic()
	const burst = 1000
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < burst/8; i++ {
				tr.Exchange(octo.Exchange{Method: "status", HTTPStatus: 200})
			}
		}()
	}
	wg.Wait()
	es := tr.newestFirst(nil)
	if len(es) != TrafficLimit || tr.Dropped() != burst-TrafficLimit {
		t.Fatalf("kept %d, pushed out %d: %d lost", len(es), tr.Dropped(), burst-len(es)-int(tr.Dropped()))
	}
	for i, e := range es { // the newest, without a gap
		if e.seq != int64(burst-i) {
			t.Fatalf("entry %d has seq %d, want %d", i, e.seq, burst-i)
		}
	}
	tr.AddExchange(octo.Exchange{Method: "status"}) // the root's wake-up message
	if tr.Len() != TrafficLimit || tr.newestFirst(nil)[0].seq != burst {
		t.Errorf("the root's message added to a ring main feeds")
	}
}
