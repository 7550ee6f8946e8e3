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
// memwalk). Now there is no limit, and the collector runs when the heap
// reaches 1.25 times what is live (GOGC=25): on a heap this small a
// collection costs well under a millisecond, and over 100 payments
// collecting twice as often as at GOGC=50 took 5.5% of the console's CPU
// instead of 3.7% for a peak 1.4 MB lower (38.6 MB, make memwalk) and no
// slower keys (ptybench p50 8.7 ms against 9.3).
//
// Until the first frame is drawn the collector does not run at all: the
// start allocates a few MB, and at a pace this tight a heap that small
// made three collections (2–3 ms of CPU each) before the home screen.
const gcPercent = 25

// tuneMemory stops the collector until paceCollector is called (GOGC in
// the environment still decides) and, unless a heap profile may be asked
// for (profiling), turns off the sampling of allocations that only heap
// profiles read: its table alone is 1.5 MB.
func tuneMemory(profiling bool) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
	if !profiling && !strings.Contains(os.Getenv("GODEBUG"), "memprofilerate") {
		runtime.MemProfileRate = 0
	}
}

// paceCollector starts the collector at its pace, once the first frame
// is on the terminal.
func paceCollector() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
