package journal

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// The store journal's schema is versioned: schema_migrations lists the
// versions applied, and a counter that starts applies those it lacks, each
// in its own transaction with its version row. Counters starting at the
// same instant take pg_advisory_lock(migrationLock) first, so one of them
// migrates and the others find the work done. A migration is never edited
// once released; a change is a new one at the end of the list.

// migrationLock is the advisory lock key of schema migrations ("octo" in ASCII).
const migrationLock = 0x6f63746f

var pgMigrations = []string{
	// 1: the journal of many counters.
	`
CREATE FUNCTION octo_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;

CREATE TABLE shifts(
	counter text NOT NULL, no bigint NOT NULL,
	opened timestamptz NOT NULL, closed timestamptz,
	PRIMARY KEY(counter, no)
);
CREATE TABLE shift_openings(
	counter text NOT NULL, shift bigint NOT NULL, operator text NOT NULL, at timestamptz NOT NULL,
	pin_salt bytea, pin_hash bytea,
	PRIMARY KEY(counter, shift)
);
CREATE TABLE pin_tries(
	counter text NOT NULL, shift bigint NOT NULL, wrong integer NOT NULL, not_before timestamptz,
	PRIMARY KEY(counter, shift)
);
CREATE TABLE payments(
	shop_transaction_id text PRIMARY KEY,
	seq bigserial NOT NULL,
	counter text NOT NULL,        -- the till that took the payment
	acting_counter text NOT NULL, -- the till that wrote it last
	kind text NOT NULL, method text NOT NULL, state text NOT NULL, currency text NOT NULL,
	amount numeric(20,2) NOT NULL, captured numeric(20,2) NOT NULL, released numeric(20,2) NOT NULL,
	refunded numeric(20,2) NOT NULL, fee numeric(20,2) NOT NULL, transfer numeric(20,2) NOT NULL,
	card text NOT NULL, last4 text NOT NULL, card_token text NOT NULL, customer text NOT NULL,
	operator text NOT NULL, description text NOT NULL,
	payment_uuid text NOT NULL, payment_id bigint NOT NULL, octo_status text NOT NULL,
	test boolean NOT NULL, held boolean NOT NULL, hold_expires timestamptz,
	pending_refund_id text NOT NULL, pending_refund numeric(20,2) NOT NULL, capturing numeric(20,2) NOT NULL,
	problem text NOT NULL,
	created timestamptz NOT NULL, updated timestamptz NOT NULL,
	-- the shift whose report lists the payment's bucket (see sqlite_ledger.go):
	-- the open shift of the counter whose write last moved it
	shift_counter text NOT NULL, shift bigint NOT NULL,
	channel text NOT NULL, bucket text NOT NULL, bucket_amount numeric(20,2) NOT NULL
);
CREATE INDEX payments_created ON payments(created, seq);
CREATE INDEX payments_state_created ON payments(state, created, seq);
CREATE INDEX payments_last4_created ON payments(last4, created, seq);
CREATE INDEX payments_amount_created ON payments(amount, created, seq);
CREATE INDEX payments_uuid ON payments(payment_uuid) WHERE payment_uuid <> '';
CREATE INDEX payments_unfinished ON payments(created)
	WHERE state NOT IN ('succeeded', 'declined', 'canceled', 'failed') OR pending_refund_id <> '';

CREATE TABLE transitions(
	id bigserial PRIMARY KEY,
	shop_transaction_id text NOT NULL, counter text NOT NULL,
	at timestamptz NOT NULL, from_state text NOT NULL, to_state text NOT NULL,
	event text NOT NULL, note text NOT NULL
);
CREATE INDEX transitions_tx ON transitions(shop_transaction_id, id);
CREATE TRIGGER transitions_append_only BEFORE UPDATE OR DELETE ON transitions
	FOR EACH ROW EXECUTE FUNCTION octo_append_only();

CREATE TABLE shift_ledger(
	counter text NOT NULL, shift bigint NOT NULL, channel text NOT NULL, bucket text NOT NULL,
	count bigint NOT NULL, amount numeric(20,2) NOT NULL,
	released numeric(20,2) NOT NULL, releases bigint NOT NULL,
	refunded numeric(20,2) NOT NULL, refunds bigint NOT NULL,
	PRIMARY KEY(counter, shift, channel, bucket)
);
CREATE TABLE zreports(
	counter text NOT NULL, no bigint NOT NULL, shift bigint NOT NULL,
	opened timestamptz NOT NULL, closed timestamptz NOT NULL, body jsonb NOT NULL,
	PRIMARY KEY(counter, no)
);
CREATE TRIGGER zreports_append_only BEFORE UPDATE OR DELETE ON zreports
	FOR EACH ROW EXECUTE FUNCTION octo_append_only();

CREATE TABLE tokens(
	token text PRIMARY KEY, customer text NOT NULL, card text NOT NULL, method text NOT NULL,
	status text NOT NULL, updated timestamptz NOT NULL
);
CREATE INDEX tokens_customer ON tokens(customer);
CREATE TABLE bindings(
	shop_transaction_id text PRIMARY KEY, seq bigserial NOT NULL, counter text NOT NULL,
	state text NOT NULL, customer text NOT NULL, operator text NOT NULL, method text NOT NULL,
	card text NOT NULL, payment_uuid text NOT NULL, token text NOT NULL, problem text NOT NULL,
	created timestamptz NOT NULL, updated timestamptz NOT NULL
);
CREATE INDEX bindings_state ON bindings(state);
CREATE TABLE notifications(
	id bigserial PRIMARY KEY, at timestamptz NOT NULL, counter text NOT NULL, kind text NOT NULL,
	shop_transaction_id text NOT NULL, payment_uuid text NOT NULL, status text NOT NULL,
	signature text NOT NULL, body text NOT NULL
);
CREATE INDEX notifications_tx ON notifications(shop_transaction_id, id);
CREATE TABLE exchanges(
	id bigserial PRIMARY KEY, at timestamptz NOT NULL, counter text NOT NULL,
	shop_transaction_id text NOT NULL, payment_uuid text NOT NULL, payment_id bigint NOT NULL,
	method text NOT NULL, http_method text NOT NULL, path text NOT NULL,
	http_status integer NOT NULL, code integer NOT NULL, err text NOT NULL,
	duration_us bigint NOT NULL, attempt integer NOT NULL,
	request text NOT NULL, response text NOT NULL
);
CREATE INDEX exchanges_tx ON exchanges(shop_transaction_id, at);
CREATE INDEX exchanges_uuid ON exchanges(payment_uuid) WHERE payment_uuid <> '' AND shop_transaction_id <> '';
CREATE INDEX exchanges_id ON exchanges(payment_id) WHERE payment_id <> 0 AND shop_transaction_id <> '';
`,
	// 2: what the SQLite journal gained meanwhile: payments.hosted (paid on
	// OCTO's page, the reports' phone channel), the money journal of
	// movements (written by Write in the payment's transaction, see
	// postgres_movements.go), filled once from the payments already
	// journaled as migrateMovements fills SQLite's, and the prints of
	// their receipts.
	pgMovementsMigration,
	// 3: OCTO's page of a payment on the customer's phone and when its
	// time there runs out (sqlite_pay_page.go says why).
	`ALTER TABLE payments ADD COLUMN pay_url text NOT NULL DEFAULT '', ADD COLUMN pay_expires timestamptz`,
}

// migrate applies the migrations the database lacks, holding the
// migration lock on one connection for the whole run.
func (j *Postgres) migrate(ctx context.Context) error {
	conn, err := j.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer func() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations(
		version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	var have int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if have > len(pgMigrations) {
		return fmt.Errorf("the journal's schema is version %d, newer than this program's %d: update octo-cashier", have, len(pgMigrations))
	}
	for v := have + 1; v <= len(pgMigrations); v++ {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, pgMigrations[v-1]); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version) VALUES($1)`, v)
			return err
		})
		if err != nil {
			return fmt.Errorf("schema migration %d: %w", v, err)
		}
	}
	return nil
}
