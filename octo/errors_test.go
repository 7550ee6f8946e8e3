package octo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Every call once, with arguments that pass the client's own checks.
var everyCall = []struct {
	name string
	safe bool
	call func(ctx context.Context, c *Client) error
}{
	{"PreparePayment", true, func(ctx context.Context, c *Client) error {
		_, err := c.PreparePayment(ctx, PrepareParams{ShopTransactionID: "order-1", TotalSum: dec("1000")})
		return err
	}},
	{"Status", true, func(ctx context.Context, c *Client) error { _, err := c.Status(ctx, "order-1"); return err }},
	{"VerificationInfo", true, func(ctx context.Context, c *Client) error { _, err := c.VerificationInfo(ctx, "uuid-1"); return err }},
	{"Pay", false, func(ctx context.Context, c *Client) error {
		_, err := c.Pay(ctx, PayParams{PaymentUUID: "uuid-1", Method: MethodUzcard, Card: &Card{PAN: "8600313260861293", Exp: "2602"}})
		return err
	}},
	{"CheckSMSKey", false, func(ctx context.Context, c *Client) error {
		_, err := c.CheckSMSKey(ctx, CheckSMSKeyParams{PaymentID: 5520, VerifyID: 819, Code: "123456"})
		return err
	}},
	{"ResendOTP", false, func(ctx context.Context, c *Client) error {
		_, err := c.ResendOTP(ctx, ResendOTPParams{PAN: "8600313260861293", ExpYYMM: "2602", PaymentID: 5520})
		return err
	}},
	{"Capture", false, func(ctx context.Context, c *Client) error {
		_, err := c.Capture(ctx, "uuid-1", dec("1000"))
		return err
	}},
	{"Cancel", false, func(ctx context.Context, c *Client) error { _, err := c.Cancel(ctx, "uuid-1"); return err }},
	{"Refund", false, func(ctx context.Context, c *Client) error {
		_, err := c.Refund(ctx, RefundParams{PaymentUUID: "uuid-1", ShopRefundID: "r-1", Amount: dec("10")})
		return err
	}},
	{"BindCard", false, func(ctx context.Context, c *Client) error {
		_, err := c.BindCard(ctx, BindCardParams{ShopTransactionID: "b-1", Card: Card{PAN: "8600313260861293", Exp: "2602"},
			Method: MethodUzcard, Phone: "998901234567", NotifyURL: "https://n", BindNotifyURL: "https://b"})
		return err
	}},
	{"ConfirmBinding", false, func(ctx context.Context, c *Client) error {
		_, err := c.ConfirmBinding(ctx, ConfirmBindingParams{PaymentUUID: "uuid-1", VerifyID: 819, Code: "123456"})
		return err
	}},
	{"BlockCardToken", false, func(ctx context.Context, c *Client) error {
		_, err := c.BlockCardToken(ctx, "tok-1234567890")
		return err
	}},
	{"FiscalData", false, func(ctx context.Context, c *Client) error { _, err := c.FiscalData(ctx, "uuid-1"); return err }},
}

// Safe calls are retried on a 500; the others reach OCTO exactly once.
func TestRetriesOnlySafeCalls(t *testing.T) {
	for _, tt := range everyCall {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, answer(http.StatusInternalServerError, "<html>oops</html>"))
			c, _ := f.client()
			err := tt.call(context.Background(), c)
			var te *TransportError
			if !errors.As(err, &te) || !te.Sent || te.HTTPStatus != 500 {
				t.Fatalf("got %v, want a sent TransportError with HTTP 500", err)
			}
			want := 1
			if tt.safe {
				want = testRetry.MaxAttempts
			}
			if got := f.count(); got != want {
				t.Errorf("OCTO got %d requests, want %d", got, want)
			}
		})
	}
}

// A timeout after the request was written: the outcome is unknown, and
// unsafe calls are not sent again.
func TestTimeoutAfterSendIsSentAndNotResent(t *testing.T) {
	for _, tt := range everyCall {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			f := newFake(t, func(_ int, _ hit, _ http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-release:
				}
			})
			t.Cleanup(func() { close(release) })
			c, _ := f.client(WithTimeout(50 * time.Millisecond))
			err := tt.call(context.Background(), c)
			if !MayHaveReached(err) {
				t.Fatalf("got %v, want a TransportError with Sent", err)
			}
			want := 1
			if tt.safe {
				want = testRetry.MaxAttempts
			}
			if got := f.count(); got != want {
				t.Errorf("OCTO got %d requests, want %d", got, want)
			}
		})
	}
}

func TestTransportFailures(t *testing.T) {
	refused := func(t *testing.T) string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		_ = l.Close()
		return "http://" + addr
	}
	dropped := func(t *testing.T) string {
		f := newFake(t, func(_ int, _ hit, w http.ResponseWriter, _ *http.Request) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		})
		return f.srv.URL
	}
	tests := []struct {
		name     string
		base     func(t *testing.T) string
		ctx      func() context.Context
		wantSent bool
		wantHTTP int
	}{
		{"dial refused", refused, context.Background, false, 0},
		{"context canceled before sending", func(t *testing.T) string { return newFake(t, answer(200, `{"error":0}`)).srv.URL },
			func() context.Context { ctx, cancel := context.WithCancel(context.Background()); cancel(); return ctx }, false, 0},
		{"connection dropped after the request", dropped, context.Background, true, 0},
		{"403 for an unknown path", func(t *testing.T) string {
			return newFake(t, answer(403, `{"status":403,"error":"Forbidden"}`)).srv.URL
		},
			context.Background, true, 403},
		{"500", func(t *testing.T) string { return newFake(t, answer(500, `oops`)).srv.URL }, context.Background, true, 500},
		{"200 with invalid JSON", func(t *testing.T) string { return newFake(t, answer(200, `{"error":0,`)).srv.URL },
			context.Background, true, 200},
		{"200 with an HTML page", func(t *testing.T) string { return newFake(t, answer(200, `<html>proxy</html>`)).srv.URL },
			context.Background, true, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(tt.base(t), testShopID, testSecret)
			_, err := c.Capture(tt.ctx(), "uuid-1", dec("1"))
			var te *TransportError
			if !errors.As(err, &te) {
				t.Fatalf("got %v (%T), want *TransportError", err, err)
			}
			if te.Sent != tt.wantSent || te.HTTPStatus != tt.wantHTTP || te.Method != "set_accept" {
				t.Errorf("got Sent=%v HTTP=%d method=%q (%v), want Sent=%v HTTP=%d", te.Sent, te.HTTPStatus, te.Method, err, tt.wantSent, tt.wantHTTP)
			}
			if MayHaveReached(err) != tt.wantSent {
				t.Errorf("MayHaveReached = %v", !tt.wantSent)
			}
		})
	}
}

// The documented error codes, each matched by its sentinel.
func TestOCTOErrorCodes(t *testing.T) {
	tests := []struct {
		code     int
		msg      string
		sentinel error
	}{
		{1, "Data format error", ErrFormat},
		{2, "Wrong secret", ErrAuth},
		{4, "Internal error", ErrInternal},
		{5, "Token not found", ErrTokenNotFound},
		{6, "Token is not active", ErrTokenNotActive},
		{17, "Maximum number of SMS resend attempts", ErrResendLimit},
		{11, "Requests too often. Minimum delay is 1 second", ErrTooOften},
		{42, "Requests too often. Minimum delay is 1 second", ErrTooOften},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.code, tt.msg), func(t *testing.T) {
			f := newFake(t, answer(200, fmt.Sprintf(`{"error":%d,"errMessage":%q,"data":null}`, tt.code, tt.msg)))
			c, _ := f.client()
			_, err := c.BlockCardToken(context.Background(), "tok-1234567890")
			var oe *Error
			if !errors.As(err, &oe) || oe.Code != tt.code || oe.Message != tt.msg || oe.Method != "block_card_token" {
				t.Fatalf("got %v, want *Error %d %q", err, tt.code, tt.msg)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.sentinel)
			}
			if MayHaveReached(err) {
				t.Error("an answered error must not count as unknown outcome")
			}
			if f.count() != 1 {
				t.Errorf("OCTO got %d requests, want 1", f.count())
			}
			want := fmt.Sprintf("block_card_token: error %d: %s", tt.code, tt.msg)
			if err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
		})
	}
}

// "Requests too often" on a status read is waited out and retried; on an
// unsafe call it is returned.
func TestRequestsTooOften(t *testing.T) {
	tooOften := fixture(t, "ref_too_often")
	f := newFake(t, func(n int, _ hit, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			_, _ = w.Write(tooOften)
			return
		}
		_, _ = io.WriteString(w, `{"error":0,"data":{"shop_transaction_id":"order-1","status":"wait_user_action"}}`)
	})
	c, clk := f.client()
	info, err := c.Status(context.Background(), "order-1")
	if err != nil {
		t.Fatal(err)
	}
	if info.Status != StatusWaitUserAction || f.count() != 2 {
		t.Errorf("got %v after %d requests, want wait_user_action after 2", info.Status, f.count())
	}
	if w := clk.recorded(); len(w) == 0 || w[0] < testRetry.MinReadInterval {
		t.Errorf("waits %v, want at least %v before the retry", w, testRetry.MinReadInterval)
	}

	g := newFake(t, answer(200, string(tooOften)))
	c2, _ := g.client()
	_, err = c2.Refund(context.Background(), RefundParams{PaymentUUID: "u", ShopRefundID: "r", Amount: dec("5")})
	if !errors.Is(err, ErrTooOften) || g.count() != 1 {
		t.Errorf("refund: got %v after %d requests, want ErrTooOften after 1", err, g.count())
	}
}

// Status reads of one shop_transaction_id are spaced MinReadInterval
// apart; reads of different ids are not held back.
func TestStatusReadsArePaced(t *testing.T) {
	f := newFake(t, answer(200, `{"error":0,"data":{"status":"created"}}`))
	c, clk := f.client()
	ctx := context.Background()
	for _, id := range []string{"a", "b", "a"} {
		if _, err := c.Status(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	w := clk.recorded()
	if len(w) != 1 || w[0] != testRetry.MinReadInterval {
		t.Errorf("waits %v, want exactly one wait of %v (second read of a)", w, testRetry.MinReadInterval)
	}
	// Time passing by itself makes the next read free.
	clk.mu.Lock()
	clk.t = clk.t.Add(5 * time.Second)
	clk.mu.Unlock()
	if _, err := c.Status(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if got := clk.recorded(); len(got) != 1 {
		t.Errorf("waits %v, want no new wait after the interval passed", got)
	}
}

func TestPacerQueuesConcurrentReaders(t *testing.T) {
	var p pacer
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var got []time.Duration
	for range 3 {
		got = append(got, p.reserve("x", now, time.Second))
	}
	want := []time.Duration{0, time.Second, 2 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestPacerForgetsOldReads checks that the pacer holds the keys it still
// paces, not one for every payment ever read: the console reads each
// payment's status, thousands a day.
func TestPacerForgetsOldReads(t *testing.T) {
	var p pacer
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 5000 {
		now = now.Add(2 * time.Second) // each payment read once, after the last one's interval
		p.reserve(strconv.Itoa(i), now, time.Second)
		if len(p.last) > 2*pacerKeep {
			t.Fatalf("after %d payments read the pacer holds %d keys, want at most %d", i+1, len(p.last), 2*pacerKeep)
		}
	}
	// A key still being paced is kept through the pruning.
	for i := range 3 * pacerKeep {
		p.reserve("busy", now, time.Second)
		if wait := p.reserve(strconv.Itoa(10000+i), now, time.Second); wait != 0 {
			t.Fatalf("a new key waits %v", wait)
		}
	}
	if wait := p.reserve("busy", now, time.Second); wait <= 0 {
		t.Errorf("a key read in this second waits %v, want its turn after the reads booked", wait)
	}
}

func TestShouldRetry(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 4, BaseDelay: 100 * time.Millisecond, MaxDelay: 300 * time.Millisecond, MinReadInterval: time.Second}
	tests := []struct {
		name    string
		attempt int
		err     error
		want    time.Duration
		again   bool
	}{
		{"nil error", 1, nil, 0, false},
		{"not sent", 1, &TransportError{Err: errors.New("refused")}, 100 * time.Millisecond, true},
		{"timeout after send, backoff doubles", 2, &TransportError{Sent: true, Err: context.DeadlineExceeded}, 200 * time.Millisecond, true},
		{"backoff capped", 3, &TransportError{Sent: true, Err: context.DeadlineExceeded}, 300 * time.Millisecond, true},
		{"attempts exhausted", 4, &TransportError{Sent: true}, 0, false},
		{"caller canceled", 1, &TransportError{Err: context.Canceled}, 0, false},
		{"500", 1, &TransportError{Sent: true, HTTPStatus: 500}, 100 * time.Millisecond, true},
		{"429", 1, &TransportError{Sent: true, HTTPStatus: 429}, 100 * time.Millisecond, true},
		{"403 unknown path", 1, &TransportError{Sent: true, HTTPStatus: 403}, 0, false},
		{"200 not JSON", 1, &TransportError{Sent: true, HTTPStatus: 200}, 100 * time.Millisecond, true},
		{"too often", 1, &Error{Code: 11, Message: "Requests too often"}, time.Second, true},
		{"internal error", 1, &Error{Code: CodeInternal}, 100 * time.Millisecond, true},
		{"wrong secret", 1, &Error{Code: CodeAuth}, 0, false},
		{"other error", 1, errors.New("x"), 0, false},
		{"wrapped transport error", 1, fmt.Errorf("w: %w", &TransportError{HTTPStatus: 502}), 100 * time.Millisecond, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, again := shouldRetry(p, tt.attempt, tt.err)
			if got != tt.want || again != tt.again {
				t.Errorf("got (%v, %v), want (%v, %v)", got, again, tt.want, tt.again)
			}
		})
	}
}

// Waiting between retries stops when the caller's context ends.
func TestRetryWaitHonoursContext(t *testing.T) {
	f := newFake(t, answer(500, "x"))
	c, _ := f.client()
	ctx, cancel := context.WithCancel(context.Background())
	c.sleep = func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	_, err := c.Status(ctx, "order-1")
	if err == nil || f.count() != 1 {
		t.Errorf("got %v after %d requests, want an error after 1", err, f.count())
	}
	if err := sleepCtx(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepCtx on a canceled context = %v", err)
	}
}

// verificationInfo: GET first (S2); POST /verificationInfo/ when GET is
// refused (S1), remembered for the next calls.
func TestVerificationInfoFallsBackToPOST(t *testing.T) {
	f := newFake(t, func(_ int, h hit, w http.ResponseWriter, _ *http.Request) {
		if h.Method == http.MethodGet {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		_, _ = io.WriteString(w, `{"error":0,"errMessage":"","data":{"verifyId":819,"phone":"+998** *****33","secondsLeft":221}}`)
	})
	c, _ := f.client()
	for i := range 2 {
		v, err := c.VerificationInfo(context.Background(), "04b7f6dd")
		if err != nil {
			t.Fatal(err)
		}
		if v.VerifyID != 819 || v.SecondsLeft != 221 || v.Expired() {
			t.Errorf("call %d: got %+v", i, v)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var seq []string
	for _, h := range f.hits {
		seq = append(seq, h.Method+" "+h.Path+" "+string(h.Body))
	}
	want := []string{
		"GET /verificationInfo/04b7f6dd ",
		`POST /verificationInfo/ {"octo_payment_UUID":"04b7f6dd"}`,
		`POST /verificationInfo/ {"octo_payment_UUID":"04b7f6dd"}`,
	}
	if fmt.Sprint(seq) != fmt.Sprint(want) {
		t.Errorf("requests\n%q\nwant\n%q", seq, want)
	}
}

func TestVerificationInfoGET(t *testing.T) {
	f := newFake(t, answer(200, string(fixture(t, "s2_verification_info_response"))))
	c, _ := f.client()
	v, err := c.VerificationInfo(context.Background(), "1145df74-bb95-47cf-a616-8d6dcee2e222")
	if err != nil {
		t.Fatal(err)
	}
	if h := f.last(t); h.Method != http.MethodGet || h.Path != "/verificationInfo/1145df74-bb95-47cf-a616-8d6dcee2e222" || len(h.Body) != 0 {
		t.Errorf("got %s %s %q", h.Method, h.Path, h.Body)
	}
	if v.VerifyID != 9437386 || v.SecondsLeft != 231 {
		t.Errorf("got %+v", v)
	}
}

// The client's own checks stop a call before anything is sent.
func TestInvalidParamsSendNothing(t *testing.T) {
	f := newFake(t, answer(200, `{"error":0}`))
	c, _ := f.client()
	ctx := context.Background()
	card := func(pan, exp string) *Card { return &Card{PAN: pan, Exp: exp} }
	tests := []struct {
		name, want string
		call       func() error
	}{
		{"no shop_transaction_id", "shop_transaction_id is required", func() error {
			_, err := c.PreparePayment(ctx, PrepareParams{TotalSum: dec("1")})
			return err
		}},
		{"zero total", "total_sum must be positive", func() error {
			_, err := c.PreparePayment(ctx, PrepareParams{ShopTransactionID: "a"})
			return err
		}},
		{"three decimals", "more than 2 decimals", func() error {
			_, err := c.PreparePayment(ctx, PrepareParams{ShopTransactionID: "a", TotalSum: dec("1.005")})
			return err
		}},
		{"negative basket price", "basket[0].price", func() error {
			_, err := c.PreparePayment(ctx, PrepareParams{ShopTransactionID: "a", TotalSum: dec("1"), Basket: []BasketItem{{Price: dec("-1")}}})
			return err
		}},
		{"empty status id", "shop_transaction_id is required", func() error { _, err := c.Status(ctx, " "); return err }},
		{"pay without card", "a card or a card token is required", func() error {
			_, err := c.Pay(ctx, PayParams{PaymentUUID: "u", Method: MethodUzcard})
			return err
		}},
		{"pay with both", "not both", func() error {
			_, err := c.Pay(ctx, PayParams{PaymentUUID: "u", Method: MethodUzcard, CardToken: "t", Card: card("8600313260861293", "2602")})
			return err
		}},
		{"pay without method", "method is required", func() error {
			_, err := c.Pay(ctx, PayParams{PaymentUUID: "u", CardToken: "tok-1234567890"})
			return err
		}},
		{"pay without uuid", "payment UUID is required", func() error {
			_, err := c.Pay(ctx, PayParams{Method: MethodUzcard, CardToken: "tok-1234567890"})
			return err
		}},
		{"bad PAN", "12 to 19 digits", func() error {
			_, err := c.Pay(ctx, PayParams{PaymentUUID: "u", Method: MethodUzcard, Card: card("86003132608612x3", "2602")})
			return err
		}},
		{"exp as MMYY", "expiry must be YYMM", func() error {
			_, err := c.Pay(ctx, PayParams{PaymentUUID: "u", Method: MethodUzcard, Card: card("8600313260861293", "2613")})
			return err
		}},
		{"no code", "the code is required", func() error {
			_, err := c.CheckSMSKey(ctx, CheckSMSKeyParams{PaymentID: 1, VerifyID: 1})
			return err
		}},
		{"no verify id", "verify id are required", func() error {
			_, err := c.CheckSMSKey(ctx, CheckSMSKeyParams{PaymentID: 1, Code: "1"})
			return err
		}},
		{"capture zero", "final_amount must be positive", func() error { _, err := c.Capture(ctx, "u", dec("0")); return err }},
		{"capture no uuid", "payment UUID is required", func() error { _, err := c.Capture(ctx, "", dec("1")); return err }},
		{"cancel no uuid", "payment UUID is required", func() error { _, err := c.Cancel(ctx, ""); return err }},
		{"refund no id", "shop_refund_id are required", func() error {
			_, err := c.Refund(ctx, RefundParams{PaymentUUID: "u", Amount: dec("1")})
			return err
		}},
		{"refund negative", "amount must be positive", func() error {
			_, err := c.Refund(ctx, RefundParams{PaymentUUID: "u", ShopRefundID: "r", Amount: dec("-1")})
			return err
		}},
		{"resend bad exp", "expiry must be YYMM", func() error {
			_, err := c.ResendOTP(ctx, ResendOTPParams{PAN: "8600313260861293", ExpYYMM: "26", PaymentID: 1})
			return err
		}},
		{"resend bad PAN", "12 to 19 digits", func() error {
			_, err := c.ResendOTP(ctx, ResendOTPParams{PAN: "8600", ExpYYMM: "2602", PaymentID: 1})
			return err
		}},
		{"resend no payment id", "payment id is required", func() error {
			_, err := c.ResendOTP(ctx, ResendOTPParams{PAN: "8600313260861293", ExpYYMM: "2602"})
			return err
		}},
		{"bind no card", "12 to 19 digits", func() error {
			_, err := c.BindCard(ctx, BindCardParams{ShopTransactionID: "b", Method: MethodUzcard})
			return err
		}},
		{"bind without method", "method is required", func() error {
			_, err := c.BindCard(ctx, BindCardParams{ShopTransactionID: "b", Card: *card("8600313260861293", "2602")})
			return err
		}},
		{"bind no id", "shop_transaction_id is required", func() error {
			_, err := c.BindCard(ctx, BindCardParams{Method: MethodUzcard, Card: *card("8600313260861293", "2602")})
			return err
		}},
		{"confirm no code", "the code is required", func() error {
			_, err := c.ConfirmBinding(ctx, ConfirmBindingParams{PaymentUUID: "u", VerifyID: 1})
			return err
		}},
		{"block no token", "card token is required", func() error { _, err := c.BlockCardToken(ctx, ""); return err }},
		{"fiscal no uuid", "payment UUID is required", func() error { _, err := c.FiscalData(ctx, ""); return err }},
		{"verify no uuid", "payment UUID is required", func() error { _, err := c.VerificationInfo(ctx, ""); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil || MayHaveReached(err) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a local error saying %q", err, tt.want)
			}
		})
	}
	if f.count() != 0 {
		t.Errorf("OCTO got %d requests, want none", f.count())
	}
}

// The status read sends only the three documented fields (P-check).
func TestStatusSendsTheMinimalBody(t *testing.T) {
	f := newFake(t, answer(200, string(fixture(t, "ref_status_response"))))
	c, _ := f.client()
	info, err := c.Status(context.Background(), "c9211e0f-c6ba-4d97-b8be-fb230ef3985b")
	if err != nil {
		t.Fatal(err)
	}
	h := f.last(t)
	want := `{"octo_shop_id":123,"octo_secret":"` + testSecret + `","shop_transaction_id":"c9211e0f-c6ba-4d97-b8be-fb230ef3985b"}`
	if h.Path != "/prepare_payment" || string(h.Body) != want {
		t.Errorf("got %s %s, want /prepare_payment %s", h.Path, h.Body, want)
	}
	if info.Status != StatusCreated || info.PaymentUUID != "e3f40dc3-4955-412a-853a-2ddd28d3201f" {
		t.Errorf("got %+v", info)
	}
}

// An answer about another order is refused rather than acted on.
func TestAnswerAboutAnotherTransactionIsRefused(t *testing.T) {
	f := newFake(t, answer(200, `{"error":0,"data":{"shop_transaction_id":"other","status":"succeeded"}}`))
	c, _ := f.client()
	if info, err := c.Status(context.Background(), "mine"); err == nil {
		t.Errorf("got %+v, want an error", info)
	}
	if _, err := c.PreparePayment(context.Background(), PrepareParams{ShopTransactionID: "mine", TotalSum: dec("1")}); err == nil {
		t.Error("prepare_payment: want an error")
	}
	g := newFake(t, answer(200, `{"error":0,"data":{"status":"succeeded"}}`))
	c2, _ := g.client()
	info, err := c2.Status(context.Background(), "mine")
	if err != nil || info.ShopTransactionID != "mine" {
		t.Errorf("got %+v, %v; want the asked id filled in", info, err)
	}
}

// A server error on the GET form is not mistaken for "use POST".
func TestVerificationInfoDoesNotFallBackOnServerErrors(t *testing.T) {
	f := newFake(t, answer(502, "bad gateway"))
	c, _ := f.client()
	_, err := c.VerificationInfo(context.Background(), "u")
	var te *TransportError
	if !errors.As(err, &te) || te.HTTPStatus != 502 {
		t.Fatalf("got %v", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, h := range f.hits {
		if h.Method != http.MethodGet {
			t.Errorf("fell back to %s on a 502", h.Method)
		}
	}
	if len(f.hits) != testRetry.MaxAttempts {
		t.Errorf("got %d GETs, want %d", len(f.hits), testRetry.MaxAttempts)
	}
}

// A redirect is not followed: card data would go to another URL.
func TestRedirectsAreNotFollowed(t *testing.T) {
	f := newFake(t, func(_ int, h hit, w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
	})
	c := NewClient(testShopID, testSecret, WithBaseURL(f.srv.URL))
	_, err := c.Pay(context.Background(), PayParams{PaymentUUID: "u", Method: MethodUzcard, Card: &Card{PAN: "8600313260861293", Exp: "2602"}})
	var te *TransportError
	if !errors.As(err, &te) || te.HTTPStatus != http.StatusTemporaryRedirect || !te.Sent {
		t.Fatalf("got %v, want a sent TransportError with HTTP 307", err)
	}
	if f.count() != 1 {
		t.Errorf("OCTO got %d requests, want 1", f.count())
	}
}
