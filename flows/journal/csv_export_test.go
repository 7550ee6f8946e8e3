package journal

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

// Text a spreadsheet would run as a formula comes out behind a single
// quote; other text, amounts and times come out as they are.
func TestExportCSVDefusesFormulas(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	texts := map[string]string{
		`=HYPERLINK("http://evil.example/","Refund")`: `'=HYPERLINK("http://evil.example/","Refund")`,
		"+998901234567":      "'+998901234567",
		"-2+3+cmd|' /C calc": "'-2+3+cmd|' /C calc",
		"@SUM(A1:A9)":        "'@SUM(A1:A9)",
		"\t=1+1":             "'\t=1+1",
		"\r=1+1":             "'\r=1+1",
		"Coffee = 2 cups":    "Coffee = 2 cups",
		"":                   "",
	}
	i := 0
	for text := range texts {
		r := flowstest.Rec(string(rune('a'+i)), flows.Sale, flows.Succeeded, "100", "100", "860000******0015")
		r.Description, r.Customer, r.Operator = text, text, text
		flowstest.Write(t, j, r, octotest.T0.Add(time.Duration(i)*time.Second))
		i++
	}
	var buf bytes.Buffer
	if err := j.ExportCSV(ctx, &buf, octotest.T0.Add(-time.Hour), octotest.T0.Add(time.Hour), flows.CSVFormat{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(texts)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(texts)+1)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	want := map[string]bool{}
	for _, w := range texts {
		want[w] = true
	}
	for _, row := range rows[1:] {
		for _, f := range []string{"description", "customer", "operator"} {
			if !want[row[col[f]]] {
				t.Errorf("%s came out as %q", f, row[col[f]])
			}
		}
		if row[col["amount"]] != "100.00" || row[col["card"]] != "860000******0015" {
			t.Errorf("amount %q card %q", row[col["amount"]], row[col["card"]])
		}
	}
}

// probeWriter notes, at each write, whether the journal's one connection
// is still busy with the export's query.
type probeWriter struct {
	j           *SQLite
	buf         bytes.Buffer
	writes      int
	whileOpen   int // writes made while the query was still reading rows
	rowsAtFirst int // rows in the output when the first of those came
}

func (p *probeWriter) Write(b []byte) (int, error) {
	p.writes++
	if p.j.db.Stats().InUse > 0 {
		if p.whileOpen == 0 {
			p.rowsAtFirst = bytes.Count(p.buf.Bytes(), []byte("\n"))
		}
		p.whileOpen++
	}
	return p.buf.Write(b)
}

// A large export streams: its first rows reach the writer while the query
// is still reading the rest, not after all of them were read into memory.
func TestExportCSVStreams(t *testing.T) {
	ctx := context.Background()
	j := openTestJournal(t)
	const n = 5000
	if _, err := j.db.Exec(`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
	INSERT INTO payments(shop_transaction_id, kind, method, state, currency, amount, captured, released, refunded,
		fee, transfer, card, last4, card_token, customer, operator, description, payment_uuid, payment_id, octo_status,
		test, held, hold_expires, pending_refund_id, pending_refund, problem, created, updated, shift, bucket, bucket_amount)
	SELECT 'oc-' || i, 'sale', 'uzcard', 'succeeded', 'UZS', 100000, 100000, 0, 0, 0, 0, '860000******0015', '0015',
		'', '', 'ali', 'Tea', '', i, '', 1, 0, 0, '', 0, '', ? + i, ? + i, 1, 'sold', 100000 FROM seq`,
		n, octotest.T0.UnixMilli(), octotest.T0.UnixMilli()); err != nil {
		t.Fatal(err)
	}
	p := &probeWriter{j: j}
	if err := j.ExportCSV(ctx, p, octotest.T0, time.Time{}, flows.CSVFormat{}); err != nil {
		t.Fatal(err)
	}
	if got := bytes.Count(p.buf.Bytes(), []byte("\n")); got != n+1 {
		t.Fatalf("%d lines, want %d", got, n+1)
	}
	if p.whileOpen == 0 || p.rowsAtFirst > n/10 {
		t.Errorf("%d of %d writes came while the query was open, the first after %d of %d rows: the export read the rows before writing",
			p.whileOpen, p.writes, p.rowsAtFirst, n)
	}
}
