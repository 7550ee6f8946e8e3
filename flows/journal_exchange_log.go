package flows

import (
	"context"
	"fmt"
	"time"
)

// LoggedExchange is a journaled exchange with its place in the journal.
type LoggedExchange struct {
	Seq int64 // the journal's row id: increasing, to read on from where the last read stopped
	ExchangeRecord
}

// ExchangesAfter lists the journaled exchanges of every payment after seq
// (0: from the first), oldest first, at most limit of them: the console's
// traffic as `octo-cashier events --journal` prints and follows it.
func (j *JournalStore) ExchangesAfter(ctx context.Context, seq int64, limit int) ([]LoggedExchange, error) {
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
	var out []LoggedExchange
	for rows.Next() {
		var x LoggedExchange
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
