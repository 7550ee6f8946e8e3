package sandbox_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// page GETs a path of the payment page and returns its HTML.
func (e *env) page(path string) string {
	e.t.Helper()
	status, b := e.raw(http.MethodGet, path, "")
	if status != http.StatusOK {
		e.t.Fatalf("GET %s: HTTP %d\n%s", path, status, b)
	}
	return html.UnescapeString(string(b))
}

// form posts a page's form as a browser does (following the redirect back
// to the page) and returns the page it lands on.
func (e *env) form(path string, vals url.Values) string {
	e.t.Helper()
	resp, err := e.hc.PostForm(e.base+path, vals)
	if err != nil {
		e.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("POST %s: HTTP %d\n%s", path, resp.StatusCode, b)
	}
	return html.UnescapeString(string(b))
}

func mustContain(t *testing.T, what, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, page)
		}
	}
}

// customer is POST /sandbox/customer/{uuid}: the HTTP status and answer.
func (e *env) customer(uuid string, body map[string]any) (int, obj) {
	e.t.Helper()
	status, b := e.raw(http.MethodPost, "/sandbox/customer/"+uuid, mustJSON(e.t, body))
	return status, decode(e.t, b)
}

// TestCustomerControlEveryTestCard pays a QR payment with each test card
// through the control API, as the customer would on the page: one-stage
// and two-stage, with the status OCTO's reads then show.
func TestCustomerControlEveryTestCard(t *testing.T) {
	cases := []struct {
		pan, cvc  string
		twoStage  bool
		http      int
		status    string // the control call's answer
		read      string // a status read afterwards
		errorPart string
	}{
		{pan: "8600000000000015", http: 200, status: "succeeded", read: "succeeded"},
		{pan: "8600 0000 0000 0015", twoStage: true, http: 200, status: "waiting_for_capture", read: "waiting_for_capture"},
		{pan: "8600000000000023", http: 409, status: "failed", read: "failed", errorPart: "Insufficient funds"},
		{pan: "8600000000000031", http: 200, status: "succeeded", read: "succeeded"},
		{pan: "8600000000000049", http: 409, status: "created", read: "created", errorPart: "blocked"},
		{pan: "9860000000000018", http: 200, status: "succeeded", read: "succeeded"},
		{pan: "9860000000000018", twoStage: true, http: 200, status: "waiting_for_capture", read: "waiting_for_capture"},
		{pan: "9860000000000026", http: 409, status: "failed", read: "failed", errorPart: "issuer"},
		{pan: "4111111111111111", cvc: "123", http: 200, status: "succeeded", read: "succeeded"},
		{pan: "4111111111111111", cvc: "123", twoStage: true, http: 200, status: "waiting_for_capture", read: "waiting_for_capture"},
		{pan: "5555555555554444", cvc: "123", http: 200, status: "succeeded", read: "succeeded"},
		{pan: "4000000000000002", cvc: "123", http: 409, status: "failed", read: "failed", errorPart: "3-D Secure"},
		{pan: "4111111111111111", http: 409, status: "created", read: "created", errorPart: "cvc"},
	}
	for _, c := range cases {
		e := newEnv(t, sandbox.Options{})
		tx := e.txID()
		uuid := e.prepare(tx, !c.twoStage, "150000", nil)
		body := map[string]any{"pan": c.pan, "exp": "12/29"}
		if c.cvc != "" {
			body["cvc"] = c.cvc
		}
		status, o := e.customer(uuid, body)
		if status != c.http || o.str("status") != c.status || !strings.Contains(o.str("error"), c.errorPart) {
			t.Errorf("%s two-stage %v: HTTP %d %v; want %d, status %s, error with %q", c.pan, c.twoStage, status, o, c.http, c.status, c.errorPart)
		}
		if c.status != "created" && o.str("card") == "" {
			t.Errorf("%s: the answer lacks the masked card: %v", c.pan, o)
		}
		if strings.Contains(mustJSON(t, o), strings.ReplaceAll(c.pan, " ", "")) {
			t.Errorf("%s: the full card number is in the answer: %v", c.pan, o)
		}
		if got := e.status(tx).str("status"); got != c.read {
			t.Errorf("%s: status read %s, want %s", c.pan, got, c.read)
		}
	}
}

// TestCustomerLostAnswerCardLosesTheNotification: on the page, nobody
// sends check_sms_key, so card ...0031 loses the notification of its
// outcome: the merchant must read the status.
func TestCustomerLostAnswerCardLosesTheNotification(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	rcv := newReceiver(t)
	uuid := e.prepare(e.txID(), true, "5000", map[string]any{"notify_url": rcv.URL})
	if st, err := e.sb.PayAsCustomer(uuid, sandbox.CustomerCard{PAN: "8600000000000031", Exp: "1229"}); err != nil || st != "succeeded" {
		t.Fatalf("PayAsCustomer: %s, %v", st, err)
	}
	if got := rcv.next(t).str("status"); got != "wait_user_action" {
		t.Errorf("first notification %s, want wait_user_action", got)
	}
	e.sb.Advance(time.Minute)
	select {
	case o := <-rcv.ch:
		t.Errorf("a notification arrived: %v", o)
	case <-time.After(200 * time.Millisecond):
	}
	lost := false
	for _, ev := range e.sb.Events() {
		lost = lost || (ev.Kind == sandbox.EventNotification && ev.Method == "succeeded" && strings.Contains(ev.Note, "lost"))
	}
	if !lost {
		t.Error("the event log does not say the notification was lost")
	}
}

// TestCustomerAbandonedQRPaymentExpires: a payment whose customer never
// pays is canceled at its ttl, says so on its page and takes no card.
func TestCustomerAbandonedQRPaymentExpires(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	tx := e.txID()
	uuid := e.prepare(tx, true, "5000", map[string]any{"ttl": 5, "language": "en"})
	mustContain(t, "the page before the ttl", e.page("/pay/"+uuid), "How would you like to pay?", "Pay within 5 min.")
	e.sb.Advance(5*time.Minute - 2*time.Second)
	if got := e.status(tx).str("status"); got != "created" { // status moves the clock a second
		t.Fatalf("a second before the ttl: %s", got)
	}
	if got := e.status(tx).str("status"); got != "canceled" {
		t.Fatalf("at the ttl: %s, want canceled", got)
	}
	mustContain(t, "the expired page", e.page("/pay/"+uuid), "This payment has expired", "Nothing was charged.")
	status, o := e.customer(uuid, map[string]any{"pan": "8600000000000015", "exp": "1229"})
	if status != http.StatusConflict || o.str("status") != "canceled" || !strings.Contains(o.str("error"), "expired") {
		t.Errorf("paying after the ttl: HTTP %d %v", status, o)
	}
}

// TestHostedPageUzcardWalk walks the page as a phone's browser does: the
// method, a refused card, the card, a wrong code, the right code.
func TestHostedPageUzcardWalk(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	tx := e.txID()
	uuid := e.prepare(tx, true, "150000", map[string]any{"language": "en", "description": "Coffee machine"})
	p := e.page("/pay/" + uuid + "?language=en")
	mustContain(t, "the first page", p, "150 000 UZS", "Coffee machine", "How would you like to pay?",
		`value="uzcard"`, `value="humo"`, `value="bank_card"`, "OCTO sandbox")
	for _, bad := range []string{"<script", "<link", "src=", "http://", "https://"} {
		if strings.Contains(p, bad) {
			t.Errorf("the page loads or links something (%q):\n%s", bad, p)
		}
	}
	p = e.page("/pay/" + uuid + "?language=en&method=uzcard")
	mustContain(t, "the card step", p, `name="pan"`, `name="exp"`, "Pay 150 000 UZS", "8600 0000 0000 0015")
	if strings.Contains(p, `name="cvc"`) {
		t.Error("Uzcard asks for a CVC")
	}
	card := url.Values{"language": {"en"}, "method": {"uzcard"}, "exp": {"12/29"}}
	card.Set("pan", "8600 0000 0000 0049")
	mustContain(t, "a blocked card", e.form("/pay/"+uuid+"/card", card), "The card is blocked. Use another card.", `name="pan"`)
	card.Set("pan", "9860 0000 0000 0018")
	mustContain(t, "a Humo card on Uzcard", e.form("/pay/"+uuid+"/card", card), "This card does not match")
	card.Set("pan", "8600 0000 0000 0015")
	p = e.form("/pay/"+uuid+"/card", card)
	mustContain(t, "the code step", p, "We sent a code by SMS to +998** *****67.", "860000** **** 0015", `name="code"`, "Send a new code")
	if strings.Contains(p, "8600000000000015") || strings.Contains(p, "8600 0000 0000 0015") {
		t.Errorf("the full card number is on the page:\n%s", p)
	}
	code := e.code(uuid)
	wrong := string(rune('0'+(code[0]-'0'+1)%10)) + code[1:]
	mustContain(t, "a wrong code", e.form("/pay/"+uuid+"/code", url.Values{"code": {wrong}, "language": {"en"}}), "Wrong code: 2 attempts left.")
	p = e.form("/pay/"+uuid+"/code", url.Values{"code": {code}, "language": {"en"}})
	mustContain(t, "the outcome", p, "Paid", "Thank you!", "Return to the shop", "octo_status=succeeded")
	if got := e.status(tx).str("status"); got != "succeeded" {
		t.Errorf("status read %s", got)
	}
}

// TestHostedPageVisaHold3DS: a two-stage Visa payment through the bank's page.
func TestHostedPageVisaHold3DS(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	tx := e.txID()
	uuid := e.prepare(tx, false, "90000", map[string]any{"language": "ru"})
	p := e.page("/pay/" + uuid + "?method=bank_card")
	mustContain(t, "the card step in Russian", p, "Номер карты", "CVC/CVV", "Оплатить")
	card := url.Values{"method": {"bank_card"}, "pan": {"4111111111111111"}, "exp": {"1229"}}
	mustContain(t, "no CVC", e.form("/pay/"+uuid+"/card", card), "Введите 3 цифры с оборота карты.")
	card.Set("cvc", "123")
	p = e.form("/pay/"+uuid+"/card", card)
	mustContain(t, "the 3-D Secure step", p, "3-D Secure", `value="approve"`, `value="decline"`)
	p = e.form("/pay/"+uuid+"/3ds", url.Values{"result": {"approve"}})
	mustContain(t, "the outcome", p, "Одобрено")
	if got := e.status(tx).str("status"); got != "waiting_for_capture" {
		t.Errorf("status read %s", got)
	}
}

// TestHostedPageLanguages: ?language= decides, else the payment's.
func TestHostedPageLanguages(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare(e.txID(), true, "1000", map[string]any{"language": "uz"})
	mustContain(t, "uz", e.page("/pay/"+uuid), "Qanday to'lamoqchisiz?")
	mustContain(t, "ru", e.page("/pay/"+uuid+"?language=ru"), "Как вы хотите оплатить?")
	mustContain(t, "en", e.page("/pay/"+uuid+"?language=en"), "How would you like to pay?")
	if status, _ := e.raw(http.MethodGet, "/pay/no-such-payment", ""); status != http.StatusNotFound {
		t.Errorf("an unknown payment: HTTP %d", status)
	}
}

// TestHostedPageResendAndThreeWrongCodes: a new code replaces the old one;
// three wrong codes cancel the payment.
func TestHostedPageResendAndThreeWrongCodes(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	tx := e.txID()
	uuid := e.prepare(tx, true, "1000", map[string]any{"language": "en", "payment_methods": []map[string]string{{"method": "humo"}}})
	mustContain(t, "the only method goes straight to the card", e.page("/pay/"+uuid), `name="pan"`, "Humo")
	e.form("/pay/"+uuid+"/card", url.Values{"method": {"humo"}, "pan": {"9860000000000018"}, "exp": {"1229"}})
	first := e.code(uuid)
	e.form("/pay/"+uuid+"/code", url.Values{"do": {"resend"}})
	if len(e.sb.SMS()) != 2 {
		t.Fatalf("outbox %v", e.sb.SMS())
	}
	second := e.code(uuid)
	for i := 0; i < 3; i++ {
		wrong := "000000"
		if wrong == second {
			wrong = "111111"
		}
		if i == 0 && first != second {
			wrong = first // the replaced code no longer works
		}
		p := e.form("/pay/"+uuid+"/code", url.Values{"code": {wrong}})
		if i == 2 {
			mustContain(t, "the third wrong code", p, "Three wrong codes", "Payment canceled", "Nothing was charged.")
		}
	}
	if got := e.status(tx).str("status"); got != "canceled" {
		t.Errorf("status read %s", got)
	}
}

// TestHostedPageCodeExpires: a code past its lifetime is refused without
// using an attempt; a new one pays.
func TestHostedPageCodeExpires(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	tx := e.txID()
	uuid := e.prepare(tx, true, "1000", map[string]any{"language": "en"})
	e.form("/pay/"+uuid+"/card", url.Values{"method": {"uzcard"}, "pan": {"8600000000000015"}, "exp": {"1229"}})
	old := e.code(uuid)
	e.sb.Advance(3 * time.Minute)
	mustContain(t, "the page after the code's lifetime", e.page("/pay/"+uuid), "The code has expired: ask for a new one.", "Send a new code")
	mustContain(t, "the old code", e.form("/pay/"+uuid+"/code", url.Values{"code": {old}}), "The code has expired: ask for a new one.")
	e.form("/pay/"+uuid+"/code", url.Values{"do": {"resend"}})
	mustContain(t, "the new code", e.form("/pay/"+uuid+"/code", url.Values{"code": {e.code(uuid)}}), "Paid")
	if got := e.status(tx).str("status"); got != "succeeded" {
		t.Errorf("status read %s", got)
	}
}
