package run

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
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
		return nil, octotest.ErrNotSent
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
	return octotest.Info(octo.StatusCanceled, "1000"), nil
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
		prepare: func(p octo.PrepareParams) (*octo.PaymentInfo, error) {
			return octotest.Info(octo.StatusCreated, "1000"), nil
		},
		pay:    func(octo.PayParams) (*octo.Payment, error) { return octotest.Payment(octo.StatusCreated), nil },
		verify: octotest.Verification(180),
		check: func(octo.CheckSMSKeyParams) (*octo.Payment, error) {
			return octotest.Payment(octo.StatusWaitingForCapture), nil
		},
		capture: func(a decimal.Decimal) (*octo.PaymentInfo, error) {
			return octotest.Info(octo.StatusSucceeded, a.String()), nil
		},
		refund: func(octo.RefundParams) (*octo.Refund, error) {
			return &octo.Refund{Status: octo.RefundSucceeded}, nil
		},
	}
}

func TestDriveWithFakeGateway(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	clk := &fakeClock{now: octotest.T0}
	j := openTestJournal(t)
	r := &Runner{Gateway: g, Journal: j, Clock: clk}
	p, err := Drive(ctx, r, flowstest.NewCard(t, flows.Hold, octotest.PAN), flows.Start{})
	if err != nil || p.State != flows.AwaitingOTP {
		t.Fatalf("got %s, %v", p.State, err)
	}
	if p.OTPSecondsLeft(clk.now) != 180 {
		t.Errorf("seconds left %d", p.OTPSecondsLeft(clk.now))
	}
	p, err = Drive(ctx, r, p, flows.SubmitCode{Code: octotest.Code, At: clk.now})
	if err != nil || p.State != flows.Held {
		t.Fatalf("got %s, %v", p.State, err)
	}
	p, err = Drive(ctx, r, p, flows.Capture{Amount: octotest.Dec("800")})
	if err != nil || p.State != flows.Succeeded || !p.Released.Equal(octotest.Dec("200")) {
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
	if q, err := Drive(ctx, r, p, flows.Cancel{}); err == nil || q.State != flows.Succeeded {
		t.Errorf("cancel of a paid payment: %v, %s", err, q.State)
	}
}

// A journal that cannot be written stops the request it guards.
func TestJournalBeforeRequest(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	j := openTestJournal(t)
	r := &Runner{Gateway: g, Journal: j, Clock: &fakeClock{now: octotest.T0}}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	p, err := Drive(ctx, r, flowstest.NewCard(t, flows.Sale, octotest.PAN), flows.Start{})
	if err != nil {
		t.Fatal(err)
	}
	if p.State != flows.Draft || len(g.calls) != 0 || !strings.Contains(p.Problem.English(), "nothing was sent") {
		t.Errorf("got %s, calls %v, %q", p.State, g.calls, p.Problem)
	}
	if !p.Can(flows.Start{}) {
		t.Error("cannot start again after the journal failed")
	}
}

// Polls wait at OCTO's pace and back off; only the latest read keeps polling.
func TestPollingPace(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	g.check = func(octo.CheckSMSKeyParams) (*octo.Payment, error) { return nil, octotest.ErrLost }
	pending := octotest.Info(octo.StatusWaitUserAction, "1000")
	g.status = []*octo.PaymentInfo{pending, pending, pending, pending, pending, pending, octotest.Info(octo.StatusSucceeded, "1000")}
	clk := &fakeClock{now: octotest.T0}
	r := &Runner{Gateway: g, Clock: clk}
	p, _ := Drive(ctx, r, flowstest.NewCard(t, flows.Sale, octotest.PAN), flows.Start{})
	p, err := Drive(ctx, r, p, flows.SubmitCode{Code: octotest.Code, At: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	// After three pending reads the code is asked for again: OCTO never took it.
	if p.State != flows.AwaitingOTP || !strings.Contains(p.Problem.English(), "has not taken the code") {
		t.Fatalf("got %s (%s)", p.State, p.Problem)
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
	if len(ns) != 1 || strings.Contains(ns[0].Body, octotest.PAN) || !strings.Contains(ns[0].Body, "860000") {
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

// Two reads of one payment asked for at once (a poll, then the cashier's
// Check) go out at least MinStatusGap apart; another payment is not held up.
func TestStatusReadsKeepOCTOsPace(t *testing.T) {
	ctx := context.Background()
	g := happyGateway()
	pending := octotest.Info(octo.StatusWaitUserAction, "1000")
	g.status = []*octo.PaymentInfo{pending, pending, pending}
	clk := &fakeClock{now: octotest.T0}
	r := &Runner{Gateway: g, Clock: clk}
	r.Run(ctx, flows.ReadStatus{ShopTransactionID: "a"})
	r.Run(ctx, flows.ReadStatus{ShopTransactionID: "a"})
	clk.now = clk.now.Add(-MinStatusGap) // as if b were read at the same moment as the first a
	r.Run(ctx, flows.ReadStatus{ShopTransactionID: "b"})
	if want := []time.Duration{0, MinStatusGap, 0}; !slices.Equal(clk.waited, want) {
		t.Errorf("waits: got %v, want %v", clk.waited, want)
	}
	if MinStatusGap <= time.Second {
		t.Errorf("MinStatusGap %v is not more than OCTO's second", MinStatusGap)
	}
}
