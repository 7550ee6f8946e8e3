package octo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestMaskPAN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"8600313260861293", "860031******1293"},
		{"8600 3132 6086 1293", "860031******1293"},
		{"4276-3800-1234-1025", "427638******1025"},
		{"4276380012341025123", "427638******5123"},
		{"427831** **** 3011", "427831******3011"},
		{"552102******9488", "552102******9488"},
		{"860031", "****"},
		{"86003132", "******3132"},
		{"1234", "****"},
		{"", ""},
		{"not a card", "****"},
		{"**1", "****"},
	}
	for _, tt := range tests {
		if got := MaskPAN(tt.in); got != tt.want {
			t.Errorf("MaskPAN(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if d := stripNonDigits(MaskPAN(tt.in)); len(d) > 10 {
			t.Errorf("MaskPAN(%q) shows %d digits", tt.in, len(d))
		}
	}
}

func TestShortToken(t *testing.T) {
	for in, want := range map[string]string{"": "", "short": "****", "sdf9g87sd6f9g876sdf9g876sdf98g": "sdf9…f98g"} {
		if got := ShortToken(in); got != want {
			t.Errorf("ShortToken(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSecretNeverPrints(t *testing.T) {
	s := Secret("canary-secret-55aa")
	for _, out := range []string{
		fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q %x %d", s, s, s, s, s, s, s), fmt.Sprintf("%v", struct{ S Secret }{s}),
		fmt.Sprintf("%#v", struct{ S Secret }{s}), mustJSON(t, struct{ S Secret }{s}), s.LogValue().String(),
	} {
		if strings.Contains(out, "canary") || strings.Contains(out, "55aa") {
			t.Errorf("secret printed: %s", out)
		}
	}
	if s.Reveal() != "canary-secret-55aa" {
		t.Error("Reveal lost the value")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRedactJSON(t *testing.T) {
	in := `{"pan":"8600313260861293","exp":"2602","cvc2":"987","cardHolderName":"A B","smsKey":"246813","octo_secret":"s3cr3t-value",
		"expDate":"2602","card_token":"sdf9g87sd6f9g876sdf9g876sdf98g","nested":[{"pan":8600313260861293}],"total_sum":1000.00,"note":"s3cr3t-value echoed"}`
	out := string(redactJSON([]byte(in), []string{"s3cr3t-value"}))
	for _, bad := range []string{"8600313260861293", "987", "246813", "s3cr3t-value", "2602", "sdf9g87sd6f9g876sdf9g876sdf98g"} {
		if strings.Contains(out, bad) {
			t.Errorf("redacted copy shows %q: %s", bad, out)
		}
	}
	for _, good := range []string{`"860031******1293"`, `"total_sum":1000.00`, `"cardHolderName":"A B"`, `"sdf9…f98g"`} {
		if !strings.Contains(out, good) {
			t.Errorf("redacted copy lacks %s: %s", good, out)
		}
	}
	if got := string(redactJSON([]byte(`<html>8600313260861293 s3cr3t-value</html>`), []string{"8600313260861293", "s3cr3t-value"})); got != "<html>860031******1293 REDACTED</html>" {
		t.Errorf("non-JSON body: got %s", got)
	}
	if redactJSON(nil, nil) != nil {
		t.Error("empty body must stay nil")
	}
}

// Card data, codes and the secret through a whole session: none may
// appear in an error, a log line, an Observer copy or a printed parameter,
// even when OCTO echoes the request back in its messages.
func TestCanaryNeverLeaks(t *testing.T) {
	const (
		pan    = "8600000000000015"
		cvc    = "987"
		otp    = "246813"
		secret = "canary-secret-9d41c7e2"
		exp    = "2612"
	)
	canaries := []string{pan, "8600 0000 0000 0015", cvc, otp, secret, exp}

	// An OCTO that answers every call with an error quoting the request.
	echo := newFake(t, func(n int, h hit, w http.ResponseWriter, _ *http.Request) {
		msg, _ := json.Marshal("bad request: " + string(h.Body) + " " + h.Path)
		switch {
		case n%3 == 0:
			w.WriteHeader(500)
			_, _ = w.Write(h.Body)
		default:
			_, _ = fmt.Fprintf(w, `{"error":1,"errMessage":%s,"errorMessage":%s,"apiMessageForDevelopers":%s,"data":null}`, msg, msg, msg)
		}
	})
	// An OCTO that accepts everything and echoes the request as data.
	ok := newFake(t, func(_ int, h hit, w http.ResponseWriter, _ *http.Request) {
		_, _ = fmt.Fprintf(w, `{"error":0,"errMessage":"","data":{"status":"created","id":5520,"verifyId":819,"secondsLeft":120,"echo":%s}}`,
			orNull(h.Body))
	})

	var (
		mu       sync.Mutex
		observed []Exchange
		logs     bytes.Buffer
	)
	observer := func(e Exchange) { mu.Lock(); observed = append(observed, e); mu.Unlock() }
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: noTime}))

	var outputs []string
	for _, f := range []*fakeOCTO{echo, ok} {
		c, _ := newTestClient(f.srv.URL, testShopID, secret, WithObserver(observer), WithLogger(logger))
		ctx := context.Background()
		card := &Card{PAN: "8600 0000 0000 0015", Exp: exp, CVC: cvc, HolderName: "CANARY HOLDER"}
		pay := PayParams{PaymentUUID: "uuid-1", Method: MethodUzcard, Card: card, Email: "a@b.c"}
		sms := CheckSMSKeyParams{PaymentID: 5520, VerifyID: 819, Code: otp}
		resend := ResendOTPParams{PAN: pan, ExpYYMM: exp, PaymentID: 5520}
		bind := BindCardParams{ShopTransactionID: "b-1", Card: *card, Method: MethodUzcard, Phone: "998901234567", NotifyURL: "n", BindNotifyURL: "b"}
		confirm := ConfirmBindingParams{PaymentUUID: "uuid-1", VerifyID: 819, Code: otp}
		var errs []error
		_, err := c.PreparePayment(ctx, PrepareParams{ShopTransactionID: "order-1", TotalSum: dec("1000")})
		errs = append(errs, err)
		_, err = c.Pay(ctx, pay)
		errs = append(errs, err)
		_, err = c.VerificationInfo(ctx, "uuid-1")
		errs = append(errs, err)
		_, err = c.CheckSMSKey(ctx, sms)
		errs = append(errs, err)
		_, err = c.ResendOTP(ctx, resend)
		errs = append(errs, err)
		_, err = c.Capture(ctx, "uuid-1", dec("1000"))
		errs = append(errs, err)
		_, err = c.BindCard(ctx, bind)
		errs = append(errs, err)
		_, err = c.ConfirmBinding(ctx, confirm)
		errs = append(errs, err)
		_, err = c.Status(ctx, "order-1")
		errs = append(errs, err)
		for _, err := range errs {
			if err != nil {
				outputs = append(outputs, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
				var oe *Error
				if errors.As(err, &oe) {
					outputs = append(outputs, oe.Message)
				}
			}
		}
		for _, v := range []any{card, *card, pay, sms, resend, bind, confirm, c} {
			outputs = append(outputs, fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v), fmt.Sprintf("%d", v), fmt.Sprintf("%x", v))
		}
		var slogged bytes.Buffer
		slog.New(slog.NewJSONHandler(&slogged, &slog.HandlerOptions{ReplaceAttr: noTime})).Info("params", "card", *card)
		outputs = append(outputs, slogged.String())
	}
	mu.Lock()
	for _, e := range observed {
		outputs = append(outputs, string(e.Request), string(e.Response), e.Err, e.URL, fmt.Sprintf("%+v", e))
	}
	n := len(observed)
	mu.Unlock()
	outputs = append(outputs, logs.String())
	if n < 18 {
		t.Errorf("observer saw %d exchanges, want one per attempt (at least 18)", n)
	}
	if !strings.Contains(logs.String(), "method=check_sms_key") {
		t.Errorf("log lacks the calls:\n%s", logs.String())
	}
	for _, out := range outputs {
		for _, c := range canaries {
			if strings.Contains(out, c) {
				t.Errorf("canary %q leaked in: %s", c, out)
			}
		}
	}
	// The masks are there, so the test looks where the values would be.
	all := strings.Join(outputs, "\n")
	for _, want := range []string{"860000******0015", "REDACTED", `"cvc2":"***"`, `"smsKey":"******"`} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q anywhere: the canary test does not see the fields it guards", want)
		}
	}
}

func orNull(b []byte) string {
	if len(b) == 0 {
		return "null"
	}
	return string(b)
}

// The Observer gets one exchange per attempt, with the attempt number and
// the OCTO code.
func TestObserverSeesEveryAttempt(t *testing.T) {
	f := newFake(t, func(n int, _ hit, w http.ResponseWriter, _ *http.Request) {
		if n < 3 {
			w.WriteHeader(502)
			return
		}
		_, _ = io.WriteString(w, `{"error":2,"errMessage":"Wrong secret"}`)
	})
	var got []Exchange
	c, _ := f.client(WithObserver(func(e Exchange) { got = append(got, e) }))
	_, err := c.Status(context.Background(), "o")
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("got %v", err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d exchanges, want 3", len(got))
	}
	for i, e := range got {
		if e.Attempt != i+1 || e.Method != "prepare_payment" || e.HTTPMethod != "POST" || !strings.HasSuffix(e.URL, "/prepare_payment") {
			t.Errorf("exchange %d: %+v", i, e)
		}
	}
	if got[0].HTTPStatus != 502 || got[0].Err == "" || got[2].Code != 2 || got[2].HTTPStatus != 200 {
		t.Errorf("got %+v / %+v", got[0], got[2])
	}
	// OCTO's own words, for whoever words them for the cashier; an answer
	// leaves nothing in doubt.
	if got[2].Message != "Wrong secret" || got[2].MayHaveReached || got[0].Message != "" {
		t.Errorf("message %q, may have reached %v; the 502's message %q", got[2].Message, got[2].MayHaveReached, got[0].Message)
	}
	if !strings.Contains(string(got[2].Request), `"octo_secret":"REDACTED"`) {
		t.Errorf("request copy: %s", got[2].Request)
	}
}

// noTime drops a log line's timestamp: "17:07:03.987" held the CVC canary
// 987 (a failure 1 run in ~1000).
func noTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
