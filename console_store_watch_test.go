package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui"
)

// The PostgreSQL server of a store goes away (pg_ctl stop -m immediate)
// while the console runs: the watch tells the screens within a few pings,
// a sale started meanwhile sends nothing to OCTO (its first journal write
// fails), and when the server is back (pg_ctl start) the watch says so and
// the next sale goes through on the same journal, with no restart.
func TestStoreWatchServerAwayAndBack(t *testing.T) {
	pg := startThrowawayPG(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	j, err := journal.OpenPostgres(ctx, pg.URL, "A")
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	sb := sandbox.New(sandbox.Options{NoRateLimit: true})
	defer sb.Close()
	client := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(sb.Client()))
	runner := &run.Runner{Gateway: client, Journal: j}

	w := newStoreWatch(j.Ping, slog.New(slog.NewTextHandler(io.Discard, nil)))
	w.every, w.wait = 100*time.Millisecond, time.Second
	go w.run(ctx)
	// next waits for the watch's next change and says how long after
	// start (the pg_ctl command began) it came.
	next := func(what string, start time.Time) (ui.StoreStatus, time.Duration) {
		t.Helper()
		select {
		case st := <-w.changes:
			return st, time.Since(start)
		case <-time.After(20 * time.Second):
			t.Fatalf("the watch never said %s", what)
		}
		return ui.StoreStatus{}, 0
	}
	sale := func() flows.Payment {
		t.Helper()
		p, err := flows.NewCardPayment(flows.Sale, flows.Order{Amount: decimal.NewFromInt(25000), Test: true, ReturnURL: "http://sandbox.test/"},
			octo.Card{PAN: "8600000000000015", Exp: "2912"})
		if err != nil {
			t.Fatal(err)
		}
		p, err = run.Drive(ctx, runner, p, flows.Start{})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	prepares := func() int {
		n := 0
		for _, ev := range sb.Events() {
			if ev.Kind == sandbox.EventRequest && ev.Method == "prepare_payment" {
				n++
			}
		}
		return n
	}

	if p := sale(); p.State != flows.AwaitingOTP || prepares() != 1 {
		t.Fatalf("a sale with the store up: %s (%s), %d prepare_payment", p.State, p.Problem, prepares())
	}
	at := time.Now()
	pg.halt(t)
	st, down := next("the store away", at)
	if !st.Down || st.Err == "" {
		t.Fatalf("after pg_ctl stop: %+v", st)
	}
	if p := sale(); p.State == flows.AwaitingOTP || !strings.Contains(p.Problem.English(), "nothing was sent") {
		t.Errorf("a sale with the store away: %s (%s)", p.State, p.Problem)
	}
	if n := prepares(); n != 1 {
		t.Errorf("%d prepare_payment in all: a request went out that could not be journaled", n)
	}
	at = time.Now()
	pg.resume(t)
	st, up := next("the store back", at)
	if st.Down {
		t.Fatalf("after pg_ctl start: %+v", st)
	}
	if p := sale(); p.State != flows.AwaitingOTP || prepares() != 2 {
		t.Errorf("a sale with the store back: %s (%s), %d prepare_payment", p.State, p.Problem, prepares())
	}
	t.Logf("noticed the server away %v and back %v after pg_ctl began (pinging every %v)", down.Round(time.Millisecond), up.Round(time.Millisecond), w.every)
}
