package main

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
)

// tillOf is the counter the header names on a store journal ("A" when none
// is configured); nothing for a single till, whose header names none.
func tillOf(cfg Config) string {
	if !journal.IsPostgresURL(cfg.Console.Journal) {
		return ""
	}
	c := cfg.Console.Counter
	if c == "" {
		c = journal.DefaultCounter
	}
	return c
}

// counterOf is the till's name for its receipts and reports: the
// configured counter, or on a store journal the default one; nothing for a
// single till that names none.
func counterOf(cfg Config) string {
	if c := strings.TrimSpace(cfg.Console.Counter); c != "" || !journal.IsPostgresURL(cfg.Console.Journal) {
		return c
	}
	return journal.DefaultCounter
}

// listenStore hands the store receiver's wake-ups (octo-cashier notify,
// through PostgreSQL LISTEN/NOTIFY) to this counter's listener, as if OCTO
// had notified the counter itself: the screens read the payment's status.
// A broken connection is listened on again after a second, until ctx ends.
func listenStore(ctx context.Context, j *journal.Postgres, l *run.Listener, log *slog.Logger) {
	for ctx.Err() == nil {
		err := j.Listen(ctx, func(w flows.Wakeup) {
			switch w.Kind {
			case "payment":
				if l.Hint != nil {
					l.Hint(w.ShopTransactionID, octo.Status(w.Status))
				}
			case "bind":
				if l.Bound != nil {
					l.Bound(w.ShopTransactionID, w.Token, octo.TokenStatus(w.Status))
				}
			}
		})
		if err == nil || ctx.Err() != nil {
			return
		}
		log.Error("store notifications: listening again in a second", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
