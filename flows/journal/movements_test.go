package journal

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

// A sale, a refund the next day and the rest refunded the day after are
// three movements, each at its own time, in the shift open when it was
// made; the refunds carry their own reference.
func TestMovementsOfASaleAndItsRefunds(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	s := flowstest.Rec("s1", flows.Sale, flows.Succeeded, "150000", "150000", "860000******0015")
	s.Fee, s.Transfer = octotest.Dec("3000"), octotest.Dec("147000")
	flowstest.Write(t, j, s, octotest.T0)
	s.State, s.PendingRefundID, s.PendingRefund = flows.Refunding, "rf-1", octotest.Dec("50000")
	flowstest.Write(t, j, s, octotest.T0.Add(24*time.Hour))
	s.State, s.PendingRefundID, s.PendingRefund, s.Refunded = flows.Succeeded, "", octotest.Dec("0"), octotest.Dec("50000")
	flowstest.Write(t, j, s, octotest.T0.Add(24*time.Hour+time.Second))
	if _, err := j.ZReport(ctx, octotest.T0.Add(36*time.Hour)); err != nil {
		t.Fatal(err)
	}
	s.Refunded = octotest.Dec("150000")
	flowstest.Write(t, j, s, octotest.T0.Add(48*time.Hour))

	ms, err := j.Movements(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind   flows.MovementKind
		at     time.Time
		amount string
		shift  int64
		ref    string
	}{
		{flows.MoveSale, octotest.T0, "150000", 1, ""},
		{flows.MoveRefund, octotest.T0.Add(24*time.Hour + time.Second), "50000", 1, "rf-1"},
		{flows.MoveRefund, octotest.T0.Add(48 * time.Hour), "100000", 2, ""},
	}
	if len(ms) != len(want) {
		t.Fatalf("%d movements, want %d: %+v", len(ms), len(want), ms)
	}
	for i, w := range want {
		m := ms[i]
		if m.Kind != w.kind || !m.At.Equal(w.at) || !m.Amount.Equal(octotest.Dec(w.amount)) || m.Shift != w.shift || m.Ref != w.ref {
			t.Errorf("movement %d: %s at %v %s shift %d ref %q; want %s at %v %s shift %d ref %q", i, m.Kind, m.At, m.Amount,
				m.Shift, m.Ref, w.kind, w.at, w.amount, w.shift, w.ref)
		}
	}
	if !ms[0].Fee.Equal(octotest.Dec("3000")) || ms[0].Channel != flows.ChannelUzcard {
		t.Errorf("the sale: fee %s channel %s", ms[0].Fee, ms[0].Channel)
	}
	// Prints are counted per movement: the first is the original.
	for want := 1; want <= 2; want++ {
		if n, err := j.RecordPrint(ctx, ms[1].ID, "customer", octotest.T0.Add(72*time.Hour)); err != nil || n != want {
			t.Fatalf("print %d: %d, %v", want, n, err)
		}
	}
	ms, _ = j.Movements(ctx, "s1")
	if ms[0].Prints != 0 || ms[1].Prints != 2 {
		t.Errorf("prints %d and %d, want 0 and 2", ms[0].Prints, ms[1].Prints)
	}
	if err := execRaw(j, fmt.Sprintf(`UPDATE movements SET amount = 1 WHERE id = %d`, ms[0].ID)); err == nil {
		t.Error("a movement's amount was changed")
	}
	if err := execRaw(j, fmt.Sprintf(`UPDATE movements SET fee = 7 WHERE id = %d`, ms[0].ID)); err != nil {
		t.Errorf("a sale's fee could not follow OCTO's: %v", err)
	}
	if err := execRaw(j, `DELETE FROM movements`); err == nil {
		t.Error("movements were deleted")
	}
}

// A hold is placed, captured in part (what it released is a movement of
// its own), and a second hold canceled; a status read that changes nothing
// writes nothing, and a fee known only later reaches the capture.
func TestMovementsOfHolds(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	flowstest.Write(t, j, flowstest.Rec("h1", flows.Hold, flows.Held, "200000", "0", "411111******1111"), octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("h1", flows.Hold, flows.Held, "200000", "0", "411111******1111"), octotest.T0.Add(time.Minute)) // a status read
	c := flowstest.Rec("h1", flows.Hold, flows.Succeeded, "200000", "150000", "411111******1111")
	flowstest.Write(t, j, c, octotest.T0.Add(20*time.Minute))
	c.Fee = octotest.Dec("3000")
	flowstest.Write(t, j, c, octotest.T0.Add(21*time.Minute))
	flowstest.Write(t, j, flowstest.Rec("h2", flows.Hold, flows.Held, "80000", "0", "986000******0018"), octotest.T0)
	x := flowstest.Rec("h2", flows.Hold, flows.Canceled, "80000", "0", "986000******0018")
	x.Released = octotest.Dec("80000")
	flowstest.Write(t, j, x, octotest.T0.Add(37*time.Minute))

	got := func(id string) string {
		ms, err := j.Movements(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, string(m.Kind)+" "+m.Amount.String()+" fee "+m.Fee.String()+" at +"+m.At.Sub(octotest.T0).String())
		}
		return strings.Join(out, ", ")
	}
	if g, w := got("h1"), "hold 200000 fee 0 at +0s, capture 150000 fee 3000 at +20m0s, release 50000 fee 0 at +20m0s"; g != w {
		t.Errorf("h1: %s\nwant %s", g, w)
	}
	if g, w := got("h2"), "hold 80000 fee 0 at +0s, cancel 80000 fee 0 at +37m0s"; g != w {
		t.Errorf("h2: %s\nwant %s", g, w)
	}
}

// The export of a day in which only a refund happened holds that refund,
// and only it, with its own date and time: not the sale of the day before.
func TestExportCSVOfARefundOnlyDay(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	s := flowstest.Rec("s1", flows.Sale, flows.Succeeded, "150000", "150000", "860000******0015")
	s.Fee = octotest.Dec("3000")
	flowstest.Write(t, j, s, octotest.T0)
	s.Refunded = octotest.Dec("40000.50")
	flowstest.Write(t, j, s, octotest.T0.Add(26*time.Hour))
	next := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC) // t0 is 23.11 10:00 UTC
	for _, f := range []flows.CSVFormat{{Location: time.UTC}, {Excel: true, Location: time.UTC}} {
		var buf bytes.Buffer
		if err := j.ExportCSV(ctx, &buf, next, next.AddDate(0, 0, 1), f); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff"))))
		if f.Excel {
			r.Comma = ';'
		}
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("excel %v: %d rows, want the header and the refund: %q", f.Excel, len(rows), rows)
		}
		row := map[string]string{}
		for i, h := range rows[0] {
			row[h] = rows[1][i]
		}
		want := map[string]string{"movement": "refund", "shop_transaction_id": "s1", "date": "2026-11-24", "time": "12:00:00",
			"amount": "40000.50", "net": "-40000.50", "fee": "0.00", "to_shop": "-40000.50", "payment_state": "succeeded"}
		if f.Excel {
			want["date"], want["amount"], want["net"], want["fee"], want["to_shop"] = "24.11.2026", "40000,50", "-40000,50", "0,00", "-40000,50"
		}
		for k, v := range want {
			if row[k] != v {
				t.Errorf("excel %v: %s = %q, want %q", f.Excel, k, row[k], v)
			}
		}
	}
}

// X and Z reports say what the shift took: gross, refunds, net takings,
// OCTO's fees and what goes to the shop; and the holds open and expired.
func TestReportNetFigures(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	s := flowstest.Rec("s1", flows.Sale, flows.Succeeded, "150000", "150000", "860000******0015")
	s.Fee = octotest.Dec("3000")
	flowstest.Write(t, j, s, octotest.T0)
	c := flowstest.Rec("h1", flows.Hold, flows.Succeeded, "200000", "90000", "411111******1111")
	c.Fee = octotest.Dec("1800")
	flowstest.Write(t, j, flowstest.Rec("h1", flows.Hold, flows.Held, "200000", "0", "411111******1111"), octotest.T0)
	flowstest.Write(t, j, c, octotest.T0.Add(time.Minute))
	s.Refunded = octotest.Dec("50000")
	flowstest.Write(t, j, s, octotest.T0.Add(2*time.Minute))
	h := flowstest.Rec("h2", flows.Hold, flows.Held, "80000", "0", "986000******0018")
	h.HoldExpires = octotest.T0.Add(30 * time.Minute)
	flowstest.Write(t, j, h, octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("h3", flows.Hold, flows.Held, "10000", "0", "986000******0018"), octotest.T0)

	x, err := j.XReportAt(ctx, octotest.T0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2]string{
		"gross": {x.Gross().String(), "240000"}, "net": {x.Net().String(), "190000"}, "fees": {x.Fees().String(), "4800"},
		"to shop": {x.ToShop().String(), "185200"}, "holds": {x.Holds.Amount.String(), "90000"},
		"expired": {x.Expired.Amount.String(), "80000"},
	} {
		if pair[0] != pair[1] {
			t.Errorf("%s = %s, want %s", name, pair[0], pair[1])
		}
	}
	if x.Holds.Count != 2 || x.Expired.Count != 1 || !x.WithFees {
		t.Errorf("holds %d, expired %d, with fees %v", x.Holds.Count, x.Expired.Count, x.WithFees)
	}
	z, err := j.ZReport(ctx, octotest.T0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	zs, _ := j.ZReports(ctx)
	if len(zs) != 1 || !zs[0].Net().Equal(z.Net()) || !zs[0].ToShop().Equal(octotest.Dec("185200")) || !zs[0].WithFees {
		t.Errorf("the stored Z report: net %s to shop %s with fees %v", zs[0].Net(), zs[0].ToShop(), zs[0].WithFees)
	}
}

// A journal written before the money journal gains it when opened, filled
// from its payments, dated by their timelines.
func TestMovementsFilledFromAnOlderJournal(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	s := flowstest.Rec("s1", flows.Sale, flows.Succeeded, "1000", "1000", "860000******0015")
	flowstest.Write(t, j, flowstest.Rec("s1", flows.Sale, flows.AwaitingOTP, "1000", "0", "860000******0015"), octotest.T0)
	flowstest.Write(t, j, s, octotest.T0.Add(time.Minute))
	s.Refunded = octotest.Dec("400")
	if err := j.Write(ctx, flows.Journal{Record: s, Transition: flows.Transition{From: flows.Refunding, To: flows.Succeeded, Note: "refund 7"}}, octotest.T0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	refillMovements(t, j)
	ms, err := j.Movements(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].Kind != flows.MoveSale || !ms[0].At.Equal(octotest.T0.Add(time.Minute)) ||
		ms[1].Kind != flows.MoveRefund || !ms[1].Amount.Equal(octotest.Dec("400")) || !ms[1].At.Equal(octotest.T0.Add(time.Hour)) {
		t.Errorf("filled: %+v", ms)
	}
}

// refillMovements forgets the journal's money movements and fills them
// again from its payments, as opening a journal made before them does.
func refillMovements(t *testing.T, j flows.Store) {
	t.Helper()
	ctx := context.Background()
	switch s := j.(type) {
	case *SQLite:
		for _, q := range []string{`DROP TRIGGER payments_movements_insert`, `DROP TRIGGER payments_movements_update`,
			`DROP TABLE movements`} {
			if _, err := s.db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := migrateMovements(ctx, s.db); err != nil {
			t.Fatal(err)
		}
	case *Postgres:
		for _, q := range []string{`ALTER TABLE movements DISABLE TRIGGER movements_append_only`, `DELETE FROM movements`,
			`ALTER TABLE movements ENABLE TRIGGER movements_append_only`, pgMovementsFill} {
			if _, err := s.pool.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	default:
		t.Fatalf("unknown journal %T", j)
	}
}

// History's search: an amount finds what was charged as well as what was
// asked, two statuses mean either, and refunded payments can be asked for.
func TestHistoryFindsChargedRefundedAndEitherStatus(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	flowstest.Write(t, j, flowstest.Rec("h", flows.Hold, flows.Succeeded, "250000", "180000", "860000******0015"), octotest.T0)
	r := flowstest.Rec("s", flows.Sale, flows.Succeeded, "180000", "180000", "411111******1111")
	r.Refunded = octotest.Dec("1000")
	flowstest.Write(t, j, r, octotest.T0.Add(time.Minute))
	flowstest.Write(t, j, flowstest.Rec("w", flows.Hold, flows.Held, "50000", "0", "986000******0018"), octotest.T0.Add(2*time.Minute))
	flowstest.Write(t, j, flowstest.Rec("d", flows.Sale, flows.Declined, "180000", "0", "860000******0023"), octotest.T0.Add(3*time.Minute))
	for _, tc := range []struct {
		name string
		f    flows.Filter
		want string
	}{
		{"charged or asked", flows.Filter{Amount: octotest.Dec("180000")}, "d s h"},
		{"refunded", flows.Filter{Refunded: true}, "s"},
		{"either status", flows.Filter{States: []flows.State{flows.Succeeded, flows.Held}}, "w s h"},
		{"either status, and an amount", flows.Filter{States: []flows.State{flows.Held, flows.Declined}, Amount: octotest.Dec("180000")}, "d"},
	} {
		rs, err := j.History(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.ShopTransactionID)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, strings.Join(got, " "), tc.want)
		}
	}
}
