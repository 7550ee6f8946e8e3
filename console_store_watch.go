package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/ui"
)

// The store journal's watch: while the console runs on a PostgreSQL
// journal it pings the server every storeWatchEvery (and at once when the
// screens ask, as a sale starts), and sends each change of reachability to
// the screens, which say so in the status bar and refuse new payments,
// captures and refunds while it is away (ui/store_health.go).

// storeWatchEvery is how often the store journal is pinged; storePingWait
// bounds one ping (a server that does not answer is as good as away).
const (
	storeWatchEvery = 2 * time.Second
	storePingWait   = 1500 * time.Millisecond
)

// storeWatch pings the store journal and reports its changes.
type storeWatch struct {
	ping    func(context.Context) error
	every   time.Duration
	wait    time.Duration
	log     *slog.Logger
	nudges  chan struct{}
	changes chan ui.StoreStatus // the latest change; a newer one replaces it
	down    bool                // run's own: only run reads and writes it
}

func newStoreWatch(ping func(context.Context) error, log *slog.Logger) *storeWatch {
	return &storeWatch{ping: ping, every: storeWatchEvery, wait: storePingWait, log: log,
		nudges: make(chan struct{}, 1), changes: make(chan ui.StoreStatus, 1)}
}

// nudge asks for a ping now, without waiting for it.
func (w *storeWatch) nudge() {
	select {
	case w.nudges <- struct{}{}:
	default:
	}
}

// run pings until ctx ends.
func (w *storeWatch) run(ctx context.Context) {
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		w.check(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.nudges:
		}
	}
}

// check pings once and reports a change.
func (w *storeWatch) check(ctx context.Context) {
	pctx, cancel := context.WithTimeout(ctx, w.wait)
	err := w.ping(pctx)
	cancel()
	if ctx.Err() != nil || (err != nil) == w.down {
		return
	}
	w.down = err != nil
	st := ui.StoreStatus{Down: w.down}
	if err != nil {
		st.Err = err.Error()
		w.log.Error("store journal unreachable: new payments refused until it is back", "err", err)
	} else {
		w.log.Info("store journal reachable again")
	}
	// The screens need the latest state, not every one: a change not yet
	// taken is replaced.
	select {
	case <-w.changes:
	default:
	}
	w.changes <- st
}

// watchStore starts the store journal's watch for the screens (opts) until
// ctx ends or the console returns, and returns its nudge.
func watchStore(ctx context.Context, jg *journalGate, opts *ui.Options, log *slog.Logger) func() {
	w := newStoreWatch(func(ctx context.Context) error {
		j, err := jg.wait()
		if err != nil {
			return err
		}
		pj, ok := j.(*journal.Postgres)
		if !ok {
			return nil
		}
		return pj.Ping(ctx)
	}, log)
	opts.StoreStatus, opts.CheckStore = w.changes, w.nudge
	go w.run(ctx)
	return w.nudge
}
