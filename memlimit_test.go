package main

import (
	"context"
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestLimitMemoryFollowsTheLiveHeap(t *testing.T) {
	defer debug.SetMemoryLimit(math.MaxInt64)
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	keep := make([]byte, 40<<20) // a live heap whose double is above the floor
	runtime.GC()                 // the live heap is measured by a collection
	limitMemory(ctx)
	got := debug.SetMemoryLimit(-1)
	if got < 2*int64(len(keep))+memoryOverhead {
		t.Errorf("limit %d MB with %d MB live: below twice the live heap plus the overhead", got>>20, len(keep)>>20)
	}
	keep[len(keep)-1] = 1 // live until here

	// GOMEMLIMIT in the environment decides.
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	limitMemory(ctx)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set, yet the limit was changed to %d MB", got>>20)
	}
}
