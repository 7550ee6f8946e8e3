package journal

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The amount a capture asks for is journaled with the capture attempt,
// before set_accept is sent: OCTO's answer (and a later status read) may
// show the whole hold in total_sum, and after a crash the journal is the
// only place that knows how much of the hold the cashier meant to take.
//
// Journals made before this column existed gain it when opened.

// migrateCapturing adds payments.capturing when it is missing.
func migrateCapturing(ctx context.Context, db *sql.DB) error {
	has, err := hasColumn(ctx, db, "payments", "capturing")
	if err != nil {
		return fmt.Errorf("flows: capture amount column: %w", err)
	}
	if has {
		return nil
	}
	if _, err := db.ExecContext(ctx, `ALTER TABLE payments ADD COLUMN capturing INTEGER NOT NULL DEFAULT 0`); err != nil {
		return fmt.Errorf("flows: capture amount column: %w", err)
	}
	return nil
}

// hasColumn reports whether table has column.
func hasColumn(ctx context.Context, db *sql.DB, table, column string) (bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return false, err
	}
	defer func() { _ = rows.Close() }()
	found := false
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return false, err
		}
		found = found || name == column
	}
	return found, rows.Err()
}

// writeCapturing stores the record's capture amount in the transaction
// that stores the record. It touches the row only when the amount
// changes (a capture is asked), so the report triggers on payments do not
// run twice for every other write.
func writeCapturing(ctx context.Context, tx *sql.Tx, r flows.Record) error {
	v := minor(r.Capturing)
	if _, err := tx.ExecContext(ctx, `UPDATE payments SET capturing = ? WHERE shop_transaction_id = ? AND capturing != ?`,
		v, r.ShopTransactionID, v); err != nil {
		return fmt.Errorf("flows: journal capture amount: %w", err)
	}
	return nil
}
