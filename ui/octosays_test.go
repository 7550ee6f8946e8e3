package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/shopspring/decimal"
)

// refusal is an OCTO refusal as the client observes it.
func octoRefused(method string, code int, msg string) octo.Exchange {
	return octo.Exchange{Method: method, Code: code, Message: msg, HTTPStatus: 200,
		Err: method + ": error " + strconv.Itoa(code) + ": " + msg}
}

// The refusals a cashier meets (the sandbox's words, OCTO's documented
// codes, OCTO's Russian) say what happened and what to do; the others
// keep OCTO's text and code; a call without an answer says what that means.
func TestExchangeTroubleInTheCashiersWords(t *testing.T) {
	for _, tc := range []struct {
		x    octo.Exchange
		want string
	}{
		{octoRefused("check_sms_key", 10, "Insufficient funds"), "Not enough money on the card — ask for another card"},
		{octoRefused("check_sms_key", 10, "Недостаточно средств на карте"), "Not enough money on the card — ask for another card"},
		{octoRefused("check_sms_key", 10, "Declined by the issuer"), "The card's bank declined the payment — ask for another card"},
		{octoRefused("pay", 10, "Card is blocked"), "The card is blocked — ask for another card"},
		{octoRefused("pay", 10, "Card expired"), "The card has expired — ask for another card"},
		{octoRefused("pay", 10, "Card type is not supported"), "OCTO does not take this kind of card — ask for another card"},
		{octoRefused("pay", 10, "Daily limit exceeded"), "The card's limit is reached — ask for another card or a smaller amount"},
		{octoRefused("check_sms_key", -270, "Wrong confirmation code, 2 attempts left"), "Wrong SMS code — ask the customer to read it again"},
		{octoRefused("check_sms_key", -270, "Неверный код подтверждения"), "Wrong SMS code — ask the customer to read it again"},
		{octoRefused("check_sms_key", 12, "Verification expired, ask for a new code"), "The SMS code expired — send a new one"},
		{octoRefused("check_sms_key", 12, "Verification 7 is not active"), "The SMS code expired — send a new one"},
		{octoRefused("pay", 9, "Payment expired: its ttl has passed"), "The payment expired — start a new payment"},
		{octoRefused("check_pan", 17, "Maximum number of SMS resend attempts"), "OCTO will not send more codes — start a new payment"},
		{octoRefused("set_accept", 2, "Wrong secret"), "OCTO refused the shop's credentials — check the shop ID and secret"},
		{octoRefused("status", 11, "Requests too often. Minimum delay is 1 second"), "OCTO asks to slow down — try again in a second"},
		{octoRefused("refund", 3, "invalid refund amount"), "OCTO refused the refund amount — refund at most what is left"},
		{octoRefused("refund", 22, "Wrong amount to refund"), "OCTO refused the refund amount — refund at most what is left"},
		{octoRefused("set_accept", 14, "final_amount 10.00 exceeds the held amount 5.00"), "The capture is more than the hold — capture at most the held amount"},
		{octoRefused("pay", 5, "Card token not found"), "OCTO does not know the saved card — save the card again"},
		{octoRefused("pay", 6, "Card token is not active (status blocked)"), "The saved card is not active — save the card again"},
		{octoRefused("prepare_payment", 4, "Internal error"), "OCTO had an internal error — check the payment's status before trying again"},
		{octoRefused("prepare_payment", 403, "Fiscal object with merchant ID 242 … not contains in system"), "OCTO does not know the shop's fiscal data — ask OCTO support to register it"},
		{octoRefused("bind_card", 1, "Wrong phone format"), "OCTO refused the phone number — check the customer's phone"},
		{octoRefused("pay", 1, "Wrong params: expDate must be YYMM"), "OCTO refused the request's data — its own words are in the inspector"},
		{octoRefused("status", 7, "Payment not found: shop_transaction_id oc-1"), "OCTO does not know this payment — check it in the history"},
		{octoRefused("refund", 7, "Payment not found: 3f2a (the sandbox forgets finished payments: it keeps the last 100, each for at most 90 days; 4 forgotten so far)"),
			"The sandbox may have forgotten this payment ([sandbox] keep_finished)"},
		{octoRefused("set_accept", 8, "Payment is already captured"), "The payment's status at OCTO does not allow this — check its status"},
		// 3 is a refund amount only on a refund.
		{octoRefused("pay", 3, "Something else"), "OCTO error 3: Something else"},
		{octoRefused("pay", 99, "Something odd"), "OCTO error 99: Something odd"},
		{octoRefused("pay", 99, ""), "OCTO error 99: no message"},
		{octo.Exchange{Method: "pay", Err: "pay: sent, answer lost: context deadline exceeded", MayHaveReached: true},
			"OCTO did not answer in time — wait while the payment's status is read"},
		{octo.Exchange{Method: "pay", Err: "pay: not sent: dial tcp: connection refused"},
			"Could not reach OCTO — check the internet connection; nothing was sent"},
		{octo.Exchange{Method: "status", HTTPStatus: 502, Err: "status: HTTP 502: bad gateway"}, "OCTO answered HTTP 502 — try again in a minute"},
		{octo.Exchange{Method: "pay", HTTPStatus: 502, MayHaveReached: true, Err: "pay: HTTP 502: bad gateway"},
			"OCTO answered HTTP 502 — wait while the payment's status is read"},
	} {
		if got := exchangeTrouble(tc.x, LangEN); got != tc.want {
			t.Errorf("%s %d %q: got %q, want %q", tc.x.Method, tc.x.Code, tc.x.Message, got, tc.want)
		}
		for _, l := range []Lang{LangRU, LangUZ} {
			if tc.x.Code != 0 && !strings.HasPrefix(tc.want, "OCTO error") && exchangeTrouble(tc.x, l) == tc.want {
				t.Errorf("%s: %q is not translated", l, tc.want)
			}
		}
	}
}

// A cashier working in Russian reads OCTO's English refusal in Russian on
// the status line.
func TestStatusLineSaysOCTORefusalInTheScreensLanguage(t *testing.T) {
	ch := make(chan octo.Exchange, 2)
	o := testOptions()
	o.Exchanges, o.Language = ch, LangRU
	d := newDriver(t, New(o), 120, 40)
	ch <- octoRefused("check_sms_key", 10, "Insufficient funds")
	want := "✗ sandbox check_sms_key: На карте недостаточно денег — попросите другую карту"
	d.until("the refusal", func(a App) bool { return strings.Contains(plain(a.View().Content), want) })
	if scr := d.screen(); strings.Contains(scr, "Insufficient funds") {
		t.Errorf("OCTO's English is on the screen:\n%s", scr)
	}
	ch <- octoRefused("pay", 99, "Something odd")
	d.until("the unknown refusal", func(a App) bool {
		return strings.Contains(plain(a.View().Content), "✗ sandbox pay: ошибка OCTO 99: Something odd")
	})
}

// The forgotten payment's saying is matched against the sandbox's own
// refusal, not a copy of it: reworded in the sandbox, the saying would
// stop fitting and the cashier would read the plain not-found.
func TestForgottenPaymentSayingFitsTheSandboxsWords(t *testing.T) {
	sb := sandbox.New(sandbox.Options{NoRateLimit: true, MaxFinished: 1})
	t.Cleanup(sb.Close)
	var last octo.Exchange
	c := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(sb.Client()),
		octo.WithObserver(func(x octo.Exchange) { last = x }),
		// Reads at once: the real client's second's spacing would only make the test slow.
		octo.WithRetry(octo.RetryPolicy{MaxAttempts: 1, MinReadInterval: time.Nanosecond}))
	ctx := context.Background()
	for _, tx := range []string{"older", "newer"} {
		info, err := c.PreparePayment(ctx, octo.PrepareParams{ShopTransactionID: tx, AutoCapture: true, TotalSum: decimal.NewFromInt(20000),
			Description: "x", ReturnURL: "http://sandbox.test/", Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if st, err := sb.PayAsCustomer(info.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000015", Exp: "1230"}); err != nil || st != octo.StatusSucceeded {
			t.Fatalf("paying %s: %v, %v", tx, st, err)
		}
	}
	if _, err := c.Status(ctx, "older"); err == nil {
		t.Fatal("the older payment is still known; want it forgotten")
	}
	if got, want := exchangeTrouble(last, LangEN), "The sandbox may have forgotten this payment ([sandbox] keep_finished)"; got != want {
		t.Errorf("the sandbox's refusal %q reads %q, want %q", last.Message, got, want)
	}
}
