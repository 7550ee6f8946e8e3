package flows

import (
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// A lost answer to bind_card is resolved by reading the authorization by
// its shop_transaction_id; the cashier is never told to bind again while
// OCTO may have it, and bind_card is not sent again.
func TestLostBindAnswerIsRead(t *testing.T) {
	b := stepBinding(t, newTestBinding(t), Start{})
	b, effs, err := b.Handle(BindAnswered{Err: octotest.ErrLost})
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
		t.Errorf("outcome unknown, yet %s: %q", b.State, b.Problem)
	}
	// A failed read keeps reading.
	b, effs, _ = b.Handle(StatusAnswered{Err: octotest.ErrNotSent, Seq: b.pollSeq})
	if b.State != BindWaiting || strings.Join(effectNames(effs), ",") != "read_status" || strings.Contains(b.Problem.English(), "again") {
		t.Fatalf("after a failed read: %s %v %q", b.State, effectNames(effs), b.Problem)
	}
	// The authorization waits for the code: OCTO got the card and texted the customer.
	waiting := &octo.PaymentInfo{ShopTransactionID: "oc-bind-1", PaymentUUID: "uuid-b", Status: octo.StatusWaitUserAction}
	b, effs, _ = b.Handle(StatusAnswered{Info: waiting, Seq: b.pollSeq})
	if b.State != BindVerifying || b.PaymentUUID != "uuid-b" || strings.Join(effectNames(effs), ",") != "verification_info" {
		t.Fatalf("after the read: %s %q %v", b.State, b.PaymentUUID, effectNames(effs))
	}
	b = stepBinding(t, b, VerificationAnswered{Verification: octotest.Verification(200), At: octotest.T0})
	if b.State != BindAwaitingOTP || b.Problem.English() != "" {
		t.Fatalf("resumed: %s %q", b.State, b.Problem)
	}

	// OCTO knows no payment by that id: bind_card never arrived; now binding again is safe.
	c := stepBinding(t, newTestBinding(t), Start{}, BindAnswered{Err: octotest.ErrLost})
	c = stepBinding(t, c, StatusAnswered{Err: &octo.Error{Method: "prepare_payment", Code: 7, Message: "Payment not found"}, Seq: c.pollSeq})
	if c.State != BindFailed || !strings.Contains(c.Problem.English(), "nothing was saved") {
		t.Errorf("unknown to OCTO: %s %q", c.State, c.Problem)
	}
}

// A lost answer to the binding's code is read too; if OCTO did not take
// the code, the code session is asked for again, never the code re-sent.
func TestLostBindCodeAnswerIsRead(t *testing.T) {
	bound := &octo.Binding{Status: octo.StatusCreated, PaymentUUID: "uuid-b", CardToken: "tok"}
	b := stepBinding(t, newTestBinding(t), Start{}, BindAnswered{Binding: bound},
		VerificationAnswered{Verification: octotest.Verification(200), At: octotest.T0}, SubmitCode{Code: octotest.Code, At: octotest.T0.Add(time.Second)})
	b, effs, _ := b.Handle(BindingConfirmed{Err: octotest.ErrLost})
	if b.State != BindWaiting || strings.Join(effectNames(effs), ",") != "journal_binding,read_status" || strings.Contains(b.Problem.English(), "again") {
		t.Fatalf("after the lost code answer: %s %v %q", b.State, effectNames(effs), b.Problem)
	}
	waiting := &octo.PaymentInfo{PaymentUUID: "uuid-b", Status: octo.StatusWaitUserAction}
	for i := 1; i < checkGrace; i++ {
		if b, _, _ = b.Handle(StatusAnswered{Info: waiting, Seq: b.pollSeq}); b.State != BindWaiting {
			t.Fatalf("read %d: %s", i, b.State)
		}
	}
	b, effs, _ = b.Handle(StatusAnswered{Info: waiting, Seq: b.pollSeq})
	if b.State != BindVerifying || strings.Join(effectNames(effs), ",") != "verification_info" {
		t.Fatalf("code not taken: %s %v", b.State, effectNames(effs))
	}
	// The authorization went through: the token is saved.
	c := stepBinding(t, newTestBinding(t), Start{}, BindAnswered{Binding: bound},
		VerificationAnswered{Verification: octotest.Verification(200), At: octotest.T0}, SubmitCode{Code: octotest.Code, At: octotest.T0.Add(time.Second)}, BindingConfirmed{Err: octotest.ErrLost})
	c, effs, _ = c.Handle(StatusAnswered{Info: &octo.PaymentInfo{PaymentUUID: "uuid-b", Status: octo.StatusSucceeded}, Seq: c.pollSeq})
	if c.State != BindBound || strings.Join(effectNames(effs), ",") != "journal_binding,journal_token" {
		t.Fatalf("code taken: %s %v", c.State, effectNames(effs))
	}
	// An expired binding code is not a wrong one.
	d := stepBinding(t, newTestBinding(t), Start{}, BindAnswered{Binding: bound},
		VerificationAnswered{Verification: octotest.Verification(200), At: octotest.T0}, SubmitCode{Code: octotest.Code, At: octotest.T0.Add(time.Second)},
		BindingConfirmed{Err: &octo.Error{Method: "bind_card/check_sms_key", Code: 12, Message: "Verification expired, ask for a new code"}})
	if d.State != BindFailed || strings.Contains(d.Problem.English(), "Wrong code") {
		t.Errorf("expired binding code: %s %q", d.State, d.Problem)
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

func newTestBinding(t *testing.T) Binding {
	t.Helper()
	b, err := NewBinding(BindOrder{ShopTransactionID: "oc-bind-1", Customer: "cust-1", Operator: "ali", Phone: "998901234567"},
		octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
	if err != nil {
		t.Fatal(err)
	}
	return b
}
