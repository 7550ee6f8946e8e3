package main

import (
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The console's live heap is a few MB, and drawing frames makes garbage
// fast (tens of MB a payment). By default the heap grows to twice the
// live size between collections and the runtime hands free pages back to
// the system slowly, so it held 20–28 MB for a 4–5 MB live heap. A soft
// memory limit makes it give them back promptly. A fixed limit would make
// a console whose live heap grows (a long history on screen) collect
// without pause, so the limit follows the live heap: twice it (the
// collector's own goal) plus room for the stacks and the runtime's
// bookkeeping, never below memoryFloor. The floor and the room were 22 and
// 12 MB: the runtime then held 21 MB for a 3–4 MB live heap; at 12 and 6 it
// holds 13 MB and the console's RSS after 28 payments is 39 MB, was 47–48
// (make memwalk), for a few more collections a payment.
const (
	memoryFloor    = 12 << 20
	memoryOverhead = 6 << 20
	memoryEvery    = 2 * time.Second
)

// limitMemory keeps the soft limit in step with the live heap until ctx
// ends. GOMEMLIMIT set in the environment still decides.
func limitMemory(ctx context.Context) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	set := func() {
		metrics.Read(sample)
		live := int64(0)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live = int64(sample[0].Value.Uint64())
		}
		debug.SetMemoryLimit(max(memoryFloor, 2*live+memoryOverhead))
	}
	set()
	go func() {
		t := time.NewTicker(memoryEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				set()
			}
		}
	}()
}
