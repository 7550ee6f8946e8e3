package run

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// A refund journaled and then killed before OCTO got it: once a status read
// RefundInFlight after shows the refunded sum unchanged, the cashier is
// offered to send it again, with the same shop_refund_id, and it goes
// through once.
func TestSandboxRefundKilledBeforeOCTOGotIt(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	paid := e.code(e.pay(flows.Sale, octotest.PAN, "100000"))
	_, effs, err := paid.Handle(flows.Refund{Amount: octotest.Dec("30000")})
	if err != nil {
		t.Fatal(err)
	}
	if ev := e.runner.Run(ctx, effs[0]); ev != nil { // journaled; the console dies before the request
		t.Fatalf("journal: %v", ev)
	}
	journaled, err := e.journal.Get(ctx, paid.ShopTransactionID)
	if err != nil || journaled.PendingRefundID == "" {
		t.Fatalf("no pending refund journaled: %v %+v", err, journaled)
	}

	// Restarted at once: the refund might still be on its way; not offered.
	ps, err := Reconcile(ctx, e.runner)
	if err != nil || len(ps) != 1 {
		t.Fatalf("reconcile: %v %d", err, len(ps))
	}
	p := ps[0]
	if _, lost := p.PendingRefund(); lost || slices.Contains(p.Allowed(), flows.ActRefundAgain) {
		t.Fatalf("offered to resend a refund that may still be in flight: %q", p.Problem)
	}
	// Later, a status read shows OCTO never got it.
	e.sb.Advance(flows.RefundInFlight)
	p = e.drive(p, flows.Check{})
	amt, lost := p.PendingRefund()
	if !lost || !slices.Contains(p.Allowed(), flows.ActRefundAgain) || !strings.Contains(p.Problem.English(), "OCTO never received the refund of 30000.00") {
		t.Fatalf("after the in-flight time: lost %v, allowed %v, problem %q", lost, p.Allowed(), p.Problem)
	}
	p = e.drive(p, flows.Refund{Amount: amt})
	if p.State != flows.Succeeded || !p.Refunded.Equal(octotest.Dec("30000")) || p.Problem.English() != "" {
		t.Fatalf("sent again: %s refunded %s (%q)", p.State, p.Refunded, p.Problem)
	}
	ids := sent(t, e.sb, "refund")
	if len(ids) != 1 || field(t, ids[0], "shop_refund_id") != `"`+journaled.PendingRefundID+`"` {
		t.Errorf("refunds on the wire: %v, want one with %s", ids, journaled.PendingRefundID)
	}
	e.agree(p)
}

// A payment killed around pay (the answer, with the numeric id
// check_sms_key needs, never journaled) while OCTO waits for the code: at
// start it says nothing is charged and when OCTO cancels it, may be left
// for a new payment, and ends declined once OCTO cancels it.
func TestSandboxPayKilledBeforeItsAnswer(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	p, err := flows.NewCardPayment(flows.Sale, e.order("15000"), cardFor(octotest.PAN))
	if err != nil {
		t.Fatal(err)
	}
	p, effs, err := p.Handle(flows.Start{})
	if err != nil {
		t.Fatal(err)
	}
	p, effs, err = p.Handle(e.runner.RunAll(ctx, effs)) // prepared → journal(paying), pay
	if err != nil || p.State != flows.Paying {
		t.Fatalf("got %s, %v", p.State, err)
	}
	_ = e.runner.RunAll(ctx, effs) // pay reaches OCTO; its answer dies with the console

	e.runner.PaymentTTL = 15 * time.Minute
	created := e.clock.Now()
	ps, err := Reconcile(ctx, e.runner)
	if err != nil || len(ps) != 1 {
		t.Fatalf("reconcile: %v %d", err, len(ps))
	}
	p = ps[0]
	want := "cannot be sent from here: nothing is charged; OCTO cancels this payment at " + created.Add(15*time.Minute).Format("15:04")
	if p.State != flows.Resolving || !strings.Contains(p.Problem.English(), want) || !slices.Contains(p.Allowed(), flows.ActNew) {
		t.Fatalf("restored: %s %q, allowed %v; want %q", p.State, p.Problem, p.Allowed(), want)
	}
	e.sb.Advance(16 * time.Minute)
	p = e.drive(p, flows.Check{})
	if p.State != flows.Declined || !strings.Contains(p.Problem.English(), "nothing was charged") {
		t.Errorf("after OCTO's expiry: %s %q", p.State, p.Problem)
	}
	e.agree(p)
}

// Killed after pay's answer was journaled, the same state resumes to the
// customer's code while verificationInfo shows time left.
func TestSandboxPayAnsweredThenKilledResumesToTheCode(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	p, err := flows.NewCardPayment(flows.Sale, e.order("15000"), cardFor(octotest.PAN))
	if err != nil {
		t.Fatal(err)
	}
	p, effs, err := p.Handle(flows.Start{})
	for err == nil && p.State != flows.Verifying {
		p, effs, err = p.Handle(e.runner.RunAll(ctx, effs))
	}
	if err != nil {
		t.Fatal(err)
	}
	if ev := e.runner.Run(ctx, effs[0]); ev != nil { // pay's answer journaled; killed before verificationInfo's
		t.Fatalf("journal: %v", ev)
	}
	ps, err := Reconcile(ctx, e.runner)
	if err != nil || len(ps) != 1 || ps[0].State != flows.AwaitingOTP {
		t.Fatalf("reconcile: %v, %+v", err, ps)
	}
	if got := e.code(ps[0]); got.State != flows.Succeeded {
		t.Errorf("code after the restart: %s (%q)", got.State, got.Problem)
	}
}
