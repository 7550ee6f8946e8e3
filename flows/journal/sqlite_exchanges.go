package journal

import (
	"context"
	"fmt"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// The table is created by whoever first writes or reads it, not by
// OpenSQLite: CREATE … IF NOT EXISTS is a schema lookup, cheap next to a
// batch of inserts or a detail view's reads.
const exchangesSchema = `
CREATE TABLE IF NOT EXISTS exchanges(
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	shop_transaction_id TEXT NOT NULL,
	payment_uuid TEXT NOT NULL, payment_id INTEGER NOT NULL,
	method TEXT NOT NULL, http_method TEXT NOT NULL, path TEXT NOT NULL,
	http_status INTEGER NOT NULL, code INTEGER NOT NULL, err TEXT NOT NULL,
	duration_us INTEGER NOT NULL, attempt INTEGER NOT NULL,
	request TEXT NOT NULL, response TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS exchanges_tx ON exchanges(shop_transaction_id, at);
CREATE INDEX IF NOT EXISTS exchanges_uuid ON exchanges(payment_uuid) WHERE payment_uuid <> '' AND shop_transaction_id <> '';
CREATE INDEX IF NOT EXISTS exchanges_id ON exchanges(payment_id) WHERE payment_id <> 0 AND shop_transaction_id <> '';
`

// SaveExchanges journals exchanges in one transaction. Each is keyed by its
// payment's shop_transaction_id: named in the body, else found through the
// payment's UUID or numeric id in an earlier exchange that linked them
// (indexed), else in the payments table (the runner journals a payment
// before each call; that read scans, so it comes last: only when the
// linking exchange was not journaled).
func (j *SQLite) SaveExchanges(ctx context.Context, xs []flows.ExchangeRecord) error {
	if len(xs) == 0 {
		return nil
	}
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flows: journal exchanges: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, exchangesSchema); err != nil {
		return fmt.Errorf("flows: exchanges table: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO exchanges(at, shop_transaction_id, payment_uuid, payment_id,
		method, http_method, path, http_status, code, err, duration_us, attempt, request, response)
		VALUES(?1, COALESCE(NULLIF(?2, ''),
			(SELECT shop_transaction_id FROM exchanges WHERE ?3 <> '' AND payment_uuid = ?3 AND payment_uuid <> '' AND shop_transaction_id <> '' LIMIT 1),
			(SELECT shop_transaction_id FROM exchanges WHERE ?4 <> 0 AND payment_id = ?4 AND payment_id <> 0 AND shop_transaction_id <> '' LIMIT 1),
			(SELECT shop_transaction_id FROM payments WHERE ?3 <> '' AND payment_uuid = ?3 LIMIT 1),
			(SELECT shop_transaction_id FROM payments WHERE ?4 <> 0 AND payment_id = ?4 LIMIT 1), ''),
		?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`)
	if err != nil {
		return fmt.Errorf("flows: journal exchanges: %w", err)
	}
	defer func() { _ = stmt.Close() }()
	for _, x := range xs {
		x = x.Journaled()
		shopTx, uuid, id := x.ShopTransactionID, x.PaymentUUID, x.PaymentID
		if _, err := stmt.ExecContext(ctx, x.At.UnixMilli(), shopTx, uuid, id, x.Method, x.HTTPMethod, x.Path,
			x.HTTPStatus, x.Code, x.Err, x.Duration.Microseconds(), x.Attempt,
			x.Request, x.Response); err != nil {
			return fmt.Errorf("flows: journal exchange: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flows: journal exchanges: %w", err)
	}
	return nil
}

// Exchanges lists the journaled exchanges about one payment, oldest first.
func (j *SQLite) Exchanges(ctx context.Context, shopTransactionID string) ([]flows.ExchangeRecord, error) {
	if _, err := j.db.ExecContext(ctx, exchangesSchema); err != nil {
		return nil, fmt.Errorf("flows: exchanges table: %w", err)
	}
	rows, err := j.db.QueryContext(ctx, `SELECT at, shop_transaction_id, method, http_method, path, http_status, code,
		err, duration_us, attempt, request, response FROM exchanges WHERE shop_transaction_id = ? ORDER BY at, id`,
		shopTransactionID)
	if err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []flows.ExchangeRecord
	for rows.Next() {
		var x flows.ExchangeRecord
		var at, us int64
		if err := rows.Scan(&at, &x.ShopTransactionID, &x.Method, &x.HTTPMethod, &x.Path, &x.HTTPStatus, &x.Code,
			&x.Err, &us, &x.Attempt, &x.Request, &x.Response); err != nil {
			return nil, fmt.Errorf("flows: exchanges scan: %w", err)
		}
		x.At, x.Duration = time.UnixMilli(at), time.Duration(us)*time.Microsecond
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	return out, nil
}

// ExchangesAfter lists the journaled exchanges of every payment after seq
// (0: from the first), oldest first, at most limit of them: the console's
// traffic as `octo-cashier events --journal` prints and follows it.
func (j *SQLite) ExchangesAfter(ctx context.Context, seq int64, limit int) ([]flows.LoggedExchange, error) {
	if _, err := j.db.ExecContext(ctx, exchangesSchema); err != nil {
		return nil, fmt.Errorf("flows: exchanges table: %w", err)
	}
	rows, err := j.db.QueryContext(ctx, `SELECT id, at, shop_transaction_id, payment_uuid, payment_id, method,
		http_method, path, http_status, code, err, duration_us, attempt, request, response
		FROM exchanges WHERE id > ? ORDER BY id LIMIT ?`, seq, limit)
	if err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []flows.LoggedExchange
	for rows.Next() {
		var x flows.LoggedExchange
		var at, us int64
		if err := rows.Scan(&x.Seq, &at, &x.ShopTransactionID, &x.PaymentUUID, &x.PaymentID, &x.Method,
			&x.HTTPMethod, &x.Path, &x.HTTPStatus, &x.Code, &x.Err, &us, &x.Attempt, &x.Request, &x.Response); err != nil {
			return nil, fmt.Errorf("flows: exchanges scan: %w", err)
		}
		x.At, x.Duration = time.UnixMilli(at), time.Duration(us)*time.Microsecond
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	return out, nil
}
