package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

const bindingSchema = `
CREATE TABLE IF NOT EXISTS bindings(
	shop_transaction_id TEXT PRIMARY KEY,
	state TEXT NOT NULL, customer TEXT NOT NULL, operator TEXT NOT NULL, method TEXT NOT NULL,
	card TEXT NOT NULL, payment_uuid TEXT NOT NULL, token TEXT NOT NULL, problem TEXT NOT NULL,
	created INTEGER NOT NULL, updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS bindings_state ON bindings(state);`

// migrateBindings creates the bindings table in journals made before it.
func migrateBindings(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, bindingSchema); err != nil {
		return fmt.Errorf("flows: bindings schema: %w", err)
	}
	return nil
}

// WriteBinding stores a binding's record (created on its first write).
func (j *SQLite) WriteBinding(ctx context.Context, r flows.BindingRecord, at time.Time) error {
	if r.ShopTransactionID == "" {
		return errors.New("flows: journal: binding without shop_transaction_id")
	}
	ms := at.UnixMilli()
	_, err := j.db.ExecContext(ctx, `INSERT INTO bindings(shop_transaction_id, state, customer, operator, method,
		card, payment_uuid, token, problem, created, updated) VALUES(?,?,?,?,?, ?,?,?,?,?,?)
	ON CONFLICT(shop_transaction_id) DO UPDATE SET state=excluded.state, customer=excluded.customer,
		operator=excluded.operator, method=excluded.method, card=excluded.card,
		payment_uuid=CASE WHEN excluded.payment_uuid != '' THEN excluded.payment_uuid ELSE payment_uuid END,
		token=CASE WHEN excluded.token != '' THEN excluded.token ELSE token END,
		problem=excluded.problem, updated=excluded.updated`,
		r.ShopTransactionID, string(r.State), r.Customer, r.Operator, string(r.Method),
		r.Card, r.PaymentUUID, r.Token, r.Problem, ms, ms)
	if err != nil {
		return fmt.Errorf("flows: journal binding: %w", err)
	}
	return nil
}

// Bindings lists the journaled bindings, newest first; with unfinished,
// only those whose outcome is not settled (in flight, waiting for the code
// or the token), which a restart has to read from OCTO.
func (j *SQLite) Bindings(ctx context.Context, unfinished bool) ([]flows.BindingRecord, error) {
	q := `SELECT shop_transaction_id, state, customer, operator, method, card, payment_uuid, token, problem,
		created, updated FROM bindings`
	var args []any
	if unfinished {
		q += ` WHERE state NOT IN (?, ?, ?)`
		args = append(args, string(flows.BindBound), string(flows.BindBlocked), string(flows.BindFailed))
	}
	rows, err := j.db.QueryContext(ctx, q+` ORDER BY created DESC, rowid DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: bindings: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []flows.BindingRecord
	for rows.Next() {
		var r flows.BindingRecord
		var state, method string
		var created, updated int64
		if err := rows.Scan(&r.ShopTransactionID, &state, &r.Customer, &r.Operator, &method, &r.Card,
			&r.PaymentUUID, &r.Token, &r.Problem, &created, &updated); err != nil {
			return nil, fmt.Errorf("flows: bindings scan: %w", err)
		}
		r.State, r.Method = flows.BindState(state), octo.Method(method)
		r.Created, r.Updated = fromMillis(created), fromMillis(updated)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: bindings: %w", err)
	}
	return out, nil
}
