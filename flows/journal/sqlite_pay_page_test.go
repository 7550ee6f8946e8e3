package journal

import (
	"context"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

// A payment on the customer's phone keeps its page's link and expiry in
// every read the screens reopen it from (Get, History, Unfinished), and a
// payment that has none reads back none.
func TestPayPageJournaled(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	h := flowstest.Rec("ph", flows.Sale, flows.AwaitingPage, "5000", "0", "")
	h.Hosted, h.PayURL, h.PayExpires = true, "http://sandbox.test/pay/u-1?language=en", octotest.T0.Add(15*time.Minute)
	flowstest.Write(t, j, h, octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("card", flows.Sale, flows.Succeeded, "7000", "7000", "860000******0015"), octotest.T0.Add(time.Second))
	got, err := j.Get(ctx, "ph")
	if err != nil || got.PayURL != h.PayURL || !got.PayExpires.Equal(h.PayExpires) {
		t.Fatalf("get: %q %v, %v", got.PayURL, got.PayExpires, err)
	}
	rs, err := j.History(ctx, flows.Filter{})
	if err != nil || len(rs) != 2 || rs[0].PayURL != "" || !rs[0].PayExpires.IsZero() || rs[1].PayURL != h.PayURL {
		t.Fatalf("history: %+v, %v", rs, err)
	}
	un, err := j.Unfinished(ctx)
	if err != nil || len(un) != 1 || un[0].PayURL != h.PayURL || !un[0].PayExpires.Equal(h.PayExpires) {
		t.Fatalf("unfinished: %+v, %v", un, err)
	}
}

// A journal made before the page's columns gains them when opened, its
// payments with no link, and writes them from then on.
func TestPayPageColumnsMigrate(t *testing.T) {
	ctx := context.Background()
	j := openTestJournal(t)
	for _, q := range []string{`ALTER TABLE payments DROP COLUMN pay_url`, `ALTER TABLE payments DROP COLUMN pay_expires`} {
		if _, err := j.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 { // twice: the second is a no-op
		if err := migratePayPage(ctx, j.db); err != nil {
			t.Fatal(err)
		}
	}
	h := flowstest.Rec("ph", flows.Sale, flows.AwaitingPage, "5000", "0", "")
	h.Hosted, h.PayURL = true, "http://sandbox.test/pay/u-1"
	flowstest.Write(t, j, h, octotest.T0)
	if got, err := j.Get(ctx, "ph"); err != nil || got.PayURL != h.PayURL || !got.PayExpires.IsZero() {
		t.Fatalf("get: %q %v, %v", got.PayURL, got.PayExpires, err)
	}
}
