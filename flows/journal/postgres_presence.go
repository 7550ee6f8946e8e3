package journal

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/octo-cashier/octo-cashier/flows"
)

// A till on the store journal is present while it runs: its dedicated
// connection (postgres_inflight.go) holds a shared advisory lock keyed by
// the store's schema and the counter's name, taken when the journal opens
// and gone with the connection when the till stops or dies. A tool (the
// notification receiver, events, store-z) opens the journal without it, so
// it never makes a till look running.
//
// Presence decides whose unfinished payments and card bindings a counter
// settles on start (Unfinished, Bindings): a payment another running till wrote last is that till's
// business — a code the customer is still typing, a capture on its way —
// and reading its status from here would journal it over under that till
// (restored to resolving, then its outcome), so that till's next step is
// refused as being handled elsewhere. A payment whose till is not running
// is anybody's to settle, as before.

// presenceKey is the advisory lock key, in SQL, of the till whose name is
// the expression counter: seed 2, apart from the payments' request locks
// (seed 1) and Write's transaction lock (seed 0). Advisory locks span the
// database, so the schema is in the key: a till of another store (schema)
// is not this one.
func presenceKey(counter string) string {
	return `hashtextextended('till ' || current_schema() || ' ' || ` + counter + `, 2)`
}

// advisoryKeyIs is a condition on pg_locks l, in SQL: l is a granted
// advisory lock on the bigint key (pg_locks shows it as its high and low
// halves, in classid and objid).
func advisoryKeyIs(key string) string {
	return `l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
		AND ((l.classid::bigint << 32) | l.objid::bigint) = ` + key
}

// tillRunning is a condition, in SQL, true when the till whose name is the
// expression counter holds its presence now.
func tillRunning(counter string) string {
	return `EXISTS (SELECT 1 FROM pg_locks l WHERE ` + advisoryKeyIs(presenceKey(counter)) + `)`
}

// Settles says whether this counter is the one to read OCTO's status when
// the store's receiver wakes every counter about payment id: the till
// that wrote the payment last while it runs, else the first running till
// by name (so a till that stopped leaves its news to one other, not to all).
// Each counter reading would spend OCTO's ~one read a second per payment
// on the same answer, and journal over the till whose screen has it. A
// payment the journal does not have is every counter's (nothing is read).
func (j *Postgres) Settles(ctx context.Context, id string) (bool, error) {
	var settler *string
	// The tills are those that ever opened a shift: not the sessions'
	// application_name, which the server cuts at 63 bytes (a till named
	// in 22 Cyrillic letters would never be found running).
	err := j.pool.QueryRow(ctx, `SELECT CASE WHEN `+tillRunning("p.acting_counter")+` THEN p.acting_counter ELSE (
			SELECT min(t.counter) FROM (SELECT DISTINCT counter FROM shifts) t WHERE `+tillRunning("t.counter")+`) END
		FROM payments p WHERE p.shop_transaction_id = $1`, id).Scan(&settler)
	if errors.Is(err, pgx.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("flows: journal: who settles %s: %w", id, err)
	}
	return settler == nil || *settler == j.counter, nil
}

// LeftHere lists the payments and card bindings this counter wrote last
// and did not finish: what it settles when the store journal is back after
// being away (its writes that failed meanwhile). No other counter's, even
// one that looks stopped: after a server restart no till holds its
// presence until its next ping, so a counter back first would take every
// other till's payments for a stopped one's — a code being typed there
// restored to resolving under its cashier. A start settles those.
func (j *Postgres) LeftHere(ctx context.Context) ([]flows.Record, []flows.BindingRecord, error) {
	ps, err := j.unfinished(ctx, `acting_counter = $1`)
	if err != nil {
		return nil, nil, err
	}
	bs, err := j.bindings(ctx, `counter = $4`)
	if err != nil {
		return nil, nil, err
	}
	return ps, bs, nil
}
