package flows

import (
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// OCTO's "the verification expired" is not a wrong code: the payment
// offers a new code, keeps its attempts and says nothing of a wrong code.
func TestExpiredCodeIsNotAWrongOne(t *testing.T) {
	for _, refusal := range []*octo.Error{
		{Method: "check_sms_key", Code: 12, Message: "Verification expired, ask for a new code"},
		{Method: "check_sms_key", Code: 12, Message: "Verification 5 is not active"},
		{Method: "check_sms_key", Code: 99, Message: "OTP expired"},
	} {
		p := reach(t, Sale, CheckingOTP)
		p, effs, err := p.Handle(CodeChecked{Err: refusal})
		if err != nil {
			t.Fatal(err)
		}
		if p.State != OTPExpired || p.AttemptsLeft != MaxAttempts || !p.Problem.Is(ProblemCodeExpired) {
			t.Errorf("%v: got %s, %d attempts, %q", refusal, p.State, p.AttemptsLeft, p.Problem)
		}
		if strings.Join(effectNames(effs), ",") != "journal" {
			t.Errorf("%v: effects %v, want the journal only", refusal, effectNames(effs))
		}
		if !p.Can(ResendCode{}) || p.Can(SubmitCode{Code: octotest.Code, At: octotest.T0.Add(2 * time.Second)}) {
			t.Errorf("%v: the expired code must offer a new one, not another try", refusal)
		}
	}
	// A wrong code still costs an attempt.
	p := step(t, reach(t, Sale, CheckingOTP), CodeChecked{Err: &octo.Error{Method: "check_sms_key", Code: -270, Message: "Wrong confirmation code"}})
	if p.AttemptsLeft != MaxAttempts-1 {
		t.Errorf("wrong code: %d attempts left", p.AttemptsLeft)
	}
}
