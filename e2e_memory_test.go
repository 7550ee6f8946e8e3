package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestE2EMemoryWalk walks payments through the real screens — home, the
// order form, the card form, the code from the SMS panel, the receipt —
// in the real binary on its embedded sandbox, and reports the console's
// memory as it goes: the live heap and what the Go runtime holds (read
// through OCTO_CASHIER_PPROF after a collection), the resident set and its
// peak, and the slopes after warm-up. It asserts a bound on the live heap
// after the walk, never the time taken.
//
// It takes a minute or two for 200 payments, so it runs only when asked:
// OCTO_CASHIER_MEMWALK=200 go test -run TestE2EMemoryWalk -v . (make memwalk).
func TestE2EMemoryWalk(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("OCTO_CASHIER_MEMWALK"))
	if n <= 0 {
		t.Skip("set OCTO_CASHIER_MEMWALK=N (≥ 200 for the issue's walk) to walk N payments")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	// OCTO_CASHIER_MEMWALK_ENV adds to the console's environment, to walk
	// it with other settings (GOMEMLIMIT=off, GODEBUG=gctrace=1).
	// The profiling endpoint the walk reads keeps the heap profiler's
	// sampling on, which a cashier's console does not have (memory.go):
	// off here too, unless the walk is to write profiles.
	env := []string{"OCTO_CASHIER_PPROF=" + addr}
	if os.Getenv("OCTO_CASHIER_MEMWALK_PROFILE") == "" {
		env = append(env, "GODEBUG=memprofilerate=0")
	}
	env = append(env, strings.Fields(os.Getenv("OCTO_CASHIER_MEMWALK_ENV"))...)
	s := start(t, 120, 40, env...)
	// The code to type is the newest text's, which the panel lists first:
	// one unlike the last payment's. Waiting for one unlike every code
	// before waited for ever on a repeat, and six digits repeat within 400
	// payments in one walk of twelve (400²/2·10⁶).
	last := map[string]bool{}
	const warm = 100 // by then the sandbox's event log and outbox are full, the inspector's ring nearly
	every := max(n/16, 1)
	// The samples from warm-up on, for the slopes: a line fitted through
	// all of them, as two samples alone move with what was on screen.
	var at, heaps, rsses, anons []float64
	for i := 1; i <= n; i++ {
		amount := strconv.Itoa(10000 + i)
		s.cardOrder(amount, groupThousands(amount), false)
		s.waitText("OCTO sent a one-time code")
		code := s.newCode(last)
		clear(last)
		last[code] = true
		s.typeIn(code)
		s.send(keyEnter)
		s.waitText("✓ Paid")
		s.send(keyEnter)
		if i%every == 0 || i == warm || i == n {
			heap, goMem, gcs, gcCPU := goMemoryMB(t, addr)
			rss, peak, anon := processMemory(t, s.cmd.Process.Pid)
			t.Logf("%4d payments: live heap %4.1f MB, Go runtime %4.1f MB; RSS %4.1f MB (%4.1f MB anonymous, %4.1f MB outside Go), peak %4.1f MB; %d collections (%.1f%% of the CPU)",
				i, heap, goMem, rss, anon, anon-goMem, peak, gcs, 100*gcCPU)
			if i == warm {
				dumpProfiles(t, addr, s.cmd.Process.Pid, "warm")
			}
			if i >= warm {
				at, heaps, rsses, anons = append(at, float64(i)), append(heaps, heap), append(rsses, rss), append(anons, anon)
			}
			// The resident set also counts the binary's pages, read in as
			// code first runs (make memwalk: 0.3 MB from payment 100 to 400),
			// which no payment keeps: the anonymous part is the memory held.
			if i == n && len(at) > 2 {
				t.Logf("after %d payments: peak %.1f MB; slope from payment %d (a line through %d samples): live heap %+.2f kB, RSS %+.2f kB (anonymous %+.2f kB) a payment",
					n, peak, warm, len(at), 1024*slope(at, heaps), 1024*slope(at, rsses), 1024*slope(at, anons))
			}
			// Over a long walk, its second half too: the resident set takes
			// in SQLite's page cache until its 512 kB bound and the
			// runtime's retained pages settle, both by about payment 200–300
			// (1,000-payment walks), so growth from 100 to 200 alone cannot
			// tell settling from a leak.
			if i == n && n >= 4*warm {
				h := n / 2
				k := sort.SearchFloat64s(at, float64(h)) // the first sample at payment h or after
				t.Logf("slope from payment %d (%d samples): live heap %+.2f kB, RSS %+.2f kB (anonymous %+.2f kB) a payment",
					h, len(at[k:]), 1024*slope(at[k:], heaps[k:]), 1024*slope(at[k:], rsses[k:]), 1024*slope(at[k:], anons[k:]))
			}
			// The live heap is a few MB and moves by about 1 MB with what is
			// on screen, so its slope over a short walk is noise; a leak is
			// not: 20 kB a payment is 4 MB over 200.
			if i == n && heap > liveHeapBound {
				t.Errorf("the live heap is %.1f MB after %d payments, want at most %d MB", heap, n, liveHeapBound)
			}
		}
	}
	dumpProfiles(t, addr, s.cmd.Process.Pid, "end")
	s.send(keyCtrlC)
	<-s.done
}

// dumpProfiles writes the console's heap, allocs and textual heap profiles
// to $OCTO_CASHIER_MEMWALK_PROFILE.AT.NAME when that is set: at warm-up and
// at the end, so that `go tool pprof -base PREFIX.warm.heap PREFIX.end.heap`
// shows what each payment after warm-up left behind, by owner; and its
// memory map (PREFIX.AT.smaps), which says what of the resident set grew
// outside Go's heap: the binary's pages, SQLite's.
func dumpProfiles(t *testing.T, addr string, pid int, at string) {
	t.Helper()
	dump := os.Getenv("OCTO_CASHIER_MEMWALK_PROFILE")
	if dump == "" {
		return
	}
	smaps, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps", pid))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dump+"."+at+".smaps", smaps, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"heap", "allocs", "heap?debug=1"} {
		// gc=1: the heap profile is as of the last collection; one now
		// makes it what is live at this payment, not at some earlier one.
		resp, err := http.Get("http://" + addr + "/debug/pprof/" + name + sep(name) + "gc=1")
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(dump + "." + at + "." + name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(f, resp.Body)
		resp.Body.Close()
		f.Close()
	}
}

// sep is what joins one more query parameter to a profile's name.
func sep(name string) string {
	if strings.Contains(name, "?") {
		return "&"
	}
	return "?"
}

// liveHeapBound is the most the console's live heap may hold after the walk:
// the screens, the inspector's 500 exchanges, the sandbox's 500 events and
// 100 texts, and its record of each finished payment (975 B, up to 2,000).
const liveHeapBound = 10

// slope is the least-squares slope of ys over xs.
func slope(xs, ys []float64) float64 {
	var mx, my float64
	for i := range xs {
		mx, my = mx+xs[i], my+ys[i]
	}
	mx, my = mx/float64(len(xs)), my/float64(len(xs))
	var cov, vx float64
	for i := range xs {
		cov += (xs[i] - mx) * (ys[i] - my)
		vx += (xs[i] - mx) * (xs[i] - mx)
	}
	if vx == 0 {
		return 0
	}
	return cov / vx
}

func TestSlope(t *testing.T) {
	xs := []float64{100, 125, 150, 175, 200}
	line := []float64{3, 3.5, 4, 4.5, 5}      // 0.02 a step
	noisy := []float64{3.1, 3.4, 4.1, 4.4, 5} // the same line, give or take
	if got := slope(xs, line); got < 0.0199 || got > 0.0201 {
		t.Errorf("slope of a line = %v, want 0.02", got)
	}
	if got := slope(xs, noisy); got < 0.019 || got > 0.021 {
		t.Errorf("slope of a noisy line = %v, want about 0.02", got)
	}
	if got := slope([]float64{1, 1}, []float64{2, 3}); got != 0 {
		t.Errorf("slope at one x = %v, want 0", got)
	}
}

// groupThousands writes digits as the amount field shows them: 10 001 → "10 001".
func groupThousands(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// goMemoryMB reads, after a collection, the console's live heap and what
// the Go runtime holds from the system (all it mapped, less what it
// released), and how many collections it made and their share of the
// CPU it used (a memory limit set too tight shows as hundreds a payment,
// and keys slow to echo), through its profiling endpoint.
func goMemoryMB(t *testing.T, addr string) (heap, held float64, gcs int, gcCPU float64) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/debug/pprof/heap?debug=1&gc=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var sys, released float64
	for sc.Scan() {
		name, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "# "), " = ")
		if !ok {
			continue
		}
		b, _ := strconv.ParseFloat(v, 64)
		switch name {
		case "HeapAlloc":
			heap = b / (1 << 20)
		case "Sys":
			sys = b / (1 << 20)
		case "HeapReleased":
			released = b / (1 << 20)
		case "NumGC":
			gcs = int(b)
		case "GCCPUFraction":
			gcCPU = b
		}
	}
	if sys == 0 {
		t.Fatal("the heap profile has no memory statistics")
	}
	return heap, sys - released, gcs, gcCPU
}

// processMemory reads the process's resident set, its peak and its
// anonymous part (heaps, stacks: not the binary's pages), in MB.
func processMemory(t *testing.T, pid int) (rss, peak, anon float64) {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		case "RssAnon:":
			anon = kb / 1024
		}
	}
	return rss, peak, anon
}
