package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// profiling is what --cpuprofile, --memprofile and OCTO_CASHIER_PPROF ask
// for: the means to see where start-up time and memory go, on the real
// program rather than in a benchmark.
type profiling struct {
	cpuFile, memFile string
	cpu              *os.File
	srv              *http.Server
}

// start begins the CPU profile and, with addr set, serves net/http/pprof on
// that address, which must be on the loopback: the profiles show payments.
func (p *profiling) start(addr string) error {
	if p.cpuFile != "" {
		f, err := os.Create(p.cpuFile)
		if err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		// A start takes tens of milliseconds: the default 100 Hz would give
		// a handful of samples. The runtime warns once that the rate was set.
		runtime.SetCPUProfileRate(2000)
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		p.cpu = f
	}
	if addr == "" {
		return nil
	}
	ln, err := listenLoopback(addr)
	if err != nil {
		p.stop()
		return fmt.Errorf("OCTO_CASHIER_PPROF: %w", err)
	}
	p.srv = &http.Server{Handler: http.HandlerFunc(serveProfile), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	return nil
}

// listenLoopback listens on addr only if it is a loopback address.
func listenLoopback(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, errors.New(addr + " is not a loopback address (127.0.0.1:PORT, [::1]:PORT or localhost:PORT)")
	}
	return net.Listen("tcp", addr)
}

// stop ends the CPU profile and writes the heap profile, after a
// collection so that it shows what is live.
func (p *profiling) stop() error {
	var errs []error
	if p.srv != nil {
		_ = p.srv.Close()
	}
	if p.cpu != nil {
		pprof.StopCPUProfile()
		errs = append(errs, p.cpu.Close())
	}
	if p.memFile != "" {
		f, err := os.Create(p.memFile)
		if err != nil {
			return errors.Join(append(errs, fmt.Errorf("--memprofile: %w", err))...)
		}
		runtime.GC()
		errs = append(errs, pprof.Lookup("heap").WriteTo(f, 0), f.Close())
	}
	return errors.Join(errs...)
}

// serveProfile answers what `go tool pprof http://ADDR/debug/pprof/NAME`
// asks: /debug/pprof/profile?seconds=N is a CPU profile, any other name
// (heap, allocs, goroutine, ...) that runtime profile. It stands in for
// net/http/pprof, whose import registers its handlers on the default mux
// at every start of the console.
func serveProfile(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/debug/pprof/")
	if name == "profile" {
		secs, err := strconv.Atoi(r.URL.Query().Get("seconds"))
		if err != nil || secs <= 0 {
			secs = 30
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		if err := pprof.StartCPUProfile(w); err != nil {
			http.Error(w, err.Error(), http.StatusConflict) // --cpuprofile is running
			return
		}
		select {
		case <-time.After(time.Duration(secs) * time.Second):
		case <-r.Context().Done():
		}
		pprof.StopCPUProfile()
		return
	}
	prof := pprof.Lookup(name)
	if prof == nil {
		var names []string
		for _, p := range pprof.Profiles() {
			names = append(names, p.Name())
		}
		http.Error(w, "profiles: profile?seconds=N "+strings.Join(names, " "), http.StatusNotFound)
		return
	}
	if r.URL.Query().Get("gc") != "" {
		runtime.GC()
	}
	debug, _ := strconv.Atoi(r.URL.Query().Get("debug"))
	if debug == 0 {
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	_ = prof.WriteTo(w, debug)
}
