package flows

import (
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// A payment on the customer's phone that OCTO still shows waiting: opened
// on the counter's screen (Reopen) it goes back to its page with the link
// and expiry the journal kept, and keeps reading; restored in the
// background (a restart, a shift's check) it stops after the one read and
// says how to show the code again; from a journal without the link it
// says the code cannot be shown.
func TestReopenPhonePayment(t *testing.T) {
	at := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	page := Payment{Kind: Sale, State: AwaitingPage, ShopTransactionID: "oc-1", Amount: decimal.NewFromInt(1000),
		Currency: "UZS", Hosted: true, PaymentUUID: "u-1", PayURL: "http://sandbox.test/pay/u-1?language=en",
		PayExpires: at.Add(10 * time.Minute), OCTOStatus: octo.StatusCreated}
	rec := page.Record()
	if rec.PayURL != page.PayURL || !rec.PayExpires.Equal(page.PayExpires) {
		t.Fatalf("the record keeps %q, %v", rec.PayURL, rec.PayExpires)
	}
	noLink := rec
	noLink.PayURL = ""
	waiting := &octo.PaymentInfo{Status: octo.StatusWaitUserAction}
	for _, c := range []struct {
		name  string
		p     Payment
		state State
		want  ProblemCode
		reads bool
	}{
		{"reopened", Reopen(rec), AwaitingPage, "", true},
		{"restored", Restore(rec), Resolving, ProblemRestoredPage, false},
		{"reopened without the link", Reopen(noLink), Resolving, ProblemRestoredPageNoLink, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, _, err := c.p.Handle(Check{})
			if err != nil {
				t.Fatal(err)
			}
			p, effs, err := p.Handle(StatusAnswered{Info: waiting, Seq: p.pollSeq, At: at})
			if err != nil {
				t.Fatal(err)
			}
			if p.State != c.state || p.Problem.Code != c.want {
				t.Errorf("%s, %q; want %s, %s", p.State, p.Problem.English(), c.state, c.want)
			}
			reads := false
			for _, e := range effs {
				_, r := e.(ReadStatus)
				reads = reads || r
			}
			if reads != c.reads {
				t.Errorf("reads on: %v, want %v (%+v)", reads, c.reads, effs)
			}
			if c.state == AwaitingPage && (p.PayURL != rec.PayURL || p.PayTimeLeft(at) != 10*time.Minute) {
				t.Errorf("the page %q with %v left", p.PayURL, p.PayTimeLeft(at))
			}
		})
	}
}
