package journal

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// A request about a payment is in flight from the write that journals it
// (capture, cancel, refund: requestState) until the write of its answer.
// For that whole time the counter sending it holds a session advisory
// lock on the payment, on a connection of its own: another counter (or a
// notification being applied there) cannot journal over the request while
// it is out, and is told who holds it. If the counter dies, its connection
// and the lock go with it, so whichever counter starts next may recover
// the payment. The key is the payment id hashed with seed 1, apart from
// Write's transaction lock (seed 0), which it would otherwise hold for the
// request's whole duration.
//
// The same connection carries the till's presence (postgres_presence.go)
// for as long as the till runs: a connection taken anew takes it again.
type inflightLocks struct {
	pool *pgxpool.Pool
	till string // the counter whose presence the connection holds; "" for a tool
	mu   sync.Mutex
	conn *pgxpool.Conn // nil until first needed, and after it broke
	// pid is conn's server process, 0 while there is none: check looks for
	// the presence under it without taking mu.
	pid atomic.Uint32
}

// held is the dedicated connection, taken (with the till's presence) if
// there is none. Called with mu held.
func (l *inflightLocks) held(ctx context.Context) (*pgxpool.Conn, error) {
	if l.conn != nil {
		return l.conn, nil
	}
	c, err := l.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	if l.till != "" {
		if _, err := c.Exec(ctx, `SELECT pg_advisory_lock_shared(`+presenceKey("$1")+`)`, l.till); err != nil {
			c.Release()
			return nil, fmt.Errorf("the till's presence: %w", err)
		}
	}
	l.conn = c
	l.pid.Store(c.Conn().PgConn().PID())
	return c, nil
}

func (l *inflightLocks) exec(ctx context.Context, q, id string) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c, err := l.held(ctx)
	if err != nil {
		return false, err
	}
	var ok bool
	if err := c.QueryRow(ctx, q, id).Scan(&ok); err != nil {
		if c.Conn().IsClosed() {
			l.drop()
		}
		return false, err
	}
	return ok, nil
}

// drop lets the dedicated connection go, closed, never back to the pool:
// the next use takes a new one. A broken connection took its locks with
// it; one an error left open (a context done before anything was sent)
// is kept, not dropped (exec), since in the pool its request locks would
// stay held by a session nobody unlocks them on. Called with mu held.
func (l *inflightLocks) drop() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	_ = l.conn.Conn().Close(ctx)
	cancel()
	l.conn.Release() // closed: the pool destroys it
	l.conn = nil
	l.pid.Store(0)
}

// check makes sure the till's presence is held, taking a new dedicated
// connection (with it) if the server dropped the old one (a restart, a
// terminated backend). It asks over the pool and leaves the dedicated
// connection alone while the presence is there: a ping cut short on it
// would close it, and with it the request locks of captures on their
// way, and would hold up their next take behind mu.
func (l *inflightLocks) check(ctx context.Context) error {
	pid := l.pid.Load()
	var present bool
	if err := l.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = $1 AND `+
		advisoryKeyIs(presenceKey("$2"))+`)`, int64(pid), l.till).Scan(&present); err != nil {
		return err
	}
	if present {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil && l.pid.Load() == pid { // not replaced by a take meanwhile
		l.drop()
	}
	_, err := l.held(ctx)
	return err
}

// take tries the payment's request lock: false when another session holds it.
func (l *inflightLocks) take(ctx context.Context, id string) (bool, error) {
	ok, err := l.exec(ctx, `SELECT pg_try_advisory_lock(hashtextextended($1, 1))`, id)
	if err != nil {
		return false, fmt.Errorf("request lock: %w", err)
	}
	return ok, nil
}

// release gives the lock back once (session locks count their takes).
func (l *inflightLocks) release(id string) {
	_, _ = l.exec(context.Background(), `SELECT pg_advisory_unlock(hashtextextended($1, 1))`, id)
}

// free says whether no other session holds the payment's request lock
// (the counter that sent the request died, or there is none).
func (l *inflightLocks) free(ctx context.Context, id string) (bool, error) {
	ok, err := l.take(ctx, id)
	if ok {
		l.release(id)
	}
	return ok, err
}

func (l *inflightLocks) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		l.drop()
	}
}
