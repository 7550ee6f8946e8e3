package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// How the console's Go runtime trades memory for CPU.
//
// The live heap is about 3 MB, and drawing frames makes garbage fast
// (tens of MB a payment), so by default (GOGC=100) the heap swings
// between 3 and 6 MB. A soft memory limit that followed the live heap
// (twice it plus 6 MB, at least 12 MB) kept the resident set low, but
// the runtime's own memory — the collector's metadata, the stacks, the
// heap profiler's table, about 9 MB — counts against the same limit, so
// the heap had under a megabyte of room: 450 collections a payment, and
// a digit took 90–140 ms to echo instead of 10 (make ptybench, make
// memwalk). Now the collector runs when the heap reaches 1.5 times what
// is live (GOGC=50), which on a heap this small costs well under a
// millisecond a collection, and there is no limit.
const gcPercent = 50

// tuneMemory sets the collector's pace (GOGC in the environment still
// decides) and, unless a heap profile may be asked for (profiling), turns
// off the sampling of allocations that only heap profiles read: its
// table alone is 1.5 MB.
func tuneMemory(profiling bool) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if !profiling && !strings.Contains(os.Getenv("GODEBUG"), "memprofilerate") {
		runtime.MemProfileRate = 0
	}
}
