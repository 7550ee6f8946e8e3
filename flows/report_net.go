package flows

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// What a manager reads first on an X or Z report: what the shift took.
//
//	gross     sales + captures (the money charged in the shift)
//	net       gross − refunds (what stays charged)
//	fees      OCTO's fees on the shift's sales and captures
//	to shop   net − fees (what OCTO pays the shop for the shift)
//
// Refunds are of the shift, whatever shift the payment was made in, as
// everywhere in the reports; OCTO keeps its fee on a refunded payment.

// Gross is the money charged in the shift: sales and captures.
func (r Report) Gross() decimal.Decimal {
	_, sold := r.Total(BucketSold)
	_, captured := r.Total(BucketCaptured)
	return sold.Add(captured)
}

// Net is the shift's net takings: what was charged less what was refunded.
func (r Report) Net() decimal.Decimal { return r.Gross().Sub(r.Refunded()) }

// Fees sums OCTO's fees on the shift's sales and captures.
func (r Report) Fees() decimal.Decimal {
	s := decimal.Zero
	for _, l := range r.Lines {
		s = s.Add(l.Fee)
	}
	return s
}

// ToShop is what goes to the shop for the shift: net takings less OCTO's fees.
func (r Report) ToShop() decimal.Decimal { return r.Net().Sub(r.Fees()) }

// readFees adds OCTO's fees on the shift's sales and captures (from the
// money journal) to the report's sold and captured lines.
func (r *Report) readFees(ctx context.Context, q querier) error {
	rows, err := q.QueryContext(ctx, `SELECT channel, kind, sum(fee) FROM movements
		WHERE shift = ? AND kind IN ('sale', 'capture') GROUP BY 1, 2 HAVING sum(fee) != 0 ORDER BY 1, 2`, r.Shift)
	if err != nil {
		return fmt.Errorf("flows: report fees: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var ch, kind string
		var fee int64
		if err := rows.Scan(&ch, &kind, &fee); err != nil {
			return fmt.Errorf("flows: report fees: %w", err)
		}
		r.addFee(ch, MovementKind(kind), major(fee))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("flows: report fees: %w", err)
	}
	r.WithFees = true
	return nil
}

// addFee adds OCTO's fees on a channel's sales or captures to their line.
func (r *Report) addFee(ch string, kind MovementKind, fee decimal.Decimal) {
	bucket := BucketSold
	if kind == MoveCapture {
		bucket = BucketCaptured
	}
	for i := range r.Lines {
		if l := &r.Lines[i]; l.Channel == ch && l.Bucket == bucket {
			l.Fee = l.Fee.Add(fee)
			return
		}
	}
	r.Lines = append(r.Lines, ReportLine{Channel: ch, Method: channelMethod(ch), Bucket: bucket, Fee: fee})
}

// readHolds counts the holds waiting for capture or cancel at at, and
// those of them past their expiry.
func (r *Report) readHolds(ctx context.Context, q querier, at time.Time) error {
	var n, amount, expired, expiredAmount int64
	if err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(amount), 0),
		coalesce(sum(hold_expires != 0 AND hold_expires <= ?), 0),
		coalesce(sum(CASE WHEN hold_expires != 0 AND hold_expires <= ? THEN amount ELSE 0 END), 0)
		FROM payments WHERE state = ?`, at.UnixMilli(), at.UnixMilli(), string(Held)).Scan(&n, &amount, &expired, &expiredAmount); err != nil {
		return fmt.Errorf("flows: report holds: %w", err)
	}
	r.Holds = HoldCount{Count: n, Amount: major(amount)}
	r.Expired = HoldCount{Count: expired, Amount: major(expiredAmount)}
	return nil
}
