package journal

import (
	"context"
	"database/sql"
	"fmt"
)

// payments.pay_url and payments.pay_expires keep OCTO's page of a payment
// on the customer's phone (octo_pay_url, from prepare_payment's answer)
// and when the customer's time there runs out: a payment reopened from
// History or the open holds shows the same QR code and the time left,
// taken from here, never rebuilt from the payment's UUID by guess.
//
// Journals made before the columns existed gain them when opened; their
// payments keep an empty link (the screens say it was not kept).

// migratePayPage adds payments.pay_url and payments.pay_expires when missing.
func migratePayPage(ctx context.Context, db *sql.DB) error {
	for _, c := range []struct{ name, def string }{
		{"pay_url", `TEXT NOT NULL DEFAULT ''`},
		{"pay_expires", `INTEGER NOT NULL DEFAULT 0`},
	} {
		has, err := hasColumn(ctx, db, "payments", c.name)
		if err != nil {
			return fmt.Errorf("flows: payment page column: %w", err)
		}
		if has {
			continue
		}
		if _, err := db.ExecContext(ctx, `ALTER TABLE payments ADD COLUMN `+c.name+` `+c.def); err != nil {
			return fmt.Errorf("flows: payment page column: %w", err)
		}
	}
	return nil
}
