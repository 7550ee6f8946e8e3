package journal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/shopspring/decimal"
)

// The store journal's money journal: the movements of sqlite_movements.go, one
// row per sale, hold, capture, release, cancel and refund, each with its
// own time, in the open shift of the counter whose write made it. Write
// journals them in Go (journalMovements), in the transaction that writes
// the payment and under its lock, by the rules SQLite's triggers follow
// (movementInserts): a payment is sold, held, captured and canceled at
// most once; a release and a refund are each increase of the released and
// refunded money. The table is append-only (a trigger refuses a delete and
// any change but the fee of a sale or capture, which OCTO may give only in
// a later status read).

// pgMovementsMigration is schema migration 2.
const pgMovementsMigration = pgMovementsSchema + pgMovementsFill

const pgMovementsSchema = `
ALTER TABLE payments ADD COLUMN hosted boolean NOT NULL DEFAULT false;
-- History's amount finds what was charged too (a hold captured in part).
CREATE INDEX payments_captured_created ON payments(captured, created, seq);

CREATE TABLE movements(
	id bigserial PRIMARY KEY,
	shop_transaction_id text NOT NULL, counter text NOT NULL, at timestamptz NOT NULL, shift bigint NOT NULL,
	kind text NOT NULL, channel text NOT NULL, amount numeric(20,2) NOT NULL, fee numeric(20,2) NOT NULL, ref text NOT NULL
);
CREATE INDEX movements_tx ON movements(shop_transaction_id, kind);
CREATE INDEX movements_at ON movements(at, id);
CREATE INDEX movements_shift ON movements(counter, shift);
CREATE FUNCTION octo_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id
		OR NEW.shop_transaction_id IS DISTINCT FROM OLD.shop_transaction_id OR NEW.counter IS DISTINCT FROM OLD.counter
		OR NEW.at IS DISTINCT FROM OLD.at OR NEW.shift IS DISTINCT FROM OLD.shift OR NEW.kind IS DISTINCT FROM OLD.kind
		OR NEW.channel IS DISTINCT FROM OLD.channel OR NEW.amount IS DISTINCT FROM OLD.amount OR NEW.ref IS DISTINCT FROM OLD.ref THEN
		RAISE EXCEPTION 'money movements are append-only';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER movements_append_only BEFORE UPDATE OR DELETE ON movements
	FOR EACH ROW EXECUTE FUNCTION octo_movements_append_only();

-- Every print of a movement's receipt: the first is the original, the
-- ones after it copies.
CREATE TABLE receipt_prints(
	movement bigint NOT NULL REFERENCES movements(id), n integer NOT NULL, at timestamptz NOT NULL,
	counter text NOT NULL, copies text NOT NULL,
	PRIMARY KEY(movement, n)
);
CREATE TRIGGER receipt_prints_append_only BEFORE UPDATE OR DELETE ON receipt_prints
	FOR EACH ROW EXECUTE FUNCTION octo_append_only();

`

// pgMovementsFill fills the money journal from the payments already
// journaled, once, when migration 2 makes it.
const pgMovementsFill = `
-- The payments already journaled, as SQLite's migrateMovements fills its
-- money journal: dated by the timeline's first move into the state (the
-- refunds as one movement, by the last refund), in the shift the payment's
-- bucket is booked in.
INSERT INTO movements(shop_transaction_id, counter, at, shift, kind, channel, amount, fee, ref)
SELECT shop_transaction_id, shift_counter, at, shift, mkind, channel, mamount, mfee, '' FROM (
	SELECT p.created AS c, p.seq AS s, 1 AS o, p.shop_transaction_id, p.shift_counter, p.created AS at, p.shift,
		'hold' AS mkind, p.channel, p.amount AS mamount, 0::numeric AS mfee
		FROM payments p WHERE p.kind = 'hold' AND (p.held OR p.bucket IN ('held', 'captured', 'canceled'))
	UNION ALL
	SELECT p.created, p.seq, 2, p.shop_transaction_id, p.shift_counter,
		coalesce((SELECT min(t.at) FROM transitions t WHERE t.shop_transaction_id = p.shop_transaction_id
			AND t.to_state = 'succeeded' AND t.from_state <> 'succeeded'), p.updated), p.shift,
		CASE p.bucket WHEN 'sold' THEN 'sale' ELSE 'capture' END, p.channel, p.bucket_amount, p.fee
		FROM payments p WHERE p.bucket IN ('sold', 'captured')
	UNION ALL
	SELECT p.created, p.seq, 3, p.shop_transaction_id, p.shift_counter,
		coalesce((SELECT min(t.at) FROM transitions t WHERE t.shop_transaction_id = p.shop_transaction_id
			AND t.to_state = 'succeeded' AND t.from_state <> 'succeeded'), p.updated), p.shift,
		'release', p.channel, p.released, 0
		FROM payments p WHERE p.released > 0 AND p.bucket = 'captured'
	UNION ALL
	SELECT p.created, p.seq, 4, p.shop_transaction_id, p.shift_counter,
		coalesce((SELECT min(t.at) FROM transitions t WHERE t.shop_transaction_id = p.shop_transaction_id
			AND t.to_state = 'canceled' AND t.from_state <> 'canceled'), p.updated), p.shift,
		'cancel', p.channel, p.amount, 0
		FROM payments p WHERE p.bucket = 'canceled'
	UNION ALL
	SELECT p.created, p.seq, 5, p.shop_transaction_id, p.shift_counter,
		coalesce((SELECT max(t.at) FROM transitions t WHERE t.shop_transaction_id = p.shop_transaction_id
			AND t.note LIKE 'refund%'), p.updated), p.shift,
		'refund', p.channel, p.refunded, 0
		FROM payments p WHERE p.refunded > 0
) f ORDER BY o, c, s;
`

// pgMovement is a movement to journal.
type pgMovement struct {
	kind   flows.MovementKind
	amount decimal.Decimal
	fee    decimal.Decimal
	ref    string
}

// movementsOf are the movements a write makes, by the rules of
// movementInserts: old is the payment's row before the write (found false
// for a new payment), done the kinds of movement it already has.
func movementsOf(r flows.Record, bucket string, bamt decimal.Decimal, old ledgerRow, found bool, done map[flows.MovementKind]bool) []pgMovement {
	was := func(b string) bool { return found && old.bucket == b }
	var out []pgMovement
	if r.Kind == flows.Hold && bucket == flows.BucketHeld && !was(flows.BucketHeld) && !done[flows.MoveHold] {
		out = append(out, pgMovement{kind: flows.MoveHold, amount: r.Amount})
	}
	if (bucket == flows.BucketSold || bucket == flows.BucketCaptured) && !was(flows.BucketSold) && !was(flows.BucketCaptured) &&
		!done[flows.MoveSale] && !done[flows.MoveCapture] {
		k := flows.MoveCapture
		if bucket == flows.BucketSold {
			k = flows.MoveSale
		}
		out = append(out, pgMovement{kind: k, amount: bamt, fee: r.Fee})
	}
	relOld, relNew := decimal.Zero, releasedOf(bucket, r.Released)
	if found {
		relOld = releasedOf(old.bucket, old.released)
	}
	if relNew.GreaterThan(relOld) {
		out = append(out, pgMovement{kind: flows.MoveRelease, amount: relNew.Sub(relOld)})
	}
	if bucket == flows.BucketCanceled && !was(flows.BucketCanceled) && !done[flows.MoveCancel] {
		out = append(out, pgMovement{kind: flows.MoveCancel, amount: r.Amount})
	}
	refOld, ref := decimal.Zero, r.PendingRefundID
	if found {
		refOld = old.refunded
		if old.pendingRefundID != "" {
			ref = old.pendingRefundID
		}
	}
	if r.Refunded.GreaterThan(refOld) {
		out = append(out, pgMovement{kind: flows.MoveRefund, amount: r.Refunded.Sub(refOld), ref: ref})
	}
	return out
}

// journalMovements writes a payment write's money movements (at the
// write's time, in this counter's open shift) and follows a sale's or
// capture's fee when OCTO gives it later. It runs in Write's transaction,
// after the payment's row is written.
func (j *Postgres) journalMovements(ctx context.Context, tx pgx.Tx, r flows.Record, at time.Time, old ledgerRow, found bool, open int64) error {
	bucket, bminor := bucketOf(r)
	r.Amount, r.Released, r.Refunded, r.Fee = r.Amount.Round(2), major(minor(r.Released)), major(minor(r.Refunded)), r.Fee.Round(2)
	done := map[flows.MovementKind]bool{}
	if found {
		rows, err := tx.Query(ctx, `SELECT DISTINCT kind FROM movements WHERE shop_transaction_id = $1
			AND kind IN ('hold', 'sale', 'capture', 'cancel')`, r.ShopTransactionID)
		if err != nil {
			return fmt.Errorf("money journal: %w", err)
		}
		kinds, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("money journal: %w", err)
		}
		for _, k := range kinds {
			done[flows.MovementKind(k)] = true
		}
	}
	channel := channelOfRecord(r)
	for _, m := range movementsOf(r, bucket, major(bminor), old, found, done) {
		if _, err := tx.Exec(ctx, `INSERT INTO movements(shop_transaction_id, counter, at, shift, kind, channel, amount, fee, ref)
			VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9)`, r.ShopTransactionID, j.counter, at, open, string(m.kind), channel,
			numText(m.amount), numText(m.fee), m.ref); err != nil {
			return fmt.Errorf("money journal: %w", err)
		}
	}
	if found && !old.fee.Equal(r.Fee) {
		if _, err := tx.Exec(ctx, `UPDATE movements SET fee = $2 WHERE shop_transaction_id = $1 AND kind IN ('sale', 'capture')`,
			r.ShopTransactionID, numText(r.Fee)); err != nil {
			return fmt.Errorf("money journal fee: %w", err)
		}
	}
	return nil
}

const pgMovementSelect = `SELECT m.id, m.shop_transaction_id, m.at, m.shift, m.kind, m.channel, m.amount::text, m.fee::text, m.ref,
	(SELECT count(*) FROM receipt_prints r WHERE r.movement = m.id) FROM movements m`

// Movements lists a payment's money movements, oldest first, each with
// the number of times its receipt was printed (at any counter).
func (j *Postgres) Movements(ctx context.Context, shopTransactionID string) ([]flows.Movement, error) {
	rows, err := j.pool.Query(ctx, pgMovementSelect+` WHERE m.shop_transaction_id = $1 ORDER BY m.id`, shopTransactionID)
	if err != nil {
		return nil, fmt.Errorf("flows: money movements: %w", err)
	}
	defer rows.Close()
	var out []flows.Movement
	for rows.Next() {
		var m flows.Movement
		var kind, amount, fee string
		var prints int64
		if err := rows.Scan(&m.ID, &m.ShopTransactionID, &m.At, &m.Shift, &kind, &m.Channel, &amount, &fee, &m.Ref, &prints); err != nil {
			return nil, fmt.Errorf("flows: money journal scan: %w", err)
		}
		var e1, e2 error
		m.Amount, e1 = numOf(amount)
		m.Fee, e2 = numOf(fee)
		if err := errors.Join(e1, e2); err != nil {
			return nil, fmt.Errorf("flows: money journal amount: %w", err)
		}
		m.Kind, m.Prints = flows.MovementKind(kind), int(prints)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: money movements: %w", err)
	}
	return out, nil
}

// RecordPrint journals one more print of a movement's receipt (copies:
// "customer" or "both") and returns its number: 1 for the original, more
// for a copy. The movement's row is locked first, so two counters printing
// the same receipt at once get numbers one after the other.
func (j *Postgres) RecordPrint(ctx context.Context, movement int64, copies string, at time.Time) (int, error) {
	var n int
	err := j.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT 1 FROM movements WHERE id = $1 FOR UPDATE`, movement); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO receipt_prints(movement, n, at, counter, copies)
			SELECT $1, coalesce(max(n), 0) + 1, $2, $3, $4 FROM receipt_prints WHERE movement = $1 RETURNING n`,
			movement, at, j.counter, copies).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("flows: receipt print: %w", err)
	}
	return n, nil
}

// ExportCSV writes the store's money movements journaled in [from, to),
// every counter's, as the SQLite journal's export does (sqlite_export.go).
func (j *Postgres) ExportCSV(ctx context.Context, w io.Writer, from, to time.Time, f flows.CSVFormat) error {
	out, err := flows.NewCSVWriter(w, f)
	if err != nil {
		return err
	}
	q := `SELECT m.at, m.kind, m.channel, m.amount::text, m.fee::text, m.ref,
		p.shop_transaction_id, p.kind, p.card, p.currency, p.payment_uuid, p.state, p.operator, p.customer, p.description, p.test
		FROM movements m JOIN payments p ON p.shop_transaction_id = m.shop_transaction_id WHERE m.at >= $1`
	args := []any{from}
	if !to.IsZero() {
		q += ` AND m.at < $2`
		args = append(args, to)
	}
	rows, err := j.pool.Query(ctx, q+` ORDER BY m.at, m.id`, args...)
	if err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r flows.CSVRow
		var kind, amount, fee string
		if err := rows.Scan(&r.Movement.At, &kind, &r.Movement.Channel, &amount, &fee, &r.Movement.Ref, &r.Movement.ShopTransactionID, &r.Kind, &r.Card,
			&r.Currency, &r.PaymentUUID, &r.State, &r.Operator, &r.Customer, &r.Description, &r.Test); err != nil {
			return fmt.Errorf("flows: csv: %w", err)
		}
		var e1, e2 error
		r.Movement.Amount, e1 = numOf(amount)
		r.Movement.Fee, e2 = numOf(fee)
		if err := errors.Join(e1, e2); err != nil {
			return fmt.Errorf("flows: csv amount: %w", err)
		}
		r.Movement.Kind = flows.MovementKind(kind)
		if err := out.Write(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("flows: csv: %w", err)
	}
	return out.Flush()
}
