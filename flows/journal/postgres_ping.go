package journal

import "context"

// Ping asks the store's server for one round trip. A counter pings every
// few seconds and before a sale starts, so that a server gone away is
// told to the cashier before anything is typed, not at the first journal
// write; a connection the server dropped is replaced by the pool, so the
// first ping after the server is back succeeds.
//
// A till's ping also looks for the till's presence (inflightLocks.check),
// so that a dedicated connection the server dropped (and the presence
// with it) is taken again within a ping of the server's return; it asks
// over the pool, so a ping cut short never costs the till that connection.
func (j *Postgres) Ping(ctx context.Context) error {
	if j.inflight.till != "" {
		return j.inflight.check(ctx)
	}
	return j.pool.Ping(ctx)
}
