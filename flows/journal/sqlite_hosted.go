package journal

import (
	"context"
	"database/sql"
	"fmt"
)

// payments.hosted marks a payment the customer made on OCTO's page, on
// their phone (Payment.Hosted): the reports count it in its own channel,
// "phone", whatever card OCTO reports. Journals made before the column
// existed gain it when opened, and lose the ledger's triggers in the same
// transaction, so migrateLedger makes them again with the channel that
// reads it.

// ledgerTriggers are the triggers whose channel reads payments.hosted:
// the ledger's and the money journal's (migrateLedger and migrateMovements
// make them again, when the column is there).
var ledgerTriggers = []string{"payments_ledger_insert", "payments_ledger_move", "payments_ledger_flows",
	"payments_movements_insert", "payments_movements_update"}

// migrateHosted adds payments.hosted when it is missing, and the index
// that finds a payment's notifications: a payment on the customer's phone
// looks up the card OCTO's notification reported at every status read
// until it has one (run.Runner's notifiedCard), which must not scan every
// notification the journal ever kept.
func migrateHosted(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS notifications_tx ON notifications(shop_transaction_id, id)`); err != nil {
		return fmt.Errorf("flows: notifications index: %w", err)
	}
	has, err := hasColumn(ctx, db, "payments", "hosted")
	if err != nil {
		return fmt.Errorf("flows: hosted column: %w", err)
	}
	if has {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flows: hosted column: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	qs := []string{`ALTER TABLE payments ADD COLUMN hosted INTEGER NOT NULL DEFAULT 0`}
	for _, t := range ledgerTriggers {
		qs = append(qs, `DROP TRIGGER IF EXISTS `+t)
	}
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("flows: hosted column: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flows: hosted column: %w", err)
	}
	return nil
}
