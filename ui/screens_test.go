package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// follow shows the payment the test put in the App, as the flow's screens
// follow it, and waits for the receipt of a finished one, which the result
// screen reads from the journal beside the screen.
func follow(d *driver) {
	d.t.Helper()
	var cmd tea.Cmd
	d.app, cmd = d.app.follow()
	d.run(cmd)
	d.until("the payment's receipt read", func(a App) bool {
		return a.result.loadingKey == "" || a.result.docsKey == a.result.loadingKey
	})
}

// onScreen is a driver showing payment p as the flow left it.
func onScreen(t *testing.T, p flows.Payment, w, h int) *driver {
	t.Helper()
	d := newDriver(t, New(testOptions()), w, h)
	d.app.pay, d.app.hasPay = p, true
	d.app.otp = newOTPScreen(d.app.st)
	d.app.threeDS = newThreeDSScreen(d.app.st, true)
	d.app.hold = newHoldScreen(d.app.st)
	d.app.result = newResultScreen(d.app.opts.Language)
	d.app.working = newWorkingScreen(d.app.st)
	follow(d)
	return d
}

// readOut is the payment on screen with a status read out, as the flow
// leaves a payment whose outcome is unknown between two answers.
func readOut(d *driver) {
	d.app.payOut++
	d.app = d.app.syncBusy()
}

func basePayment(kind flows.Kind, state flows.State) flows.Payment {
	return flows.Payment{
		Kind: kind, State: state, ShopTransactionID: "oc-0123456789abcdef01234567",
		Method: octo.MethodUzcard, Amount: decimal.RequireFromString("150000"), Currency: "UZS",
		Description: "Coffee machine", Operator: "Dilnoza", Test: true,
		Card: "860000******0015", PaymentUUID: "7c9e6679-7425-40de-944b-e07fc1f90ae7", PaymentID: 1001,
		AttemptsLeft: 3, ResendsLeft: 3,
	}
}

func otpPayment(secondsLeft int) flows.Payment {
	p := basePayment(flows.Hold, flows.AwaitingOTP)
	p.VerifyID, p.OTPPhone = 77, "+998** *****67"
	p.OTPDeadline = fixedNow.Add(time.Duration(secondsLeft) * time.Second)
	return p
}

func TestFlowScreensGolden(t *testing.T) {
	held := basePayment(flows.Hold, flows.Held)
	held.HoldExpires = fixedNow.Add(29*time.Minute + 41*time.Second)
	captured := basePayment(flows.Hold, flows.Succeeded)
	captured.Captured = decimal.RequireFromString("90000")
	captured.Released = decimal.RequireFromString("60000")
	declined := basePayment(flows.Sale, flows.Declined)
	declined.Problem = flows.NewProblem(flows.ProblemDeclinedWhy, flows.Words("insufficient funds")) // as flows words an issuer's refusal
	resolving := basePayment(flows.Sale, flows.Resolving)
	resolving.Problem = flows.NewProblem(flows.ProblemNoAnswerChecking)
	threeDS := basePayment(flows.Sale, flows.Awaiting3DS)
	threeDS.Method, threeDS.Card = octo.MethodBankCard, "411111******1111"
	threeDS.RedirectURL = "http://127.0.0.1:41234/3ds/7c9e6679-7425-40de-944b-e07fc1f90ae7"
	expired := otpPayment(0)
	expired.State, expired.AttemptsLeft = flows.OTPExpired, 2
	for name, p := range map[string]flows.Payment{
		"otp":       otpPayment(161),
		"otp-warn":  otpPayment(25),
		"otp-zero":  expired,
		"hold":      held,
		"captured":  captured,
		"declined":  declined,
		"resolving": resolving,
		"threeds":   threeDS,
	} {
		for _, sz := range sizes {
			d := onScreen(t, p, sz.w, sz.h)
			if p.State == flows.Resolving {
				readOut(d) // as the flow leaves it: a status read out
			}
			golden(t, sizeName(name, sz.w, sz.h), d.screen())
		}
	}
}

// colored renders through the 16-colour profile, to check colours that
// carry a meaning.
func colored(s string) string {
	var b strings.Builder
	w := colorprofile.NewWriter(&b, nil)
	w.Profile = colorprofile.ANSI
	_, _ = w.WriteString(s)
	return b.String()
}

func TestOTPCountdownTurnsWarningInLast30s(t *testing.T) {
	st := newStyles()
	calm := otpScreen{}.View(st, otpPayment(31), fixedNow, "")
	warn := otpScreen{}.View(st, otpPayment(30), fixedNow, "")
	if !strings.Contains(plain(calm), "00:31") || !strings.Contains(plain(warn), "00:30 ⚠") {
		t.Fatalf("countdowns: %q / %q", plain(calm), plain(warn))
	}
	warnColour := colored(st.CountdownWarn.Render("00:30 ⚠"))
	if !strings.Contains(colored(warn), warnColour) || strings.Contains(colored(calm), colored(st.CountdownWarn.Render("00:31"))) {
		t.Errorf("the last 30 s are not in the warning colour")
	}
}

func TestOTPSubmitSendsCodeAndForgetsIt(t *testing.T) {
	d := onScreen(t, otpPayment(120), 80, 24)
	if d.app.screen != screenOTP {
		t.Fatalf("screen = %d, want the OTP screen", d.app.screen)
	}
	d.typeText("12ab34")
	if got := d.app.otp.input.Value(); got != "1234" {
		t.Fatalf("code field = %q, want digits only", got)
	}
	// Without a runner the flow moves to CheckingOTP and says it has no gateway.
	d.key(tea.KeyEnter)
	d.until("checking the code", func(a App) bool { return a.pay.State == flows.CheckingOTP })
	if d.app.otp.input.Value() != "" {
		t.Error("the code stayed in the field after it was sent")
	}
	if d.app.busy == "" {
		t.Error("no money-in-flight reason while the code is checked")
	}
}

func TestOTPResendCooldown(t *testing.T) {
	d := onScreen(t, otpPayment(120), 80, 24)
	d.app.otp = d.app.otp.sync(d.app.pay, fixedNow)
	if d.app.otp.keys.Resend.Enabled() {
		t.Error("resend offered at once; it should wait for the cooldown")
	}
	later := d.app.otp.sync(d.app.pay, fixedNow.Add(resendCooldown))
	if later.keys.Resend.Enabled() {
		// The payment was built without card data, so the flow itself does
		// not allow a resend: the key must follow the flow.
		t.Error("resend offered although the flow does not allow it")
	}
}

func TestHoldPartialCaptureShowsReleasedAndConfirms(t *testing.T) {
	p := basePayment(flows.Hold, flows.Held)
	p.HoldExpires = fixedNow.Add(10 * time.Minute)
	d := onScreen(t, p, 80, 24)
	d.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
	d.typeText("90000")
	d.until("the released part", func(a App) bool {
		return strings.Contains(plain(a.View().Content), "Released to the customer: 60 000 UZS")
	})
	if got := d.app.hold.input.Value(); got != "90 000" {
		t.Errorf("amount field = %q, want it grouped", got)
	}
	d.key(tea.KeyEnter)
	d.until("the confirmation", func(a App) bool { return a.confirm != nil })
	if !strings.Contains(d.screen(), "60 000 UZS goes back to the customer") {
		t.Errorf("confirmation does not say what is released:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("capturing", func(a App) bool { return a.pay.State == flows.Capturing })
}

func TestHoldRefusesMoreThanHeld(t *testing.T) {
	p := basePayment(flows.Hold, flows.Held)
	d := onScreen(t, p, 80, 24)
	d.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
	d.typeText("150001")
	d.until("the refusal", func(a App) bool {
		return strings.Contains(plain(a.View().Content), "more than the hold of 150 000 UZS")
	})
	d.key(tea.KeyEnter)
	if d.app.confirm != nil {
		t.Fatal("offered to capture more than the hold")
	}
	// Esc goes back to the choices; cancel asks first.
	d.key(tea.KeyEscape)
	d.send(tea.KeyPressMsg{Code: 'x', Text: "x"})
	d.until("the cancel confirmation", func(a App) bool { return a.confirm != nil })
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
	if d.app.confirm != nil || d.app.pay.State != flows.Held {
		t.Fatal("declining the confirmation changed the hold")
	}
}

func TestReceiptHasNoFullCardNumber(t *testing.T) {
	p := basePayment(flows.Sale, flows.Succeeded)
	p.Captured = p.Amount
	r := onScreen(t, p, 120, 40).screen()
	if strings.Contains(r, "8600000000000015") || !strings.Contains(r, "8600 00** **** 0015") {
		t.Errorf("receipt card line wrong:\n%s", r)
	}
	for _, want := range []string{"150 000 UZS", p.ShopTransactionID, p.PaymentUUID, "TEST"} {
		if !strings.Contains(r, want) {
			t.Errorf("receipt lacks %q:\n%s", want, r)
		}
	}
}

func TestLiveConfirmsFirstCharge(t *testing.T) {
	opts := testOptions()
	opts.Mode, opts.Outbox = ModeLive, nil
	d := newDriver(t, New(opts), 80, 24)
	d.app.order = order{Amount: decimal.RequireFromString("150000"), Description: "Coffee"}
	c := enteredCard{card: octo.Card{PAN: "8600000000000015", Exp: "3012"}, scheme: SchemeUzcard}
	d.send(cardReadyMsg{c}, tea.KeyPressMsg{Code: tea.KeyEnter}) // the summary: send
	if d.app.confirm == nil || !strings.Contains(d.screen(), "LIVE: real money") {
		t.Fatalf("no confirmation before the first live charge:\n%s", d.screen())
	}
	if d.app.pay.State != flows.Draft {
		t.Fatalf("state = %s before the cashier confirmed, want draft", d.app.pay.State)
	}
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("the payment sent", func(a App) bool { return a.pay.State == flows.Preparing })
	if !d.app.liveOK {
		t.Fatal("the confirmation is not remembered for the session")
	}
	// The second payment of the session goes without asking again.
	d.send(doneMsg{})
	d.send(cardReadyMsg{c}, tea.KeyPressMsg{Code: tea.KeyEnter})
	if d.app.confirm != nil {
		t.Error("asked again for the second live payment of the session")
	}
}

func TestLiveDeclinedConfirmationSendsNothing(t *testing.T) {
	opts := testOptions()
	opts.Mode = ModeLive
	d := newDriver(t, New(opts), 80, 24)
	d.app.order = order{Amount: decimal.RequireFromString("1000"), Description: "x"}
	d.send(cardReadyMsg{enteredCard{card: octo.Card{PAN: "8600000000000015", Exp: "3012"}, scheme: SchemeUzcard}})
	d.send(tea.KeyPressMsg{Code: tea.KeyEnter}) // the summary: send
	if !strings.Contains(d.screen(), "LIVE: real money") {
		t.Fatalf("no live confirmation after the summary:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"})
	d.until("home", func(a App) bool { return a.screen == screenHome })
	if d.app.hasPay || d.app.liveOK {
		t.Error("declining the live confirmation left a payment or the permission behind")
	}
}

func TestRefundPartFromResult(t *testing.T) {
	p := basePayment(flows.Sale, flows.Succeeded)
	p.Captured = p.Amount
	d := onScreen(t, p, 80, 24)
	d.send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	if got := d.app.result.input.Value(); got != "150 000" {
		t.Fatalf("refund field starts at %q, want all that can be refunded", got)
	}
	for range 7 {
		d.key(tea.KeyBackspace)
	}
	d.typeText("200000")
	d.until("the refusal", func(a App) bool { return strings.Contains(plain(a.View().Content), "more than can be refunded") })
	d.key(tea.KeyEnter)
	if d.app.confirm != nil {
		t.Fatal("offered to refund more than was charged")
	}
	for range 7 {
		d.key(tea.KeyBackspace)
	}
	d.typeText("50000")
	d.key(tea.KeyEnter)
	d.until("the confirmation", func(a App) bool { return a.confirm != nil })
	if !strings.Contains(d.screen(), "Give 50 000 UZS back") {
		t.Fatalf("confirmation:\n%s", d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("refunding", func(a App) bool { return a.pay.State == flows.Refunding })
}
