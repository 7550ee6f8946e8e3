package journal

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/shopspring/decimal"
)

// StoreReport is the store's Z of a period: the Z reports every counter
// closed in it, their lines summed by channel and bucket. It reads the
// stored Z reports only, which never change, so it says the same however
// often it is asked; a shift still open is in no store report yet.
type StoreReport struct {
	From, To time.Time
	Zs       []CounterZ // oldest first
	Lines    []flows.ReportLine
	// WithFees: every Z report in it summed OCTO's fees, so the store's
	// net figures (Report: Gross, Net, Fees, ToShop) are whole.
	WithFees bool
}

// Report is the store report's lines as one report, for its net figures.
func (r StoreReport) Report() flows.Report {
	return flows.Report{Lines: r.Lines, WithFees: r.WithFees}
}

// CounterZ names one counter's Z report in a store report.
type CounterZ struct {
	Counter  string
	No       int64
	Operator string
	Closed   time.Time
}

// Total sums the lines of one bucket over all channels.
func (r StoreReport) Total(bucket string) (int64, decimal.Decimal) {
	return flows.Report{Lines: r.Lines}.Total(bucket)
}

// StoreZ is the store's Z of every counter's Z report closed in [from, to).
func (j *Postgres) StoreZ(ctx context.Context, from, to time.Time) (StoreReport, error) {
	rows, err := j.pool.Query(ctx, `SELECT counter, body::text FROM zreports WHERE closed >= $1 AND closed < $2
		ORDER BY closed, counter`, from, to)
	if err != nil {
		return StoreReport{}, fmt.Errorf("flows: store z: %w", err)
	}
	defer rows.Close()
	out := StoreReport{From: from, To: to, WithFees: true}
	sum := map[[2]string]*flows.ReportLine{}
	for rows.Next() {
		var counter, body string
		if err := rows.Scan(&counter, &body); err != nil {
			return StoreReport{}, fmt.Errorf("flows: store z scan: %w", err)
		}
		var z flows.Report
		if err := json.Unmarshal([]byte(body), &z); err != nil {
			return StoreReport{}, fmt.Errorf("flows: store z body: %w", err)
		}
		out.Zs = append(out.Zs, CounterZ{Counter: counter, No: z.No, Operator: z.Operator, Closed: z.Closed})
		out.WithFees = out.WithFees && z.WithFees
		for _, l := range z.Lines {
			k := [2]string{l.Channel, l.Bucket}
			s, ok := sum[k]
			if !ok {
				s = &flows.ReportLine{Channel: l.Channel, Method: l.Method, Bucket: l.Bucket}
				sum[k] = s
			}
			s.Count += l.Count
			s.Amount = s.Amount.Add(l.Amount)
			s.Released = s.Released.Add(l.Released)
			s.Releases += l.Releases
			s.Refunded = s.Refunded.Add(l.Refunded)
			s.Refunds += l.Refunds
			s.Fee = s.Fee.Add(l.Fee)
		}
	}
	if err := rows.Err(); err != nil {
		return StoreReport{}, fmt.Errorf("flows: store z: %w", err)
	}
	for _, l := range sum {
		out.Lines = append(out.Lines, *l)
	}
	sort.Slice(out.Lines, func(a, b int) bool {
		if out.Lines[a].Channel != out.Lines[b].Channel {
			return out.Lines[a].Channel < out.Lines[b].Channel
		}
		return out.Lines[a].Bucket < out.Lines[b].Bucket
	})
	return out, nil
}
