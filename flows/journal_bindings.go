package flows

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// A card binding moves money too: bind_card debits a small authorization
// and OCTO reverses it. So, like a payment, every binding attempt is
// journaled under its shop_transaction_id before bind_card is sent, and
// its record follows it (the code is sent, the token is saved, it failed).
// An unknown outcome is then read from OCTO by that id, never sent again
// under a new one.

// BindingRecord is a card binding as the journal keeps it: the card masked
// to 6+4, no expiry, no code.
type BindingRecord struct {
	ShopTransactionID string // the authorization payment's key
	State             BindState
	Customer          string
	Operator          string
	Method            octo.Method
	Card              string // masked
	PaymentUUID       string
	Token             string
	Problem           string
	Created           time.Time // set by the journal on the first write
	Updated           time.Time
}

// Record is the binding's journal record.
func (b Binding) Record() BindingRecord {
	return BindingRecord{ShopTransactionID: b.ShopTransactionID, State: b.State, Customer: b.Customer,
		Operator: b.Operator, Method: b.Method, Card: b.Card, PaymentUUID: b.PaymentUUID, Token: b.Token,
		Problem: b.Problem.Stored()}
}

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
func (j *JournalStore) WriteBinding(ctx context.Context, r BindingRecord, at time.Time) error {
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
func (j *JournalStore) Bindings(ctx context.Context, unfinished bool) ([]BindingRecord, error) {
	q := `SELECT shop_transaction_id, state, customer, operator, method, card, payment_uuid, token, problem,
		created, updated FROM bindings`
	var args []any
	if unfinished {
		q += ` WHERE state NOT IN (?, ?, ?)`
		args = append(args, string(BindBound), string(BindBlocked), string(BindFailed))
	}
	rows, err := j.db.QueryContext(ctx, q+` ORDER BY created DESC, rowid DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: bindings: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []BindingRecord
	for rows.Next() {
		var r BindingRecord
		var state, method string
		var created, updated int64
		if err := rows.Scan(&r.ShopTransactionID, &state, &r.Customer, &r.Operator, &method, &r.Card,
			&r.PaymentUUID, &r.Token, &r.Problem, &created, &updated); err != nil {
			return nil, fmt.Errorf("flows: bindings scan: %w", err)
		}
		r.State, r.Method = BindState(state), octo.Method(method)
		r.Created, r.Updated = fromMillis(created), fromMillis(updated)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: bindings: %w", err)
	}
	return out, nil
}
