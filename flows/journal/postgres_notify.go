package journal

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The store's one notification receiver (octo-cashier notify) journals
// OCTO's notifications into the store journal and wakes the counters
// through PostgreSQL's LISTEN/NOTIFY on wakeChannel; each counter listens
// (Listen) and treats a wake-up as its own listener's hint: it reads the
// payment's status, as for any notification. Only notifications whose
// signature checked out wake anyone; forged and unsigned ones are
// journaled for the inspector and answered 403 (run.Listener).

// wakeChannel is the NOTIFY channel of the store's notifications.
const wakeChannel = "octo_cashier_notifications"

// Wake tells every listening counter about a notification.
func (j *Postgres) Wake(ctx context.Context, w flows.Wakeup) error {
	b, err := json.Marshal(w)
	if err != nil {
		return err
	}
	if _, err := j.pool.Exec(ctx, `SELECT pg_notify($1, $2)`, wakeChannel, string(b)); err != nil {
		return fmt.Errorf("flows: wake the counters: %w", err)
	}
	return nil
}

// Listen calls fn with every wake-up until ctx ends or the connection
// breaks (its error is returned; the caller listens again).
func (j *Postgres) Listen(ctx context.Context, fn func(flows.Wakeup)) error {
	pc, err := j.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("flows: listen: %w", err)
	}
	// A connection that LISTENed is not given back to the pool for others.
	conn := pc.Hijack()
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	if _, err := conn.Exec(ctx, "LISTEN "+wakeChannel); err != nil {
		return fmt.Errorf("flows: listen: %w", err)
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("flows: listen: %w", err)
		}
		var w flows.Wakeup
		if json.Unmarshal([]byte(n.Payload), &w) == nil && w.ShopTransactionID != "" {
			fn(w)
		}
	}
}
