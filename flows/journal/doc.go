// Package journal keeps the crash-safe record of every payment attempt:
// the two implementations of flows.Store. SQLite (OpenSQLite) is one
// till's journal, one file in WAL mode with full sync; PostgreSQL
// (OpenPostgres) is the store journal of many counters, with a lock per
// payment in flight so two counters never send requests about one
// payment. Open chooses between them by the target: a path or a
// postgres:// URL.
//
// Both keep the same rules: a payment's record and its transition are
// written in one transaction before any request about it is sent;
// transitions and Z reports are never changed; the shift ledger and the
// money movements are booked as the payment moves (sqlite_ledger.go,
// sqlite_movements.go, and their PostgreSQL twins), so a closed shift's
// report never changes. The journal keeps no PAN beyond its first 6 and
// last 4 digits, no CVC and no code.
package journal
