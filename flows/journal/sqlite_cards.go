package journal

import (
	"context"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, "sqlite"
)

// The journal's saved cards and notifications: tokens as OCTO reported
// them, and every notification as it came (redacted), for the inspector and
// the payment's timeline.

// SaveToken stores or updates a saved card token. A blocked or failed
// token never becomes active again, whoever writes last (the bind
// notification and the binding flow race).
func (j *SQLite) SaveToken(ctx context.Context, t flows.SavedToken, at time.Time) error {
	_, err := j.db.ExecContext(ctx, `INSERT INTO tokens(token, customer, card, method, status, updated) VALUES(?,?,?,?,?,?)
		ON CONFLICT(token) DO UPDATE SET updated = excluded.updated,
			status = CASE WHEN status IN ('blocked', 'failed') AND excluded.status IN ('init', 'active') THEN status
				WHEN excluded.status = '' THEN status ELSE excluded.status END,
			customer = CASE WHEN excluded.customer != '' THEN excluded.customer ELSE customer END,
			card = CASE WHEN excluded.card != '' THEN excluded.card ELSE card END,
			method = CASE WHEN excluded.method != '' THEN excluded.method ELSE method END`,
		t.Token, t.Customer, t.Card, string(t.Method), string(t.Status), at.UnixMilli())
	if err != nil {
		return fmt.Errorf("flows: save token: %w", err)
	}
	return nil
}

// Tokens lists a customer's saved cards (all customers when customer is empty).
func (j *SQLite) Tokens(ctx context.Context, customer string) ([]flows.SavedToken, error) {
	q := `SELECT token, customer, card, method, status, updated FROM tokens`
	var args []any
	if customer != "" {
		q += ` WHERE customer = ?`
		args = append(args, customer)
	}
	rows, err := j.db.QueryContext(ctx, q+` ORDER BY updated DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: tokens: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []flows.SavedToken
	for rows.Next() {
		var t flows.SavedToken
		var method, status string
		var upd int64
		if err := rows.Scan(&t.Token, &t.Customer, &t.Card, &method, &status, &upd); err != nil {
			return nil, fmt.Errorf("flows: tokens scan: %w", err)
		}
		t.Method, t.Status, t.Updated = octo.Method(method), octo.TokenStatus(status), time.UnixMilli(upd)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: tokens: %w", err)
	}
	return out, nil
}

// LogNotification journals a (redacted) notification.
func (j *SQLite) LogNotification(ctx context.Context, n flows.NotificationRecord) error {
	_, err := j.db.ExecContext(ctx, `INSERT INTO notifications(at, kind, shop_transaction_id, payment_uuid, status, signature, body)
		VALUES(?,?,?,?,?,?,?)`, n.At.UnixMilli(), n.Kind, n.ShopTransactionID, n.PaymentUUID, n.Status, n.Signature, n.Body)
	if err != nil {
		return fmt.Errorf("flows: journal notification: %w", err)
	}
	return nil
}

// Notifications lists the journaled notifications of a payment (all when empty), oldest first.
func (j *SQLite) Notifications(ctx context.Context, shopTransactionID string) ([]flows.NotificationRecord, error) {
	q := `SELECT at, kind, shop_transaction_id, payment_uuid, status, signature, body FROM notifications`
	var args []any
	if shopTransactionID != "" {
		q += ` WHERE shop_transaction_id = ?`
		args = append(args, shopTransactionID)
	}
	rows, err := j.db.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: notifications: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []flows.NotificationRecord
	for rows.Next() {
		var n flows.NotificationRecord
		var at int64
		if err := rows.Scan(&at, &n.Kind, &n.ShopTransactionID, &n.PaymentUUID, &n.Status, &n.Signature, &n.Body); err != nil {
			return nil, fmt.Errorf("flows: notifications scan: %w", err)
		}
		n.At = time.UnixMilli(at)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: notifications: %w", err)
	}
	return out, nil
}

// SetTokenStatus updates a saved token's status (blocked and failed are
// final); an unknown token is left alone.
func (j *SQLite) SetTokenStatus(ctx context.Context, token string, st octo.TokenStatus, at time.Time) error {
	if _, err := j.db.ExecContext(ctx, `UPDATE tokens SET status = ?, updated = ?
		WHERE token = ? AND NOT (status IN ('blocked', 'failed') AND ? IN ('init', 'active'))`,
		string(st), at.UnixMilli(), token, string(st)); err != nil {
		return fmt.Errorf("flows: token status: %w", err)
	}
	return nil
}
