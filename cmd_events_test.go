package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// follower is `octo-cashier events --follow` running in its own process.
type follower struct {
	cmd   *exec.Cmd
	lines chan string
}

func follow(t *testing.T, args ...string) *follower {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"events", "--follow", "--every", "50ms"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	// It says on stderr once it follows: what happens after is printed.
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			select {
			case ready <- sc.Text():
			default:
			}
		}
	}()
	select {
	case line := <-ready:
		if !strings.HasPrefix(line, "Following ") {
			t.Fatalf("events --follow says %q", line)
		}
	case <-time.After(e2eLimit):
		t.Fatal("events --follow never said it follows")
	}
	f := &follower{cmd: cmd, lines: make(chan string, 1024)}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			f.lines <- sc.Text()
		}
		close(f.lines)
	}()
	return f
}

// until reads lines until ok says enough, and returns them.
func (f *follower) until(t *testing.T, ok func(line string) bool) []string {
	t.Helper()
	var got []string
	limit := time.After(e2eLimit)
	for {
		select {
		case line, open := <-f.lines:
			if !open {
				t.Fatalf("events --follow ended; it printed:\n%s", strings.Join(got, "\n"))
			}
			got = append(got, line)
			if ok(line) {
				return got
			}
		case <-limit:
			t.Fatalf("events --follow never printed what was awaited; it printed:\n%s", strings.Join(got, "\n"))
		}
	}
}

// stop interrupts it as Ctrl-C does: it ends cleanly.
func (f *follower) stop(t *testing.T) {
	t.Helper()
	if err := f.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := f.cmd.Wait(); err != nil {
		t.Errorf("events --follow did not end cleanly on Ctrl-C: %v", err)
	}
}

// TestEventsFollowSeesTrigger: a QA follows a standalone sandbox's events
// in one terminal and triggers a sale from another; every call of the sale
// shows, and --payment keeps that payment's events only.
func TestEventsFollowSeesTrigger(t *testing.T) {
	base := standaloneSandbox(t)
	gw := []string{"--base-url", base, "--shop-id", "1", "--secret", "sandbox-secret"}
	// Another payment first: --follow must not print what came before it.
	if _, stderr, code := runCLI(t, append([]string{"trigger", "blocked-card"}, gw...)...); code != 0 {
		t.Fatalf("trigger: exit %d: %s", code, stderr)
	}
	f := follow(t, "--json", "--base-url", base)
	stdout, stderr, code := runCLI(t, append([]string{"trigger", "sale", "--json"}, gw...)...)
	if code != 0 {
		t.Fatalf("trigger: exit %d: %s", code, stderr)
	}
	var r triggerResult
	lastJSON(t, stdout, &r)
	var seen []string
	lines := f.until(t, func(line string) bool {
		var e sandbox.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("not an event: %q", line)
		}
		if e.Kind == sandbox.EventRequest {
			seen = append(seen, e.Method)
		}
		return e.Kind == sandbox.EventResponse && e.Method == "check_sms_key"
	})
	if got := strings.Join(seen, " "); got != "prepare_payment pay verificationInfo check_sms_key" {
		t.Errorf("requests followed: %q", got)
	}
	for _, line := range lines {
		if strings.Contains(line, "8600000000000049") || strings.Contains(line, `"pan":"8600000000000015"`) {
			t.Errorf("an event from before --follow, or a full card number: %s", line)
		}
	}
	f.stop(t)

	// The same payment by its shop_transaction_id, as lines: its calls,
	// the SMS and the notifications, none of the other payment's.
	out, _, code := runCLI(t, "events", "--base-url", base, "--payment", r.ShopTransactionID)
	if code != 0 {
		t.Fatalf("events --payment: exit %d", code)
	}
	for _, want := range []string{"--> prepare_payment", "<-- [200] pay", "--> check_sms_key", "==> notify succeeded", r.PaymentUUID} {
		if !strings.Contains(out, want) {
			t.Errorf("events --payment lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "error 10") {
		t.Errorf("events --payment shows the other payment:\n%s", out)
	}
}

// TestEventsJournal: a console's own traffic, read from its journal, and
// followed while it is written; a journal that is not there is an error
// that says where the console keeps it.
func TestEventsJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	j, err := journal.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	at := time.Now()
	save := func(xs ...octo.Exchange) {
		t.Helper()
		var recs []flows.ExchangeRecord
		for _, x := range xs {
			recs = append(recs, flows.ExchangeRecordOf(x))
		}
		if err := j.SaveExchanges(context.Background(), recs); err != nil {
			t.Fatal(err)
		}
	}
	prepare := func(id, uuid string) octo.Exchange {
		return octo.Exchange{Started: at, Method: "prepare_payment", HTTPMethod: "POST", URL: "http://octo.test/prepare_payment",
			HTTPStatus: 200, Request: []byte(`{"shop_transaction_id":"` + id + `"}`),
			Response: []byte(`{"error":0,"data":{"shop_transaction_id":"` + id + `","octo_payment_UUID":"` + uuid + `"}}`)}
	}
	save(prepare("oc-1", "u-1"), prepare("oc-2", "u-2"))
	out, stderr, code := runCLI(t, "events", "--journal", path, "--payment", "u-1")
	if code != 0 || !strings.Contains(out, "[200] prepare_payment") || !strings.Contains(out, "oc-1") || strings.Contains(out, "oc-2") {
		t.Errorf("events --journal --payment: exit %d\n%s%s", code, out, stderr)
	}

	f := follow(t, "--journal", path, "--json")
	save(octo.Exchange{Started: at, Method: "pay", HTTPMethod: "POST", URL: "http://octo.test/pay/u-1", Err: "timeout",
		Request: []byte(`{"pan":"860000******0015"}`)})
	line := f.until(t, func(string) bool { return true })[0]
	var x exchangeJSON
	if err := json.Unmarshal([]byte(line), &x); err != nil || x.Method != "pay" || x.ShopTransactionID != "oc-1" || x.Error != "timeout" {
		t.Errorf("followed %q: %+v %v", line, x, err)
	}
	f.stop(t)

	_, stderr, code = runCLI(t, "events", "--journal", filepath.Join(t.TempDir(), "none.db"))
	if code != exitError || !strings.Contains(stderr, "no journal at") || !strings.Contains(stderr, "OCTO_CASHIER_JOURNAL") {
		t.Errorf("a missing journal: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "none.db")); err == nil {
		t.Error("events made a journal where there was none")
	}
	_, stderr, code = runCLI(t, "events", "--base-url", "http://127.0.0.1:1")
	if code != exitError || !strings.Contains(stderr, "octo-cashier sandbox") {
		t.Errorf("no sandbox: exit %d, %s", code, stderr)
	}
}

// TestFaultsCommand arms, lists and clears a standalone sandbox's faults.
func TestFaultsCommand(t *testing.T) {
	base := standaloneSandbox(t)
	if out, stderr, code := runCLI(t, "faults", "arm", "--base-url", base, "--kind", "drop", "--method", "check_sms_key"); code != 0 ||
		!strings.Contains(out, "check_sms_key: done, then no answer · next 1") {
		t.Errorf("arm: exit %d\n%s%s", code, out, stderr)
	}
	runCLI(t, "faults", "arm", "--base-url", base, "--kind", "latency", "--latency", "2s", "--rate", "1")
	out, _, code := runCLI(t, "faults", "list", "--json", "--base-url", base)
	var got struct {
		Faults []struct {
			Kind      string `json:"kind"`
			Method    string `json:"method"`
			LatencyMS int64  `json:"latency_ms"`
		} `json:"faults"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 || len(got.Faults) != 2 ||
		got.Faults[0].Kind != "drop" || got.Faults[1].LatencyMS != 2000 {
		t.Errorf("list: exit %d, %s (%v)", code, out, err)
	}
	if out, _, code := runCLI(t, "faults", "clear", "--base-url", base); code != 0 || !strings.Contains(out, "Nothing armed") {
		t.Errorf("clear: exit %d, %s", code, out)
	}
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"faults"}, "one of list, arm or clear"},
		{[]string{"faults", "arm"}, "needs --kind"},
		{[]string{"faults", "arm", "--kind", "slow"}, `unknown --kind "slow"`},
		{[]string{"faults", "arm", "--kind", "latency"}, "needs --latency"},
		{[]string{"faults", "arm", "--kind", "drop", "--count", "2", "--rate", "0.5"}, "not both"},
	} {
		_, stderr, code := runCLI(t, append(tt.args, "--base-url", base)...)
		if code != exitError || !strings.Contains(stderr, tt.says) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tt.args, code, stderr, tt.says)
		}
	}
}

// fakeSource is a sandbox's log that is started again after event 3.
type fakeSource struct {
	mu      sync.Mutex
	log     []printedEvent
	reads   int
	started bool
}

func (f *fakeSource) String() string { return "the fake sandbox" }

func (f *fakeSource) read(_ context.Context, after int64) ([]printedEvent, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	var out []printedEvent
	for _, e := range f.log {
		if e.seq > after {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f *fakeSource) restarted(_ context.Context, last int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range f.log {
		if e.seq == last {
			return false
		}
	}
	return true
}

// A sandbox started again numbers its events from 1: --follow notices and
// follows the new one from its first event.
func TestFollowNoticesARestart(t *testing.T) {
	src := &fakeSource{log: []printedEvent{{seq: 1, line: "a"}, {seq: 2, line: "b"}, {seq: 3, line: "c"}}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var shown []string
	var said strings.Builder
	done := make(chan struct{})
	go func() {
		defer close(done)
		followEvents(ctx, src, 3, time.Millisecond, func(evs []printedEvent) {
			for _, e := range evs {
				shown = append(shown, e.line)
			}
			if len(shown) == 2 {
				cancel()
			}
		}, &said)
	}()
	limit := time.After(e2eLimit)
	for {
		src.mu.Lock()
		reads := src.reads
		if reads >= 2 && !src.started {
			src.log, src.started = []printedEvent{{seq: 1, line: "new 1"}, {seq: 2, line: "new 2"}}, true
		}
		src.mu.Unlock()
		select {
		case <-done:
			if strings.Join(shown, ",") != "new 1,new 2" || !strings.Contains(said.String(), "started again") {
				t.Errorf("shown %q, said %q", shown, said.String())
			}
			return
		case <-limit:
			cancel()
			<-done
			t.Fatalf("--follow never showed the new sandbox's events; it said %q", said.String())
		case <-time.After(time.Millisecond):
		}
	}
}
