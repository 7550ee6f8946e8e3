package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, "sqlite"
)

// SQLite is the SQLite journal: one file, WAL, append-only
// transitions beside the current record of every payment.
type SQLite struct {
	db   *sql.DB
	path string
	// Write's two statements, prepared once: preparing compiles the
	// ledger's triggers into the upsert, which costs more than running it.
	upsert, appendTransition *sql.Stmt
}

// DefaultPath is $XDG_STATE_HOME/octo-cashier/journal.db, or
// ~/.local/state/octo-cashier/journal.db.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("flows: journal path: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "octo-cashier", "journal.db"), nil
}

const schema = `
CREATE TABLE IF NOT EXISTS shifts(
	no INTEGER PRIMARY KEY,
	opened INTEGER NOT NULL,
	closed INTEGER
);
CREATE TABLE IF NOT EXISTS payments(
	shop_transaction_id TEXT PRIMARY KEY,
	kind TEXT NOT NULL, method TEXT NOT NULL, state TEXT NOT NULL, currency TEXT NOT NULL,
	amount INTEGER NOT NULL, captured INTEGER NOT NULL, released INTEGER NOT NULL,
	refunded INTEGER NOT NULL, fee INTEGER NOT NULL, transfer INTEGER NOT NULL,
	card TEXT NOT NULL, last4 TEXT NOT NULL, card_token TEXT NOT NULL, customer TEXT NOT NULL,
	operator TEXT NOT NULL, description TEXT NOT NULL,
	payment_uuid TEXT NOT NULL, payment_id INTEGER NOT NULL, octo_status TEXT NOT NULL,
	test INTEGER NOT NULL, held INTEGER NOT NULL, hold_expires INTEGER NOT NULL,
	pending_refund_id TEXT NOT NULL, pending_refund INTEGER NOT NULL, problem TEXT NOT NULL,
	created INTEGER NOT NULL, updated INTEGER NOT NULL, shift INTEGER NOT NULL,
	bucket TEXT NOT NULL, bucket_amount INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS payments_created ON payments(created);
-- History's searches are "newest first" within one state, card or amount:
-- each index ends in created, so a page is a range read, not a sort of
-- every match (330 ms → 2 ms for "today, paid" over a million payments).
DROP INDEX IF EXISTS payments_state;
DROP INDEX IF EXISTS payments_last4;
CREATE INDEX IF NOT EXISTS payments_state_created ON payments(state, created);
CREATE INDEX IF NOT EXISTS payments_last4_created ON payments(last4, created);
CREATE INDEX IF NOT EXISTS payments_amount_created ON payments(amount, created);
-- An amount searched finds what was charged too (a hold captured in part).
CREATE INDEX IF NOT EXISTS payments_captured_created ON payments(captured, created);
CREATE TABLE IF NOT EXISTS transitions(
	id INTEGER PRIMARY KEY,
	shop_transaction_id TEXT NOT NULL,
	at INTEGER NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL,
	event TEXT NOT NULL, note TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transitions_tx ON transitions(shop_transaction_id, id);
CREATE TRIGGER IF NOT EXISTS transitions_no_update BEFORE UPDATE ON transitions
	BEGIN SELECT RAISE(ABORT, 'transitions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS transitions_no_delete BEFORE DELETE ON transitions
	BEGIN SELECT RAISE(ABORT, 'transitions are append-only'); END;
CREATE TABLE IF NOT EXISTS tokens(
	token TEXT PRIMARY KEY, customer TEXT NOT NULL, card TEXT NOT NULL, method TEXT NOT NULL,
	status TEXT NOT NULL, updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_customer ON tokens(customer);
CREATE TABLE IF NOT EXISTS notifications(
	id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL,
	shop_transaction_id TEXT NOT NULL, payment_uuid TEXT NOT NULL, status TEXT NOT NULL,
	signature TEXT NOT NULL, body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS zreports(
	no INTEGER PRIMARY KEY, shift INTEGER NOT NULL, opened INTEGER NOT NULL, closed INTEGER NOT NULL,
	body TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS zreports_no_update BEFORE UPDATE ON zreports
	BEGIN SELECT RAISE(ABORT, 'Z reports are immutable'); END;
CREATE TRIGGER IF NOT EXISTS zreports_no_delete BEFORE DELETE ON zreports
	BEGIN SELECT RAISE(ABORT, 'Z reports are immutable'); END;
`

// OpenSQLite opens (or creates) the journal at path: one SQLite file in
// WAL mode with full sync, so a transition written is a transition kept,
// even after kill -9.
func OpenSQLite(path string) (*SQLite, error) { return openSQLite(path, "FULL") }

// OpenSQLiteTemporary creates a journal at path that lives as long as the
// process: the embedded sandbox's, whose payments the sandbox forgets when
// the console ends (and the journal is removed with it). Nothing in it is
// ever recovered, so nothing is synced to the disk: made afresh at every
// start, a synced journal was 10–20 ms of CPU and as many of waiting for
// the disk while the first keys were typed; 6–13 ms unsynced.
func OpenSQLiteTemporary(path string) (*SQLite, error) { return openSQLite(path, "OFF") }

// openSQLite opens the journal at path with SQLite's synchronous setting.
func openSQLite(path, synchronous string) (*SQLite, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("flows: journal directory: %w", err)
		}
	}
	// A page cache of 512 kB, not SQLite's 2 MB: the cache lives in the
	// console's memory beside the screens, and filled as the journal grew
	// (outside Go: 2.2 → 5.6 MB over 200 payments, make memwalk; 2.2–2.7
	// MB with it). The journal's reads go by index (History's first page,
	// a payment's detail) and the reports by running totals: neither
	// BenchmarkHistory1M nor BenchmarkJournalWrite moved beyond noise.
	dsn := "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(" + synchronous + ")&_pragma=foreign_keys(1)&_pragma=cache_size(-512)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("flows: open journal: %w", err)
	}
	// One connection: SQLite writes one at a time anyway, and it keeps the
	// journal's transactions strictly ordered.
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(schema + shiftSchema); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("flows: journal schema: %w", err)
	}
	if _, err := db.Exec(`INSERT INTO shifts(no, opened) SELECT 1, ? WHERE NOT EXISTS (SELECT 1 FROM shifts)`, time.Now().UnixMilli()); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("flows: journal first shift: %w", err)
	}
	if err := migrateHosted(context.Background(), db); err != nil { // before the ledger: its triggers read the column
		_ = db.Close()
		return nil, err
	}
	if err := migratePayPage(context.Background(), db); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := migrateLedger(context.Background(), db); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := migrateMovements(context.Background(), db); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := migrateCapturing(context.Background(), db); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := migrateBindings(context.Background(), db); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("flows: journal permissions: %w", err)
	}
	j := &SQLite{db: db, path: path}
	if j.upsert, err = db.Prepare(upsertPaymentSQL()); err == nil {
		j.appendTransition, err = db.Prepare(insertTransition)
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("flows: journal statements: %w", err)
	}
	return j, nil
}

// Path is the journal's file.
func (j *SQLite) Path() string { return j.path }

// Close closes the journal.
func (j *SQLite) Close() error {
	_ = j.upsert.Close()
	_ = j.appendTransition.Close()
	return j.db.Close()
}

// minor is an amount in minor units (tiyin): exact, two decimals.
func minor(d decimal.Decimal) int64 { return d.Shift(2).Round(0).IntPart() }

func major(v int64) decimal.Decimal { return decimal.New(v, -2) }

func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMillis(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

func bucketOf(r flows.Record) (string, int64) {
	switch r.State {
	case flows.Succeeded, flows.Refunding:
		if r.Kind == flows.Hold {
			return flows.BucketCaptured, minor(r.Captured)
		}
		return flows.BucketSold, minor(r.Captured)
	case flows.Held, flows.Capturing, flows.Canceling:
		return flows.BucketHeld, minor(r.Amount)
	case flows.Canceled:
		return flows.BucketCanceled, minor(r.Amount)
	case flows.Declined, flows.Failed:
		return flows.BucketDeclined, minor(r.Amount)
	case flows.Resolving:
		if r.PendingRefundID != "" {
			// Only the refund's outcome is unknown: the payment stays paid
			// (its refund counts once confirmed), as while Refunding.
			if r.Kind == flows.Hold {
				return flows.BucketCaptured, minor(r.Captured)
			}
			return flows.BucketSold, minor(r.Captured)
		}
		return flows.BucketUnknown, minor(r.Amount)
	case flows.Draft, flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP, flows.CheckingOTP, flows.ResendingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.AwaitingPage:
	}
	return flows.BucketOpen, minor(r.Amount)
}

// upsertPaymentSQL stores a payment's record. A write that moves the
// payment to another bucket books it in the open shift (payments.shift,
// see sqlite_ledger.go); one that does not leaves it where it is booked.
// Written when the journal opens, not at every start's init.
func upsertPaymentSQL() string {
	return `INSERT INTO payments(shop_transaction_id, kind, method, state, currency,
	amount, captured, released, refunded, fee, transfer, card, last4, card_token, customer, operator, description,
	payment_uuid, payment_id, octo_status, test, held, hold_expires, pending_refund_id, pending_refund, problem,
	created, updated, shift, bucket, bucket_amount, hosted, pay_url, pay_expires)
	VALUES(?,?,?,?,?, ?,?,?,?,?,?, ?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?, ?,?,(SELECT max(no) FROM shifts),?,?,?,?,?)
	ON CONFLICT(shop_transaction_id) DO UPDATE SET kind=excluded.kind, method=excluded.method,
	state=excluded.state, currency=excluded.currency, amount=excluded.amount, captured=excluded.captured,
	released=excluded.released, refunded=excluded.refunded, fee=excluded.fee, transfer=excluded.transfer,
	card=excluded.card, last4=excluded.last4, card_token=excluded.card_token, customer=excluded.customer,
	operator=excluded.operator, description=excluded.description, payment_uuid=excluded.payment_uuid,
	payment_id=excluded.payment_id, octo_status=excluded.octo_status, test=excluded.test, held=excluded.held,
	hold_expires=excluded.hold_expires, pending_refund_id=excluded.pending_refund_id,
	pending_refund=excluded.pending_refund, problem=excluded.problem, updated=excluded.updated,
	bucket=excluded.bucket, bucket_amount=excluded.bucket_amount, hosted=excluded.hosted,
	pay_url=excluded.pay_url, pay_expires=excluded.pay_expires,
	shift=CASE WHEN ` + movedSQL("payments", "excluded") + ` THEN excluded.shift ELSE payments.shift END`
}

const insertTransition = `INSERT INTO transitions(shop_transaction_id, at, from_state, to_state, event, note) VALUES(?,?,?,?,?,?)`

// Write stores the payment's record and appends its transition, in one
// transaction. A Refunding payment counts as paid, its refund not yet.
func (j *SQLite) Write(ctx context.Context, e flows.Journal, at time.Time) error {
	r := e.Record
	if r.ShopTransactionID == "" {
		return errors.New("flows: journal: record without shop_transaction_id")
	}
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flows: journal: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	bucket, bamt := bucketOf(r)
	ms := at.UnixMilli()
	_, err = tx.StmtContext(ctx, j.upsert).ExecContext(ctx,
		r.ShopTransactionID, string(r.Kind), string(r.Method), string(r.State), r.Currency,
		minor(r.Amount), minor(r.Captured), minor(r.Released), minor(r.Refunded), minor(r.Fee), minor(r.Transfer),
		r.Card, r.Last4(), r.CardToken, r.Customer, r.Operator, r.Description,
		r.PaymentUUID, r.PaymentID, string(r.OCTOStatus), r.Test, r.Held, millis(r.HoldExpires),
		r.PendingRefundID, minor(r.PendingRefund), r.Problem, ms, ms, bucket, bamt, r.Hosted, r.PayURL, millis(r.PayExpires))
	if err != nil {
		return fmt.Errorf("flows: journal payment: %w", err)
	}
	if err := writeCapturing(ctx, tx, r); err != nil {
		return err
	}
	t := e.Transition
	if t.ShopTransactionID == "" {
		t.ShopTransactionID = r.ShopTransactionID
	}
	if t.At.IsZero() {
		t.At = at
	}
	if _, err := tx.StmtContext(ctx, j.appendTransition).ExecContext(ctx,
		t.ShopTransactionID, t.At.UnixMilli(), string(t.From), string(t.To), t.Event, t.Note); err != nil {
		return fmt.Errorf("flows: journal transition: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flows: journal commit: %w", err)
	}
	return nil
}

const recordCols = `shop_transaction_id, kind, method, state, currency, amount, captured, released, refunded,
	fee, transfer, card, card_token, customer, operator, description, payment_uuid, payment_id, octo_status,
	test, held, hold_expires, pending_refund_id, pending_refund, problem, created, updated, shift, capturing, hosted,
	pay_url, pay_expires`

func scanRecords(rows *sql.Rows) ([]flows.Record, error) {
	defer func() { _ = rows.Close() }()
	var out []flows.Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: journal rows: %w", err)
	}
	return out, nil
}

// scanRecord reads the row rows stands on (selected as recordCols).
func scanRecord(rows *sql.Rows) (flows.Record, error) {
	var r flows.Record
	var kind, method, state, status string
	var amount, captured, released, refunded, fee, transfer, holdExp, pend, created, updated, capturing, payExp int64
	if err := rows.Scan(&r.ShopTransactionID, &kind, &method, &state, &r.Currency, &amount, &captured,
		&released, &refunded, &fee, &transfer, &r.Card, &r.CardToken, &r.Customer, &r.Operator,
		&r.Description, &r.PaymentUUID, &r.PaymentID, &status, &r.Test, &r.Held, &holdExp,
		&r.PendingRefundID, &pend, &r.Problem, &created, &updated, &r.Shift, &capturing, &r.Hosted,
		&r.PayURL, &payExp); err != nil {
		return flows.Record{}, fmt.Errorf("flows: journal scan: %w", err)
	}
	r.Kind, r.Method, r.State, r.OCTOStatus = flows.Kind(kind), octo.Method(method), flows.State(state), octo.Status(status)
	r.Amount, r.Captured, r.Released, r.Refunded = major(amount), major(captured), major(released), major(refunded)
	r.Fee, r.Transfer, r.PendingRefund = major(fee), major(transfer), major(pend)
	r.Capturing = major(capturing)
	r.HoldExpires, r.Created, r.Updated = fromMillis(holdExp), fromMillis(created), fromMillis(updated)
	r.PayExpires = fromMillis(payExp)
	return r, nil
}

// History lists payments, newest first.
func (j *SQLite) History(ctx context.Context, f flows.Filter) ([]flows.Record, error) {
	var where []string
	var args []any
	if !f.From.IsZero() {
		where, args = append(where, "created >= ?"), append(args, f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		where, args = append(where, "created < ?"), append(args, f.To.UnixMilli())
	}
	states := f.States
	if f.State != "" {
		states = append([]flows.State{f.State}, states...)
	}
	if len(states) > 0 {
		where = append(where, "state IN (?"+strings.Repeat(", ?", len(states)-1)+")")
		for _, st := range states {
			args = append(args, string(st))
		}
	}
	if f.Refunded {
		where = append(where, "refunded > 0")
	}
	switch {
	case f.Last4OrAmount && !f.Amount.IsZero() && f.Last4 != "":
		where, args = append(where, "(amount = ? OR captured = ? OR last4 = ?)"), append(args, minor(f.Amount), minor(f.Amount), f.Last4)
	default:
		if !f.Amount.IsZero() {
			where, args = append(where, "(amount = ? OR captured = ?)"), append(args, minor(f.Amount), minor(f.Amount))
		}
		if f.Last4 != "" {
			where, args = append(where, "last4 = ?"), append(args, f.Last4)
		}
	}
	if f.ShopTransactionID != "" {
		where, args = append(where, "shop_transaction_id = ?"), append(args, f.ShopTransactionID)
	}
	q := "SELECT " + recordCols + " FROM payments"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	q += " ORDER BY created DESC, rowid DESC LIMIT ?"
	args = append(args, limit)
	rows, err := j.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: history: %w", err)
	}
	return scanRecords(rows)
}

// Get returns one payment's record.
func (j *SQLite) Get(ctx context.Context, shopTransactionID string) (flows.Record, error) {
	rows, err := j.db.QueryContext(ctx, "SELECT "+recordCols+" FROM payments WHERE shop_transaction_id = ?", shopTransactionID)
	if err != nil {
		return flows.Record{}, fmt.Errorf("flows: journal get: %w", err)
	}
	rs, err := scanRecords(rows)
	if err != nil {
		return flows.Record{}, err
	}
	if len(rs) == 0 {
		return flows.Record{}, fmt.Errorf("flows: journal: no payment %q: %w", shopTransactionID, flows.ErrNotJournaled)
	}
	return rs[0], nil
}

// Timeline is a payment's transitions, oldest first.
func (j *SQLite) Timeline(ctx context.Context, shopTransactionID string) ([]flows.Transition, error) {
	rows, err := j.db.QueryContext(ctx, `SELECT id, shop_transaction_id, at, from_state, to_state, event, note
		FROM transitions WHERE shop_transaction_id = ? ORDER BY id`, shopTransactionID)
	if err != nil {
		return nil, fmt.Errorf("flows: timeline: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []flows.Transition
	for rows.Next() {
		var t flows.Transition
		var at int64
		var from, to string
		if err := rows.Scan(&t.ID, &t.ShopTransactionID, &at, &from, &to, &t.Event, &t.Note); err != nil {
			return nil, fmt.Errorf("flows: timeline scan: %w", err)
		}
		t.At, t.From, t.To = time.UnixMilli(at), flows.State(from), flows.State(to)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: timeline: %w", err)
	}
	return out, nil
}

// OpenHolds lists the holds waiting for capture or cancel, soonest expiry first.
func (j *SQLite) OpenHolds(ctx context.Context) ([]flows.Record, error) {
	rows, err := j.db.QueryContext(ctx, "SELECT "+recordCols+` FROM payments WHERE state = ?
		ORDER BY hold_expires = 0, hold_expires, created`, string(flows.Held))
	if err != nil {
		return nil, fmt.Errorf("flows: open holds: %w", err)
	}
	return scanRecords(rows)
}

// Unfinished lists the payments whose workflow did not end (in flight,
// waiting, holds, unknown outcomes) and paid payments with a refund not
// yet confirmed: what run.Reconcile must read from OCTO on start.
func (j *SQLite) Unfinished(ctx context.Context) ([]flows.Record, error) {
	rows, err := j.db.QueryContext(ctx, "SELECT "+recordCols+` FROM payments
		WHERE state NOT IN (?, ?, ?, ?) OR pending_refund_id != '' ORDER BY created`,
		string(flows.Succeeded), string(flows.Declined), string(flows.Canceled), string(flows.Failed))
	if err != nil {
		return nil, fmt.Errorf("flows: unfinished: %w", err)
	}
	return scanRecords(rows)
}
