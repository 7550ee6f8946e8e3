package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestTuneMemory(t *testing.T) {
	rate := runtime.MemProfileRate
	defer func() { runtime.MemProfileRate = rate }()
	defer debug.SetGCPercent(debug.SetGCPercent(100))

	t.Setenv("GOGC", "")
	t.Setenv("GODEBUG", "")
	runtime.MemProfileRate = 512 << 10
	tuneMemory(false)
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GOGC %d before the first frame, want the collector off", got)
	}
	paceCollector()
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC %d after the first frame, want %d", got, gcPercent)
	}
	if runtime.MemProfileRate != 0 {
		t.Errorf("allocations sampled every %d bytes with no profile asked for", runtime.MemProfileRate)
	}

	// A profile may be asked for: its samples are kept.
	runtime.MemProfileRate = 512 << 10
	tuneMemory(true)
	if runtime.MemProfileRate == 0 {
		t.Error("allocation sampling off while profiling")
	}

	// GOGC in the environment decides.
	t.Setenv("GOGC", "200")
	debug.SetGCPercent(200)
	tuneMemory(false)
	paceCollector()
	if got := debug.SetGCPercent(100); got != 200 {
		t.Errorf("GOGC=200 set, yet the pace was changed to %d", got)
	}
}
