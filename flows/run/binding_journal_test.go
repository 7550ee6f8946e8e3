package run

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

func newTestBinding(t *testing.T) flows.Binding {
	t.Helper()
	b, err := flows.NewBinding(flows.BindOrder{ShopTransactionID: "oc-bind-1", Customer: "cust-1", Operator: "ali", Phone: "998901234567"},
		octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bind_card debits a small authorization: the attempt is journaled (its
// shop_transaction_id, the masked card, the customer) before it is sent.
func TestBindingJournaledBeforeBindCard(t *testing.T) {
	b := newTestBinding(t)
	_, effs, err := b.Handle(flows.Start{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(flowstest.EffectNames(effs), ","); got != "journal_binding,bind_card" {
		t.Fatalf("effects %s, want the journal write before bind_card", got)
	}
	rec := effs[0].(flows.JournalBinding).Record
	if rec.ShopTransactionID != "oc-bind-1" || rec.Card != "860000******0015" || rec.Customer != "cust-1" || rec.State != flows.BindSending {
		t.Errorf("journaled %+v", rec)
	}
	if s := fmt.Sprintf("%+v", rec); strings.Contains(s, octotest.PAN) || strings.Contains(s, octotest.Exp) {
		t.Errorf("the binding record holds card data: %s", s)
	}

	// With a journal that cannot be written nothing is sent, and the
	// binding can start again.
	ctx := context.Background()
	g := happyGateway()
	j := openTestStore(t)
	_ = j.Close()
	got, err := Drive(ctx, &Runner{Gateway: g, Journal: j, Clock: &fakeClock{now: octotest.T0}}, b, flows.Start{})
	if err != nil {
		t.Fatal(err)
	}
	if got.State != flows.BindDraft || len(g.calls) != 0 || !strings.Contains(got.Problem.English(), "nothing was sent") || !got.Can(flows.Start{}) {
		t.Errorf("journal down: %s, calls %v, %q", got.State, g.calls, got.Problem)
	}
}

// Against the sandbox: bind_card's answer is dropped after OCTO did the
// work. The binding reads its way back to the code, binds, sends bind_card
// once, and the journal keeps the attempt from before the request.
func TestSandboxBindAnswerLost(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	b := e.newBinding(t)
	var err error
	e.sb.Inject(sandbox.Fault{Method: "bind_card", Kind: sandbox.FaultDrop})
	b, err = Drive(ctx, e.runner, b, flows.Start{})
	if err != nil || b.State != flows.BindAwaitingOTP || b.PaymentUUID == "" {
		t.Fatalf("after the lost answer: %v, %s (%s)", err, b.State, b.Problem)
	}
	code, ok := e.sb.LastCode(b.PaymentUUID)
	if !ok {
		t.Fatal("no code was texted for the binding")
	}
	b, err = Drive(ctx, e.runner, b, flows.SubmitCode{Code: code, At: e.clock.Now()})
	if err != nil || b.State != flows.BindBound {
		t.Fatalf("confirm: %v, %s (%s)", err, b.State, b.Problem)
	}
	if n := countCalls(e.sb, "bind_card"); n != 1 {
		t.Errorf("bind_card sent %d times", n)
	}
	recs, err := e.journal.Bindings(ctx, false)
	if err != nil || len(recs) != 1 {
		t.Fatalf("journaled bindings: %v %+v", err, recs)
	}
	r := recs[0]
	if r.ShopTransactionID != b.ShopTransactionID || r.State != flows.BindBound || r.Card != "860000******0015" ||
		r.Customer != "cust-1" || r.PaymentUUID != b.PaymentUUID {
		t.Errorf("journaled %+v", r)
	}
	if open, _ := e.journal.Bindings(ctx, true); len(open) != 0 {
		t.Errorf("a bound binding is listed as unfinished: %+v", open)
	}
}
