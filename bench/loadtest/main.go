// Command loadtest runs full two-stage payment flows against the sandbox
// over loopback HTTP and reports flows a second, the flow latency (p50,
// p99), errors and the sandbox's memory (RSS), at each number of
// concurrent clients in turn. It starts the sandbox itself, as its own
// process, so that the memory read is the server's alone:
//
//	go build -o /tmp/oc . && go run ./bench/loadtest -sandbox /tmp/oc -clients 1,8,32 -flows 20000
//
// One flow is prepare_payment → pay (Uzcard) → verificationInfo → the code
// read from the SMS outbox (GET /sandbox/sms?payment=UUID&limit=1, as the
// customer's phone would) → check_sms_key → set_accept (a partial capture).
// Every answer is checked; a flow that does not end "succeeded" is an
// error. Traffic goes to 127.0.0.1 only, and every phase is bounded in
// flows and in time.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	bin := flag.String("sandbox", "", "the octo-cashier binary to run as 'octo-cashier sandbox' (required)")
	clients := flag.String("clients", "1,8,32", "comma-separated numbers of concurrent clients, one phase each")
	flows := flag.Int("flows", 20000, "flows per phase")
	limit := flag.Duration("limit", 2*time.Minute, "longest a phase may run")
	every := flag.Int("rss-every", 0, "also print the sandbox's RSS every N flows (0: at the end of each phase)")
	extra := flag.String("sandbox-flags", "", "more flags for the sandbox, space-separated (e.g. --max-finished 5000)")
	cpuProfile := flag.String("cpuprofile", "", "write the load generator's own CPU profile to this file")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "loadtest: -sandbox BINARY is required")
		os.Exit(2)
	}
	var counts []int
	for _, c := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "loadtest: bad -clients %q\n", *clients)
			os.Exit(2)
		}
		counts = append(counts, n)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadtest: -cpuprofile:", err)
			os.Exit(2)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	if err := run(*bin, strings.Fields(*extra), counts, *flows, *limit, *every); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(bin string, extra []string, counts []int, flows int, limit time.Duration, every int) error {
	args := append([]string{"sandbox", "--addr", "127.0.0.1:0", "--no-rate-limit"}, extra...)
	cmd := exec.Command(bin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	sc := bufio.NewScanner(out)
	base := ""
	for sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), "listening on "); ok {
			base = strings.TrimSpace(after)
			break
		}
	}
	if base == "" {
		return errors.New("the sandbox did not say where it listens")
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()

	fmt.Printf("sandbox %s (pid %d) %s; load on %d CPUs (GOMAXPROCS %d), client and server on one machine\n",
		base, cmd.Process.Pid, strings.Join(extra, " "), runtime.NumCPU(), runtime.GOMAXPROCS(0))
	fmt.Printf("%8s %8s %9s %9s %9s %7s %9s %9s %12s %14s %14s\n", "clients", "flows", "flows/s", "p50 ms", "p99 ms", "errors",
		"RSS MB", "peak MB", "server CPUs", "server s/10k", "loadgen s/10k")
	var seq atomic.Int64
	for _, n := range counts {
		cpu0, own0 := cpuSeconds(cmd.Process.Pid), cpuSeconds(os.Getpid())
		r := phase(base, n, flows, limit, every, &seq, cmd.Process.Pid)
		rss, peak := memory(cmd.Process.Pid)
		server, own := cpuSeconds(cmd.Process.Pid)-cpu0, cpuSeconds(os.Getpid())-own0
		// CPU-seconds per 10,000 flows is what a flow costs whoever else
		// shares the machine; flows/s depends on what the neighbours leave.
		per10k := func(sec float64) float64 { return sec / float64(max(r.flows, 1)) * 10000 }
		fmt.Printf("%8d %8d %9.0f %9.2f %9.2f %7d %9.1f %9.1f %12.2f %14.2f %14.2f\n", n, r.flows, float64(r.flows)/r.elapsed.Seconds(),
			ms(r.p(0.50)), ms(r.p(0.99)), r.errors, rss, peak, server/r.elapsed.Seconds(), per10k(server), per10k(own))
		if r.firstErr != nil {
			fmt.Println("  first error:", r.firstErr)
		}
	}
	return nil
}

type result struct {
	flows, errors int
	elapsed       time.Duration
	lat           []time.Duration
	firstErr      error
}

func (r result) p(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(int(float64(len(r.lat))*q), len(r.lat)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// phase runs flows flows on n clients, or until limit passes.
func phase(base string, n, flows int, limit time.Duration, every int, seq *atomic.Int64, pid int) result {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	var (
		mu       sync.Mutex
		res      result
		started  atomic.Int64
		finished atomic.Int64
		wg       sync.WaitGroup
	)
	t0 := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(strings.TrimPrefix(base, "http://"))
			defer c.close()
			var lat []time.Duration
			errs := 0
			var first error
			for ctx.Err() == nil && started.Add(1) <= int64(flows) {
				f0 := time.Now()
				err := c.flow(seq.Add(1))
				lat = append(lat, time.Since(f0))
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
				}
				if done := finished.Add(1); every > 0 && done%int64(every) == 0 {
					rss, peak := memory(pid)
					fmt.Printf("  %8d flows at %d clients: RSS %.1f MB (peak %.1f MB)\n", done, n, rss, peak)
				}
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			res.errors += errs
			if res.firstErr == nil {
				res.firstErr = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(t0)
	res.flows = len(res.lat)
	slices.Sort(res.lat)
	return res
}

// cpuSeconds is the CPU time a process (the sandbox, or the load generator
// itself) has used, user and system, from /proc/PID/stat in clock ticks of
// 1/100 s: the "server CPUs" column says how much of the machine the server
// had, the rest going to the load generator and the neighbours.
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name may hold spaces; the fields after it are fixed.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100
}

// memory reads the sandbox's resident set now and at its peak, in MB.
func memory(pid int) (rss, peak float64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
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
		}
	}
	return rss, peak
}
