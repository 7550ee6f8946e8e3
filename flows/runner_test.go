package flows

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// fakeGateway answers from scripts and records the calls it got.
type fakeGateway struct {
	calls    []string
	prepare  func(octo.PrepareParams) (*octo.PaymentInfo, error)
	status   []*octo.PaymentInfo // answered in order; the last one repeats
	pay      func(octo.PayParams) (*octo.Payment, error)
	verify   *octo.Verification
	check    func(octo.CheckSMSKeyParams) (*octo.Payment, error)
	capture  func(decimal.Decimal) (*octo.PaymentInfo, error)
	refund   func(octo.RefundParams) (*octo.Refund, error)
	bind     *octo.Binding
	confirm  *octo.Binding
	blockErr error
}

func (f *fakeGateway) PreparePayment(_ context.Context, p octo.PrepareParams) (*octo.PaymentInfo, error) {
	f.calls = append(f.calls, "prepare")
	return f.prepare(p)
}

func (f *fakeGateway) Status(context.Context, string) (*octo.PaymentInfo, error) {
	f.calls = append(f.calls, "status")
	if len(f.status) == 0 {
		return nil, errNotSent
	}
	s := f.status[0]
	if len(f.status) > 1 {
		f.status = f.status[1:]
	}
	return s, nil
}

func (f *fakeGateway) Pay(_ context.Context, p octo.PayParams) (*octo.Payment, error) {
	f.calls = append(f.calls, "pay")
	return f.pay(p)
}

func (f *fakeGateway) VerificationInfo(context.Context, string) (*octo.Verification, error) {
	f.calls = append(f.calls, "verify")
	return f.verify, nil
}

func (f *fakeGateway) CheckSMSKey(_ context.Context, p octo.CheckSMSKeyParams) (*octo.Payment, error) {
	f.calls = append(f.calls, "check")
	return f.check(p)
}

func (f *fakeGateway) ResendOTP(context.Context, octo.ResendOTPParams) (*octo.Verification, error) {
	f.calls = append(f.calls, "resend")
	return f.verify, nil
}

func (f *fakeGateway) Capture(_ context.Context, _ string, amt decimal.Decimal) (*octo.PaymentInfo, error) {
	f.calls = append(f.calls, "capture")
	return f.capture(amt)
}

func (f *fakeGateway) Cancel(context.Context, string) (*octo.PaymentInfo, error) {
	f.calls = append(f.calls, "cancel")
	return info(octo.StatusCanceled, "1000"), nil
}

func (f *fakeGateway) Refund(_ context.Context, p octo.RefundParams) (*octo.Refund, error) {
	f.calls = append(f.calls, "refund")
	return f.refund(p)
}

func (f *fakeGateway) BindCard(context.Context, octo.BindCardParams) (*octo.Binding, error) {
	f.calls = append(f.calls, "bind")
	return f.bind, nil
}

func (f *fakeGateway) ConfirmBinding(context.Context, octo.ConfirmBindingParams) (*octo.Binding, error) {
	f.calls = append(f.calls, "confirm")
	return f.confirm, nil
}

func (f *fakeGateway) BlockCardToken(context.Context, string) (octo.TokenStatus, error) {
	f.calls = append(f.calls, "block")
	if f.blockErr != nil {
		return "", f.blockErr
	}
	return octo.TokenBlocked, nil
}

// fakeClock never waits; it adds up what it was asked to wait.
type fakeClock struct {
	now    time.Time
	waited []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.waited = append(c.waited, d)
	c.now = c.now.Add(d)
	return nil
}

func happyGateway() *fakeGateway {
	return &fakeGateway{
		prepare: func(p octo.PrepareParams) (*octo.PaymentInfo, error) { return info(octo.StatusCreated, "1000"), nil },
		pay:     func(octo.PayParams) (*octo.Payment, error) { return payment(octo.StatusCreated), nil },
		verify:  verification(180),
		check:   func(octo.CheckSMSKeyParams) (*octo.Payment, error) { return payment(octo.StatusWaitingForCapture), nil },
		capture: func(a decimal.Decimal) (*octo.PaymentInfo, error) { return info(octo.StatusSucceeded, a.String()), nil },
		refund: func(octo.RefundParams) (*octo.Refund, error) {
			return &octo.Refund{Status: octo.RefundSucceeded}, nil
		},
	}
}

func TestDriveWithFakeGateway(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	clk := &fakeClock{now: t0}
	j := openTestJournal(t)
	r := &Runner{Gateway: g, Journal: j, Clock: clk}
	p, err := Drive(ctx, r, newCard(t, Hold, testPAN), Start{})
	if err != nil || p.State != AwaitingOTP {
		t.Fatalf("got %s, %v", p.State, err)
	}
	if p.OTPSecondsLeft(clk.now) != 180 {
		t.Errorf("seconds left %d", p.OTPSecondsLeft(clk.now))
	}
	p, err = Drive(ctx, r, p, SubmitCode{Code: testCode, At: clk.now})
	if err != nil || p.State != Held {
		t.Fatalf("got %s, %v", p.State, err)
	}
	p, err = Drive(ctx, r, p, Capture{Amount: dec("800")})
	if err != nil || p.State != Succeeded || !p.Released.Equal(dec("200")) {
		t.Fatalf("got %s released %s, %v", p.State, p.Released, err)
	}
	if want := []string{"prepare", "pay", "verify", "check", "capture"}; !slices.Equal(g.calls, want) {
		t.Errorf("calls: got %v, want %v", g.calls, want)
	}
	tl, _ := j.Timeline(ctx, p.ShopTransactionID)
	var path []string
	for _, tr := range tl {
		path = append(path, string(tr.To))
	}
	if got := strings.Join(path, ","); got != "preparing,paying,verifying,awaiting_otp,checking_otp,held,capturing,succeeded" {
		t.Errorf("timeline: %s", got)
	}
	// Illegal events come back as errors from Drive, the value unchanged.
	if q, err := Drive(ctx, r, p, Cancel{}); err == nil || q.State != Succeeded {
		t.Errorf("cancel of a paid payment: %v, %s", err, q.State)
	}
}

// A journal that cannot be written stops the request it guards.
func TestJournalBeforeRequest(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	j := openTestJournal(t)
	r := &Runner{Gateway: g, Journal: j, Clock: &fakeClock{now: t0}}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	p, err := Drive(ctx, r, newCard(t, Sale, testPAN), Start{})
	if err != nil {
		t.Fatal(err)
	}
	if p.State != Draft || len(g.calls) != 0 || !strings.Contains(p.Problem.English(), "nothing was sent") {
		t.Errorf("got %s, calls %v, %q", p.State, g.calls, p.Problem.English())
	}
	if !p.Can(Start{}) {
		t.Error("cannot start again after the journal failed")
	}
}

// Polls wait at OCTO's pace and back off; only the latest read keeps polling.
func TestPollingPace(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	g.check = func(octo.CheckSMSKeyParams) (*octo.Payment, error) { return nil, errLost }
	pending := info(octo.StatusWaitUserAction, "1000")
	g.status = []*octo.PaymentInfo{pending, pending, pending, pending, pending, pending, info(octo.StatusSucceeded, "1000")}
	clk := &fakeClock{now: t0}
	r := &Runner{Gateway: g, Clock: clk}
	p, _ := Drive(ctx, r, newCard(t, Sale, testPAN), Start{})
	p, err := Drive(ctx, r, p, SubmitCode{Code: testCode, At: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	// After three pending reads the code is asked for again: OCTO never took it.
	if p.State != AwaitingOTP || !strings.Contains(p.Problem.English(), "has not taken the code") {
		t.Fatalf("got %s (%s)", p.State, p.Problem.English())
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !slices.Equal(clk.waited, want) {
		t.Errorf("waits: got %v, want %v", clk.waited, want)
	}
	for _, d := range clk.waited {
		if d < time.Second {
			t.Errorf("a status read after %v: faster than OCTO allows", d)
		}
	}
	if n := strings.Count(strings.Join(g.calls, ","), "check"); n != 1 {
		t.Errorf("check_sms_key sent %d times by the flow itself", n)
	}
	if !slices.IsSorted(clk.waited) {
		t.Errorf("waits do not back off: %v", clk.waited)
	}
}

func TestProblemWords(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&octo.Error{Method: "pay", Code: 2, Message: "Wrong secret"}, "credentials"},
		{&octo.TransportError{Method: "pay", Sent: true, Err: errors.New("eof")}, "checking"},
		{&octo.TransportError{Method: "pay", Err: errors.New("dial")}, "Could not reach OCTO; nothing was charged"},
		{&octo.Error{Method: "pay", Code: 5}, "unknown to OCTO"},
		{&octo.Error{Method: "pay", Code: 6}, "not active"},
		{&octo.Error{Method: "check_pan", Code: 17}, "will not send more codes"},
		{&octo.Error{Method: "prepare_payment", Code: 11, Message: "Requests too often. Minimum delay is 1 second"}, "slow down"},
		{&octo.Error{Method: "pay", Code: 77, Message: "Card expired"}, "OCTO refused: Card expired; nothing was charged"},
		{&octo.Error{Method: "pay", Code: 77}, "error 77"},
	}
	for _, tt := range tests {
		if got := refusal(tt.err, notProvided).English(); !strings.Contains(got, tt.want) {
			t.Errorf("%v: got %q, want %q in it", tt.err, got, tt.want)
		}
	}
}

func TestBindingTransitions(t *testing.T) {
	b, err := NewBinding(BindOrder{Customer: "c1", Phone: "998901234567"}, octo.Card{PAN: testPAN, Exp: testExp})
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
		{VerificationAnswered{Verification: verification(240), At: t0}, BindAwaitingOTP, nil},
		{SubmitCode{Code: testCode, At: t0.Add(time.Second)}, BindConfirming, []string{"journal_binding", "confirm_binding"}},
		{BindingConfirmed{Err: &octo.Error{Method: "bind_card/check_sms_key", Code: -270, Message: "Wrong code"}}, BindAwaitingOTP, nil},
		{SubmitCode{Code: testCode, At: t0.Add(2 * time.Second)}, BindConfirming, []string{"journal_binding", "confirm_binding"}},
		{BindingConfirmed{Binding: bound}, BindWaiting, []string{"journal_binding", "read_status"}},
		{StatusAnswered{Info: info(octo.StatusWaitUserAction, "1000"), Seq: 1}, BindWaiting, []string{"read_status"}},
		{TokenNotified{Token: "tok", Status: octo.TokenActive}, BindBound, []string{"journal_binding", "journal_token"}},
		{StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: 2}, BindBound, nil}, // late: ignored
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
	c, _ := NewBinding(BindOrder{}, octo.Card{PAN: testPAN, Exp: testExp})
	c, _, _ = c.Handle(Start{})
	c, _, _ = c.Handle(BindAnswered{Binding: bound})
	c, _, _ = c.Handle(VerificationAnswered{Verification: verification(240), At: t0})
	if c, _, _ = c.Handle(Tick{Now: t0.Add(240 * time.Second)}); c.State != BindFailed {
		t.Errorf("expired binding code: got %s", c.State)
	}
}

func TestListenerRequests(t *testing.T) {
	j := openTestJournal(t)
	var hints []string
	l := &Listener{Journal: j, Hint: func(id string, st octo.Status) { hints = append(hints, id+" "+string(st)) }}
	post := func(path, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		l.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, strings.NewReader(body)))
		return rec
	}
	if rec := post(NotifyPath, "{not json"); rec.Code != http.StatusBadRequest {
		t.Errorf("bad JSON: HTTP %d", rec.Code)
	}
	rec := post(NotifyPath, `{"shop_transaction_id":"a","octo_payment_UUID":"u","status":"waiting_for_capture","total_sum":1000}`)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "accept_status") || len(hints) != 1 {
		t.Errorf("waiting_for_capture: HTTP %d %q, hints %v", rec.Code, rec.Body.String(), hints)
	}
	rec = post(BindPath, `{"shop_transaction_id":"b","pan":"8600000000000015","exp":"2912","card_token":"tok","status":"active"}`)
	if rec.Code != http.StatusOK || rec.Body.String() != octo.BindAck {
		t.Errorf("bind: HTTP %d %q", rec.Code, rec.Body.String())
	}
	ns, _ := j.Notifications(context.Background(), "b")
	if len(ns) != 1 || strings.Contains(ns[0].Body, testPAN) || !strings.Contains(ns[0].Body, "860000") {
		t.Errorf("bind notification journaled as %+v", ns)
	}
	rec = httptest.NewRecorder()
	l.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, NotifyPath, nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: HTTP %d", rec.Code)
	}
	if rec := post("/elsewhere", "{}"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown path: HTTP %d", rec.Code)
	}
}

func TestDefaultJournalPath(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/tmp/xdg-state")
	if p, err := DefaultJournalPath(); err != nil || p != "/tmp/xdg-state/octo-cashier/journal.db" {
		t.Errorf("got %q, %v", p, err)
	}
	t.Setenv("XDG_STATE_HOME", "")
	home, _ := os.UserHomeDir()
	if p, _ := DefaultJournalPath(); !strings.HasPrefix(p, home) {
		t.Errorf("got %q", p)
	}
}

func TestShopTransactionIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewShopTransactionID()
		if seen[id] || len(id) != 27 || !strings.HasPrefix(id, "oc-") {
			t.Fatalf("id %q (seen %v)", id, seen[id])
		}
		seen[id] = true
	}
	if MaskPAN(testPAN) != "860000******0015" || MaskPAN("123") != "***" {
		t.Errorf("mask: %q %q", MaskPAN(testPAN), MaskPAN("123"))
	}
}

// Two reads of one payment asked for at once (a poll, then the cashier's
// Check) go out at least MinStatusGap apart; another payment is not held up.
func TestStatusReadsKeepOCTOsPace(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	pending := info(octo.StatusWaitUserAction, "1000")
	g.status = []*octo.PaymentInfo{pending, pending, pending}
	clk := &fakeClock{now: t0}
	r := &Runner{Gateway: g, Clock: clk}
	r.Run(ctx, ReadStatus{ShopTransactionID: "a"})
	r.Run(ctx, ReadStatus{ShopTransactionID: "a"})
	clk.now = clk.now.Add(-MinStatusGap) // as if b were read at the same moment as the first a
	r.Run(ctx, ReadStatus{ShopTransactionID: "b"})
	if want := []time.Duration{0, MinStatusGap, 0}; !slices.Equal(clk.waited, want) {
		t.Errorf("waits: got %v, want %v", clk.waited, want)
	}
	if MinStatusGap <= time.Second {
		t.Errorf("MinStatusGap %v is not more than OCTO's second", MinStatusGap)
	}
}
