package sandbox_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// These tests walk the main flows through the octo client, so that the
// client and the sandbox keep agreeing on the wire format.

func newClientEnv(t *testing.T, o sandbox.Options, opts ...octo.Option) (*sandbox.Sandbox, *octo.Client) {
	t.Helper()
	if o.Start.IsZero() {
		o.Start = start
	}
	o.NoRateLimit = true
	sb := sandbox.New(o)
	t.Cleanup(sb.Close)
	opts = append([]octo.Option{
		octo.WithBaseURL("http://sandbox.test"),
		octo.WithHTTPClient(sb.Client()),
		octo.WithRetry(octo.RetryPolicy{MinReadInterval: time.Millisecond, BaseDelay: time.Millisecond}),
	}, opts...)
	return sb, octo.NewClient(shopID, secret, opts...)
}

func prepareParams(tx string, autoCapture bool, sum string) octo.PrepareParams {
	return octo.PrepareParams{
		ShopTransactionID: tx, AutoCapture: autoCapture, Test: true, InitTime: start,
		TotalSum: dec(sum), Currency: "UZS", Description: "client test",
		User:      &octo.UserData{UserID: "u1", Phone: "998901112233", Email: "a@b.c"},
		Basket:    []octo.BasketItem{{PositionDesc: "tea", Count: 2, Price: dec("250")}, {PositionDesc: "gift", Count: 1, Price: decimal.Zero}},
		ReturnURL: "https://shop.example/return", Language: "ru", TTLMinutes: 15,
	}
}

func uzcard(pan string) *octo.Card {
	return &octo.Card{PAN: pan, Exp: "3012", HolderName: "TEST HOLDER"}
}

// payWithOTP pays and confirms the code; it returns the payment after the
// code.
func payWithOTP(t *testing.T, sb *sandbox.Sandbox, c *octo.Client, uuid, pan string, m octo.Method) (*octo.Payment, error) {
	t.Helper()
	ctx := context.Background()
	p, err := c.Pay(ctx, octo.PayParams{PaymentUUID: uuid, Method: m, Card: uzcard(pan), Email: "a@b.c"})
	if err != nil {
		t.Fatalf("Pay: %v", err)
	}
	if p.Status != octo.StatusCreated || p.ID == 0 {
		t.Fatalf("Pay = %+v", p)
	}
	v, err := c.VerificationInfo(ctx, uuid)
	if err != nil || v.Expired() || v.Phone != "+998** *****67" {
		t.Fatalf("VerificationInfo = %+v, %v", v, err)
	}
	code, _ := sb.LastCode(uuid)
	return c.CheckSMSKey(ctx, octo.CheckSMSKeyParams{PaymentID: p.ID, VerifyID: v.VerifyID, Code: code})
}

func TestClientOneStageFlow(t *testing.T) {
	sb, c := newClientEnv(t, sandbox.Options{})
	ctx := context.Background()
	info, err := c.PreparePayment(ctx, prepareParams("o-1", true, "100000"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Status != octo.StatusCreated || !info.TotalSum.Equal(dec("100000")) || info.PayURL == "" {
		t.Fatalf("PreparePayment = %+v", info)
	}
	p, err := payWithOTP(t, sb, c, info.PaymentUUID, "8600000000000015", octo.MethodUzcard)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != octo.StatusSucceeded || !p.Fee.Equal(dec("2000")) || !p.TransferSum.Equal(dec("98000")) || p.PayedTime.IsZero() {
		t.Fatalf("CheckSMSKey = %+v", p)
	}
	st, err := c.Status(ctx, "o-1")
	if err != nil || st.Status != octo.StatusSucceeded || !st.TransferSum.Equal(dec("98000")) {
		t.Fatalf("Status = %+v, %v", st, err)
	}
	r, err := c.Refund(ctx, octo.RefundParams{PaymentUUID: info.PaymentUUID, ShopRefundID: "r-1", Amount: dec("25050.50")})
	if err != nil || r.Status != octo.RefundSucceeded || r.RefundTime.IsZero() {
		t.Fatalf("Refund = %+v, %v", r, err)
	}
	again, err := c.Refund(ctx, octo.RefundParams{PaymentUUID: info.PaymentUUID, ShopRefundID: "r-1", Amount: dec("25050.50")})
	if err != nil || again.RefundID != r.RefundID {
		t.Fatalf("repeated Refund = %+v, %v", again, err)
	}
	if st, _ := c.Status(ctx, "o-1"); !st.RefundedSum.Equal(dec("25050.5")) {
		t.Errorf("RefundedSum = %s", st.RefundedSum)
	}
	_, err = c.Refund(ctx, octo.RefundParams{PaymentUUID: info.PaymentUUID, ShopRefundID: "r-2", Amount: dec("80000")})
	if !errors.Is(err, octo.ErrRefundAmount) {
		t.Errorf("over-refund: %v", err)
	}
	fd, err := c.FiscalData(ctx, info.PaymentUUID)
	if err != nil || fd.Phone != "998901112233" || fd.QRCodeURL == "" {
		t.Errorf("FiscalData = %+v, %v", fd, err)
	}
}

func TestClientTwoStageFlowAndRefusals(t *testing.T) {
	sb, c := newClientEnv(t, sandbox.Options{})
	ctx := context.Background()
	info, err := c.PreparePayment(ctx, prepareParams("o-1", false, "1000"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := payWithOTP(t, sb, c, info.PaymentUUID, "9860000000000018", octo.MethodHumo)
	if err != nil || p.Status != octo.StatusWaitingForCapture || p.ExpiredHoldTime.IsZero() {
		t.Fatalf("after the code: %+v, %v", p, err)
	}
	_, err = c.Capture(ctx, info.PaymentUUID, dec("1500"))
	var oe *octo.Error
	if !errors.As(err, &oe) || oe.Code != 14 {
		t.Fatalf("capture above the hold: %v", err)
	}
	got, err := c.Capture(ctx, info.PaymentUUID, dec("640.25"))
	if err != nil || got.Status != octo.StatusSucceeded || !got.TotalSum.Equal(dec("640.25")) || got.PayedTime.IsZero() {
		t.Fatalf("Capture = %+v, %v", got, err)
	}
	if _, err := c.Capture(ctx, info.PaymentUUID, dec("1")); !errors.As(err, &oe) || oe.Code != 8 {
		t.Errorf("second capture: %v", err)
	}
	if _, err := c.Cancel(ctx, info.PaymentUUID); !errors.As(err, &oe) || oe.Code != 8 {
		t.Errorf("cancel of a settled payment: %v", err)
	}

	info2, _ := c.PreparePayment(ctx, prepareParams("o-2", false, "1000"))
	if _, err := payWithOTP(t, sb, c, info2.PaymentUUID, "8600000000000015", octo.MethodUzcard); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Cancel(ctx, info2.PaymentUUID); err != nil || got.Status != octo.StatusCanceled {
		t.Fatalf("Cancel = %+v, %v", got, err)
	}

	// declined card
	info3, _ := c.PreparePayment(ctx, prepareParams("o-3", true, "1000"))
	if _, err := payWithOTP(t, sb, c, info3.PaymentUUID, "8600000000000023", octo.MethodUzcard); !errors.As(err, &oe) || oe.Code != 10 {
		t.Errorf("declined card: %v", err)
	}
	if st, _ := c.Status(ctx, "o-3"); st.Status != octo.StatusFailed {
		t.Errorf("declined payment status = %s", st.Status)
	}
}

func TestClientErrors(t *testing.T) {
	sb := sandbox.New(sandbox.Options{Start: start, NoRateLimit: true})
	t.Cleanup(sb.Close)
	bad := octo.NewClient(shopID, "wrong", octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(sb.Client()))
	if _, err := bad.PreparePayment(context.Background(), prepareParams("o-1", true, "1")); !errors.Is(err, octo.ErrAuth) {
		t.Errorf("wrong secret: %v", err)
	}
	_, c := newClientEnv(t, sandbox.Options{MaxResends: 1})
	ctx := context.Background()
	info, _ := c.PreparePayment(ctx, prepareParams("o-1", true, "1000"))
	p, err := c.Pay(ctx, octo.PayParams{PaymentUUID: info.PaymentUUID, Method: octo.MethodUzcard, Card: uzcard("8600000000000015"), Email: "a@b.c"})
	if err != nil {
		t.Fatal(err)
	}
	rp := octo.ResendOTPParams{PAN: "8600000000000015", ExpYYMM: "3012", PaymentID: p.ID}
	if v, err := c.ResendOTP(ctx, rp); err != nil || v.VerifyID == 0 {
		t.Fatalf("ResendOTP = %+v, %v", v, err)
	}
	if _, err := c.ResendOTP(ctx, rp); !errors.Is(err, octo.ErrResendLimit) {
		t.Errorf("second resend: %v", err)
	}
	if _, err := c.BlockCardToken(ctx, "nope"); !errors.Is(err, octo.ErrTokenNotFound) {
		t.Errorf("unknown token: %v", err)
	}
}

func TestClientTokens(t *testing.T) {
	bind := newReceiver(t, answer{status: 200, body: octo.BindAck})
	sb, c := newClientEnv(t, sandbox.Options{})
	ctx := context.Background()
	b, err := c.BindCard(ctx, octo.BindCardParams{ShopTransactionID: "bind-1", Card: *uzcard("8600000000000015"), Method: octo.MethodUzcard,
		Phone: "998901234567", NotifyURL: "http://merchant.example/n", BindNotifyURL: bind.URL})
	if err != nil || b.CardToken == "" {
		t.Fatalf("BindCard = %+v, %v", b, err)
	}
	v, err := c.VerificationInfo(ctx, b.PaymentUUID)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := sb.LastCode(b.PaymentUUID)
	if _, err := c.ConfirmBinding(ctx, octo.ConfirmBindingParams{PaymentUUID: b.PaymentUUID, VerifyID: v.VerifyID, Code: code}); err != nil {
		t.Fatal(err)
	}
	n := bind.next(t)
	bn, err := octo.ParseBindNotification([]byte(mustJSON(t, n)))
	if err != nil || bn.Status != octo.TokenActive || bn.CardToken != b.CardToken {
		t.Fatalf("bind notification %+v, %v", bn, err)
	}
	info, _ := c.PreparePayment(ctx, prepareParams("o-1", true, "1000"))
	p, err := c.Pay(ctx, octo.PayParams{PaymentUUID: info.PaymentUUID, Method: octo.MethodUzcard, CardToken: b.CardToken, Email: "a@b.c"})
	if err != nil {
		t.Fatal(err)
	}
	tv, _ := c.VerificationInfo(ctx, info.PaymentUUID)
	tcode, _ := sb.LastCode(info.PaymentUUID)
	if done, err := c.CheckSMSKey(ctx, octo.CheckSMSKeyParams{PaymentID: p.ID, VerifyID: tv.VerifyID, Code: tcode}); err != nil || done.Status != octo.StatusSucceeded {
		t.Fatalf("token payment = %+v, %v", done, err)
	}
	if st, err := c.BlockCardToken(ctx, b.CardToken); err != nil || st != octo.TokenBlocked {
		t.Fatalf("BlockCardToken = %s, %v", st, err)
	}
	if _, err := c.BlockCardToken(ctx, b.CardToken); !errors.Is(err, octo.ErrTokenNotActive) {
		t.Errorf("second block: %v", err)
	}
	info2, _ := c.PreparePayment(ctx, prepareParams("o-2", true, "1000"))
	if _, err := c.Pay(ctx, octo.PayParams{PaymentUUID: info2.PaymentUUID, Method: octo.MethodUzcard, CardToken: b.CardToken, Email: "a@b.c"}); !errors.Is(err, octo.ErrTokenNotActive) {
		t.Errorf("pay with a blocked token: %v", err)
	}
}

func TestClientSeesLostAnswersAsMaybeReached(t *testing.T) {
	sb, c := newClientEnv(t, sandbox.Options{}, octo.WithTimeout(50*time.Millisecond))
	ctx := context.Background()
	info, _ := c.PreparePayment(ctx, prepareParams("o-1", true, "1000"))
	if _, err := payWithOTP(t, sb, c, info.PaymentUUID, "8600000000000031", octo.MethodUzcard); !octo.MayHaveReached(err) {
		t.Fatalf("lost check_sms_key answer: %v, want a transport error that may have reached OCTO", err)
	}
	if st, err := c.Status(ctx, "o-1"); err != nil || st.Status != octo.StatusSucceeded {
		t.Fatalf("Status after the lost answer = %+v, %v", st, err)
	}

	info2, _ := c.PreparePayment(ctx, prepareParams("o-2", false, "1000"))
	if _, err := payWithOTP(t, sb, c, info2.PaymentUUID, "8600000000000015", octo.MethodUzcard); err != nil {
		t.Fatal(err)
	}
	sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultDrop})
	if _, err := c.Capture(ctx, info2.PaymentUUID, dec("1000")); !octo.MayHaveReached(err) {
		t.Fatalf("dropped capture: %v", err)
	}
	if st, _ := c.Status(ctx, "o-2"); st.Status != octo.StatusSucceeded {
		t.Fatalf("the dropped capture did not happen: %s", st.Status)
	}
}

func TestClientVerifiesAndAnswersNotifications(t *testing.T) {
	for _, recipe := range []string{sandbox.RecipeUniqueKey, sandbox.RecipeSecretHash, sandbox.RecipeYahont} {
		var c *octo.Client
		got := make(chan *octo.Notification, 10)
		merchant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			n, err := octo.ParseNotification(body)
			if err != nil {
				t.Errorf("ParseNotification: %v", err)
				return
			}
			if _, ok := c.VerifyNotification(n); !ok {
				t.Errorf("%s: the client does not verify the sandbox's signature on %s", recipe, n.Status)
			}
			if n.Status == octo.StatusWaitingForCapture {
				amount := dec("333.30")
				_, _ = w.Write(octo.AcceptAnswer(true, &amount))
			}
			got <- n
		}))
		sb, client := newClientEnv(t, sandbox.Options{UniqueKey: "uk-1", SignatureRecipe: recipe}, octo.WithUniqueKey("uk-1"))
		c = client
		p := prepareParams("o-1", false, "1000")
		p.NotifyURL = merchant.URL
		info, err := c.PreparePayment(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := payWithOTP(t, sb, c, info.PaymentUUID, "8600000000000015", octo.MethodUzcard); err != nil {
			t.Fatal(err)
		}
		var last *octo.Notification
		for last == nil || last.Status != octo.StatusSucceeded {
			select {
			case last = <-got:
			case <-time.After(10 * time.Second):
				t.Fatalf("%s: no succeeded notification", recipe)
			}
		}
		if !last.TotalSum.Equal(dec("333.3")) || last.MaskedPAN == "" || last.PayedTime.IsZero() {
			t.Errorf("%s: final notification %+v", recipe, last)
		}
		merchant.Close()
	}
}
