package run

import (
	"context"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// onPage starts a payment the customer pays on OCTO's page and runs it to
// the page: prepare_payment (journaled first), then the first status read
// still to run, returned as effects.
func (e *e2e) onPage(kind flows.Kind, o flows.Order) (flows.Payment, []flows.Effect) {
	e.t.Helper()
	p, err := flows.NewPagePayment(kind, o)
	if err != nil {
		e.t.Fatal(err)
	}
	p, effs, err := p.Handle(flows.Start{})
	if err != nil || p.State != flows.Preparing {
		e.t.Fatalf("start: %s, %v", p.State, err)
	}
	if names := flowstest.EffectNames(effs); len(names) != 2 || names[0] != "journal" || names[1] != "prepare_payment" {
		e.t.Fatalf("start asks for %v, want the journal before prepare_payment", names)
	}
	p, effs, err = p.Handle(e.runner.RunAll(context.Background(), effs))
	if err != nil || p.State != flows.AwaitingPage {
		e.t.Fatalf("prepared: %s, %v (%s)", p.State, err, p.Problem)
	}
	if names := flowstest.EffectNames(effs); len(names) != 2 || names[0] != "journal" || names[1] != "read_status" {
		e.t.Fatalf("on the page: %v, want the journal then a status read (never pay)", names)
	}
	if p.PayURL == "" || p.PaymentUUID == "" {
		e.t.Fatalf("no page link: %+v", p)
	}
	return p, effs
}

// verifiedHints makes the listener check the sandbox's signatures, as the
// console does: only then is the card a notification reports believed.
func (e *e2e) verifiedHints() {
	e.listener.SignatureKey, e.listener.Recipe = "sandbox-unique-key", octo.RecipeUniqueKey
}

func (e *e2e) hinted(id string, st octo.Status) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, h := range e.hints {
		if h == id+" "+string(st) {
			return true
		}
	}
	return false
}

// TestSandboxPagePaymentTestCards: the customer pays on the page with each
// test card; the console sends no pay and learns the outcome (and the card
// the notification reports) by reading the status.
func TestSandboxPagePaymentTestCards(t *testing.T) {
	tests := []struct {
		pan     string
		kind    flows.Kind
		want    flows.State
		problem string
		card    string
	}{
		{"8600000000000015", flows.Sale, flows.Succeeded, "", "860000******0015"},
		{"8600000000000015", flows.Hold, flows.Held, "", "860000******0015"},
		{"8600000000000023", flows.Sale, flows.Declined, msgPageDeclined, "860000******0023"},
		{"8600000000000031", flows.Sale, flows.Succeeded, "", "860000******0031"}, // its outcome's notification is lost: read only
		{"9860000000000018", flows.Hold, flows.Held, "", "986000******0018"},
		{"9860000000000026", flows.Sale, flows.Declined, msgPageDeclined, "986000******0026"},
		{"4111111111111111", flows.Sale, flows.Succeeded, "", "411111******1111"},
		{"5555555555554444", flows.Hold, flows.Held, "", "555555******4444"},
		{"4000000000000002", flows.Sale, flows.Declined, msgPageDeclined, "400000******0002"},
	}
	for _, tc := range tests {
		t.Run(tc.pan+"/"+string(tc.kind), func(t *testing.T) {
			e := newE2E(t, sandbox.Options{})
			e.verifiedHints()
			p, effs := e.onPage(tc.kind, e.order("150000"))
			c := sandbox.CustomerCard{PAN: tc.pan, Exp: "12/29", CVC: "123"}
			if _, err := e.sb.PayAsCustomer(p.PaymentUUID, c); err != nil && tc.want != flows.Declined {
				t.Fatalf("the customer could not pay: %v", err)
			}
			// The card comes with the first notification, once the customer typed it.
			waitFor(t, "the notification", func() bool { return e.hinted(p.ShopTransactionID, octo.StatusWaitUserAction) })
			p = e.drive(p, e.runner.RunAll(context.Background(), effs))
			if p.State != tc.want || p.Problem.English() != tc.problem {
				t.Fatalf("got %s %q, want %s %q", p.State, p.Problem, tc.want, tc.problem)
			}
			if p.Card != tc.card {
				t.Errorf("card %q, want %q", p.Card, tc.card)
			}
			if tc.card != "" && p.Method != flows.MethodOf(tc.pan) {
				t.Errorf("method %s, want %s", p.Method, flows.MethodOf(tc.pan))
			}
			if n := countCalls(e.sb, "pay"); n != 0 {
				t.Errorf("pay was sent %d times", n)
			}
			e.agree(p)
			rec, _ := e.journal.Get(context.Background(), p.ShopTransactionID)
			if !rec.Hosted || rec.Card != tc.card {
				t.Errorf("journaled hosted %v card %q", rec.Hosted, rec.Card)
			}
		})
	}
}

// TestSandboxPagePaymentBlockedThenAnotherCard: the page refuses a blocked
// card and the payment waits on; another card pays it.
func TestSandboxPagePaymentBlockedThenAnotherCard(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	p, effs := e.onPage(flows.Sale, e.order("5000"))
	if _, err := e.sb.PayAsCustomer(p.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000049", Exp: "1229"}); err == nil {
		t.Fatal("the blocked card paid")
	}
	p, effs, err := p.Handle(e.runner.RunAll(context.Background(), effs))
	if err != nil || p.State != flows.AwaitingPage || p.OCTOStatus != octo.StatusCreated {
		t.Fatalf("after the blocked card: %s %s, %v", p.State, p.OCTOStatus, err)
	}
	if _, err := e.sb.PayAsCustomer(p.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000015", Exp: "1229"}); err != nil {
		t.Fatal(err)
	}
	if p = e.drive(p, e.runner.RunAll(context.Background(), effs)); p.State != flows.Succeeded {
		t.Fatalf("got %s", p.State)
	}
}

// TestSandboxPagePaymentExpires: nobody pays; OCTO cancels the payment at
// its ttl and the console says it expired, nothing charged. The reads
// back off from one a second to every few seconds.
func TestSandboxPagePaymentExpires(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	o := e.order("5000")
	o.TTLMinutes = 3
	start := e.clock.Now()
	var waits []time.Duration
	e.clock.setOnSleep(func(d time.Duration) { waits = append(waits, d) })
	p, effs := e.onPage(flows.Sale, o)
	if want := start.Add(3 * time.Minute); p.PayExpires.Sub(want).Abs() > time.Second {
		t.Errorf("pay expires %s, want about %s", p.PayExpires, want)
	}
	p = e.drive(p, e.runner.RunAll(context.Background(), effs))
	if p.State != flows.Declined || p.Problem.English() != msgPageExpired || p.OCTOStatus != octo.StatusCanceled {
		t.Fatalf("got %s %s %q", p.State, p.OCTOStatus, p.Problem)
	}
	if over := e.clock.Now().Sub(start.Add(3 * time.Minute)); over < 0 || over > 6*time.Second {
		t.Errorf("the expiry was seen %s after the ttl", over)
	}
	if len(waits) < 20 || waits[0] > time.Second+100*time.Millisecond || waits[len(waits)-1] < 4*time.Second {
		t.Errorf("the reads waited %v: want one a second first, every few seconds later", waits)
	}
	e.agree(p)
}

// TestSandboxPagePaymentLeftAndNotified: the cashier leaves the payment on
// the page; the notification of the customer's payment settles it in the
// journal, with the card.
func TestSandboxPagePaymentLeftAndNotified(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	e.verifiedHints()
	p, effs := e.onPage(flows.Sale, e.order("5000"))
	if ev := e.runner.Run(context.Background(), effs[0]); ev != nil { // the journal; left, its read is never run
		t.Fatal(ev)
	}
	rec, _ := e.journal.Get(context.Background(), p.ShopTransactionID)
	if rec.State != flows.AwaitingPage || !rec.Hosted {
		t.Fatalf("journaled %s hosted %v", rec.State, rec.Hosted)
	}
	if _, err := e.sb.PayAsCustomer(p.PaymentUUID, sandbox.CustomerCard{PAN: "4111111111111111", Exp: "1229", CVC: "123"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the notification", func() bool { return e.hinted(p.ShopTransactionID, octo.StatusSucceeded) })
	got, read, err := ApplyNotification(context.Background(), e.runner, p.ShopTransactionID, octo.StatusSucceeded)
	if err != nil || !read || got.State != flows.Succeeded || got.Card != "411111******1111" {
		t.Fatalf("applied: %s %q read %v, %v", got.State, got.Card, read, err)
	}
	e.agree(got)
}

// TestPagePaymentInTheReport: the shift report counts payments made on the
// customer's phone in their own channel.
func TestPagePaymentInTheReport(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	e.verifiedHints()
	p, effs := e.onPage(flows.Sale, e.order("5000"))
	if _, err := e.sb.PayAsCustomer(p.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000015", Exp: "1229"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the notification", func() bool { return e.hinted(p.ShopTransactionID, octo.StatusSucceeded) })
	e.drive(p, e.runner.RunAll(context.Background(), effs))
	x, err := e.journal.XReportAt(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	flowstest.SameLines(t, "X report", flowstest.Lines(x), map[string]string{"phone/sold": "1 5000.00 rel 0/0.00 ref 0/0.00"})
}
