package journal

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Saved cards, card bindings and notifications in the store journal:
// shared by every counter, so a card saved at one till pays at another.

// SaveToken stores or updates a saved card token; blocked and failed are final.
func (j *Postgres) SaveToken(ctx context.Context, t flows.SavedToken, at time.Time) error {
	_, err := j.pool.Exec(ctx, `INSERT INTO tokens(token, customer, card, method, status, updated) VALUES($1,$2,$3,$4,$5,$6)
		ON CONFLICT(token) DO UPDATE SET updated = excluded.updated,
			status = CASE WHEN tokens.status IN ('blocked', 'failed') AND excluded.status IN ('init', 'active') THEN tokens.status
				WHEN excluded.status = '' THEN tokens.status ELSE excluded.status END,
			customer = CASE WHEN excluded.customer <> '' THEN excluded.customer ELSE tokens.customer END,
			card = CASE WHEN excluded.card <> '' THEN excluded.card ELSE tokens.card END,
			method = CASE WHEN excluded.method <> '' THEN excluded.method ELSE tokens.method END`,
		t.Token, t.Customer, t.Card, string(t.Method), string(t.Status), at)
	if err != nil {
		return fmt.Errorf("flows: save token: %w", err)
	}
	return nil
}

// SetTokenStatus updates a saved token's status; an unknown token is left alone.
func (j *Postgres) SetTokenStatus(ctx context.Context, token string, st octo.TokenStatus, at time.Time) error {
	if _, err := j.pool.Exec(ctx, `UPDATE tokens SET status = $1, updated = $2
		WHERE token = $3 AND NOT (status IN ('blocked', 'failed') AND $1 IN ('init', 'active'))`,
		string(st), at, token); err != nil {
		return fmt.Errorf("flows: token status: %w", err)
	}
	return nil
}

// Tokens lists a customer's saved cards (all customers when customer is empty).
func (j *Postgres) Tokens(ctx context.Context, customer string) ([]flows.SavedToken, error) {
	q := `SELECT token, customer, card, method, status, updated FROM tokens`
	var args []any
	if customer != "" {
		q += ` WHERE customer = $1`
		args = append(args, customer)
	}
	rows, err := j.pool.Query(ctx, q+` ORDER BY updated DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: tokens: %w", err)
	}
	defer rows.Close()
	var out []flows.SavedToken
	for rows.Next() {
		var t flows.SavedToken
		var method, status string
		if err := rows.Scan(&t.Token, &t.Customer, &t.Card, &method, &status, &t.Updated); err != nil {
			return nil, fmt.Errorf("flows: tokens scan: %w", err)
		}
		t.Method, t.Status = octo.Method(method), octo.TokenStatus(status)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: tokens: %w", err)
	}
	return out, nil
}

// WriteBinding stores a binding's record (created on its first write),
// naming this counter as the one that wrote it last (Bindings).
func (j *Postgres) WriteBinding(ctx context.Context, r flows.BindingRecord, at time.Time) error {
	if r.ShopTransactionID == "" {
		return errors.New("flows: journal: binding without shop_transaction_id")
	}
	_, err := j.pool.Exec(ctx, `INSERT INTO bindings(shop_transaction_id, counter, state, customer, operator, method,
		card, payment_uuid, token, problem, created, updated) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11)
	ON CONFLICT(shop_transaction_id) DO UPDATE SET counter=excluded.counter, state=excluded.state, customer=excluded.customer,
		operator=excluded.operator, method=excluded.method, card=excluded.card,
		payment_uuid=CASE WHEN excluded.payment_uuid <> '' THEN excluded.payment_uuid ELSE bindings.payment_uuid END,
		token=CASE WHEN excluded.token <> '' THEN excluded.token ELSE bindings.token END,
		problem=excluded.problem, updated=excluded.updated`,
		r.ShopTransactionID, j.counter, string(r.State), r.Customer, r.Operator, string(r.Method),
		r.Card, r.PaymentUUID, r.Token, r.Problem, at)
	if err != nil {
		return fmt.Errorf("flows: journal binding: %w", err)
	}
	return nil
}

// Bindings lists the store's bindings, newest first; with unfinished, only
// those whose outcome is not settled and that are this counter's to settle
// (what run.ReconcileBindings reads on start): those it wrote last, and
// those of a counter not running. A binding another running till wrote
// last (its code being typed there) is left to it, as Unfinished leaves
// its payments (postgres_presence.go).
func (j *Postgres) Bindings(ctx context.Context, unfinished bool) ([]flows.BindingRecord, error) {
	if unfinished {
		return j.bindings(ctx, `(counter = $4 OR NOT `+tillRunning("counter")+`)`)
	}
	return j.bindings(ctx, "")
}

// bindings lists the bindings newest first: all of them, or with whose (a
// condition in SQL on this counter, $4) the unfinished ones it takes.
func (j *Postgres) bindings(ctx context.Context, whose string) ([]flows.BindingRecord, error) {
	q := `SELECT shop_transaction_id, state, customer, operator, method, card, payment_uuid, token, problem,
		created, updated FROM bindings`
	var args []any
	if whose != "" {
		q += ` WHERE state NOT IN ($1, $2, $3) AND ` + whose
		args = append(args, string(flows.BindBound), string(flows.BindBlocked), string(flows.BindFailed), j.counter)
	}
	rows, err := j.pool.Query(ctx, q+` ORDER BY created DESC, seq DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: bindings: %w", err)
	}
	defer rows.Close()
	var out []flows.BindingRecord
	for rows.Next() {
		var r flows.BindingRecord
		var state, method string
		if err := rows.Scan(&r.ShopTransactionID, &state, &r.Customer, &r.Operator, &method, &r.Card,
			&r.PaymentUUID, &r.Token, &r.Problem, &r.Created, &r.Updated); err != nil {
			return nil, fmt.Errorf("flows: bindings scan: %w", err)
		}
		r.State, r.Method = flows.BindState(state), octo.Method(method)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: bindings: %w", err)
	}
	return out, nil
}

// LogNotification journals a (redacted) notification.
func (j *Postgres) LogNotification(ctx context.Context, n flows.NotificationRecord) error {
	_, err := j.pool.Exec(ctx, `INSERT INTO notifications(at, counter, kind, shop_transaction_id, payment_uuid, status, signature, body)
		VALUES($1,$2,$3,$4,$5,$6,$7,$8)`, n.At, j.counter, n.Kind, n.ShopTransactionID, n.PaymentUUID, n.Status, n.Signature, n.Body)
	if err != nil {
		return fmt.Errorf("flows: journal notification: %w", err)
	}
	return nil
}

// Notifications lists the journaled notifications of a payment (all when empty), oldest first.
func (j *Postgres) Notifications(ctx context.Context, shopTransactionID string) ([]flows.NotificationRecord, error) {
	q := `SELECT at, kind, shop_transaction_id, payment_uuid, status, signature, body FROM notifications`
	var args []any
	if shopTransactionID != "" {
		q += ` WHERE shop_transaction_id = $1`
		args = append(args, shopTransactionID)
	}
	rows, err := j.pool.Query(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: notifications: %w", err)
	}
	defer rows.Close()
	var out []flows.NotificationRecord
	for rows.Next() {
		var n flows.NotificationRecord
		if err := rows.Scan(&n.At, &n.Kind, &n.ShopTransactionID, &n.PaymentUUID, &n.Status, &n.Signature, &n.Body); err != nil {
			return nil, fmt.Errorf("flows: notifications scan: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: notifications: %w", err)
	}
	return out, nil
}
