package journal

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/octo-cashier/octo-cashier/flows"
)

// SaveExchanges journals exchanges in one transaction, each keyed by its
// payment's shop_transaction_id as the SQLite journal keys them.
func (j *Postgres) SaveExchanges(ctx context.Context, xs []flows.ExchangeRecord) error {
	if len(xs) == 0 {
		return nil
	}
	err := j.inTx(ctx, func(tx pgx.Tx) error {
		for _, x := range xs {
			x = x.Journaled()
			shopTx, uuid, id := x.ShopTransactionID, x.PaymentUUID, x.PaymentID
			if _, err := tx.Exec(ctx, `INSERT INTO exchanges(at, counter, shop_transaction_id, payment_uuid, payment_id,
				method, http_method, path, http_status, code, err, duration_us, attempt, request, response)
				VALUES($1, $2, COALESCE(NULLIF($3::text, ''),
					(SELECT shop_transaction_id FROM exchanges WHERE $4::text <> '' AND payment_uuid = $4 AND payment_uuid <> '' AND shop_transaction_id <> '' LIMIT 1),
					(SELECT shop_transaction_id FROM exchanges WHERE $5::bigint <> 0 AND payment_id = $5 AND payment_id <> 0 AND shop_transaction_id <> '' LIMIT 1),
					(SELECT shop_transaction_id FROM payments WHERE $4::text <> '' AND payment_uuid = $4 LIMIT 1),
					(SELECT shop_transaction_id FROM payments WHERE $5::bigint <> 0 AND payment_id = $5 LIMIT 1), ''),
				$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
				x.At, j.counter, shopTx, uuid, id, x.Method, x.HTTPMethod, x.Path, x.HTTPStatus, x.Code, x.Err,
				x.Duration.Microseconds(), x.Attempt, x.Request, x.Response); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("flows: journal exchanges: %w", err)
	}
	return nil
}

// Exchanges lists the journaled exchanges about one payment, oldest first.
func (j *Postgres) Exchanges(ctx context.Context, shopTransactionID string) ([]flows.ExchangeRecord, error) {
	rows, err := j.pool.Query(ctx, `SELECT at, shop_transaction_id, method, http_method, path, http_status, code,
		err, duration_us, attempt, request, response FROM exchanges WHERE shop_transaction_id = $1 ORDER BY at, id`,
		shopTransactionID)
	if err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	defer rows.Close()
	var out []flows.ExchangeRecord
	for rows.Next() {
		var x flows.ExchangeRecord
		var us int64
		if err := rows.Scan(&x.At, &x.ShopTransactionID, &x.Method, &x.HTTPMethod, &x.Path, &x.HTTPStatus, &x.Code,
			&x.Err, &us, &x.Attempt, &x.Request, &x.Response); err != nil {
			return nil, fmt.Errorf("flows: exchanges scan: %w", err)
		}
		x.Duration = time.Duration(us) * time.Microsecond
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	return out, nil
}

// ExchangesAfter lists the store's journaled exchanges after seq, oldest first, at most limit.
func (j *Postgres) ExchangesAfter(ctx context.Context, seq int64, limit int) ([]flows.LoggedExchange, error) {
	rows, err := j.pool.Query(ctx, `SELECT id, at, shop_transaction_id, payment_uuid, payment_id, method,
		http_method, path, http_status, code, err, duration_us, attempt, request, response
		FROM exchanges WHERE id > $1 ORDER BY id LIMIT $2`, seq, limit)
	if err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	defer rows.Close()
	var out []flows.LoggedExchange
	for rows.Next() {
		var x flows.LoggedExchange
		var us int64
		if err := rows.Scan(&x.Seq, &x.At, &x.ShopTransactionID, &x.PaymentUUID, &x.PaymentID, &x.Method,
			&x.HTTPMethod, &x.Path, &x.HTTPStatus, &x.Code, &x.Err, &us, &x.Attempt, &x.Request, &x.Response); err != nil {
			return nil, fmt.Errorf("flows: exchanges scan: %w", err)
		}
		x.Duration = time.Duration(us) * time.Microsecond
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	return out, nil
}
