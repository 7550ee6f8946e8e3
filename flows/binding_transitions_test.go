package flows

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

func TestBindingTransitions(t *testing.T) {
	b, err := NewBinding(BindOrder{Customer: "c1", Phone: "998901234567"}, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
	if err != nil {
		t.Fatal(err)
	}
	bound := &octo.Binding{Status: octo.StatusCreated, PaymentUUID: "u", CardToken: "tok", First6: "860000", Last4: "0015"}
	steps := []struct {
		ev      Event
		want    BindState
		effects []string
	}{
		{Block{}, BindDraft, nil}, // illegal: error
		{Start{}, BindSending, []string{"journal_binding", "bind_card"}},
		{BindAnswered{Binding: bound}, BindVerifying, []string{"verification_info"}},
		{VerificationAnswered{Verification: octotest.Verification(240), At: octotest.T0}, BindAwaitingOTP, nil},
		{SubmitCode{Code: octotest.Code, At: octotest.T0.Add(time.Second)}, BindConfirming, []string{"journal_binding", "confirm_binding"}},
		{BindingConfirmed{Err: &octo.Error{Method: "bind_card/check_sms_key", Code: -270, Message: "Wrong code"}}, BindAwaitingOTP, nil},
		{SubmitCode{Code: octotest.Code, At: octotest.T0.Add(2 * time.Second)}, BindConfirming, []string{"journal_binding", "confirm_binding"}},
		{BindingConfirmed{Binding: bound}, BindWaiting, []string{"journal_binding", "read_status"}},
		{StatusAnswered{Info: octotest.Info(octo.StatusWaitUserAction, "1000"), Seq: 1}, BindWaiting, []string{"read_status"}},
		{TokenNotified{Token: "tok", Status: octo.TokenActive}, BindBound, []string{"journal_binding", "journal_token"}},
		{StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: 2}, BindBound, nil}, // late: ignored
		{Block{}, BindBlocking, []string{"block_card_token"}},
		{TokenBlocked{Status: octo.TokenBlocked}, BindBlocked, []string{"journal_token"}},
		{Block{}, BindBlocked, nil}, // illegal: error
	}
	for i, s := range steps {
		next, effs, err := b.Handle(s.ev)
		illegal := s.effects == nil && next.State == b.State && err != nil
		if err != nil && !illegal {
			t.Fatalf("step %d %s: %v", i, s.ev.EventName(), err)
		}
		if err != nil && (!strings.Contains(err.Error(), string(b.State)) || !strings.Contains(err.Error(), s.ev.EventName())) {
			t.Errorf("step %d: error %q does not name state and event", i, err)
		}
		if next.State != s.want || !slices.Equal(effectNames(effs), s.effects) {
			t.Fatalf("step %d %s: got %s %v, want %s %v", i, s.ev.EventName(), next.State, effectNames(effs), s.want, s.effects)
		}
		b = next
	}
	if !slices.Equal(b.Allowed(), []Action{ActNew}) || b.Needs() != NeedNothing || !b.Final() {
		t.Errorf("blocked binding: allowed %v, needs %q", b.Allowed(), b.Needs())
	}
	if b.Card != "860000******0015" || b.Token != "tok" || b.SavedToken().Status != octo.TokenBlocked {
		t.Errorf("binding: %+v", b.SavedToken())
	}
	// An expired binding code fails the binding.
	c, _ := NewBinding(BindOrder{}, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
	c, _, _ = c.Handle(Start{})
	c, _, _ = c.Handle(BindAnswered{Binding: bound})
	c, _, _ = c.Handle(VerificationAnswered{Verification: octotest.Verification(240), At: octotest.T0})
	if c, _, _ = c.Handle(Tick{Now: octotest.T0.Add(240 * time.Second)}); c.State != BindFailed {
		t.Errorf("expired binding code: got %s", c.State)
	}
}
