package flows

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

func TestTransitions(t *testing.T) {
	tests := []struct {
		name    string
		kind    Kind
		from    State
		ev      Event
		want    State
		effects []string
		problem string // substring of Problem, if any
	}{
		{"start journals before prepare", Sale, Draft, Start{}, Preparing, []string{"journal", "prepare_payment"}, ""},
		{"prepared pays", Sale, Preparing, Prepared{Info: octotest.Info(octo.StatusCreated, "1000")}, Paying, []string{"journal", "pay"}, ""},
		{"prepare unreachable", Sale, Preparing, Prepared{Err: octotest.ErrNotSent}, Failed, []string{"journal"}, "nothing was charged"},
		{"prepare answer lost: nothing charged without pay", Sale, Preparing, Prepared{Err: octotest.ErrLost}, Failed, []string{"journal"}, "nothing was charged"},
		{"prepare refused", Sale, Preparing, Prepared{Err: &octo.Error{Method: "prepare_payment", Code: 2, Message: "Wrong secret"}}, Failed, []string{"journal"}, "credentials"},
		{"reused id already paid is read, not paid", Sale, Preparing, Prepared{Info: octotest.Info(octo.StatusSucceeded, "1000")}, Resolving, []string{"journal", "read_status"}, ""},
		{"pay uzcard asks verification", Sale, Paying, PayAnswered{Payment: octotest.Payment(octo.StatusCreated)}, Verifying, []string{"journal", "verification_info"}, ""},
		{"pay refused declines", Sale, Paying, PayAnswered{Err: octotest.ErrRefused}, Declined, []string{"journal"}, "Card blocked"},
		{"pay not sent fails", Sale, Paying, PayAnswered{Err: octotest.ErrNotSent}, Failed, []string{"journal"}, "nothing was charged"},
		{"pay answer lost resolves", Sale, Paying, PayAnswered{Err: octotest.ErrLost}, Resolving, []string{"journal", "read_status"}, "checking"},
		{"pay succeeded at once (token)", Sale, Paying, PayAnswered{Payment: octotest.Payment(octo.StatusSucceeded)}, Succeeded, []string{"journal"}, ""},
		{"verification starts countdown", Sale, Verifying, VerificationAnswered{Verification: octotest.Verification(180), At: octotest.T0}, AwaitingOTP, []string{"journal"}, ""},
		{"verification expired", Sale, Verifying, VerificationAnswered{Verification: octotest.Verification(0), At: octotest.T0}, OTPExpired, []string{"journal"}, "expired"},
		{"verification failed", Sale, Verifying, VerificationAnswered{Err: octotest.ErrNotSent, At: octotest.T0}, OTPExpired, []string{"journal"}, "code session"},
		{"code sent", Sale, AwaitingOTP, SubmitCode{Code: octotest.Code, At: octotest.T0.Add(10 * time.Second)}, CheckingOTP, []string{"journal", "check_sms_key"}, ""},
		{"code too late", Sale, AwaitingOTP, SubmitCode{Code: octotest.Code, At: octotest.T0.Add(180 * time.Second)}, OTPExpired, []string{"journal"}, "expired"},
		{"tick before deadline", Sale, AwaitingOTP, Tick{Now: octotest.T0.Add(179 * time.Second)}, AwaitingOTP, nil, ""},
		{"tick at deadline", Sale, AwaitingOTP, Tick{Now: octotest.T0.Add(180 * time.Second)}, OTPExpired, []string{"journal"}, "expired"},
		{"resend", Sale, AwaitingOTP, ResendCode{}, ResendingOTP, []string{"journal", "check_pan"}, ""},
		{"resend after expiry", Sale, OTPExpired, ResendCode{}, ResendingOTP, []string{"journal", "check_pan"}, ""},
		{"resent code restarts countdown", Sale, ResendingOTP, CodeResent{Verification: octotest.Verification(120), At: octotest.T0.Add(time.Minute)}, AwaitingOTP, []string{"journal"}, ""},
		{"resend limit", Sale, ResendingOTP, CodeResent{Err: &octo.Error{Method: "check_pan", Code: 17, Message: "Maximum number of SMS resend attempts"}}, AwaitingOTP, []string{"journal"}, "will not send more codes"},
		{"sale paid", Sale, CheckingOTP, CodeChecked{Payment: octotest.Payment(octo.StatusSucceeded)}, Succeeded, []string{"journal"}, ""},
		{"hold held", Hold, CheckingOTP, CodeChecked{Payment: octotest.Payment(octo.StatusWaitingForCapture)}, Held, []string{"journal"}, ""},
		{"issuer declines after code", Sale, CheckingOTP, CodeChecked{Payment: octotest.Payment(octo.StatusFailed)}, Declined, []string{"journal"}, "Declined"},
		{"wrong code is checked by status", Sale, CheckingOTP, CodeChecked{Err: &octo.Error{Method: "check_sms_key", Code: -270, Message: "Wrong code"}}, Resolving, []string{"journal", "read_status"}, ""},
		{"code answer lost resolves", Sale, CheckingOTP, CodeChecked{Err: octotest.ErrLost}, Resolving, []string{"journal", "read_status"}, "checking"},
		{"code not sent", Sale, CheckingOTP, CodeChecked{Err: octotest.ErrNotSent}, AwaitingOTP, []string{"journal"}, "not sent"},
		{"3ds polls", Sale, Awaiting3DS, StatusAnswered{Info: octotest.Info(octo.StatusWaitUserAction, "1000"), Seq: 1}, Awaiting3DS, []string{"read_status"}, ""},
		{"3ds approved", Sale, Awaiting3DS, StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: 1}, Succeeded, []string{"journal"}, ""},
		{"3ds declined", Sale, Awaiting3DS, StatusAnswered{Info: octotest.Info(octo.StatusFailed, "1000"), Seq: 1}, Declined, []string{"journal"}, ""},
		{"3ds stale poll stops", Sale, Awaiting3DS, StatusAnswered{Info: octotest.Info(octo.StatusWaitUserAction, "1000"), Seq: 0}, Awaiting3DS, nil, ""},
		{"3ds notified reads now", Sale, Awaiting3DS, Notified{Status: octo.StatusSucceeded}, Awaiting3DS, []string{"read_status"}, ""},
		{"capture full", Hold, Held, Capture{}, Capturing, []string{"journal", "capture"}, ""},
		{"capture part", Hold, Held, Capture{Amount: octotest.Dec("600")}, Capturing, []string{"journal", "capture"}, ""},
		{"cancel", Hold, Held, Cancel{}, Canceling, []string{"journal", "cancel"}, ""},
		{"hold expiry reads status", Hold, Held, Tick{Now: octotest.T0.Add(31 * time.Minute)}, Resolving, []string{"journal", "read_status"}, ""},
		{"hold before expiry", Hold, Held, Tick{Now: octotest.T0.Add(29 * time.Minute)}, Held, nil, ""},
		{"captured", Hold, Capturing, CaptureAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000")}, Succeeded, []string{"journal"}, ""},
		{"capture refused keeps hold", Hold, Capturing, CaptureAnswered{Err: octotest.ErrRefused}, Held, []string{"journal"}, "refused"},
		{"capture answer lost resolves", Hold, Capturing, CaptureAnswered{Err: octotest.ErrLost}, Resolving, []string{"journal", "read_status"}, ""},
		{"canceled", Hold, Canceling, CancelAnswered{Info: octotest.Info(octo.StatusCanceled, "1000")}, Canceled, []string{"journal"}, ""},
		{"cancel answer lost resolves", Hold, Canceling, CancelAnswered{Err: octotest.ErrLost}, Resolving, []string{"journal", "read_status"}, ""},
		{"refund all", Sale, Succeeded, Refund{Min: octotest.Min}, Refunding, []string{"journal", "refund"}, ""},
		{"refund part", Sale, Succeeded, Refund{Amount: octotest.Dec("100.50"), Min: octotest.Min}, Refunding, []string{"journal", "refund"}, ""},
		{"refunded", Sale, Refunding, RefundAnswered{Refund: &octo.Refund{Status: octo.RefundSucceeded, RefundID: "r1"}}, Succeeded, []string{"journal"}, ""},
		{"refund refused", Sale, Refunding, RefundAnswered{Err: &octo.Error{Method: "refund", Code: 3, Message: "Invalid amount"}}, Succeeded, []string{"journal"}, "nothing was refunded"},
		{"refund pending is checked", Sale, Refunding, RefundAnswered{Refund: &octo.Refund{Status: octo.RefundPending}}, Resolving, []string{"journal", "read_status"}, ""},
		{"refund answer lost resolves", Sale, Refunding, RefundAnswered{Err: octotest.ErrLost}, Resolving, []string{"journal", "read_status"}, ""},
		{"resolved paid", Sale, Resolving, StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000"), Seq: 1}, Succeeded, []string{"journal"}, ""},
		{"resolved declined", Sale, Resolving, StatusAnswered{Info: octotest.Info(octo.StatusCanceled, "1000"), Seq: 1}, Declined, []string{"journal"}, ""},
		{"resolved held", Sale, Resolving, StatusAnswered{Info: octotest.Info(octo.StatusWaitingForCapture, "1000"), Seq: 1}, Held, []string{"journal"}, ""},
		{"unresolved reads again", Sale, Resolving, StatusAnswered{Info: octotest.Info(octo.StatusWaitUserAction, "1000"), Seq: 1}, Resolving, []string{"read_status"}, ""},
		{"read failed reads again", Sale, Resolving, StatusAnswered{Err: octotest.ErrNotSent, Seq: 1}, Resolving, []string{"read_status"}, "checking again"},
		{"check reads now", Sale, Resolving, Check{}, Resolving, []string{"read_status"}, ""},
		{"late news on a declined payment", Sale, Declined, Notified{Status: octo.StatusSucceeded}, Declined, nil, ""},
		{"late status on a failed payment", Sale, Failed, StatusAnswered{Info: octotest.Info(octo.StatusSucceeded, "1000")}, Failed, nil, ""},
		{"journal failure before prepare returns to draft", Sale, Preparing, JournalFailed{Err: errors.New("disk full")}, Draft, nil, "nothing was sent"},
		{"journal failure before capture keeps the hold", Hold, Capturing, JournalFailed{Err: errors.New("disk full")}, Held, nil, "nothing was sent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := reach(t, tt.kind, tt.from)
			got, effs, err := p.Handle(tt.ev)
			if err != nil {
				t.Fatalf("Handle(%s) in %s: %v", tt.ev.EventName(), tt.from, err)
			}
			if got.State != tt.want {
				t.Errorf("state: got %s, want %s (problem %q)", got.State, tt.want, got.Problem.English())
			}
			if names := effectNames(effs); !slices.Equal(names, tt.effects) {
				t.Errorf("effects: got %v, want %v", names, tt.effects)
			}
			if tt.problem != "" && !strings.Contains(got.Problem.English(), tt.problem) {
				t.Errorf("problem: got %q, want it to contain %q", got.Problem.English(), tt.problem)
			}
			if tt.problem == "" && (got.State == Succeeded || got.State == Canceled) && !got.Problem.IsZero() {
				t.Errorf("problem: got %q, want none", got.Problem.English())
			}
			if p.State == Preparing && tt.from == Preparing && p.State != tt.from {
				t.Errorf("Handle changed its receiver")
			}
			for i, e := range effs {
				if _, ok := e.(Journal); ok && i != 0 {
					t.Errorf("journal effect at %d, want first", i)
				}
			}
		})
	}
}

// Every event not in a state's allowed list is refused with an error
// naming the state and the event, and leaves the payment unchanged.
func TestIllegalEvents(t *testing.T) {
	cashier := []Event{Start{}, SubmitCode{Code: octotest.Code, At: octotest.T0}, ResendCode{}, Capture{}, Cancel{}, Refund{Min: octotest.Min}, Check{}}
	answers := []Event{Prepared{}, PayAnswered{}, VerificationAnswered{}, CodeChecked{}, CodeResent{}, CaptureAnswered{},
		CancelAnswered{}, RefundAnswered{}, BindAnswered{}, BindingConfirmed{}, TokenBlocked{}, TokenNotified{}}
	legal := map[State][]string{
		Draft:        {"start"},
		Preparing:    {"prepared"},
		Paying:       {"pay_answered", "check"},
		Verifying:    {"verification_answered"},
		AwaitingOTP:  {"submit_code", "resend_code", "check"},
		OTPExpired:   {"resend_code", "check"},
		CheckingOTP:  {"code_checked", "check"},
		ResendingOTP: {"code_resent"},
		Awaiting3DS:  {"check"},
		Held:         {"capture", "cancel", "check"},
		Capturing:    {"capture_answered", "check"},
		Canceling:    {"cancel_answered", "check"},
		Refunding:    {"refund_answered"},
		Resolving:    {"check"},
		Succeeded:    {"refund", "check"},
		Declined:     nil,
		Canceled:     nil,
		Failed:       nil,
	}
	for s, ok := range legal {
		kind := Sale
		if s == Held || s == Capturing || s == Canceling || s == Canceled {
			kind = Hold
		}
		p := reach(t, kind, s)
		for _, ev := range append(slices.Clone(cashier), answers...) {
			name := fmt.Sprintf("%s/%s", s, ev.EventName())
			_, _, err := p.Handle(ev)
			if slices.Contains(ok, ev.EventName()) {
				if err != nil {
					t.Errorf("%s: got %v, want accepted", name, err)
				}
				if !p.Can(ev) {
					t.Errorf("%s: Can says no", name)
				}
				continue
			}
			if err == nil {
				t.Errorf("%s: accepted, want refused", name)
				continue
			}
			if !strings.Contains(err.Error(), string(s)) || !strings.Contains(err.Error(), ev.EventName()) {
				t.Errorf("%s: error %q does not name the state and the event", name, err)
			}
			if p.Can(ev) {
				t.Errorf("%s: Can says yes", name)
			}
		}
	}
}

func TestAmountRules(t *testing.T) {
	held := reach(t, Hold, Held)
	for _, amt := range []string{"-1", "1000.01", "0.001"} {
		if held.Can(Capture{Amount: octotest.Dec(amt)}) {
			t.Errorf("capture %s accepted on a hold of 1000", amt)
		}
	}
	p := step(t, held, Capture{Amount: octotest.Dec("600")}, CaptureAnswered{Info: octotest.Info(octo.StatusSucceeded, "600")})
	if !p.Captured.Equal(octotest.Dec("600")) || !p.Released.Equal(octotest.Dec("400")) {
		t.Errorf("partial capture: got captured %s released %s, want 600 and 400", p.Captured, p.Released)
	}
	if p.Can(Refund{Amount: octotest.Dec("600.01"), Min: octotest.Min}) {
		t.Error("refund above the captured amount accepted")
	}
	p = step(t, p, Refund{Amount: octotest.Dec("250"), Min: octotest.Min}, RefundAnswered{Refund: &octo.Refund{Status: octo.RefundSucceeded}})
	if !p.Refunded.Equal(octotest.Dec("250")) || !p.Refundable().Equal(octotest.Dec("350")) {
		t.Errorf("after refund: got refunded %s refundable %s, want 250 and 350", p.Refunded, p.Refundable())
	}
	if p.Can(Refund{Amount: octotest.Dec("350.01"), Min: octotest.Min}) {
		t.Error("refund above what remains accepted")
	}
	p = step(t, p, Refund{Min: octotest.Min}, RefundAnswered{Refund: &octo.Refund{Status: octo.RefundSucceeded}})
	if !p.Refunded.Equal(octotest.Dec("600")) || p.Refundable().IsPositive() || slices.Contains(p.Allowed(), ActRefund) {
		t.Errorf("after full refund: refunded %s, refundable %s, allowed %v", p.Refunded, p.Refundable(), p.Allowed())
	}
	if _, err := NewCardPayment(Sale, Order{Amount: decimal.Zero}, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp}); err == nil {
		t.Error("zero amount accepted")
	}
	if _, err := NewCardPayment(Sale, Order{Amount: octotest.Dec("1.005")}, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp}); err == nil {
		t.Error("three decimals accepted")
	}
}

func TestWrongCodes(t *testing.T) {
	p := reach(t, Sale, AwaitingOTP)
	wrong := CodeChecked{Err: &octo.Error{Method: "check_sms_key", Code: -270, Message: "Wrong code"}}
	for left := 2; left >= 1; left-- {
		p = step(t, p, SubmitCode{Code: "000000", At: octotest.T0.Add(time.Second)}, wrong)
		p = step(t, p, StatusAnswered{Info: octotest.Info(octo.StatusWaitUserAction, "1000"), Seq: p.pollSeq})
		if p.State != AwaitingOTP || p.AttemptsLeft != left || !strings.Contains(p.Problem.English(), attemptsLeft(left).English()) {
			t.Fatalf("after a wrong code: got %s, %d left, %q; want awaiting_otp with %d left", p.State, p.AttemptsLeft, p.Problem.English(), left)
		}
	}
	p = step(t, p, SubmitCode{Code: "000000", At: octotest.T0.Add(time.Second)}, wrong)
	if p.State != Resolving || p.AttemptsLeft != 0 {
		t.Fatalf("third wrong code: got %s with %d left", p.State, p.AttemptsLeft)
	}
	// OCTO may take a moment to cancel: keep reading, never ask for a fourth code.
	p = step(t, p, StatusAnswered{Info: octotest.Info(octo.StatusWaitUserAction, "1000"), Seq: p.pollSeq})
	if p.State != Resolving {
		t.Fatalf("after three wrong codes and a pending status: got %s", p.State)
	}
	p = step(t, p, StatusAnswered{Info: octotest.Info(octo.StatusCanceled, "1000"), Seq: p.pollSeq})
	if p.State != Declined || !p.Problem.Is(ProblemThreeWrongCodes) {
		t.Errorf("got %s %q, want declined with %q", p.State, p.Problem.English(), ProblemThreeWrongCodes.Format())
	}
}

func TestOTPCountdown(t *testing.T) {
	p := reach(t, Sale, Verifying)
	// The answer arrives at an instant with a monotonic reading.
	arrived := time.Now()
	p = step(t, p, VerificationAnswered{Verification: octotest.Verification(221), At: arrived})
	for _, c := range []struct {
		after time.Duration
		want  int
	}{{0, 221}, {time.Millisecond, 221}, {999 * time.Millisecond, 221}, {time.Second, 220}, {220*time.Second + 1, 1}, {221 * time.Second, 0}, {time.Hour, 0}} {
		if got := p.OTPSecondsLeft(arrived.Add(c.after)); got != c.want {
			t.Errorf("after %v: got %d s left, want %d", c.after, got, c.want)
		}
	}
	// OCTO counts down by whole seconds from the same instant: ours never differs by more than 1.
	for ms := 0; ms <= 221000; ms += 137 {
		now := arrived.Add(time.Duration(ms) * time.Millisecond)
		octoSays := max(221-ms/1000, 0)
		if d := p.OTPSecondsLeft(now) - octoSays; d < -1 || d > 1 {
			t.Fatalf("at %d ms: got %d, OCTO %d", ms, p.OTPSecondsLeft(now), octoSays)
		}
	}
}

func TestAllowedAndNeeds(t *testing.T) {
	tests := []struct {
		kind  Kind
		s     State
		needs Input
		acts  []Action
	}{
		{Sale, Draft, NeedStart, []Action{ActStart}},
		{Sale, Preparing, NeedNothing, nil},
		{Sale, AwaitingOTP, NeedOTP, []Action{ActSubmitCode, ActResendCode, ActCheck, ActNew}},
		{Sale, OTPExpired, NeedResend, []Action{ActResendCode, ActCheck, ActNew}},
		{Sale, Awaiting3DS, NeedCustomer, []Action{ActOpen3DS, ActCheck}},
		{Hold, Held, NeedDecision, []Action{ActCapture, ActCancel, ActCheck}},
		{Sale, Succeeded, NeedNothing, []Action{ActRefund, ActCheck, ActNew}},
		{Sale, Resolving, NeedNothing, []Action{ActCheck}},
		{Sale, Declined, NeedNothing, []Action{ActNew}},
	}
	for _, tt := range tests {
		p := reach(t, tt.kind, tt.s)
		if got := p.Needs(); got != tt.needs {
			t.Errorf("%s needs: got %q, want %q", tt.s, got, tt.needs)
		}
		if got := p.Allowed(); !slices.Equal(got, tt.acts) {
			t.Errorf("%s allowed: got %v, want %v", tt.s, got, tt.acts)
		}
	}
}

func TestCardNeverPrinted(t *testing.T) {
	p := reach(t, Sale, AwaitingOTP)
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%+v", p), fmt.Sprintf("%#v", p), fmt.Sprintf("%v", p.Record())} {
		for _, secret := range []string{octotest.PAN, octotest.CVC} {
			if strings.Contains(s, secret) {
				t.Errorf("%q leaks %q", s, secret)
			}
		}
	}
	_, effs, _ := p.Handle(SubmitCode{Code: octotest.Code, At: octotest.T0})
	j := fmt.Sprintf("%+v", effs[0])
	if strings.Contains(j, octotest.Code) || strings.Contains(j, octotest.PAN) {
		t.Errorf("journal effect leaks: %s", j)
	}
}

func TestTokenPaymentWithoutResend(t *testing.T) {
	tok := SavedToken{Token: "tok-1", Customer: "c1", Card: "860000******0015", Method: octo.MethodUzcard}
	p, err := NewTokenPayment(Sale, order(), tok)
	if err != nil {
		t.Fatal(err)
	}
	p, _, err = p.Handle(Start{})
	if err != nil {
		t.Fatal(err)
	}
	p, effs, err := p.Handle(Prepared{Info: octotest.Info(octo.StatusCreated, "1000")})
	if err != nil {
		t.Fatal(err)
	}
	pay, ok := effs[1].(CallPay)
	if !ok || pay.Params.CardToken != "tok-1" || pay.Params.Card != nil {
		t.Fatalf("pay effect: got %+v", effs[1])
	}
	p = step(t, p, PayAnswered{Payment: octotest.Payment(octo.StatusCreated)}, VerificationAnswered{Verification: octotest.Verification(100), At: octotest.T0})
	if p.State != AwaitingOTP || p.Can(ResendCode{}) || slices.Contains(p.Allowed(), ActResendCode) {
		t.Errorf("token payment at OTP: state %s, resend allowed %v", p.State, p.Can(ResendCode{}))
	}
}

// The UI tells "not now" from a refused value by ErrNotAllowed; the text
// still names the state and the event.
func TestNotAllowedIsErrNotAllowed(t *testing.T) {
	p := reach(t, Sale, Resolving)
	_, _, err := p.Handle(Capture{})
	if !errors.Is(err, ErrNotAllowed) || err.Error() != "flows: sale payment in state resolving: event capture not allowed" {
		t.Errorf("got %v, want ErrNotAllowed naming the state and the event", err)
	}
	h := reach(t, Hold, Held)
	if _, _, err := h.Handle(Capture{Amount: h.Amount.Add(h.Amount)}); err == nil || errors.Is(err, ErrNotAllowed) {
		t.Errorf("a capture over the hold: %v; want a refusal that is not ErrNotAllowed", err)
	}
	var b Binding
	if _, _, err := b.Handle(Capture{}); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("binding: got %v, want ErrNotAllowed", err)
	}
}

// TestSlowAnswerSettledByAStatusRead: while check_sms_key's answer is out,
// a status read that says succeeded settles the payment; the answer, when
// it comes at last, changes nothing, and nothing is sent again.
func TestSlowAnswerSettledByAStatusRead(t *testing.T) {
	p := reach(t, Sale, CheckingOTP)
	p, effs, err := p.Handle(Check{})
	if err != nil || p.State != CheckingOTP || len(effs) != 1 {
		t.Fatalf("check while the code's answer is out: %v, %s, %v", err, p.State, effs)
	}
	rs, ok := effs[0].(ReadStatus)
	if !ok {
		t.Fatalf("effect %T, want a status read", effs[0])
	}
	// Not final yet: it keeps waiting.
	still, effs, err := p.Handle(StatusAnswered{Seq: rs.Seq, Info: &octo.PaymentInfo{Status: octo.StatusWaitUserAction}})
	if err != nil || still.State != CheckingOTP || len(effs) != 0 {
		t.Fatalf("a pending read moved it: %v %s %v", err, still.State, effs)
	}
	done, effs, err := p.Handle(StatusAnswered{Seq: rs.Seq, Info: &octo.PaymentInfo{Status: octo.StatusSucceeded, TotalSum: p.Amount}})
	if err != nil || done.State != Succeeded {
		t.Fatalf("a succeeded read: %v %s", err, done.State)
	}
	for _, e := range effs {
		if _, journal := e.(Journal); !journal {
			t.Errorf("settling sent %T", e)
		}
	}
	late, effs, err := done.Handle(CodeChecked{Err: errors.New("context deadline exceeded")})
	if err != nil || late.State != Succeeded || len(effs) != 0 {
		t.Errorf("the late answer: %v, %s, %v", err, late.State, effs)
	}
}
