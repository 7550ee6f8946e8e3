package journal

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The shift ledger: what each shift's X and Z reports sum.
//
// A payment's money often moves in a later shift than the one it was
// created in: a hold placed in shift 1 is captured in shift 2 and refunded
// in shift 3. A closed shift's report must never change, and every
// movement must show in the shift in which it was journaled (the shift
// open when the journal wrote it). So the reports do not sum payments by
// the shift they were created in: they sum a ledger of movements, kept
// per shift, channel and bucket by triggers on the payments table, each
// movement booked in the open shift (max(no) of shifts).
//
// A payment stands in one bucket at a time (bucketOf). When a write moves
// it (its bucket, its bucket's amount or its channel changes), the new
// bucket is booked in the open shift, and payments.shift becomes that
// shift: it always names the shift whose report lists the payment's
// current bucket. The bucket it leaves is taken back only if it was
// booked in the open shift too; if it was booked in a shift already
// closed, that shift keeps it, as its Z report does. Released and
// refunded money are flows, not buckets: each increase is booked in the
// open shift, on the line of the payment's channel and bucket, whatever
// shift its bucket is booked in. Nothing is ever booked in a closed
// shift, so a closed shift's ledger (and its Z report) never changes.
//
// What a shift's report then says, bucket by bucket:
//
//   - sold: one-stage payments whose payment became final (paid) in the
//     shift, and the money they took;
//   - held: holds placed in the shift and still held at the report (a
//     hold placed earlier and still held was in that earlier shift's Z
//     report and is not listed again);
//   - captured: holds captured in the shift (the captured part), wherever
//     the hold was placed;
//   - released: money given back by partial captures made in the shift
//     (count: the captures that released money);
//   - canceled: holds canceled or expired in the shift (the hold's amount);
//   - refunded: money refunded in the shift, whenever the payment was
//     made (count: the refunds confirmed);
//   - unknown: payments whose outcome the shift left being resolved with
//     OCTO (one resolved in a later shift counts there, in its outcome);
//   - declined and open: payments refused, or not finished, in the shift.
//
// So with a hold of 150 000 placed in shift 1 and 90 000 of it captured in
// shift 2, Z1 says held 150 000 (as it did when it closed), and shift 2's
// reports say captured 90 000 and released 60 000 and list no hold; a
// refund of it in shift 3 is in shift 3's report only.
//
// The ledger and its triggers are created IF NOT EXISTS: a journal
// written before them gains them when opened, filled once from its
// payments (each payment booked in the shift it was created in, as the
// reports counted it then), and the old running totals it replaces are
// dropped in the same transaction, so no upgrade can half-apply. Z
// reports already stored are not touched.

// ledgerLine is the upsert of one movement into the ledger. The
// arguments are SQL: the shift, channel and bucket of the line, then the
// deltas of count, amount, released, releases, refunded and refunds.
func ledgerLine(shift, channel, bucket, count, amount, released, releases, refunded, refunds string) string {
	return fmt.Sprintf(`INSERT INTO shift_ledger(shift, channel, bucket, count, amount, released, releases, refunded, refunds)
	VALUES(%s, %s, %s, %s, %s, %s, %s, %s, %s)
	ON CONFLICT(shift, channel, bucket) DO UPDATE SET count = count + excluded.count,
		amount = amount + excluded.amount, released = released + excluded.released,
		releases = releases + excluded.releases, refunded = refunded + excluded.refunded,
		refunds = refunds + excluded.refunds;`, shift, channel, bucket, count, amount, released, releases, refunded, refunds)
}

// openShiftSQL is the open shift's number.
const openShiftSQL = `(SELECT max(no) FROM shifts)`

// movedSQL says whether a write moves the payment to another bucket:
// the bucket, its amount or the channel changed. Write's upsert and the
// ledger's trigger must agree on it; both use this.
func movedSQL(old, new string) string {
	return fmt.Sprintf(`(%[1]s.bucket IS NOT %[2]s.bucket OR %[1]s.bucket_amount IS NOT %[2]s.bucket_amount OR %[3]s IS NOT %[4]s)`,
		old, new, channelOf(old), channelOf(new))
}

// releasedSQL is the money the row's payment gave back by a partial
// capture: a canceled hold releases all of it, but that is its canceled
// bucket, not counted twice.
func releasedSQL(row string) string {
	return fmt.Sprintf(`(CASE WHEN %[1]s.bucket = '%[2]s' THEN 0 ELSE %[1]s.released END)`, row, flows.BucketCanceled)
}

func ledgerSchema() string {
	return `
CREATE TABLE IF NOT EXISTS shift_ledger(
	shift INTEGER NOT NULL, channel TEXT NOT NULL, bucket TEXT NOT NULL,
	count INTEGER NOT NULL, amount INTEGER NOT NULL, released INTEGER NOT NULL, releases INTEGER NOT NULL,
	refunded INTEGER NOT NULL, refunds INTEGER NOT NULL,
	PRIMARY KEY(shift, channel, bucket)
);
-- A new payment: its bucket and any money already released or refunded,
-- in the shift Write gave it (the open one).
CREATE TRIGGER IF NOT EXISTS payments_ledger_insert AFTER INSERT ON payments BEGIN
	` + ledgerLine("NEW.shift", channelOf("NEW"), "NEW.bucket", "1", "NEW.bucket_amount",
		releasedSQL("NEW"), "("+releasedSQL("NEW")+" > 0)", "NEW.refunded", "(NEW.refunded > 0)") + `
END;
-- A payment moved: it leaves its bucket in the open shift only if it was
-- booked there (a closed shift keeps what it reported), and enters the new
-- one in the open shift (which Write put in NEW.shift).
CREATE TRIGGER IF NOT EXISTS payments_ledger_move AFTER UPDATE ON payments WHEN ` + movedSQL("OLD", "NEW") + ` BEGIN
	UPDATE shift_ledger SET count = count - 1, amount = amount - OLD.bucket_amount
	WHERE OLD.shift = ` + openShiftSQL + ` AND shift = OLD.shift AND channel = ` + channelOf("OLD") + ` AND bucket = OLD.bucket;
	` + ledgerLine(openShiftSQL, channelOf("NEW"), "NEW.bucket", "1", "NEW.bucket_amount", "0", "0", "0", "0") + `
END;
-- Money released or refunded: the difference, in the open shift.
CREATE TRIGGER IF NOT EXISTS payments_ledger_flows AFTER UPDATE ON payments
	WHEN ` + releasedSQL("OLD") + ` != ` + releasedSQL("NEW") + ` OR OLD.refunded != NEW.refunded BEGIN
	` + ledgerLine(openShiftSQL, channelOf("NEW"), "NEW.bucket", "0", "0",
		releasedSQL("NEW")+" - "+releasedSQL("OLD"),
		"("+releasedSQL("NEW")+" > "+releasedSQL("OLD")+") - ("+releasedSQL("NEW")+" < "+releasedSQL("OLD")+")",
		"NEW.refunded - OLD.refunded", "(NEW.refunded > OLD.refunded) - (NEW.refunded < OLD.refunded)") + `
END;`
}

// migrateLedger creates the shift ledger and, the first time, fills it
// from the payments already journaled, and drops the running totals it
// replaces (totals, per OCTO method, which nothing read; channel_totals,
// which booked every later movement in the shift a payment was created
// in), all in one transaction.
func migrateLedger(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flows: shift ledger: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var existed int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'shift_ledger'`).Scan(&existed); err != nil {
		return fmt.Errorf("flows: shift ledger: %w", err)
	}
	for _, q := range []string{
		`DROP TRIGGER IF EXISTS payments_totals_insert`, `DROP TRIGGER IF EXISTS payments_totals_update`,
		`DROP TABLE IF EXISTS totals`,
		`DROP TRIGGER IF EXISTS payments_channels_insert`, `DROP TRIGGER IF EXISTS payments_channels_update`,
		`DROP TABLE IF EXISTS channel_totals`,
		ledgerSchema(),
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("flows: shift ledger schema: %w", err)
		}
	}
	if existed == 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO shift_ledger(shift, channel, bucket, count, amount, released, releases, refunded, refunds)
			SELECT shift, `+channelOf("payments")+`, bucket, count(*), sum(bucket_amount), sum(`+releasedSQL("payments")+`),
				sum(`+releasedSQL("payments")+` > 0), sum(refunded), sum(refunded > 0)
			FROM payments GROUP BY 1, 2, 3`); err != nil {
			return fmt.Errorf("flows: shift ledger from the journal: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flows: shift ledger: %w", err)
	}
	return nil
}
