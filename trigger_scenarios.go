package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// The trigger's scenarios: named walks through the same flows the console
// drives, played headless against a sandbox. The customer's side (the code
// in the SMS outbox, the 3-D Secure page, the passing of time) is played
// through the sandbox: in process, or over its control API.

// customerSide is what the customer and the clock do, played on a sandbox.
type customerSide interface {
	// Code is the last one-time code texted for a payment.
	Code(ctx context.Context, paymentUUID string) (string, error)
	// Complete3DS answers the payment's 3-D Secure page.
	Complete3DS(ctx context.Context, paymentUUID string, approve bool) error
	// Advance moves the sandbox's clock on.
	Advance(ctx context.Context, d time.Duration) error
}

// trial is one scenario being played: the gateway, the customer, and
// what the scenario noticed on the way.
type trial struct {
	runner   *run.Runner
	customer customerSide
	order    flows.Order // what every payment of the trial starts from
	bind     flows.BindOrder
	notes    []string // where the walk went another way than the scenario's
}

// expectation is a scenario's expected outcome: the flow's state, OCTO's
// status and the money (empty amounts are not checked).
type expectation struct {
	State    flows.State `json:"state"`
	Status   octo.Status `json:"status"`
	Captured string      `json:"captured,omitempty"`
	Released string      `json:"released,omitempty"`
	Refunded string      `json:"refunded,omitempty"`
}

// scenario is one named walk.
type scenario struct {
	Name  string
	Shows string // what it shows, for --list
	Want  expectation
	// run plays the walk and returns the payment as it ended. An error is
	// the trial's own failure (the sandbox's control API, a flow refusing
	// an event), not a different outcome: that is for Want to tell.
	run func(ctx context.Context, t *trial) (flows.Payment, error)
}

// Test cards (octo/sandbox/README.md).
const (
	cardUzcard      = "8600000000000015"
	cardNoFunds     = "8600000000000023"
	cardLostAnswer  = "8600000000000031"
	cardBlocked     = "8600000000000049"
	cardVisa        = "4111111111111111"
	cardVisa3DSFail = "4000000000000002"
)

// Amounts of the scenarios, in UZS.
const (
	saleAmount    = "25000"
	holdAmount    = "150000"
	captureAmount = "90000" // of holdAmount
	refundAmount  = "15000" // of saleAmount, above OCTO's smallest refund (12 800 UZS)
)

var scenarios = []scenario{
	{Name: "sale", Shows: "a one-stage Uzcard sale of 25 000 UZS confirmed with the SMS code",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "25000.00", Refunded: "0.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.codePaid(ctx, flows.Sale, cardUzcard, saleAmount)
		}},
	{Name: "hold-capture", Shows: "a 150 000 UZS hold captured in full",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "150000.00", Released: "0.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.decideHold(ctx, flows.Capture{})
		}},
	{Name: "hold-capture-part", Shows: "a 150 000 UZS hold, 90 000 captured and 60 000 released",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "90000.00", Released: "60000.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.decideHold(ctx, flows.Capture{Amount: decimal.RequireFromString(captureAmount)})
		}},
	{Name: "hold-cancel", Shows: "a 150 000 UZS hold canceled: the whole amount released",
		Want: expectation{State: flows.Canceled, Status: octo.StatusCanceled, Captured: "0.00", Released: "150000.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.decideHold(ctx, flows.Cancel{})
		}},
	{Name: "refund", Shows: "a 25 000 UZS sale refunded in full",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "25000.00", Refunded: "25000.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.refunded(ctx, flows.Refund{})
		}},
	{Name: "refund-part", Shows: "a 25 000 UZS sale, 15 000 refunded",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "25000.00", Refunded: "15000.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.refunded(ctx, flows.Refund{Amount: decimal.RequireFromString(refundAmount)})
		}},
	{Name: "wrong-code", Shows: "three wrong SMS codes: OCTO cancels the payment, nothing is charged",
		Want: expectation{State: flows.Declined, Status: octo.StatusCanceled, Captured: "0.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			p, err := t.start(ctx, flows.Sale, cardUzcard, saleAmount)
			if err != nil || !t.reached(p, flows.AwaitingOTP) {
				return p, err
			}
			code, err := t.customer.Code(ctx, p.PaymentUUID)
			if err != nil {
				return p, err
			}
			for i := 0; i < flows.MaxAttempts && p.State == flows.AwaitingOTP; i++ {
				if p, err = t.drive(ctx, p, flows.SubmitCode{Code: wrongCode(code), At: t.runner.Clock.Now()}); err != nil {
					return p, err
				}
			}
			return p, nil
		}},
	{Name: "insufficient-funds", Shows: "Uzcard 8600 0000 0000 0023: declined after the code, insufficient funds",
		Want: expectation{State: flows.Declined, Status: octo.StatusFailed, Captured: "0.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.codePaid(ctx, flows.Sale, cardNoFunds, saleAmount)
		}},
	{Name: "blocked-card", Shows: "Uzcard 8600 0000 0000 0049: refused at pay, the card is blocked; the unpaid payment stays created until it expires",
		Want: expectation{State: flows.Declined, Status: octo.StatusCreated, Captured: "0.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.start(ctx, flows.Sale, cardBlocked, saleAmount)
		}},
	{Name: "lost-answer", Shows: "Uzcard 8600 0000 0000 0031: the answer to the code is lost; status reads find the sale paid, nothing is sent twice",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "25000.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.codePaid(ctx, flows.Sale, cardLostAnswer, saleAmount)
		}},
	{Name: "3ds", Shows: "Visa 4111 1111 1111 1111: the customer approves 3-D Secure, the sale is paid",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "25000.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.threeDS(ctx, cardVisa)
		}},
	{Name: "3ds-fail", Shows: "Visa 4000 0000 0000 0002: 3-D Secure fails, the payment is failed",
		Want: expectation{State: flows.Declined, Status: octo.StatusFailed, Captured: "0.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.threeDS(ctx, cardVisa3DSFail)
		}},
	{Name: "bind-and-pay", Shows: "an Uzcard saved with its SMS code, then a 25 000 UZS sale with the saved card",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "25000.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.bindAndPay(ctx)
		}},
	{Name: "expired-code", Shows: "the SMS code runs out (the sandbox's clock moves past it: other payments on a shared sandbox feel it too), a new one is sent and pays",
		Want: expectation{State: flows.Succeeded, Status: octo.StatusSucceeded, Captured: "25000.00"},
		run: func(ctx context.Context, t *trial) (flows.Payment, error) {
			return t.expiredCode(ctx)
		}},
}

// scenarioNamed finds a scenario by its name.
func scenarioNamed(name string) (scenario, bool) {
	i := slices.IndexFunc(scenarios, func(s scenario) bool { return s.Name == name })
	if i < 0 {
		return scenario{}, false
	}
	return scenarios[i], true
}

// cardExpiry is a test card's expiry: any future month will do.
func cardExpiry() string { return time.Now().AddDate(3, 0, 0).Format("0601") }

// testCard is a test card with an expiry (and a CVC for bank cards).
func testCard(pan string) octo.Card {
	c := octo.Card{PAN: pan, Exp: cardExpiry(), HolderName: "TEST CARD"}
	if flows.MethodOf(pan) == octo.MethodBankCard {
		c.CVC = "123"
	}
	return c
}

// wrongCode is certainly not code: its first digit moved on by one.
func wrongCode(code string) string {
	if code == "" {
		return "000000"
	}
	b := []byte(code)
	b[0] = '0' + (b[0]-'0'+1)%10
	return string(b)
}

// reached reports whether the walk got where the scenario needs it, and
// notes where it went instead when it did not.
func (t *trial) reached(p flows.Payment, want flows.State) bool {
	if p.State == want {
		return true
	}
	note := fmt.Sprintf("expected to reach %s, stopped at %s", want, p.State)
	if !p.Problem.IsZero() {
		note += " (" + p.Problem.English() + ")"
	}
	t.notes = append(t.notes, note)
	return false
}

func (t *trial) drive(ctx context.Context, p flows.Payment, ev flows.Event) (flows.Payment, error) {
	p, err := run.Drive(ctx, t.runner, p, ev)
	if err != nil {
		return p, fmt.Errorf("the flow refused %s in state %s: %w", ev.EventName(), p.State, err)
	}
	return p, nil
}

// start sends a new card payment and runs it until it needs the customer
// or the cashier.
func (t *trial) start(ctx context.Context, kind flows.Kind, pan, amount string) (flows.Payment, error) {
	o := t.order
	o.Amount = decimal.RequireFromString(amount)
	p, err := flows.NewCardPayment(kind, o, testCard(pan))
	if err != nil {
		return p, err
	}
	return t.drive(ctx, p, flows.Start{})
}

// enterCode types the last code the sandbox texted for the payment.
func (t *trial) enterCode(ctx context.Context, p flows.Payment) (flows.Payment, error) {
	if !t.reached(p, flows.AwaitingOTP) {
		return p, nil
	}
	code, err := t.customer.Code(ctx, p.PaymentUUID)
	if err != nil {
		return p, err
	}
	return t.drive(ctx, p, flows.SubmitCode{Code: code, At: t.runner.Clock.Now()})
}

// codePaid starts a payment and enters its code.
func (t *trial) codePaid(ctx context.Context, kind flows.Kind, pan, amount string) (flows.Payment, error) {
	p, err := t.start(ctx, kind, pan, amount)
	if err != nil {
		return p, err
	}
	return t.enterCode(ctx, p)
}

// decideHold holds 150 000 UZS on the Uzcard and captures or cancels it.
func (t *trial) decideHold(ctx context.Context, decision flows.Event) (flows.Payment, error) {
	p, err := t.codePaid(ctx, flows.Hold, cardUzcard, holdAmount)
	if err != nil || !t.reached(p, flows.Held) {
		return p, err
	}
	return t.drive(ctx, p, decision)
}

// refunded sells 25 000 UZS on the Uzcard and refunds it.
func (t *trial) refunded(ctx context.Context, refund flows.Refund) (flows.Payment, error) {
	p, err := t.codePaid(ctx, flows.Sale, cardUzcard, saleAmount)
	if err != nil || !t.reached(p, flows.Succeeded) {
		return p, err
	}
	return t.drive(ctx, p, refund)
}

// threeDS pays with a bank card: the flow stops for the customer on the
// 3-D Secure page, the customer approves it there, and the status reads
// the flow was making tell the outcome.
func (t *trial) threeDS(ctx context.Context, pan string) (flows.Payment, error) {
	o := t.order
	o.Amount = decimal.RequireFromString(saleAmount)
	p, err := flows.NewCardPayment(flows.Sale, o, testCard(pan))
	if err != nil {
		return p, err
	}
	// Step by hand up to Awaiting3DS: there Drive would keep polling.
	p, effs, err := p.Handle(flows.Start{})
	for err == nil && p.State != flows.Awaiting3DS && !p.State.Final() {
		ev := t.runner.RunAll(ctx, effs)
		if ev == nil {
			break
		}
		p, effs, err = p.Handle(ev)
	}
	if err != nil {
		return p, fmt.Errorf("the flow refused a step in state %s: %w", p.State, err)
	}
	if !t.reached(p, flows.Awaiting3DS) {
		return p, nil
	}
	if err := t.customer.Complete3DS(ctx, p.PaymentUUID, true); err != nil {
		return p, err
	}
	if ev := t.runner.RunAll(ctx, effs); ev != nil {
		return t.drive(ctx, p, ev)
	}
	return p, nil
}

// bindAndPay saves the Uzcard for a customer, then sells with the token.
func (t *trial) bindAndPay(ctx context.Context) (flows.Payment, error) {
	b, err := flows.NewBinding(t.bind, testCard(cardUzcard))
	if err != nil {
		return flows.Payment{}, err
	}
	if b, err = run.Drive(ctx, t.runner, b, flows.Start{}); err != nil {
		return flows.Payment{}, fmt.Errorf("the binding refused start: %w", err)
	}
	if b.State != flows.BindAwaitingOTP {
		t.notes = append(t.notes, fmt.Sprintf("expected the binding to wait for its code, it is %s (%s)", b.State, b.Problem))
		return flows.Payment{}, nil
	}
	code, err := t.customer.Code(ctx, b.PaymentUUID)
	if err != nil {
		return flows.Payment{}, err
	}
	if b, err = run.Drive(ctx, t.runner, b, flows.SubmitCode{Code: code, At: t.runner.Clock.Now()}); err != nil {
		return flows.Payment{}, fmt.Errorf("the binding refused the code: %w", err)
	}
	if b.State != flows.BindBound {
		t.notes = append(t.notes, fmt.Sprintf("expected the card saved, the binding is %s (%s)", b.State, b.Problem))
		return flows.Payment{}, nil
	}
	o := t.order
	o.Amount = decimal.RequireFromString(saleAmount)
	p, err := flows.NewTokenPayment(flows.Sale, o, b.SavedToken())
	if err != nil {
		return p, err
	}
	if p, err = t.drive(ctx, p, flows.Start{}); err != nil {
		return p, err
	}
	if p.State == flows.AwaitingOTP { // Uzcard and Humo tokens ask for a code; bank cards do not
		return t.enterCode(ctx, p)
	}
	return p, nil
}

// expiredCode lets the code run out on the sandbox's clock: the code typed
// then is refused (by the console, or by OCTO), a new one is asked for
// (check_pan) and pays.
func (t *trial) expiredCode(ctx context.Context) (flows.Payment, error) {
	p, err := t.start(ctx, flows.Sale, cardUzcard, saleAmount)
	if err != nil || !t.reached(p, flows.AwaitingOTP) {
		return p, err
	}
	old, err := t.customer.Code(ctx, p.PaymentUUID)
	if err != nil {
		return p, err
	}
	left := time.Duration(p.OTPSecondsLeft(t.runner.Clock.Now())) * time.Second
	if err := t.customer.Advance(ctx, left+time.Second); err != nil {
		return p, err
	}
	if p, err = t.drive(ctx, p, flows.SubmitCode{Code: old, At: t.runner.Clock.Now()}); err != nil {
		return p, err
	}
	if !t.reached(p, flows.OTPExpired) {
		return p, nil
	}
	if p, err = t.drive(ctx, p, flows.ResendCode{}); err != nil {
		return p, err
	}
	return t.enterCode(ctx, p)
}

// callLog keeps the calls a trial made, as the client's observer saw them.
type callLog struct {
	mu    sync.Mutex
	calls []triggerCall
	off   bool
}

// triggerCall is one request to the gateway in the trigger's JSON.
type triggerCall struct {
	Method     string `json:"method"`
	HTTPStatus int    `json:"http_status"`
	Code       int    `json:"code,omitempty"`    // OCTO's error code
	Message    string `json:"message,omitempty"` // OCTO's error message
	Error      string `json:"error,omitempty"`   // no answer: why
	MS         int64  `json:"ms"`
}

// start empties the log and keeps what comes next.
func (l *callLog) start() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls, l.off = nil, false
}

func (l *callLog) observe(x octo.Exchange) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.off {
		return
	}
	c := triggerCall{Method: x.Method, HTTPStatus: x.HTTPStatus, Code: x.Code, Message: x.Message, MS: x.Duration.Milliseconds()}
	if x.Code == 0 {
		c.Error = x.Err
	}
	l.calls = append(l.calls, c)
}

// stop ends the log: what is called after the walk is the trigger's own.
func (l *callLog) stop() []triggerCall {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.off = true
	out := l.calls
	if out == nil {
		out = []triggerCall{}
	}
	return out
}

// triggerResult is a scenario's outcome, the trigger's JSON line.
type triggerResult struct {
	Scenario          string        `json:"scenario"`
	Outcome           string        `json:"outcome"` // expected, differs or error
	ShopTransactionID string        `json:"shop_transaction_id"`
	PaymentUUID       string        `json:"octo_payment_uuid"`
	Status            octo.Status   `json:"status"` // OCTO's, read after the walk
	State             flows.State   `json:"state"`  // the console's
	Currency          string        `json:"currency"`
	Amount            string        `json:"amount"`
	Captured          string        `json:"captured"`
	Released          string        `json:"released"`
	Refunded          string        `json:"refunded"`
	Card              string        `json:"card,omitempty"` // masked
	Problem           string        `json:"problem,omitempty"`
	Expected          expectation   `json:"expected"`
	Differences       []string      `json:"differences,omitempty"`
	Error             string        `json:"error,omitempty"`
	Calls             []triggerCall `json:"calls"`
}

// Outcomes of a scenario.
const (
	outcomeExpected = "expected"
	outcomeDiffers  = "differs"
	outcomeError    = "error"
)

// play runs one scenario on a fresh trial and tells how it ended.
func play(ctx context.Context, sc scenario, t *trial, calls *callLog, limit time.Duration) triggerResult {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	p, runErr := sc.run(ctx, t)
	status := p.OCTOStatus
	if p.ShopTransactionID != "" && ctx.Err() == nil && !settled(status) {
		// OCTO has not said where the payment ended (pay was refused, or
		// the walk stopped on the way): its status is read, at its pace.
		calls.stop()
		if ev, ok := t.runner.Run(ctx, flows.ReadStatus{ShopTransactionID: p.ShopTransactionID}).(flows.StatusAnswered); ok &&
			ev.Err == nil && ev.Info != nil {
			status = ev.Info.Status
			if p.PaymentUUID == "" {
				p.PaymentUUID = ev.Info.PaymentUUID
			}
		}
	}
	r := triggerResult{
		Scenario: sc.Name, ShopTransactionID: p.ShopTransactionID, PaymentUUID: p.PaymentUUID,
		Status: status, State: p.State, Currency: p.Currency, Amount: money2(p.Amount),
		Captured: money2(p.Captured), Released: money2(p.Released), Refunded: money2(p.Refunded),
		Card: p.Card, Problem: p.Problem.English(), Expected: sc.Want, Calls: calls.stop(),
	}
	switch {
	case runErr != nil:
		r.Outcome, r.Error = outcomeError, runErr.Error()
		if errors.Is(runErr, context.DeadlineExceeded) {
			r.Error = fmt.Sprintf("the scenario did not end within %s (%v)", limit, runErr)
		}
	default:
		r.Differences = append(t.notes, differences(sc.Want, r)...)
		r.Outcome = outcomeExpected
		if len(r.Differences) > 0 {
			r.Outcome = outcomeDiffers
		}
	}
	return r
}

// settled reports whether OCTO's status is one a payment ends in.
func settled(st octo.Status) bool {
	return st == octo.StatusSucceeded || st == octo.StatusCanceled || st == octo.StatusFailed
}

// differences lists where r is not what want expects.
func differences(want expectation, r triggerResult) []string {
	var out []string
	check := func(what, got, want string) {
		if want != "" && got != want {
			out = append(out, fmt.Sprintf("%s: got %s, expected %s", what, orNone(got), want))
		}
	}
	check("state", string(r.State), string(want.State))
	check("OCTO status", string(r.Status), string(want.Status))
	check("captured", r.Captured, want.Captured)
	check("released", r.Released, want.Released)
	check("refunded", r.Refunded, want.Refunded)
	return out
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "nothing"
	}
	return s
}

// money2 is an amount as the JSON gives it: a string with two decimals.
func money2(d decimal.Decimal) string { return d.StringFixed(2) }
