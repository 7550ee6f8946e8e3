package journal

// A till on the store journal is present while it runs: its dedicated
// connection (postgres_inflight.go) holds a shared advisory lock keyed by
// the store's schema and the counter's name, taken when the journal opens
// and gone with the connection when the till stops or dies. A tool (the
// notification receiver, events, store-z) opens the journal without it, so
// it never makes a till look running.
//
// Presence decides whose unfinished payments a counter settles on start
// (Unfinished): a payment another running till wrote last is that till's
// business — a code the customer is still typing, a capture on its way —
// and reading its status from here would journal it over under that till
// (restored to resolving, then its outcome), so that till's next step is
// refused as being handled elsewhere. A payment whose till is not running
// is anybody's to settle, as before.

// presenceKey is the advisory lock key of the till named by $1, in SQL:
// seed 2, apart from the payments' request locks (seed 1) and Write's
// transaction lock (seed 0). Advisory locks span the database, so the
// schema is in the key: a till of another store (schema) is not this one.
const presenceKey = `hashtextextended('till ' || current_schema() || ' ' || $1, 2)`

// tillRunning is a condition, in SQL, true when the till whose name is the
// expression `counter` holds its presence now (pg_locks shows a bigint
// key as its high and low halves, in classid and objid).
func tillRunning(counter string) string {
	return `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
		AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('till ' || current_schema() || ' ' || ` + counter + `, 2))`
}
