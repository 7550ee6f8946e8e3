package journal

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The money journal: one row per money movement, with its own time.
//
// A payment's record says where its money stands now; its movements say
// how it got there and when: a sale paid, a hold placed, a hold captured
// (and the part of it released), a hold canceled, each refund. Receipts
// are documents of movements (a refund has its own slip, dated when it was
// made), the CSV export lists the movements of a period (a refund made on
// a later day is in that day's export), and the shift reports take OCTO's
// fees from the sales and captures of the shift.
//
// Movements are written by triggers on the payments table, in the
// transaction that writes the payment (so no movement is ever missed or
// written twice), at the write's time (payments.updated: the runner's
// clock, the sandbox's when its clock was moved) and in the open shift.
// A payment is sold, held, captured and canceled at most once; refunds
// and releases are each increase of the refunded and released money. The
// table is append-only, except for the fee of a sale or capture, which
// OCTO may give only in a later status read.
//
// A journal written before the table existed gains it when opened, filled
// once from its payments: a movement per sale, hold, capture, release and
// cancel, dated by the timeline's first move into that state, and the
// refunds as one movement dated by the last refund in the timeline.

// movementCols are the columns a new movement row is written with.
const movementCols = `shop_transaction_id, at, shift, kind, channel, amount, fee, ref`

// movementInserts is the SQL a trigger on payments runs to journal the
// movements of a write: old is the row before (OLD), or "" for a new
// payment.
func movementInserts(old string) string {
	was := func(bucket string) string { // the row was in bucket before
		if old == "" {
			return "0"
		}
		return fmt.Sprintf("(%s.bucket IS '%s')", old, bucket)
	}
	released, refunded := "0", "0"
	ref := "NEW.pending_refund_id"
	if old != "" {
		released, refunded = releasedSQL(old), old+".refunded"
		ref = fmt.Sprintf("(CASE WHEN %[1]s.pending_refund_id != '' THEN %[1]s.pending_refund_id ELSE NEW.pending_refund_id END)", old)
	}
	insert := func(kind, amount, fee, ref, when string) string {
		return `INSERT INTO movements(` + movementCols + `)
	SELECT NEW.shop_transaction_id, NEW.updated, ` + openShiftSQL + `, ` + kind + `, ` + channelOf("NEW") + `, ` +
			amount + `, ` + fee + `, ` + ref + ` WHERE ` + when + `;
	`
	}
	once := func(kinds string) string {
		return `NOT EXISTS (SELECT 1 FROM movements WHERE shop_transaction_id = NEW.shop_transaction_id AND kind IN (` + kinds + `))`
	}
	var b strings.Builder
	b.WriteString(insert("'hold'", "NEW.amount", "0", "''",
		fmt.Sprintf("NEW.kind = '%s' AND NEW.bucket = '%s' AND NOT %s AND %s", flows.Hold, flows.BucketHeld, was(flows.BucketHeld), once("'hold'"))))
	b.WriteString(insert(fmt.Sprintf("(CASE NEW.bucket WHEN '%s' THEN 'sale' ELSE 'capture' END)", flows.BucketSold),
		"NEW.bucket_amount", "NEW.fee", "''",
		fmt.Sprintf("NEW.bucket IN ('%[1]s', '%[2]s') AND NOT %[3]s AND NOT %[4]s AND %[5]s",
			flows.BucketSold, flows.BucketCaptured, was(flows.BucketSold), was(flows.BucketCaptured), once("'sale', 'capture'"))))
	b.WriteString(insert("'release'", releasedSQL("NEW")+" - "+released, "0", "''", releasedSQL("NEW")+" > "+released))
	b.WriteString(insert("'cancel'", "NEW.amount", "0", "''",
		fmt.Sprintf("NEW.bucket = '%s' AND NOT %s AND %s", flows.BucketCanceled, was(flows.BucketCanceled), once("'cancel'"))))
	b.WriteString(insert("'refund'", "NEW.refunded - "+refunded, "0", ref, "NEW.refunded > "+refunded))
	return b.String()
}

func movementSchema() string {
	return `
CREATE TABLE IF NOT EXISTS movements(
	id INTEGER PRIMARY KEY,
	shop_transaction_id TEXT NOT NULL, at INTEGER NOT NULL, shift INTEGER NOT NULL,
	kind TEXT NOT NULL, channel TEXT NOT NULL, amount INTEGER NOT NULL, fee INTEGER NOT NULL, ref TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS movements_tx ON movements(shop_transaction_id, kind);
CREATE INDEX IF NOT EXISTS movements_at ON movements(at);
CREATE INDEX IF NOT EXISTS movements_shift ON movements(shift);
CREATE TRIGGER IF NOT EXISTS movements_no_delete BEFORE DELETE ON movements
	BEGIN SELECT RAISE(ABORT, 'money movements are append-only'); END;
CREATE TRIGGER IF NOT EXISTS movements_no_update BEFORE UPDATE ON movements
	WHEN NEW.shop_transaction_id IS NOT OLD.shop_transaction_id OR NEW.at IS NOT OLD.at OR NEW.shift IS NOT OLD.shift
		OR NEW.kind IS NOT OLD.kind OR NEW.amount IS NOT OLD.amount OR NEW.ref IS NOT OLD.ref OR NEW.channel IS NOT OLD.channel
	BEGIN SELECT RAISE(ABORT, 'money movements are append-only'); END;
-- Every print of a movement's receipt: the first is the original, the
-- ones after it copies.
CREATE TABLE IF NOT EXISTS receipt_prints(
	movement INTEGER NOT NULL, n INTEGER NOT NULL, at INTEGER NOT NULL, copies TEXT NOT NULL,
	PRIMARY KEY(movement, n)
);
CREATE TRIGGER IF NOT EXISTS payments_movements_insert AFTER INSERT ON payments BEGIN
	` + movementInserts("") + `
END;
CREATE TRIGGER IF NOT EXISTS payments_movements_update AFTER UPDATE ON payments BEGIN
	` + movementInserts("OLD") + `
	UPDATE movements SET fee = NEW.fee WHERE NEW.fee != OLD.fee
		AND shop_transaction_id = NEW.shop_transaction_id AND kind IN ('sale', 'capture');
END;`
}

// firstMoveSQL is the time of the payment row p's first move into state,
// else its last write.
func firstMoveSQL(p string, state flows.State) string {
	return fmt.Sprintf(`coalesce((SELECT min(at) FROM transitions t WHERE t.shop_transaction_id = %[1]s.shop_transaction_id
		AND t.to_state = '%[2]s' AND t.from_state != '%[2]s'), %[1]s.updated)`, p, state)
}

// migrateMovements creates the money journal and, the first time, fills
// it from the payments already journaled (see above), in one transaction.
func migrateMovements(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flows: money journal: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var existed int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'movements'`).Scan(&existed); err != nil {
		return fmt.Errorf("flows: money journal: %w", err)
	}
	if _, err := tx.ExecContext(ctx, movementSchema()); err != nil {
		return fmt.Errorf("flows: money journal schema: %w", err)
	}
	if existed == 0 {
		ch := channelOf("p")
		fill := []string{
			`SELECT shop_transaction_id, created, shift, 'hold', ` + ch + `, amount, 0, '' FROM payments p
				WHERE kind = 'hold' AND (held != 0 OR bucket IN ('held', 'captured', 'canceled'))`,
			`SELECT shop_transaction_id, ` + firstMoveSQL("p", flows.Succeeded) + `, shift,
				CASE bucket WHEN 'sold' THEN 'sale' ELSE 'capture' END, ` + ch + `, bucket_amount, fee, '' FROM payments p
				WHERE bucket IN ('sold', 'captured')`,
			`SELECT shop_transaction_id, ` + firstMoveSQL("p", flows.Succeeded) + `, shift, 'release', ` + ch + `, released, 0, '' FROM payments p
				WHERE released > 0 AND bucket = 'captured'`,
			`SELECT shop_transaction_id, ` + firstMoveSQL("p", flows.Canceled) + `, shift, 'cancel', ` + ch + `, amount, 0, '' FROM payments p
				WHERE bucket = 'canceled'`,
			`SELECT shop_transaction_id, coalesce((SELECT max(at) FROM transitions t WHERE t.shop_transaction_id = p.shop_transaction_id
				AND t.note LIKE 'refund%'), updated), shift, 'refund', ` + ch + `, refunded, 0, '' FROM payments p
				WHERE refunded > 0`,
		}
		for _, q := range fill {
			if _, err := tx.ExecContext(ctx, `INSERT INTO movements(`+movementCols+`) `+q+` ORDER BY created, rowid`); err != nil {
				return fmt.Errorf("flows: money journal from the payments: %w", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flows: money journal: %w", err)
	}
	return nil
}

const movementSelect = `SELECT m.id, m.shop_transaction_id, m.at, m.shift, m.kind, m.channel, m.amount, m.fee, m.ref,
	(SELECT count(*) FROM receipt_prints r WHERE r.movement = m.id) FROM movements m`

func scanMovement(rows *sql.Rows) (flows.Movement, error) {
	var m flows.Movement
	var at, amount, fee int64
	var kind string
	if err := rows.Scan(&m.ID, &m.ShopTransactionID, &at, &m.Shift, &kind, &m.Channel, &amount, &fee, &m.Ref, &m.Prints); err != nil {
		return flows.Movement{}, fmt.Errorf("flows: money journal scan: %w", err)
	}
	m.At, m.Kind, m.Amount, m.Fee = time.UnixMilli(at), flows.MovementKind(kind), major(amount), major(fee)
	return m, nil
}

// Movements lists a payment's money movements, oldest first, each with
// the number of times its receipt was printed.
func (j *SQLite) Movements(ctx context.Context, shopTransactionID string) ([]flows.Movement, error) {
	rows, err := j.db.QueryContext(ctx, movementSelect+` WHERE m.shop_transaction_id = ? ORDER BY m.id`, shopTransactionID)
	if err != nil {
		return nil, fmt.Errorf("flows: money movements: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []flows.Movement
	for rows.Next() {
		m, err := scanMovement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: money movements: %w", err)
	}
	return out, nil
}

// RecordPrint journals one more print of a movement's receipt (copies:
// "customer" or "both") and returns its number: 1 for the original, more
// for a copy.
func (j *SQLite) RecordPrint(ctx context.Context, movement int64, copies string, at time.Time) (int, error) {
	var n int
	if err := j.db.QueryRowContext(ctx, `INSERT INTO receipt_prints(movement, n, at, copies)
		SELECT ?, coalesce(max(n), 0) + 1, ?, ? FROM receipt_prints WHERE movement = ? RETURNING n`,
		movement, at.UnixMilli(), copies, movement).Scan(&n); err != nil {
		return 0, fmt.Errorf("flows: receipt print: %w", err)
	}
	return n, nil
}
