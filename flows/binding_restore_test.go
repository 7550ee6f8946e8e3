package flows

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// A restored binding takes one status read (never bind_card or the code
// again) and journals where it stands.
func TestRestoredBindingOneRead(t *testing.T) {
	rec := BindingRecord{ShopTransactionID: "oc-bind-1", State: BindConfirming, Customer: "cust-1", Operator: "ali",
		Method: octo.MethodUzcard, Card: "860000******0015", PaymentUUID: "uuid-b", Token: "tok-1"}
	bank := rec
	bank.Method, bank.State, bank.Token = octo.MethodBankCard, BindWaiting, ""
	awaiting := bank
	awaiting.Problem = msgAwaitingToken
	sending := rec
	sending.State, sending.PaymentUUID, sending.Token = BindSending, "", ""
	read := func(st octo.Status) *octo.PaymentInfo {
		return &octo.PaymentInfo{ShopTransactionID: "oc-bind-1", PaymentUUID: "uuid-b", Status: st}
	}
	tests := []struct {
		name    string
		rec     BindingRecord
		answer  StatusAnswered
		want    BindState
		problem string // a part of it
		effects string
	}{
		{"code taken", rec, StatusAnswered{Info: read(octo.StatusSucceeded)}, BindBound, "", "journal_binding,journal_token"},
		{"declined", rec, StatusAnswered{Info: read(octo.StatusFailed)}, BindFailed, "declined", "journal_binding"},
		{"code never taken", rec, StatusAnswered{Info: read(octo.StatusWaitUserAction)}, BindFailed, "restarted", "journal_binding"},
		{"token not known yet", bank, StatusAnswered{Info: read(octo.StatusSucceeded)}, BindWaiting, "waiting for it to be activated", "journal_binding"},
		{"still no token at the next start", awaiting, StatusAnswered{Info: read(octo.StatusCanceled)}, BindFailed, "never said the card was saved", "journal_binding"},
		{"code taken, OCTO still at work", rec, StatusAnswered{Info: read(octo.StatusPending)}, BindWaiting, "still working on the card (pending)", "journal_binding"},
		{"3-D Secure still open", bank, StatusAnswered{Info: read(octo.StatusWaitUserAction)}, BindWaiting, "Waiting for the customer", "journal_binding"},
		{"bind_card never arrived", sending, StatusAnswered{Err: &octo.Error{Method: "prepare_payment", Code: 7, Message: "Payment not found"}},
			BindFailed, "never received", "journal_binding"},
		{"no answer", rec, StatusAnswered{Err: octotest.ErrNotSent}, BindConfirming, "Could not check", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := RestoreBinding(tt.rec)
			b, effs, err := b.Handle(Check{})
			if err != nil || strings.Join(effectNames(effs), ",") != "read_status" {
				t.Fatalf("check: %v %v, want one status read", effectNames(effs), err)
			}
			if rs := effs[0].(ReadStatus); rs.ShopTransactionID != "oc-bind-1" {
				t.Errorf("reads %q", rs.ShopTransactionID)
			}
			ans := tt.answer
			ans.Seq = b.PollSeq()
			b, effs, err = b.Handle(ans)
			if err != nil {
				t.Fatal(err)
			}
			if b.State != tt.want || !strings.Contains(b.Problem.English(), tt.problem) {
				t.Errorf("got %s %q, want %s with %q", b.State, b.Problem, tt.want, tt.problem)
			}
			if got := strings.Join(effectNames(effs), ","); got != tt.effects {
				t.Errorf("effects %s, want %s", got, tt.effects)
			}
			// One read only: a restart does not poll.
			if _, effs, _ := b.Handle(Check{}); b.State != BindWaiting && len(effs) != 0 {
				t.Errorf("a second check on %s asks for %v", b.State, effectNames(effs))
			}
		})
	}
}
