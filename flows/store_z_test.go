package flows

import (
	"context"
	"testing"
	"time"
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
	write := func(j *PostgresJournal, r Record, from State, at time.Time) {
		t.Helper()
		if err := j.Write(ctx, Journal{Record: r, Transition: Transition{From: from, To: r.State}}, at); err != nil {
			t.Fatal(err)
		}
	}
	a1 := rec("a1", Sale, Succeeded, "1000", "1000", "860000******0015")
	a1.Fee = dec("20")
	write(a, a1, "", day.Add(9*time.Hour))
	write(b, rec("b1", Sale, Succeeded, "2500.50", "2500.50", "986000******0018"), "", day.Add(9*time.Hour))
	write(c, rec("c1", Sale, Succeeded, "700", "700", "860000******0023"), "", day.Add(9*time.Hour))
	write(a, rec("h", Hold, Held, "5000", "0", "860000******0031"), "", day.Add(10*time.Hour))
	captured := rec("h", Hold, Succeeded, "5000", "4000", "860000******0031")
	captured.Fee = dec("80.50")
	write(b, captured, Held, day.Add(11*time.Hour))

	if _, err := a.ZReport(ctx, day.Add(12*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ZReport(ctx, day.Add(20*time.Hour)); err != nil {
		t.Fatal(err)
	}
	write(a, rec("a2", Sale, Succeeded, "300", "300", "860000******0015"), "", day.Add(25*time.Hour))
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
	if n, amt := z.Total(BucketSold); n != 2 || !amt.Equal(dec("3500.50")) {
		t.Errorf("sold %d / %s, want 2 / 3500.50 (A's and B's, not C's open shift nor the next day)", n, amt)
	}
	if n, amt := z.Total(BucketCaptured); n != 1 || !amt.Equal(dec("4000")) {
		t.Errorf("captured %d / %s, want the hold captured at B", n, amt)
	}
	if n, _ := z.Total(BucketHeld); n != 0 {
		t.Errorf("held %d: the hold captured at B before A's Z is still held in A's", n)
	}
	if rel := (Report{Lines: z.Lines}).Released(); !rel.Equal(dec("1000")) {
		t.Errorf("released %s, want 1000", rel)
	}
	if r := z.Report(); !z.WithFees || !r.Fees().Equal(dec("100.50")) || !r.Net().Equal(dec("7500.50")) ||
		!r.ToShop().Equal(dec("7400")) {
		t.Errorf("with fees %v: fees %s net %s to shop %s, want 100.50 (A's sale, B's capture), 7500.50, 7400",
			z.WithFees, r.Fees(), r.Net(), r.ToShop())
	}
}
