package flows

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Report channels: how the customer paid, as the shift report counts it.
// OCTO's method says uzcard, humo or bank_card; the report splits
// bank_card into Visa and Mastercard by the card's first digit (the masked
// card keeps the first six) and puts payments with a saved card apart.
const (
	ChannelUzcard     = "uzcard"
	ChannelHumo       = "humo"
	ChannelVisa       = "visa"
	ChannelMastercard = "mastercard"
	ChannelCard       = "bank_card" // another international card
	ChannelToken      = "token"     // a saved card
)

// Channels in the order reports list them.
var Channels = []string{ChannelUzcard, ChannelHumo, ChannelVisa, ChannelMastercard, ChannelCard, ChannelToken}

// channelOf is the SQL for the channel of the payments row named row (NEW,
// OLD or payments).
func channelOf(row string) string {
	return strings.NewReplacer("R.", row+".").Replace(`CASE
		WHEN R.card_token != '' THEN 'token'
		WHEN R.method = 'bank_card' AND substr(R.card, 1, 1) = '4' THEN 'visa'
		WHEN R.method = 'bank_card' AND substr(R.card, 1, 1) IN ('2', '5') THEN 'mastercard'
		ELSE R.method END`)
}

// channelSchema keeps running totals per shift, channel and bucket, like
// the journal's totals table (which is per OCTO method) but finer, and
// counts the payments that released money. It lives in its own table with
// its own triggers, created IF NOT EXISTS, so a journal written before it
// existed gains it when opened (migrateChannels fills it once from the
// payments); nothing is altered, so no upgrade can half-apply.
func channelSchema() string {
	upsert := func(row, sign string) string {
		return fmt.Sprintf(`INSERT INTO channel_totals(shift, channel, bucket, count, amount, released, releases, refunded, refunds)
	VALUES(%[1]s.shift, %[2]s, %[1]s.bucket, %[3]s1, %[3]s%[1]s.bucket_amount, %[3]s%[1]s.released,
		%[3]s(%[1]s.released > 0), %[3]s%[1]s.refunded, %[3]s(%[1]s.refunded > 0))
	ON CONFLICT(shift, channel, bucket) DO UPDATE SET count = count + excluded.count,
		amount = amount + excluded.amount, released = released + excluded.released,
		releases = releases + excluded.releases, refunded = refunded + excluded.refunded,
		refunds = refunds + excluded.refunds;`, row, channelOf(row), sign)
	}
	return `
CREATE TABLE IF NOT EXISTS channel_totals(
	shift INTEGER NOT NULL, channel TEXT NOT NULL, bucket TEXT NOT NULL,
	count INTEGER NOT NULL, amount INTEGER NOT NULL, released INTEGER NOT NULL, releases INTEGER NOT NULL,
	refunded INTEGER NOT NULL, refunds INTEGER NOT NULL,
	PRIMARY KEY(shift, channel, bucket)
);
CREATE TRIGGER IF NOT EXISTS payments_channels_insert AFTER INSERT ON payments BEGIN
	` + upsert("NEW", "") + `
END;
CREATE TRIGGER IF NOT EXISTS payments_channels_update AFTER UPDATE ON payments BEGIN
	` + upsert("OLD", "-") + `
	` + upsert("NEW", "") + `
END;`
}

// migrateChannels creates the channel totals and, the first time, fills
// them from the payments already journaled (one pass, in one transaction).
func migrateChannels(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flows: channel totals: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var existed int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'channel_totals'`).Scan(&existed); err != nil {
		return fmt.Errorf("flows: channel totals: %w", err)
	}
	if _, err := tx.ExecContext(ctx, channelSchema()); err != nil {
		return fmt.Errorf("flows: channel totals schema: %w", err)
	}
	if existed == 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO channel_totals(shift, channel, bucket, count, amount, released, releases, refunded, refunds)
			SELECT shift, `+channelOf("payments")+`, bucket, count(*), sum(bucket_amount), sum(released),
				sum(released > 0), sum(refunded), sum(refunded > 0)
			FROM payments GROUP BY 1, 2, 3`); err != nil {
			return fmt.Errorf("flows: channel totals from the journal: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flows: channel totals: %w", err)
	}
	return nil
}
