package journal

import "context"

// Ping asks the store's server for one round trip. A counter pings every
// few seconds and before a sale starts, so that a server gone away is
// told to the cashier before anything is typed, not at the first journal
// write; a connection the server dropped is replaced by the pool, so the
// first ping after the server is back succeeds.
func (j *Postgres) Ping(ctx context.Context) error {
	return j.pool.Ping(ctx)
}
