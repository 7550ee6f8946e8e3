// Command startcpu measures the CPU a program spends before its first
// usable frame: it runs the program in a pseudo-terminal, waits until the
// screen shows the ready text, and sums the CPU time of all the program's
// threads at that moment (/proc/PID/task/*/schedstat). On a machine that
// other work keeps busy the wall time to the first frame says more about
// the neighbours than about the program; the CPU it took does not.
//
//	startcpu -ready "What would you like" -- ./octo-cashier
//
// It prints "startup_ms N" and "cpu_ms N", then ends the program (SIGTERM).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
)

func main() {
	cols := flag.Int("cols", 100, "terminal columns")
	rows := flag.Int("rows", 30, "terminal rows")
	ready := flag.String("ready", "", "text that shows the first usable frame")
	limit := flag.Duration("limit", 10*time.Second, "how long to wait for it")
	flag.Parse()
	if flag.NArg() == 0 || *ready == "" {
		fmt.Fprintln(os.Stderr, "usage: startcpu -ready TEXT -- command args")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor")
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(*cols), Rows: uint16(*rows)})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start:", err)
		os.Exit(2)
	}
	var mu sync.Mutex
	term := vt10x.New(vt10x.WithSize(*cols, *rows))
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := f.Read(buf)
			mu.Lock()
			_, _ = term.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	code := 0
	for {
		mu.Lock()
		ok := strings.Contains(term.String(), *ready)
		mu.Unlock()
		if ok {
			break
		}
		if time.Since(start) > *limit {
			fmt.Println("startup_ms timeout")
			code = 1
			break
		}
		time.Sleep(200 * time.Microsecond)
	}
	if code == 0 {
		wall := time.Since(start)
		fmt.Printf("startup_ms %.1f\ncpu_ms %.1f\n", float64(wall.Microseconds())/1000, float64(cpuNanos(cmd.Process.Pid))/1e6)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
	f.Close()
	os.Exit(code)
}

// cpuNanos sums the time on CPU of every thread of the process.
func cpuNanos(pid int) int64 {
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil {
		return 0
	}
	var total int64
	for _, t := range tasks {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/schedstat", pid, t.Name()))
		if err != nil {
			continue
		}
		var ns int64
		if _, err := fmt.Sscan(string(b), &ns); err == nil {
			total += ns
		}
	}
	return total
}
