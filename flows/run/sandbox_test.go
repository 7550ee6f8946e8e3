package run

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// sbClock is the runner's clock in end-to-end tests: the sandbox's virtual
// clock. Sleep moves it, so polls, expiries and retries take no real time.
type sbClock struct {
	sb      *sandbox.Sandbox
	mu      sync.Mutex
	onSleep func(d time.Duration)
}

func (c *sbClock) Now() time.Time { return c.sb.Now() }

func (c *sbClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	f := c.onSleep
	c.mu.Unlock()
	if f != nil {
		f(d)
	}
	c.sb.Advance(d)
	return ctx.Err()
}

func (c *sbClock) setOnSleep(f func(time.Duration)) {
	c.mu.Lock()
	c.onSleep = f
	c.mu.Unlock()
}

// handlerTransport serves requests in memory with a handler: the sandbox
// posts its notifications to the Listener through it.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	in := httptest.NewRequest(req.Method, req.URL.String(), bytes.NewReader(body))
	in = in.WithContext(req.Context())
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, in)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

type e2e struct {
	t        *testing.T
	sb       *sandbox.Sandbox
	client   *octo.Client
	journal  *journal.SQLite
	runner   *Runner
	clock    *sbClock
	listener *Listener
	mu       sync.Mutex
	hints    []string
	tokens   []string
}

const listenerBase = "http://listener.test"

// rateLimited reports whether the test keeps the sandbox's one status read
// a second: tests whose name says RateLimit do.
func rateLimited(t *testing.T) bool { return strings.Contains(t.Name(), "RateLimit") }

func newE2E(t *testing.T, o sandbox.Options) *e2e {
	t.Helper()
	e := &e2e{t: t}
	e.listener = &Listener{
		Hint: func(id string, st octo.Status) {
			e.mu.Lock()
			e.hints = append(e.hints, id+" "+string(st))
			e.mu.Unlock()
		},
		Bound: func(_, token string, st octo.TokenStatus) {
			e.mu.Lock()
			e.tokens = append(e.tokens, token+" "+string(st))
			e.mu.Unlock()
		},
	}
	if o.Start.IsZero() {
		o.Start = octotest.T0
	}
	o.NoRateLimit = !rateLimited(t)
	if o.LostAnswerDelay == 0 {
		o.LostAnswerDelay = 3 * time.Second
	}
	o.NotifyClient = &http.Client{Transport: handlerTransport{h: e.listener}}
	e.sb = sandbox.New(o)
	t.Cleanup(e.sb.Close)
	e.client = octo.NewClient(e.sb.ShopID(), e.sb.Secret(),
		octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(e.sb.Client()),
		octo.WithTimeout(500*time.Millisecond),
		octo.WithRetry(octo.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, MinReadInterval: time.Nanosecond}))
	j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	e.journal = j
	e.listener.Journal = j
	e.clock = &sbClock{sb: e.sb}
	e.listener.Clock = e.clock
	e.runner = &Runner{Gateway: e.client, Journal: j, Clock: e.clock}
	return e
}

func (e *e2e) order(amount string) flows.Order {
	return flows.Order{Amount: octotest.Dec(amount), Description: "Test", Operator: "ali", Customer: "cust-1", Test: true,
		NotifyURL: listenerBase + NotifyPath, ReturnURL: "https://shop.test/done", TTLMinutes: 15}
}

func (e *e2e) pay(kind flows.Kind, pan, amount string) flows.Payment {
	e.t.Helper()
	card := octo.Card{PAN: pan, Exp: octotest.Exp, HolderName: "TEST CARD"}
	if flows.MethodOf(pan) == octo.MethodBankCard {
		card.CVC = octotest.CVC
	}
	p, err := flows.NewCardPayment(kind, e.order(amount), card)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.drive(p, flows.Start{})
}

func (e *e2e) drive(p flows.Payment, ev flows.Event) flows.Payment {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p, err := Drive(ctx, e.runner, p, ev)
	if err != nil {
		e.t.Fatalf("drive %s from %s: %v", ev.EventName(), p.State, err)
	}
	return p
}

// through3DS starts a Visa payment, has the customer approve the bank's
// page and runs what is left: the outcome comes from a status read.
func (e *e2e) through3DS(kind flows.Kind, o flows.Order) flows.Payment {
	e.t.Helper()
	ctx := context.Background()
	p, err := flows.NewCardPayment(kind, o, octo.Card{PAN: octotest.VisaPAN, Exp: octotest.Exp, CVC: octotest.CVC, HolderName: "TEST CARD"})
	if err != nil {
		e.t.Fatal(err)
	}
	p, effs, err := p.Handle(flows.Start{})
	for err == nil && p.State != flows.Awaiting3DS && !p.State.Final() {
		p, effs, err = p.Handle(e.runner.RunAll(ctx, effs))
	}
	if err != nil || p.State != flows.Awaiting3DS {
		e.t.Fatalf("got %s, %v", p.State, err)
	}
	if err := e.sb.Complete3DS(p.PaymentUUID, true); err != nil {
		e.t.Fatal(err)
	}
	if ev := e.runner.RunAll(ctx, effs); ev != nil {
		p = e.drive(p, ev)
	}
	return p
}

// newBinding is cust-1's Uzcard binding with the listener's URLs, not
// started.
func (e *e2e) newBinding(t *testing.T) flows.Binding {
	t.Helper()
	b, err := flows.NewBinding(flows.BindOrder{Customer: "cust-1", Operator: "ali", Phone: "998901234567", ReturnURL: "https://shop.test/done",
		NotifyURL: listenerBase + NotifyPath, BindNotifyURL: listenerBase + BindPath}, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// code enters the code the sandbox texted.
func (e *e2e) code(p flows.Payment) flows.Payment {
	e.t.Helper()
	if p.State != flows.AwaitingOTP {
		e.t.Fatalf("want awaiting_otp, got %s (%s)", p.State, p.Problem)
	}
	c, ok := e.sb.LastCode(p.PaymentUUID)
	if !ok {
		e.t.Fatalf("no SMS for %s", p.PaymentUUID)
	}
	return e.drive(p, flows.SubmitCode{Code: c, At: e.clock.Now()})
}

// agree checks the journal and OCTO (the sandbox) say the same about p.
func (e *e2e) agree(p flows.Payment) {
	e.t.Helper()
	rec, err := e.journal.Get(context.Background(), p.ShopTransactionID)
	if err != nil {
		e.t.Fatal(err)
	}
	if rec.State != p.State {
		e.t.Errorf("journal state %s, flow %s", rec.State, p.State)
	}
	in, err := e.client.Status(context.Background(), p.ShopTransactionID)
	if err != nil {
		e.t.Fatalf("status: %v", err)
	}
	want := map[flows.State][]octo.Status{
		flows.Succeeded: {octo.StatusSucceeded},
		flows.Held:      {octo.StatusWaitingForCapture},
		flows.Declined:  {octo.StatusFailed, octo.StatusCanceled, octo.StatusCreated}, // created: pay was refused; unpaid, it expires
		flows.Canceled:  {octo.StatusCanceled},
	}[rec.State]
	found := false
	for _, s := range want {
		found = found || s == in.Status
	}
	if !found {
		e.t.Errorf("journal says %s, OCTO says %s", rec.State, in.Status)
	}
	if rec.State == flows.Succeeded {
		if !in.TotalSum.Equal(rec.Captured) {
			e.t.Errorf("captured: journal %s, OCTO %s", rec.Captured, in.TotalSum)
		}
		if !in.RefundedSum.Equal(rec.Refunded) {
			e.t.Errorf("refunded: journal %s, OCTO %s", rec.Refunded, in.RefundedSum)
		}
	}
}

func TestSandboxTestCards(t *testing.T) {
	tests := []struct {
		pan     string
		want    flows.State
		problem string
	}{
		{"8600000000000015", flows.Succeeded, ""},
		{"8600000000000023", flows.Declined, "Insufficient funds"},
		{"8600000000000031", flows.Succeeded, ""}, // check_sms_key's answer lost: resolved by status reads
		{"8600000000000049", flows.Declined, "blocked"},
		{"9860000000000018", flows.Succeeded, ""},
		{"9860000000000026", flows.Declined, "issuer"},
		{"4111111111111111", flows.Succeeded, ""},
		{"5555555555554444", flows.Succeeded, ""},
		{"4000000000000002", flows.Declined, ""},
	}
	for _, tt := range tests {
		t.Run(tt.pan[:4]+"…"+tt.pan[12:], func(t *testing.T) {
			t.Parallel()
			e := newE2E(t, sandbox.Options{})
			var p flows.Payment
			if flows.MethodOf(tt.pan).NeedsOTP() {
				p = e.pay(flows.Sale, tt.pan, "25000")
				if p.State == flows.AwaitingOTP {
					if p.OTPSecondsLeft(e.clock.Now()) != 180 {
						t.Errorf("seconds left: got %d, want 180", p.OTPSecondsLeft(e.clock.Now()))
					}
					p = e.code(p)
				}
			} else {
				var uuid string
				e.clock.setOnSleep(func(time.Duration) {
					if uuid != "" {
						_ = e.sb.Complete3DS(uuid, true)
					}
				})
				card := octo.Card{PAN: tt.pan, Exp: octotest.Exp, CVC: octotest.CVC, HolderName: "TEST CARD"}
				p0, err := flows.NewCardPayment(flows.Sale, e.order("25000"), card)
				if err != nil {
					t.Fatal(err)
				}
				// Stop at Awaiting3DS to learn the UUID, then let the customer approve.
				p0, effs, err := p0.Handle(flows.Start{})
				for err == nil && p0.State != flows.Awaiting3DS && !p0.State.Final() {
					ev := e.runner.RunAll(context.Background(), effs)
					p0, effs, err = p0.Handle(ev)
				}
				if err != nil {
					t.Fatal(err)
				}
				if p0.RedirectURL == "" || !p0.Can(flows.Check{}) {
					t.Errorf("3-D Secure: got redirect %q", p0.RedirectURL)
				}
				uuid = p0.PaymentUUID
				p = p0
				if ev := e.runner.RunAll(context.Background(), effs); ev != nil {
					p = e.drive(p, ev)
				}
			}
			if p.State != tt.want {
				t.Fatalf("got %s (%q), want %s", p.State, p.Problem, tt.want)
			}
			if tt.problem != "" && !strings.Contains(p.Problem.English(), tt.problem) {
				t.Errorf("problem: got %q, want %q in it", p.Problem, tt.problem)
			}
			if p.State == flows.Succeeded && (!p.Captured.Equal(octotest.Dec("25000")) || p.Card == "") {
				t.Errorf("paid: captured %s card %q", p.Captured, p.Card)
			}
			e.agree(p)
		})
	}
}

func TestSandboxOTPExpiryAndResend(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	p := e.pay(flows.Sale, octotest.PAN, "1000")
	deadline := p.OTPDeadline
	e.sb.Advance(181 * time.Second)
	p = e.drive(p, flows.Tick{Now: e.clock.Now()})
	if p.State != flows.OTPExpired || p.Can(flows.SubmitCode{Code: "1", At: e.clock.Now()}) || p.OTPSecondsLeft(e.clock.Now()) != 0 {
		t.Fatalf("after expiry: got %s, can submit %v", p.State, p.Can(flows.SubmitCode{Code: "1", At: e.clock.Now()}))
	}
	p = e.drive(p, flows.ResendCode{})
	if p.State != flows.AwaitingOTP || !p.OTPDeadline.After(deadline) || p.ResendsLeft != flows.MaxResends-1 {
		t.Fatalf("after resend: got %s, deadline %v, %d resends left", p.State, p.OTPDeadline, p.ResendsLeft)
	}
	p = e.code(p)
	if p.State != flows.Succeeded {
		t.Fatalf("got %s (%s)", p.State, p.Problem)
	}
	e.agree(p)
}

func TestSandboxResendLimit(t *testing.T) {
	e := newE2E(t, sandbox.Options{MaxResends: 1})
	p := e.pay(flows.Sale, octotest.PAN, "1000")
	p = e.drive(p, flows.ResendCode{})
	p = e.drive(p, flows.ResendCode{})
	if p.State != flows.AwaitingOTP || p.ResendsLeft != 0 || p.Problem.English() != msgResendLimit || p.Can(flows.ResendCode{}) {
		t.Fatalf("got %s, %d resends left, %q", p.State, p.ResendsLeft, p.Problem)
	}
	p = e.code(p) // the last code still works
	if p.State != flows.Succeeded {
		t.Fatalf("got %s", p.State)
	}
}

func TestSandboxThreeWrongCodes(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	p := e.pay(flows.Sale, octotest.PAN, "1000")
	for i := 1; i <= 3; i++ {
		p = e.drive(p, flows.SubmitCode{Code: "000000", At: e.clock.Now()})
		if i < 3 && (p.State != flows.AwaitingOTP || p.AttemptsLeft != 3-i || !strings.Contains(p.Problem.English(), "Wrong code")) {
			t.Fatalf("wrong code %d: got %s, %d left, %q", i, p.State, p.AttemptsLeft, p.Problem)
		}
	}
	if p.State != flows.Declined || p.Problem.English() != msgThreeWrongCodes {
		t.Fatalf("got %s %q", p.State, p.Problem)
	}
	e.agree(p)
}

func TestSandboxHold(t *testing.T) {
	t.Run("partial capture", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		p := e.code(e.pay(flows.Hold, octotest.PAN, "100000"))
		if p.State != flows.Held || p.HoldTimeLeft(e.clock.Now()) != 30*time.Minute {
			t.Fatalf("got %s, hold left %v", p.State, p.HoldTimeLeft(e.clock.Now()))
		}
		holds, err := e.journal.OpenHolds(context.Background())
		if err != nil || len(holds) != 1 || !holds[0].HoldExpires.Equal(p.HoldExpires) {
			t.Fatalf("open holds: %v %+v", err, holds)
		}
		p = e.drive(p, flows.Capture{Amount: octotest.Dec("60000")})
		if p.State != flows.Succeeded || !p.Captured.Equal(octotest.Dec("60000")) || !p.Released.Equal(octotest.Dec("40000")) {
			t.Fatalf("got %s captured %s released %s", p.State, p.Captured, p.Released)
		}
		e.agree(p)
		p = e.drive(p, flows.Refund{Amount: octotest.Dec("20000")})
		p = e.drive(p, flows.Refund{})
		if p.State != flows.Succeeded || !p.Refunded.Equal(octotest.Dec("60000")) || p.Can(flows.Refund{Amount: octotest.Dec("1")}) {
			t.Fatalf("refunds: got %s refunded %s (%s)", p.State, p.Refunded, p.Problem)
		}
		e.agree(p)
	})
	t.Run("cancel", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		p := e.drive(e.code(e.pay(flows.Hold, octotest.PAN, "1000")), flows.Cancel{})
		if p.State != flows.Canceled || !p.Released.Equal(octotest.Dec("1000")) {
			t.Fatalf("got %s released %s", p.State, p.Released)
		}
		e.agree(p)
	})
	t.Run("expiry", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		p := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
		e.sb.Advance(30*time.Minute + time.Second)
		p = e.drive(p, flows.Tick{Now: e.clock.Now()})
		if p.State != flows.Canceled || p.Problem.English() != msgHoldExpired {
			t.Fatalf("got %s %q", p.State, p.Problem)
		}
		e.agree(p)
	})
}

// waitFor polls cond while the sandbox delivers notifications on its own
// goroutine; it fails after a generous bound (not a timing assertion).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

func TestSandboxBindTokenSaleAndBlock(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	b := e.newBinding(t)
	var err error
	b, err = Drive(ctx, e.runner, b, flows.Start{})
	if err != nil || b.State != flows.BindAwaitingOTP || b.OTPSecondsLeft(e.clock.Now()) <= 0 {
		t.Fatalf("bind: %v, state %s (%s)", err, b.State, b.Problem)
	}
	code, _ := e.sb.LastCode(b.PaymentUUID)
	b, err = Drive(ctx, e.runner, b, flows.SubmitCode{Code: code, At: e.clock.Now()})
	if err != nil || b.State != flows.BindBound || b.Token == "" {
		t.Fatalf("confirm: %v, state %s (%s)", err, b.State, b.Problem)
	}
	// The bind notification reaches the listener too, without the card number.
	waitFor(t, "the bind notification", func() bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		return len(e.tokens) > 0
	})
	toks, err := e.journal.Tokens(ctx, "cust-1")
	if err != nil || len(toks) != 1 || toks[0].Status != octo.TokenActive || toks[0].Card != "860000******0015" {
		t.Fatalf("saved tokens: %v %+v", err, toks)
	}

	p, err := flows.NewTokenPayment(flows.Sale, e.order("4200"), toks[0])
	if err != nil {
		t.Fatal(err)
	}
	p = e.drive(p, flows.Start{})
	if p.State == flows.AwaitingOTP {
		p = e.code(p)
	}
	if p.State != flows.Succeeded || !p.Captured.Equal(octotest.Dec("4200")) {
		t.Fatalf("token sale: got %s (%s)", p.State, p.Problem)
	}
	e.agree(p)

	// A two-stage payment with the token: held, then captured in part.
	h, _ := flows.NewTokenPayment(flows.Hold, e.order("3000"), toks[0])
	if h = e.drive(h, flows.Start{}); h.State == flows.AwaitingOTP {
		h = e.code(h)
	}
	if h = e.drive(h, flows.Capture{Amount: octotest.Dec("2500")}); h.State != flows.Succeeded || !h.Released.Equal(octotest.Dec("500")) {
		t.Fatalf("token hold: got %s released %s (%s)", h.State, h.Released, h.Problem)
	}
	e.agree(h)

	blk, err := Drive(ctx, e.runner, flows.SavedBinding(toks[0]), flows.Block{})
	if err != nil || blk.State != flows.BindBlocked {
		t.Fatalf("block: %v %s (%s)", err, blk.State, blk.Problem)
	}
	if st, _ := e.sb.TokenStatus(toks[0].Token); st != octo.TokenBlocked {
		t.Errorf("sandbox token status %s", st)
	}
	toks, _ = e.journal.Tokens(ctx, "cust-1")
	if toks[0].Status != octo.TokenBlocked {
		t.Errorf("journal token status %s", toks[0].Status)
	}
	p, _ = flows.NewTokenPayment(flows.Sale, e.order("10"), toks[0])
	p = e.drive(p, flows.Start{})
	if p.State != flows.Declined || p.Captured.IsPositive() {
		t.Errorf("blocked token: got %s (%s)", p.State, p.Problem)
	}
}

func TestSandboxNotifications(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	e.listener.SignatureKey, e.listener.Recipe = "sandbox-unique-key", octo.RecipeUniqueKey
	p := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
	if p.State != flows.Held {
		t.Fatalf("got %s", p.State)
	}
	waitFor(t, "the waiting_for_capture hint", func() bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		for _, h := range e.hints {
			if h == p.ShopTransactionID+" waiting_for_capture" {
				return true
			}
		}
		return false
	})
	// Answered without accept_status: the hold stays for the cashier.
	e.sb.Advance(time.Minute)
	if in, _ := e.client.Status(ctx, p.ShopTransactionID); in.Status != octo.StatusWaitingForCapture {
		t.Fatalf("the listener decided the hold: %s", in.Status)
	}
	ns, err := e.journal.Notifications(ctx, p.ShopTransactionID)
	if err != nil || len(ns) == 0 || ns[0].Signature != "ok" {
		t.Fatalf("journaled notifications: %v %+v", err, ns)
	}
	// A duplicated or late notification only triggers a read; nothing changes without OCTO saying so.
	q := e.drive(p, flows.Notified{Status: octo.StatusSucceeded})
	if q.State != flows.Held {
		t.Errorf("a notification moved the hold to %s", q.State)
	}
	// A forged notification is refused and not acted on.
	hints := len(e.hints)
	body := `{"shop_transaction_id":"` + p.ShopTransactionID + `","octo_payment_UUID":"` + p.PaymentUUID +
		`","status":"succeeded","signature":"00","hash_key":"x","maskedPan":"8600000000000015"}`
	rec := httptest.NewRecorder()
	e.listener.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, NotifyPath, strings.NewReader(body)))
	if rec.Code != http.StatusForbidden || len(e.hints) != hints {
		t.Errorf("forged notification: HTTP %d, hints %d→%d", rec.Code, hints, len(e.hints))
	}
	ns, _ = e.journal.Notifications(ctx, p.ShopTransactionID)
	last := ns[len(ns)-1]
	if last.Signature != "bad" || strings.Contains(last.Body, octotest.PAN) {
		t.Errorf("forged notification journaled as %q: %s", last.Signature, last.Body)
	}
}

func TestSandboxFaults(t *testing.T) {
	t.Run("pay answer lost: resolved by reads, never paid twice", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		e.sb.Inject(sandbox.Fault{Method: "pay", Kind: sandbox.FaultDrop})
		p := e.pay(flows.Sale, octotest.PAN, "1000")
		// Without the numeric payment id the code cannot be sent: OCTO cancels the unpaid payment at its ttl.
		if p.State != flows.Declined || p.Captured.IsPositive() {
			t.Fatalf("got %s (%s)", p.State, p.Problem)
		}
		e.agree(p)
		if n := countCalls(e.sb, "pay"); n != 1 {
			t.Errorf("pay sent %d times", n)
		}
	})
	t.Run("capture answer lost", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		p := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
		e.sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultDrop})
		p = e.drive(p, flows.Capture{Amount: octotest.Dec("999.99")})
		if p.State != flows.Succeeded || !p.Captured.Equal(octotest.Dec("999.99")) {
			t.Fatalf("got %s captured %s (%s)", p.State, p.Captured, p.Problem)
		}
		e.agree(p)
		if n := countCalls(e.sb, "set_accept"); n != 1 {
			t.Errorf("set_accept sent %d times", n)
		}
	})
	t.Run("capture times out", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		p := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
		e.sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultLatency, Latency: 5 * time.Second})
		p = e.drive(p, flows.Capture{})
		// Whether OCTO captured before the client gave up or not, the status decides; nothing is sent twice.
		if p.State != flows.Succeeded && p.State != flows.Held {
			t.Fatalf("got %s (%s)", p.State, p.Problem)
		}
		e.agree(p)
		if n := countCalls(e.sb, "set_accept"); n != 1 {
			t.Errorf("set_accept sent %d times", n)
		}
	})
	t.Run("refund answer lost", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		p := e.code(e.pay(flows.Sale, octotest.PAN, "100000"))
		e.sb.Inject(sandbox.Fault{Method: "refund", Kind: sandbox.FaultDrop})
		p = e.drive(p, flows.Refund{Amount: octotest.Dec("40000")})
		if p.State != flows.Succeeded || !p.Refunded.Equal(octotest.Dec("40000")) || p.Problem.English() != "" {
			t.Fatalf("got %s refunded %s (%s)", p.State, p.Refunded, p.Problem)
		}
		e.agree(p)
	})
	t.Run("internal error on check_sms_key uses no attempt", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		p := e.pay(flows.Sale, octotest.PAN, "1000")
		e.sb.Inject(sandbox.Fault{Method: "check_sms_key", Kind: sandbox.FaultError, Code: 4})
		p = e.code(p)
		if p.State != flows.AwaitingOTP || p.AttemptsLeft != flows.MaxAttempts || !strings.Contains(p.Problem.English(), "internal error") {
			t.Fatalf("got %s, %d left (%s)", p.State, p.AttemptsLeft, p.Problem)
		}
		p = e.code(p)
		if p.State != flows.Succeeded {
			t.Fatalf("got %s", p.State)
		}
	})
	t.Run("lost notifications change nothing", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		e.sb.Inject(sandbox.Fault{Kind: sandbox.FaultLoseNotification, Rate: 1})
		p := e.code(e.pay(flows.Sale, octotest.PAN, "1000"))
		if p.State != flows.Succeeded {
			t.Fatalf("got %s", p.State)
		}
		e.agree(p)
	})
	t.Run("flaky status reads", func(t *testing.T) {
		e := newE2E(t, sandbox.Options{})
		p := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
		e.sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultDrop})
		e.sb.Inject(sandbox.Fault{Method: "prepare_payment", Kind: sandbox.FaultError, Count: 4})
		p = e.drive(p, flows.Cancel{})
		if p.State != flows.Canceled {
			t.Fatalf("got %s (%s)", p.State, p.Problem)
		}
		e.agree(p)
	})
}

// countCalls counts the API requests of a method in the sandbox's event log.
func countCalls(sb *sandbox.Sandbox, method string) int {
	n := 0
	for _, ev := range sb.Events() {
		if ev.Kind == sandbox.EventRequest && ev.Method == method {
			n++
		}
	}
	return n
}

func TestSandboxReconcile(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	// A hold, and a capture whose answer never came back before the console stopped.
	hold := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
	lost := e.code(e.pay(flows.Hold, "9860000000000018", "2000"))
	lost, effs, err := lost.Handle(flows.Capture{Amount: octotest.Dec("1500")})
	if err != nil {
		t.Fatal(err)
	}
	if ev := e.runner.RunAll(ctx, effs); ev == nil {
		t.Fatal("capture gave no answer event")
	} // the answer is dropped: the process "stopped" here
	// A sale still waiting for its code.
	waiting := e.pay(flows.Sale, octotest.PAN, "300")
	// A payment paid while the console was down (3-D Secure completed by the customer).
	v, _ := flows.NewCardPayment(flows.Sale, e.order("50"), octo.Card{PAN: octotest.VisaPAN, Exp: octotest.Exp, CVC: octotest.CVC, HolderName: "X"})
	v, effs, _ = v.Handle(flows.Start{})
	for v.State != flows.Awaiting3DS {
		v, effs, _ = v.Handle(e.runner.RunAll(ctx, effs))
	}
	_ = e.sb.Complete3DS(v.PaymentUUID, true)

	e.sb.Advance(time.Minute)
	restarted := &Runner{Gateway: e.client, Journal: e.journal, Clock: e.clock}
	ps, err := Reconcile(ctx, restarted)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]flows.Payment{}
	for _, p := range ps {
		got[p.ShopTransactionID] = p
	}
	if p := got[hold.ShopTransactionID]; p.State != flows.Held || p.HoldTimeLeft(e.clock.Now()) != 29*time.Minute || !p.Can(flows.Capture{}) {
		t.Errorf("hold: got %s with %v left", p.State, p.HoldTimeLeft(e.clock.Now()))
	}
	if p := got[lost.ShopTransactionID]; p.State != flows.Succeeded || !p.Captured.Equal(octotest.Dec("1500")) || !p.Released.Equal(octotest.Dec("500")) {
		t.Errorf("lost capture: got %s captured %s released %s", p.State, p.Captured, p.Released)
	}
	if p := got[waiting.ShopTransactionID]; p.State != flows.AwaitingOTP || p.Can(flows.ResendCode{}) {
		t.Errorf("waiting sale: got %s (%s)", p.State, p.Problem)
	} else if p = e.code(p); p.State != flows.Succeeded {
		t.Errorf("resumed sale: got %s (%s)", p.State, p.Problem)
	}
	if p := got[v.ShopTransactionID]; p.State != flows.Succeeded {
		t.Errorf("3-D Secure paid meanwhile: got %s", p.State)
	}
	for _, p := range ps {
		if p.State != flows.AwaitingOTP {
			e.agree(p)
		}
	}
	holds, _ := e.journal.OpenHolds(ctx)
	if len(holds) != 1 || holds[0].ShopTransactionID != hold.ShopTransactionID {
		t.Errorf("open holds: %+v", holds)
	}
}

func TestSandboxReconcileExpiredHold(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	hold := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
	e.sb.Advance(31 * time.Minute) // the console was off longer than the hold lives
	ps, err := Reconcile(ctx, &Runner{Gateway: e.client, Journal: e.journal, Clock: e.clock})
	if err != nil || len(ps) != 1 {
		t.Fatalf("reconcile: %v, %d payments", err, len(ps))
	}
	if p := ps[0]; p.ShopTransactionID != hold.ShopTransactionID || p.State != flows.Canceled || p.Problem.English() != msgHoldExpired || !p.Released.Equal(octotest.Dec("1000")) {
		t.Errorf("got %s %q released %s", p.State, p.Problem, p.Released)
	}
	e.agree(ps[0])
	if un, _ := e.journal.Unfinished(ctx); len(un) != 0 {
		t.Errorf("still unfinished: %+v", un)
	}
}

func TestSandboxStatusCheck(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	paid := e.code(e.pay(flows.Sale, octotest.PAN, "1234.50"))
	// Another console's journal does not have it: read it by its id alone.
	other := &Runner{Gateway: e.client, Journal: openTestJournal(t), Clock: e.clock}
	ctx := context.Background()
	p, err := Drive(ctx, other, flows.StatusCheck(paid.ShopTransactionID), flows.Check{})
	if err != nil || p.State != flows.Succeeded || !p.Captured.Equal(octotest.Dec("1234.50")) || p.PaymentUUID != paid.PaymentUUID {
		t.Fatalf("got %s captured %s, %v", p.State, p.Captured, err)
	}
	if _, err := other.Journal.Get(ctx, paid.ShopTransactionID); err != nil {
		t.Errorf("not journaled after the check: %v", err)
	}
	q, err := Drive(ctx, other, flows.StatusCheck("oc-no-such-payment"), flows.Check{})
	if err != nil || q.State != flows.Resolving || !strings.Contains(q.Problem.English(), "does not know") {
		t.Errorf("unknown id: got %s %q, %v", q.State, q.Problem, err)
	}
	if _, err := other.Journal.Get(ctx, "oc-no-such-payment"); err == nil {
		t.Error("an unknown id was journaled")
	}
}

func TestSandboxReconcileRefund(t *testing.T) {
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{})
	paid := e.code(e.pay(flows.Sale, octotest.PAN, "100000"))
	// The refund is sent and the console stops before its answer is journaled.
	_, effs, err := paid.Handle(flows.Refund{Amount: octotest.Dec("25000")})
	if err != nil {
		t.Fatal(err)
	}
	_ = e.runner.RunAll(ctx, effs)
	ps, err := Reconcile(ctx, &Runner{Gateway: e.client, Journal: e.journal, Clock: e.clock})
	if err != nil || len(ps) != 1 {
		t.Fatalf("reconcile: %v %d", err, len(ps))
	}
	if q := ps[0]; q.State != flows.Succeeded || !q.Refunded.Equal(octotest.Dec("25000")) || q.Problem.English() != "" || !q.Refundable().Equal(octotest.Dec("75000")) {
		t.Errorf("got %s refunded %s (%s)", q.State, q.Refunded, q.Problem)
	}
	e.agree(ps[0])
	if un, _ := e.journal.Unfinished(ctx); len(un) != 0 {
		t.Errorf("still unfinished: %d", len(un))
	}
}

// With OCTO's one status read a second enforced, polling never trips it:
// 3-D Secure polls and the reads after a lost answer keep OCTO's pace.
func TestSandboxRateLimit(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	p := e.code(e.pay(flows.Sale, "8600000000000031", "1000")) // check_sms_key's answer is lost
	if p.State != flows.Succeeded {
		t.Fatalf("lost answer: got %s (%s)", p.State, p.Problem)
	}
	for _, ev := range e.sb.Events() {
		if ev.Kind == sandbox.EventResponse && ev.Method == "prepare_payment" && ev.Code != 0 {
			t.Errorf("a status read was refused: code %d", ev.Code)
		}
	}
}

// Many cashiers' flows at once share one journal and one gateway.
func TestSandboxConcurrentFlows(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	const n = 8
	var wg sync.WaitGroup
	results := make([]flows.Payment, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			kind := flows.Sale
			if i%2 == 1 {
				kind = flows.Hold
			}
			p, err := flows.NewCardPayment(kind, e.order(fmt.Sprintf("%d.25", 100+i)), octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
			if err != nil {
				t.Error(err)
				return
			}
			if p, err = Drive(ctx, e.runner, p, flows.Start{}); err != nil {
				t.Error(err)
				return
			}
			code, _ := e.sb.LastCode(p.PaymentUUID)
			if p, err = Drive(ctx, e.runner, p, flows.SubmitCode{Code: code, At: e.clock.Now()}); err != nil {
				t.Error(err)
				return
			}
			if p.State == flows.Held {
				p, err = Drive(ctx, e.runner, p, flows.Capture{})
			}
			if err != nil {
				t.Error(err)
			}
			results[i] = p
		}()
	}
	wg.Wait()
	for _, p := range results {
		if p.State != flows.Succeeded {
			t.Errorf("%s: %s (%s)", p.ShopTransactionID, p.State, p.Problem)
			continue
		}
		e.agree(p)
	}
	x, err := e.journal.XReportAt(context.Background(), octotest.T0)
	if err != nil {
		t.Fatal(err)
	}
	sold, soldAmt := x.Total(flows.BucketSold)
	captured, capAmt := x.Total(flows.BucketCaptured)
	if sold != n/2 || captured != n/2 || !soldAmt.Add(capAmt).Equal(octotest.Dec("830.00")) {
		t.Errorf("X report: %d sold %s, %d captured %s", sold, soldAmt, captured, capAmt)
	}
}
