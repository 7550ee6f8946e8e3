package journal

import (
	"context"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

// The store's Z of a day sums the Z reports every counter closed that day:
// a hold placed at A and captured at B (before A's Z) is captured in B's Z
// and no longer held in A's; a counter
// whose shift is still open, and a Z of the next day, are not in it.
func TestStoreZOfADay(t *testing.T) {
	js := storeCounters(t, "A", "B", "C")
	a, b, c := js[0], js[1], js[2]
	ctx := context.Background()
	day := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	write := func(j *Postgres, r flows.Record, from flows.State, at time.Time) {
		t.Helper()
		if err := j.Write(ctx, flows.Journal{Record: r, Transition: flows.Transition{From: from, To: r.State}}, at); err != nil {
			t.Fatal(err)
		}
	}
	a1 := flowstest.Rec("a1", flows.Sale, flows.Succeeded, "1000", "1000", "860000******0015")
	a1.Fee = octotest.Dec("20")
	write(a, a1, "", day.Add(9*time.Hour))
	write(b, flowstest.Rec("b1", flows.Sale, flows.Succeeded, "2500.50", "2500.50", "986000******0018"), "", day.Add(9*time.Hour))
	write(c, flowstest.Rec("c1", flows.Sale, flows.Succeeded, "700", "700", "860000******0023"), "", day.Add(9*time.Hour))
	write(a, flowstest.Rec("h", flows.Hold, flows.Held, "5000", "0", "860000******0031"), "", day.Add(10*time.Hour))
	captured := flowstest.Rec("h", flows.Hold, flows.Succeeded, "5000", "4000", "860000******0031")
	captured.Fee = octotest.Dec("80.50")
	write(b, captured, flows.Held, day.Add(11*time.Hour))

	if _, err := a.ZReport(ctx, day.Add(12*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ZReport(ctx, day.Add(20*time.Hour)); err != nil {
		t.Fatal(err)
	}
	write(a, flowstest.Rec("a2", flows.Sale, flows.Succeeded, "300", "300", "860000******0015"), "", day.Add(25*time.Hour))
	if _, err := a.ZReport(ctx, day.Add(26*time.Hour)); err != nil { // the next day's
		t.Fatal(err)
	}

	z, err := c.StoreZ(ctx, day, day.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(z.Zs) != 2 || z.Zs[0].Counter != "A" || z.Zs[1].Counter != "B" || z.Zs[0].No != 1 || z.Zs[1].No != 1 {
		t.Fatalf("Z reports of the day: %+v", z.Zs)
	}
	if n, amt := z.Total(flows.BucketSold); n != 2 || !amt.Equal(octotest.Dec("3500.50")) {
		t.Errorf("sold %d / %s, want 2 / 3500.50 (A's and B's, not C's open shift nor the next day)", n, amt)
	}
	if n, amt := z.Total(flows.BucketCaptured); n != 1 || !amt.Equal(octotest.Dec("4000")) {
		t.Errorf("captured %d / %s, want the hold captured at B", n, amt)
	}
	if n, _ := z.Total(flows.BucketHeld); n != 0 {
		t.Errorf("held %d: the hold captured at B before A's Z is still held in A's", n)
	}
	if rel := (flows.Report{Lines: z.Lines}).Released(); !rel.Equal(octotest.Dec("1000")) {
		t.Errorf("released %s, want 1000", rel)
	}
	if r := z.Report(); !z.WithFees || !r.Fees().Equal(octotest.Dec("100.50")) || !r.Net().Equal(octotest.Dec("7500.50")) ||
		!r.ToShop().Equal(octotest.Dec("7400")) {
		t.Errorf("with fees %v: fees %s net %s to shop %s, want 100.50 (A's sale, B's capture), 7500.50, 7400",
			z.WithFees, r.Fees(), r.Net(), r.ToShop())
	}
}
