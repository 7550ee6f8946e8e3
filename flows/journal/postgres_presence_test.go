package journal

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

// stoppableTillA opens counters A and B of a fresh store schema; the test
// stops A itself (Close), B is closed after it.
func stoppableTillA(t *testing.T) (url string, a, b *Postgres) {
	t.Helper()
	url = flowstest.PostgresSchema(t)
	a, err := OpenPostgres(context.Background(), url, "A")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	return url, a, openTestPostgres(t, url, "B")
}

// unfinishedIDs is what counter j would settle on start.
func unfinishedIDs(t *testing.T, j *Postgres) map[string]bool {
	t.Helper()
	recs, err := j.Unfinished(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, r := range recs {
		out[r.ShopTransactionID] = true
	}
	return out
}

// waitUnfinished waits (the server sees a connection go a moment after it
// closes) until j's Unfinished has id, or has not, as want says.
func waitUnfinished(t *testing.T, j *Postgres, id string, want bool, why string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); unfinishedIDs(t, j)[id] != want; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: counter %s settles %s: %v, want %v", why, j.counter, id, !want, want)
		}
	}
}

// A payment another running till wrote last (its code being typed there)
// is not this counter's to settle on start; once that till stops, it is.
// A tool of the same name, or a till of that name in another store's
// schema, does not make the stopped till look running.
func TestUnfinishedLeavesARunningTillsPayments(t *testing.T) {
	ctx := context.Background()
	url, a, b := stoppableTillA(t)
	write := func(j *Postgres, id string, s flows.State) {
		t.Helper()
		r := flowstest.Rec(id, flows.Hold, s, "1000", "0", "860000******0015")
		if err := j.Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{To: s}}, octotest.T0); err != nil {
			t.Fatal(err)
		}
	}
	write(a, "at-a", flows.AwaitingOTP)
	write(b, "at-b", flows.Held)

	if got := unfinishedIDs(t, b); got["at-a"] || !got["at-b"] {
		t.Fatalf("while A runs, B settles %v; want its own hold only", got)
	}
	if got := unfinishedIDs(t, a); !got["at-a"] || got["at-b"] {
		t.Fatalf("A settles %v; want its own payment only", got)
	}

	_ = a.Close() // A stops (or dies: its connections go with it)
	waitUnfinished(t, b, "at-a", true, "A stopped")

	tool, err := OpenPostgresTool(ctx, url, "A")
	if err != nil {
		t.Fatal(err)
	}
	defer tool.Close()
	other := openTestPostgres(t, flowstest.PostgresSchema(t), "A") // another store's till A
	if err := tool.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if err := other.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if !unfinishedIDs(t, b)["at-a"] {
		t.Fatal("a tool named A, or another store's till A, made this store's stopped till A look running")
	}
}

// A till whose connection the server dropped (a restart, a terminated
// backend) takes its presence again at its next ping: meanwhile its
// payments look left, after it they are its own again.
func TestTillPresenceTakenAgainAfterADroppedConnection(t *testing.T) {
	// A name of its own: the sessions terminated below are found by it, and
	// other tests (and test binaries) run tills named A on this server.
	const dropped = "A dropped"
	js := storeCounters(t, dropped, "B")
	a, b := js[0], js[1]
	ctx := context.Background()
	r := flowstest.Rec("at-a", flows.Sale, flows.AwaitingOTP, "1000", "0", "860000******0015")
	if err := a.Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{To: flows.AwaitingOTP}}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	if unfinishedIDs(t, b)["at-a"] {
		t.Fatal("B settles A's payment while A runs")
	}
	if _, err := b.pool.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = $1`, appNamePrefix+dropped); err != nil {
		t.Fatal(err)
	}
	waitUnfinished(t, b, "at-a", true, "A's connections terminated")
	for deadline := time.Now().Add(10 * time.Second); a.Ping(ctx) != nil; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("A's ping never came back")
		}
	}
	if unfinishedIDs(t, b)["at-a"] {
		t.Fatal("after A's ping B still settles A's payment: the presence was not taken again")
	}
}

// A till's ping or lock take cut short (its context done while it waited
// its turn) costs the till no request lock of a capture on its way: the
// dedicated connection holding it used to be handed back to the pool, where a write
// of the till took it, the answer's unlock went over a new one, and the
// payment stayed "capturing at counter A" for every counter until A
// stopped.
func TestTillPingCutShortKeepsItsRequestLock(t *testing.T) {
	js := storeCounters(t, "A", "B")
	a, b := js[0], js[1]
	ctx := context.Background()
	write := func(from, to flows.State) {
		t.Helper()
		r := flowstest.Rec("h", flows.Hold, to, "1000", "0", "860000******0015")
		if to == flows.Succeeded {
			r.Captured = r.Amount
		}
		if err := a.Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{From: from, To: to}}, octotest.T0); err != nil {
			t.Fatal(err)
		}
	}
	write("", flows.Held)
	write(flows.Held, flows.Capturing) // the capture journaled, its request on its way

	done, cancel := context.WithCancel(ctx)
	cancel()
	if err := a.Ping(done); err == nil {
		t.Fatal("a ping whose context is done answered")
	}
	other := flowstest.Rec("other", flows.Hold, flows.Canceling, "1000", "0", "860000******0015")
	if err := a.Write(done, flows.Journal{Record: other, Transition: flows.Transition{From: flows.Held, To: flows.Canceling}}, octotest.T0); err == nil {
		t.Fatal("a write whose context is done was journaled")
	}
	// A's journal takes a pooled connection meanwhile (for another
	// payment's write): the last one handed back, if the ping gave it back.
	c, err := a.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Release()
	if free, err := b.inflight.free(ctx, "h"); err != nil || free {
		t.Fatalf("while A's capture is out, B finds its request lock free (%v)", err)
	}
	write(flows.Capturing, flows.Succeeded) // the answer: A unlocks
	if free, err := b.inflight.free(ctx, "h"); err != nil || !free {
		t.Errorf("after A's answer its request lock is still held (%v): the unlock did not reach it", err)
	}
}

// A ping does not wait for the dedicated connection while a lock take
// holds it (OCTO's capture waits behind that take, and the status bar
// behind the ping): the presence is looked for over the pool.
func TestTillPingDoesNotWaitForTheRequestLocks(t *testing.T) {
	a := storeCounters(t, "A")[0]
	ctx := context.Background()
	a.inflight.mu.Lock() // a take on its way
	pinged := make(chan error, 1)
	go func() { pinged <- a.Ping(ctx) }()
	select {
	case err := <-pinged:
		if err != nil {
			t.Errorf("the ping: %v", err)
		}
	case <-time.After(10 * time.Second): // a guard against a hang, not a measure
		t.Error("the ping waited for the dedicated connection's lock take")
	}
	a.inflight.mu.Unlock()
}

// A binding another running till is making (its code being typed there)
// is not this counter's to settle on start (run.ReconcileBindings would
// read its status and journal over it under that till's cashier); once
// that till stops, it is. A till that blocks the token of a binding made
// elsewhere is its last writer.
func TestUnfinishedBindingsLeaveARunningTills(t *testing.T) {
	ctx := context.Background()
	_, a, b := stoppableTillA(t)
	write := func(j *Postgres, id string, s flows.BindState) {
		t.Helper()
		r := flows.BindingRecord{ShopTransactionID: id, State: s, Customer: "c-1", Operator: "ali", Card: "860000******0015"}
		if err := j.WriteBinding(ctx, r, octotest.T0); err != nil {
			t.Fatal(err)
		}
	}
	open := func(j *Postgres) map[string]bool {
		t.Helper()
		recs, err := j.Bindings(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, r := range recs {
			out[r.ShopTransactionID] = true
		}
		return out
	}
	write(a, "bind-a", flows.BindAwaitingOTP)
	write(a, "bind-blocked-at-b", flows.BindBound)
	write(b, "bind-blocked-at-b", flows.BindBlocking)
	if got := open(b); got["bind-a"] || !got["bind-blocked-at-b"] {
		t.Fatalf("while A runs, B settles the bindings %v; want only the block it sent", got)
	}
	if got := open(a); !got["bind-a"] || got["bind-blocked-at-b"] {
		t.Fatalf("A settles the bindings %v; want its own only", got)
	}
	_ = a.Close()
	for deadline := time.Now().Add(10 * time.Second); !open(b)["bind-a"]; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("A stopped, and B still leaves its binding")
		}
	}
}

// News of a stopped till's payment is settled by the first running till
// by name, whatever its name's length: a till named in Cyrillic letters
// past the 63 bytes the server keeps of a session's application_name was
// never found running, and the next one by name read the payment too.
func TestSettlesAStoppedTillsPaymentByName(t *testing.T) {
	long := "B" + strings.Repeat("ж", 31) // 32 letters, 63 bytes
	js := storeCounters(t, "A", long, "C")
	a, first, second := js[0], js[1], js[2]
	ctx := context.Background()
	r := flowstest.Rec("at-a", flows.Hold, flows.Held, "1000", "0", "860000******0015")
	if err := a.Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{To: flows.Held}}, octotest.T0); err != nil {
		t.Fatal(err)
	}
	_ = a.Close()
	waitUnfinished(t, second, "at-a", true, "A stopped")
	mine, err := first.Settles(ctx, "at-a")
	if err != nil || !mine {
		t.Errorf("the first running till by name (%s) does not settle the stopped till's payment (%v)", long, err)
	}
	if mine, err := second.Settles(ctx, "at-a"); err != nil || mine {
		t.Errorf("till C settles the stopped till's payment as well (%v)", err)
	}
}
