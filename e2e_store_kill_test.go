package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// A real kill -9 in a store: two counter processes (the real binary, in
// pseudo-terminals) on one PostgreSQL journal and one standalone sandbox
// process. A hold taken at counter A is captured with the request held out
// by the sandbox (a latency fault) and A is killed with SIGKILL after its
// journal write, the request on the wire; A starts again and its start-up
// reconcile finds the hold still held. Counter B then captures the same
// hold, the sandbox does the work and drops the answer, and B is killed
// before it could journal the outcome; B starts again and settles it. In
// the end: 0 lost holds, 0 double charges, the journal says what the
// sandbox's event log and status say.
func TestE2EStoreKill9(t *testing.T) {
	pgURL := storeSchemaURL(t, "kill9")
	sbURL := sandboxProcess(t)
	remote := sandbox.Remote{BaseURL: sbURL}
	ctx := context.Background()
	cfgA, cfgB := counterConfig(t, sbURL, pgURL, "A"), counterConfig(t, sbURL, pgURL, "B")

	a := launch(t, 100, 30, []string{"--config", cfgA})
	b := launch(t, 100, 30, []string{"--config", cfgB})
	b.waitText("What would you like to do?")
	a.cardOrder("150000", "150 000", true)
	a.waitText("OCTO sent a one-time code")
	a.typeIn(lastCode(t, remote))
	a.send(keyEnter)
	a.waitText("Held              150 000 UZS")
	id := onlyPayment(t, pgURL)

	// Kill 1: A's capture journaled, its request held out at the sandbox.
	if _, err := remote.Inject(ctx, sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultLatency, Latency: time.Minute, Count: 1}); err != nil {
		t.Fatal(err)
	}
	since := lastSeq(t, remote)
	a.send("f")
	a.waitText("Capture the whole hold?")
	a.send("y")
	waitEvent(t, remote, since, sandbox.EventFault, "set_accept", a)
	if st := journalState(t, pgURL, id); st != "capturing" {
		t.Fatalf("before the kill the journal says %q, want the capture journaled", st)
	}
	kill9(t, a)
	a = launch(t, 100, 30, []string{"--config", cfgA})
	waitJournal(t, pgURL, id, "held") // A's start-up reconcile read the status
	client := octo.NewClient(1, "sandbox-secret", octo.WithBaseURL(sbURL))
	if info, err := client.Status(ctx, id); err != nil || info.Status != octo.StatusWaitingForCapture {
		t.Fatalf("journal = sandbox after the first kill: the sandbox says %v (%v)", info, err)
	}

	// Kill 2: B captures the hold A took; the sandbox captures and drops
	// the answer; B's status read (a prepare_payment) is held out and B is
	// killed before it learns the outcome.
	b.send("h")
	b.waitText("150 000")
	b.send(keyEnter) // the hold on B's screens (its status read first)
	b.waitText("Held              150 000 UZS")
	b.waitText("status read") // B's status bar: the read that opened the hold is back
	for _, f := range []sandbox.Fault{{Method: "set_accept", Kind: sandbox.FaultDrop, Count: 1},
		{Method: "prepare_payment", Kind: sandbox.FaultLatency, Latency: time.Minute, Count: 1}} {
		if _, err := remote.Inject(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	since = lastSeq(t, remote)
	b.send("f")
	b.waitText("Capture the whole hold?")
	b.send("y")
	waitEvent(t, remote, since, sandbox.EventFault, "prepare_payment", b)
	kill9(t, b)
	if st := journalState(t, pgURL, id); st != "capturing" && st != "resolving" {
		evs, _ := remote.Events(ctx, since)
		for _, ev := range evs {
			t.Logf("%d %s %s %s %s", ev.Seq, ev.Kind, ev.Method, ev.Note, ev.Body)
		}
		t.Errorf("after B's kill the journal says %q, want the capture journaled, its outcome unknown:\n%s", st, b.screen())
	}
	b = launch(t, 100, 30, []string{"--config", cfgB})
	waitJournal(t, pgURL, id, "succeeded")

	// The sandbox: one capture done (the held-out one never ran), the
	// payment captured once for its amount; the journal agrees.
	evs, err := remote.Events(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	requests, done := 0, 0
	for _, ev := range evs {
		if ev.Method != "set_accept" {
			continue
		}
		switch {
		case ev.Kind == sandbox.EventRequest:
			requests++
		case ev.Kind == sandbox.EventFault && strings.HasPrefix(ev.Note, "done"), ev.Kind == sandbox.EventResponse && ev.Code == 0:
			done++
		}
	}
	info, err := client.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	captured := journalCaptured(t, pgURL, id)
	open := openHolds(t, pgURL)
	t.Logf("kill -9 twice: %d set_accept on the wire, %d done; sandbox %s, journal captured %s; open holds %d",
		requests, done, info.Status, captured, open)
	if requests != 2 || done != 1 {
		t.Errorf("set_accept: %d requests, %d done; want 2 and 1 (a double charge or a lost capture)", requests, done)
	}
	if info.Status != octo.StatusSucceeded || captured != "150000.00" {
		t.Errorf("journal = sandbox: sandbox %s, journal captured %s", info.Status, captured)
	}
	if open != 0 {
		t.Errorf("%d holds still open in the journal, none at the sandbox", open)
	}
	for _, s := range []*session{a, b} {
		s.waitText("What would you like to do?")
		s.send(keyCtrlC)
	}
}

// storeSchemaURL is a fresh schema of the throwaway PostgreSQL, dropped
// after the test; a skip without one, a failure in CI.
func storeSchemaURL(t *testing.T, name string) string {
	t.Helper()
	base := os.Getenv("OCTO_CASHIER_TEST_PG")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("OCTO_CASHIER_TEST_PG is not set in CI (.ci/run starts PostgreSQL)")
		}
		t.Skip("OCTO_CASHIER_TEST_PG not set: eval \"$(.ci/pg.sh start)\"")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("%s_%d", name, os.Getpid())
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); _ = conn.Close(ctx) })
	if strings.Contains(base, "?") {
		return base + "&search_path=" + schema
	}
	return base + "?search_path=" + schema
}

// sandboxProcess starts `octo-cashier sandbox` on a free port and returns
// its address.
func sandboxProcess(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(binary(t), "sandbox", "-addr", "127.0.0.1:0", "-no-rate-limit")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	m := regexp.MustCompile(`listening on (http://\S+)`).FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("the sandbox's first line %q: %v", line, err)
	}
	return m[1]
}

// counterConfig writes a counter's configuration: the standalone sandbox
// as a test gateway, the store journal, no shifts (the sale starts at once).
func counterConfig(t *testing.T, sbURL, pgURL, counter string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "counter-"+counter+".toml")
	cfg := fmt.Sprintf(`[octo]
shop_id = 1
secret = "sandbox-secret"
base_url = %q
return_url = "https://shop.example/thanks"
test = true

[console]
operator = "Counter %s"
journal = %q
counter = %q
shifts = false
`, sbURL, counter, pgURL, counter)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// lastCode is the code in the sandbox's newest SMS.
func lastCode(t *testing.T, r sandbox.Remote) string {
	t.Helper()
	deadline := time.Now().Add(e2eLimit)
	for time.Now().Before(deadline) {
		sms, err := r.SMS(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(sms) > 0 {
			return sms[len(sms)-1].Code
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the sandbox sent no SMS")
	return ""
}

// lastSeq is the sandbox's newest event.
func lastSeq(t *testing.T, r sandbox.Remote) int64 {
	t.Helper()
	evs, err := r.Events(context.Background(), 0)
	if err != nil || len(evs) == 0 {
		t.Fatalf("the sandbox's events: %d, %v", len(evs), err)
	}
	return evs[len(evs)-1].Seq
}

// waitEvent waits for an event of kind about method in the sandbox's log,
// after since.
func waitEvent(t *testing.T, r sandbox.Remote, since int64, kind, method string, s *session) {
	t.Helper()
	deadline := time.Now().Add(e2eLimit)
	for time.Now().Before(deadline) {
		evs, err := r.Events(context.Background(), since)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			if ev.Kind == kind && ev.Method == method {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the sandbox's log never showed %s %s; the counter shows:\n%s", kind, method, s.screen())
}

// kill9 kills a counter with SIGKILL: no deferred function, no goodbye.
func kill9(t *testing.T, s *session) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-s.done
}

func pgQuery[T any](t *testing.T, url, q string, args ...any) T {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var v T
	if err := conn.QueryRow(ctx, q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

func onlyPayment(t *testing.T, url string) string {
	return pgQuery[string](t, url, `SELECT shop_transaction_id FROM payments`)
}

func journalState(t *testing.T, url, id string) string {
	return pgQuery[string](t, url, `SELECT state FROM payments WHERE shop_transaction_id = $1`, id)
}

func journalCaptured(t *testing.T, url, id string) string {
	return pgQuery[string](t, url, `SELECT captured::text FROM payments WHERE shop_transaction_id = $1`, id)
}

func openHolds(t *testing.T, url string) int {
	return int(pgQuery[int64](t, url, `SELECT count(*) FROM payments WHERE state IN ('held', 'capturing', 'canceling')`))
}

// waitJournal waits until the journal has the payment in state.
func waitJournal(t *testing.T, url, id, state string) {
	t.Helper()
	deadline := time.Now().Add(e2eLimit)
	for time.Now().Before(deadline) {
		if journalState(t, url, id) == state {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the journal never had %s %s; it has %s", id, state, journalState(t, url, id))
}
