package journal

import (
	"context"
	"fmt"
	"sync"

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
type inflightLocks struct {
	pool *pgxpool.Pool
	mu   sync.Mutex
	conn *pgxpool.Conn // nil until first needed, and after it broke
}

func (l *inflightLocks) exec(ctx context.Context, q, id string) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		c, err := l.pool.Acquire(ctx)
		if err != nil {
			return false, err
		}
		l.conn = c
	}
	var ok bool
	if err := l.conn.QueryRow(ctx, q, id).Scan(&ok); err != nil {
		// A broken connection took its locks with it; the next use takes a new one.
		l.conn.Release()
		l.conn = nil
		return false, err
	}
	return ok, nil
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
		l.conn.Release()
		l.conn = nil
	}
}
