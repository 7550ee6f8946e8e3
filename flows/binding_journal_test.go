package flows

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

func newTestBinding(t *testing.T) Binding {
	t.Helper()
	b, err := NewBinding(BindOrder{ShopTransactionID: "oc-bind-1", Customer: "cust-1", Operator: "ali", Phone: "998901234567"},
		octo.Card{PAN: testPAN, Exp: testExp})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bind_card debits a small authorization: the attempt is journaled (its
// shop_transaction_id, the masked card, the customer) before it is sent.
func TestBindingJournaledBeforeBindCard(t *testing.T) {
	b := newTestBinding(t)
	_, effs, err := b.Handle(Start{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(effectNames(effs), ","); got != "journal_binding,bind_card" {
		t.Fatalf("effects %s, want the journal write before bind_card", got)
	}
	rec := effs[0].(JournalBinding).Record
	if rec.ShopTransactionID != "oc-bind-1" || rec.Card != "860000******0015" || rec.Customer != "cust-1" || rec.State != BindSending {
		t.Errorf("journaled %+v", rec)
	}
	if s := fmt.Sprintf("%+v", rec); strings.Contains(s, testPAN) || strings.Contains(s, testExp) {
		t.Errorf("the binding record holds card data: %s", s)
	}

	// With a journal that cannot be written nothing is sent, and the
	// binding can start again.
	ctx := context.Background()
	g := happyGateway()
	j := openTestStore(t)
	_ = j.Close()
	got, err := Drive(ctx, &Runner{Gateway: g, Journal: j, Clock: &fakeClock{now: t0}}, b, Start{})
	if err != nil {
		t.Fatal(err)
	}
	if got.State != BindDraft || len(g.calls) != 0 || !strings.Contains(got.Problem.English(), "nothing was sent") || !got.Can(Start{}) {
		t.Errorf("journal down: %s, calls %v, %q", got.State, g.calls, got.Problem.English())
	}
}

// A lost answer to bind_card is resolved by reading the authorization by
// its shop_transaction_id; the cashier is never told to bind again while
// OCTO may have it, and bind_card is not sent again.
func TestLostBindAnswerIsRead(t *testing.T) {
	b := stepBinding(t, newTestBinding(t), Start{})
	b, effs, err := b.Handle(BindAnswered{Err: errLost})
	if err != nil {
		t.Fatal(err)
	}
	if b.State != BindWaiting || strings.Join(effectNames(effs), ",") != "journal_binding,read_status" {
		t.Fatalf("after the lost answer: %s %v", b.State, effectNames(effs))
	}
	if rs := effs[1].(ReadStatus); rs.ShopTransactionID != "oc-bind-1" {
		t.Errorf("reads %q, want the binding's shop_transaction_id", rs.ShopTransactionID)
	}
	if strings.Contains(b.Problem.English(), "again") || b.Final() {
		t.Errorf("outcome unknown, yet %s: %q", b.State, b.Problem.English())
	}
	// A failed read keeps reading.
	b, effs, _ = b.Handle(StatusAnswered{Err: errNotSent, Seq: b.pollSeq})
	if b.State != BindWaiting || strings.Join(effectNames(effs), ",") != "read_status" || strings.Contains(b.Problem.English(), "again") {
		t.Fatalf("after a failed read: %s %v %q", b.State, effectNames(effs), b.Problem.English())
	}
	// The authorization waits for the code: OCTO got the card and texted the customer.
	waiting := &octo.PaymentInfo{ShopTransactionID: "oc-bind-1", PaymentUUID: "uuid-b", Status: octo.StatusWaitUserAction}
	b, effs, _ = b.Handle(StatusAnswered{Info: waiting, Seq: b.pollSeq})
	if b.State != BindVerifying || b.PaymentUUID != "uuid-b" || strings.Join(effectNames(effs), ",") != "verification_info" {
		t.Fatalf("after the read: %s %q %v", b.State, b.PaymentUUID, effectNames(effs))
	}
	b = stepBinding(t, b, VerificationAnswered{Verification: verification(200), At: t0})
	if b.State != BindAwaitingOTP || !b.Problem.IsZero() {
		t.Fatalf("resumed: %s %q", b.State, b.Problem.English())
	}

	// OCTO knows no payment by that id: bind_card never arrived; now binding again is safe.
	c := stepBinding(t, newTestBinding(t), Start{}, BindAnswered{Err: errLost})
	c = stepBinding(t, c, StatusAnswered{Err: &octo.Error{Method: "prepare_payment", Code: 7, Message: "Payment not found"}, Seq: c.pollSeq})
	if c.State != BindFailed || !strings.Contains(c.Problem.English(), "nothing was saved") {
		t.Errorf("unknown to OCTO: %s %q", c.State, c.Problem.English())
	}
}

// A lost answer to the binding's code is read too; if OCTO did not take
// the code, the code session is asked for again, never the code re-sent.
func TestLostBindCodeAnswerIsRead(t *testing.T) {
	bound := &octo.Binding{Status: octo.StatusCreated, PaymentUUID: "uuid-b", CardToken: "tok"}
	b := stepBinding(t, newTestBinding(t), Start{}, BindAnswered{Binding: bound},
		VerificationAnswered{Verification: verification(200), At: t0}, SubmitCode{Code: testCode, At: t0.Add(time.Second)})
	b, effs, _ := b.Handle(BindingConfirmed{Err: errLost})
	if b.State != BindWaiting || strings.Join(effectNames(effs), ",") != "journal_binding,read_status" || strings.Contains(b.Problem.English(), "again") {
		t.Fatalf("after the lost code answer: %s %v %q", b.State, effectNames(effs), b.Problem.English())
	}
	waiting := &octo.PaymentInfo{PaymentUUID: "uuid-b", Status: octo.StatusWaitUserAction}
	for i := 1; i < checkGrace; i++ {
		if b, effs, _ = b.Handle(StatusAnswered{Info: waiting, Seq: b.pollSeq}); b.State != BindWaiting {
			t.Fatalf("read %d: %s", i, b.State)
		}
	}
	b, effs, _ = b.Handle(StatusAnswered{Info: waiting, Seq: b.pollSeq})
	if b.State != BindVerifying || strings.Join(effectNames(effs), ",") != "verification_info" {
		t.Fatalf("code not taken: %s %v", b.State, effectNames(effs))
	}
	// The authorization went through: the token is saved.
	c := stepBinding(t, newTestBinding(t), Start{}, BindAnswered{Binding: bound},
		VerificationAnswered{Verification: verification(200), At: t0}, SubmitCode{Code: testCode, At: t0.Add(time.Second)}, BindingConfirmed{Err: errLost})
	c, effs, _ = c.Handle(StatusAnswered{Info: &octo.PaymentInfo{PaymentUUID: "uuid-b", Status: octo.StatusSucceeded}, Seq: c.pollSeq})
	if c.State != BindBound || strings.Join(effectNames(effs), ",") != "journal_binding,journal_token" {
		t.Fatalf("code taken: %s %v", c.State, effectNames(effs))
	}
	// An expired binding code is not a wrong one.
	d := stepBinding(t, newTestBinding(t), Start{}, BindAnswered{Binding: bound},
		VerificationAnswered{Verification: verification(200), At: t0}, SubmitCode{Code: testCode, At: t0.Add(time.Second)},
		BindingConfirmed{Err: &octo.Error{Method: "bind_card/check_sms_key", Code: 12, Message: "Verification expired, ask for a new code"}})
	if d.State != BindFailed || strings.Contains(d.Problem.English(), "Wrong code") {
		t.Errorf("expired binding code: %s %q", d.State, d.Problem.English())
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
	b, err = Drive(ctx, e.runner, b, Start{})
	if err != nil || b.State != BindAwaitingOTP || b.PaymentUUID == "" {
		t.Fatalf("after the lost answer: %v, %s (%s)", err, b.State, b.Problem.English())
	}
	code, ok := e.sb.LastCode(b.PaymentUUID)
	if !ok {
		t.Fatal("no code was texted for the binding")
	}
	b, err = Drive(ctx, e.runner, b, SubmitCode{Code: code, At: e.clock.Now()})
	if err != nil || b.State != BindBound {
		t.Fatalf("confirm: %v, %s (%s)", err, b.State, b.Problem.English())
	}
	if n := countCalls(e.sb, "bind_card"); n != 1 {
		t.Errorf("bind_card sent %d times", n)
	}
	recs, err := e.journal.Bindings(ctx, false)
	if err != nil || len(recs) != 1 {
		t.Fatalf("journaled bindings: %v %+v", err, recs)
	}
	r := recs[0]
	if r.ShopTransactionID != b.ShopTransactionID || r.State != BindBound || r.Card != "860000******0015" ||
		r.Customer != "cust-1" || r.PaymentUUID != b.PaymentUUID {
		t.Errorf("journaled %+v", r)
	}
	if open, _ := e.journal.Bindings(ctx, true); len(open) != 0 {
		t.Errorf("a bound binding is listed as unfinished: %+v", open)
	}
}

func stepBinding(t *testing.T, b Binding, evs ...Event) Binding {
	t.Helper()
	for _, ev := range evs {
		var err error
		if b, _, err = b.Handle(ev); err != nil {
			t.Fatalf("%s: %v", ev.EventName(), err)
		}
	}
	return b
}
