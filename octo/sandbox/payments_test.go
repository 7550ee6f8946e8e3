package sandbox_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

func TestPrepareAnswersWithDuplicatedTopLevelFields(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	status, b := e.raw(http.MethodPost, "/prepare_payment", mustJSON(t, prepareBody("o-1", true, "1000", nil)))
	if status != http.StatusOK {
		t.Fatalf("HTTP %d", status)
	}
	if !strings.Contains(string(b), `"total_sum":1000.00`) {
		t.Errorf("total_sum not given with 2 decimals: %s", b)
	}
	o := decode(t, b)
	d := o.data()
	if o.code() != 0 || d.str("status") != "created" || d.str("shop_transaction_id") != "o-1" {
		t.Fatalf("answer = %v", o)
	}
	for _, k := range []string{"shop_transaction_id", "octo_payment_UUID", "status", "octo_pay_url", "refunded_sum", "total_sum"} {
		if _, ok := d[k]; !ok {
			t.Errorf("data has no %s", k)
		}
		if string(mustJSON(t, o[k])) != string(mustJSON(t, d[k])) {
			t.Errorf("top-level %s = %v, data.%s = %v", k, o[k], k, d[k])
		}
	}
	if _, ok := o["apiMessageForDevelopers"]; !ok {
		t.Error("no apiMessageForDevelopers")
	}
	uuid := d.str("octo_payment_UUID")
	if got, want := d.str("octo_pay_url"), "http://sandbox.test/pay/"+uuid+"?language=uz"; got != want {
		t.Errorf("octo_pay_url = %q, want %q", got, want)
	}
	if len(uuid) != 36 || uuid[14] != '4' {
		t.Errorf("octo_payment_UUID %q is not a version 4 UUID", uuid)
	}
	// The pay page it points at exists.
	if status, page := e.raw(http.MethodGet, "/pay/"+uuid, ""); status != http.StatusOK || !strings.Contains(string(page), uuid) {
		t.Errorf("GET octo_pay_url: HTTP %d", status)
	}
}

func TestPublicURLOption(t *testing.T) {
	e := newEnv(t, sandbox.Options{PublicURL: "https://sandbox.example:9443/"})
	o := e.ok("/prepare_payment", prepareBody("o-1", true, "1000", nil))
	if got := o.data().str("octo_pay_url"); !strings.HasPrefix(got, "https://sandbox.example:9443/pay/") {
		t.Errorf("octo_pay_url = %q", got)
	}
}

func TestPrepareIsIdempotentOnShopTransactionID(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	first := e.ok("/prepare_payment", prepareBody("o-1", true, "1000", nil)).data()
	again := e.ok("/prepare_payment", prepareBody("o-1", false, "5000.50", map[string]any{"description": "other"})).data()
	if again.str("octo_payment_UUID") != first.str("octo_payment_UUID") {
		t.Fatalf("a repeated prepare_payment made a new payment")
	}
	if !again.num("total_sum").Equal(dec("1000")) {
		t.Errorf("total_sum = %s after a repeat with another amount, want 1000 unchanged", again.num("total_sum"))
	}
}

func TestStatusReadAndItsRateLimit(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare("o-1", true, "1000", nil)
	read := map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": "o-1"}
	d := e.ok("/prepare_payment", read).data()
	if d.str("octo_payment_UUID") != uuid || d.str("status") != "created" {
		t.Fatalf("status read = %v", d)
	}
	refused(t, e.post("/prepare_payment", read), 11, "Requests too often. Minimum delay is 1 second")
	// A full repeat is a status read too.
	refused(t, e.post("/prepare_payment", prepareBody("o-1", true, "1000", nil)), 11, "too often")
	e.sb.Advance(time.Second)
	e.ok("/prepare_payment", read)

	// Another order is limited on its own.
	e.prepare("o-2", true, "1000", nil)
	e.ok("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": "o-2"})

	off := newEnv(t, sandbox.Options{NoRateLimit: true})
	off.prepare("o-1", true, "1000", nil)
	for range 3 {
		off.ok("/prepare_payment", read)
	}
}

func TestStatusReadOfUnknownOrder(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	o := e.post("/prepare_payment", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": "nope"})
	refused(t, o, 7, "not found")
}

func TestWrongCredentials(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	creds := []map[string]any{
		{"octo_shop_id": shopID, "octo_secret": "wrong"},
		{"octo_shop_id": 99, "octo_secret": secret},
	}
	bodies := map[string]map[string]any{
		"/prepare_payment":         prepareBody("o-1", true, "1000", nil),
		"/set_accept":              {"octo_payment_UUID": "x", "accept_status": "capture"},
		"/refund":                  {"shop_refund_id": "r", "octo_payment_UUID": "x", "amount": 1},
		"/bind_card":               {"shop_transaction_id": "b", "pan": "8600000000000015", "exp": "3012", "method": "uzcard", "phone": "998901234567", "notify_url": "http://n.example", "bind_notify_url": "http://b.example"},
		"/bind_card/check_sms_key": {"smsKey": "1", "paymentUUID": "x", "verifyId": 1},
		"/block_card_token":        {"card_token": "t"},
		"/fiscal-data":             {"payment_uuid": "x"},
		"/callback":                {"octo_payment_UUID": "x", "accept_status": "capture"},
	}
	for path, body := range bodies {
		for _, c := range creds {
			if path == "/callback" && c["octo_secret"] == secret {
				continue // /callback carries the secret only; a foreign shop id is still refused below
			}
			b := map[string]any{}
			for k, v := range body {
				b[k] = v
			}
			for k, v := range c {
				b[k] = v
			}
			refused(t, e.post(path, b), 2, "Wrong secret")
		}
	}
	refused(t, e.post("/callback", map[string]any{"octo_shop_id": 99, "octo_secret": secret, "octo_payment_UUID": "x", "accept_status": "capture"}), 2, "Wrong secret")
}

func TestMalformedRequestsAreErrorOne(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	for _, body := range []string{"", "{", "not json", "[1,2]", "null", `{"octo_shop_id": }`} {
		o := e.post("/prepare_payment", body)
		if o.code() != 1 {
			t.Errorf("body %q: error %d, want 1", body, o.code())
		}
	}
	cases := []struct {
		drop, field string
		set         any
	}{
		{drop: "octo_shop_id", field: "octo_shop_id"},
		{drop: "octo_secret", field: "octo_secret"},
		{drop: "shop_transaction_id", field: "shop_transaction_id"},
		{drop: "total_sum", field: "total_sum"},
		{drop: "auto_capture", field: "auto_capture"},
		{drop: "init_time", field: "init_time"},
		{drop: "currency", field: "currency"},
		{drop: "description", field: "description"},
		{drop: "return_url", field: "return_url"},
		{drop: "language", field: "language"},
		{field: "total_sum", set: "lots"},
		{field: "total_sum", set: json.Number("-5")},
		{field: "total_sum", set: json.Number("10.123")},
		{field: "auto_capture", set: "maybe"},
		{field: "init_time", set: "yesterday"},
		{field: "octo_shop_id", set: []int{1}},
		{field: "ttl", set: json.Number("0")},
		{field: "language", set: "fr"},
		{field: "currency", set: "XYZ"},
		{field: "return_url", set: "octo.uz"},
		{field: "notify_url", set: "not a url"},
		{field: "user_data.phone", set: nil},
		{field: "basket[0].count", set: nil},
		{field: "payment_methods[0].method", set: nil},
	}
	for i, c := range cases {
		extra := map[string]any{}
		switch {
		case c.drop != "":
			extra[c.drop] = nil
		case c.field == "user_data.phone":
			extra["user_data"] = map[string]any{"user_id": "u", "phone": "+998 90 123", "email": "a@b.c"}
		case c.field == "basket[0].count":
			extra["basket"] = []map[string]any{{"position_desc": "tea", "count": 0, "price": 10}}
		case c.field == "payment_methods[0].method":
			extra["payment_methods"] = []map[string]any{{"method": "qiwi"}}
		default:
			extra[c.field] = c.set
		}
		o := e.post("/prepare_payment", prepareBody(e.txID(), true, "1000", extra))
		if o.code() != 1 || !strings.Contains(o.str("errMessage"), c.field) {
			t.Errorf("case %d (%s): error %d %q, want 1 naming %s", i, c.field, o.code(), o.str("errMessage"), c.field)
		}
	}
	// Every method refuses malformed JSON the same way, never with a 500.
	for _, path := range []string{"/pay/x", "/verificationInfo/", "/check_sms_key", "/check_pan", "/set_accept", "/callback", "/refund", "/bind_card", "/bind_card/check_sms_key", "/block_card_token", "/fiscal-data"} {
		refused(t, e.post(path, "{oops"), 1, "malformed JSON")
	}
}

func TestUnknownPathIsForbidden(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	for _, path := range []string{"/check_status", "/check_transaction", "/"} {
		if status, _ := e.raw(http.MethodPost, path, "{}"); status != http.StatusForbidden {
			t.Errorf("POST %s: HTTP %d, want 403", path, status)
		}
	}
}

func TestOneStageUzcardFlow(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"user_data": map[string]any{"user_id": "u1", "phone": "998901112233", "email": "a@b.c"}})

	// pay without the e-mail that user_data makes required
	refused(t, e.post("/pay/"+uuid, map[string]any{"pan": "8600000000000015", "exp": "3012", "method": "uzcard"}), 1, "email")

	status, b := e.raw(http.MethodPost, "/pay/"+uuid, mustJSON(t, cardBody("8600 0000 0000 0015", "uzcard")))
	if status != http.StatusOK || strings.Contains(string(b), "8600000000000015") {
		t.Fatalf("pay: HTTP %d, or the full card number echoed: %s", status, b)
	}
	pay := decode(t, b).data()
	if pay.str("status") != "created" {
		t.Errorf("pay answered status %q, want created (OCTO's quirk)", pay.str("status"))
	}
	if got, want := pay.str("redirectUrl"), "http://sandbox.test/uzcard/sms/"+uuid; got != want {
		t.Errorf("redirectUrl = %q, want %q", got, want)
	}
	info := obj(pay["details"].(map[string]any))
	card := obj(info["cardInfo"].(map[string]any))
	if card.str("first6") != "860000" || card.str("last4") != "0015" {
		t.Errorf("cardInfo = %v", card)
	}
	id := pay.integer("id")
	if id <= 0 || pay.str("merchantTransId") != "o-1" {
		t.Fatalf("payment object = %v", pay)
	}
	if got := e.status("o-1").str("status"); got != "wait_user_action" {
		t.Errorf("status read after pay = %q, want wait_user_action", got)
	}

	// verificationInfo by GET and by POST, with the UUID in the path or the body
	_, vb := e.raw(http.MethodGet, "/verificationInfo/"+uuid, "")
	v := decode(t, vb).data()
	if v.str("phone") != "+998** *****67" || v.integer("secondsLeft") != 179 { // the status read moved the clock by 1 s
		t.Errorf("verificationInfo = %v", v)
	}
	e.sb.Advance(30 * time.Second)
	v2 := e.ok("/verificationInfo/"+uuid, "").data()
	v3 := e.ok("/verificationInfo", map[string]any{"octo_payment_UUID": uuid}).data()
	if v2.integer("secondsLeft") != 149 || v3.integer("verifyId") != v.integer("verifyId") {
		t.Errorf("after 30 s: %v, %v", v2, v3)
	}

	sms := e.sb.SMS()
	if len(sms) != 1 || sms[0].Phone != "998901234567" || sms[0].PaymentUUID != uuid || len(sms[0].Code) != 6 {
		t.Fatalf("outbox = %+v", sms)
	}
	done := e.ok("/check_sms_key", map[string]any{"smsKey": sms[0].Code, "paymentId": id, "verifyId": json.Number(jsonString(v.integer("verifyId")))}).data()
	if done.str("status") != "succeeded" || done.str("selectedMethod") != "uzcard" {
		t.Fatalf("check_sms_key = %v", done)
	}
	if !done.num("fee").Equal(dec("20")) || !done.num("transferSum").Equal(dec("980")) || done["peyedTime"] == nil {
		t.Errorf("fee %s, transferSum %s, peyedTime %v", done.num("fee"), done.num("transferSum"), done["peyedTime"])
	}
	st := e.status("o-1")
	if st.str("status") != "succeeded" || !st.num("transfer_sum").Equal(dec("980")) || st.str("payed_time") == "" {
		t.Errorf("status read = %v", st)
	}
	if e.ok("/verificationInfo/"+uuid, "").data().integer("secondsLeft") != 0 {
		t.Error("a used verification still has seconds left")
	}
	// The payment cannot be paid again.
	refused(t, e.post("/pay/"+uuid, cardBody("8600000000000015", "uzcard")), 8, "succeeded")
}

func jsonString(n int64) string { return strings.TrimSpace(string(mustJSONAny(n))) }

func mustJSONAny(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestVerifyIDAsStringIsAccepted(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare("o-1", true, "1000", nil)
	id, vid := e.payOTP(uuid, "9860000000000018", "humo")
	// S1's example sends verifyId as a string.
	body := `{"smsKey":"` + e.code(uuid) + `","paymentId":` + jsonString(id) + `,"verifyId":"` + jsonString(vid) + `"}`
	if o := e.ok("/check_sms_key", body).data(); o.str("status") != "succeeded" {
		t.Fatalf("humo payment = %v", o)
	}
}

func TestTwoStageCaptureAndItsRefusals(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	uuid := e.prepare("o-1", false, "1000", nil)
	id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
	held := e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid}).data()
	if held.str("status") != "waiting_for_capture" || held["expiredHoldTime"] == nil {
		t.Fatalf("after OTP = %v", held)
	}
	refused(t, e.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r1", "octo_payment_UUID": uuid, "amount": 10}), 8, "succeeded")
	refused(t, e.accept(uuid, "capture", "1000.01"), 14, "exceeds")
	refused(t, e.accept(uuid, "hold-on", ""), 1, "accept_status")
	refused(t, e.accept("no-such-uuid", "capture", "1"), 7, "not found")

	o := e.accept(uuid, "capture", "600")
	if o.code() != 0 {
		t.Fatalf("capture: %v", o)
	}
	d := o.data()
	if d.str("status") != "succeeded" || !d.num("total_sum").Equal(dec("600")) || !d.num("transfer_sum").Equal(dec("588")) || d.str("payed_time") == "" {
		t.Errorf("capture answer = %v", d)
	}
	if _, ok := o["apiMessageForDevelopers"]; !ok {
		t.Error("capture answer has no apiMessageForDevelopers")
	}
	if st := e.status("o-1"); !st.num("total_sum").Equal(dec("600")) {
		t.Errorf("total after a partial capture = %s, want 600", st.num("total_sum"))
	}
	refused(t, e.accept(uuid, "capture", ""), 8, "already captured")
	refused(t, e.accept(uuid, "cancel", ""), 8, "refund")
}

func TestTwoStageCancelAndPartialCancel(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	hold := func(tx string) string {
		uuid := e.prepare(tx, false, "1000", nil)
		id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
		e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
		return uuid
	}
	a := hold("o-1")
	if d := e.accept(a, "cancel", "").data(); d.str("status") != "canceled" {
		t.Fatalf("cancel = %v", d)
	}
	refused(t, e.accept(a, "cancel", ""), 8, "canceled")
	refused(t, e.accept(a, "capture", ""), 8, "canceled")

	b := hold("o-2")
	d := e.accept(b, "cancel", "300").data()
	if d.str("status") != "succeeded" || !d.num("total_sum").Equal(dec("700")) {
		t.Errorf("partial cancel of 300 = %v, want 700 captured", d)
	}
	c := hold("o-3")
	if d := e.accept(c, "capture", "").data(); !d.num("total_sum").Equal(dec("1000")) {
		t.Errorf("capture without final_amount = %v, want the whole hold", d)
	}
	// /callback, S1's other reading, captures as set_accept does.
	f := hold("o-4")
	o := e.ok("/callback", map[string]any{"octo_secret": secret, "octo_payment_UUID": f, "accept_status": "capture", "final_amount": json.Number("437.66")})
	if !o.data().num("total_sum").Equal(dec("437.66")) {
		t.Errorf("callback capture = %v", o.data())
	}
}

func TestHoldTimesOut(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, HoldTimeout: 10 * time.Minute})
	uuid := e.prepare("o-1", false, "1000", nil)
	id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
	e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
	e.sb.Advance(9 * time.Minute)
	if got := e.status("o-1").str("status"); got != "waiting_for_capture" {
		t.Fatalf("status before the timeout = %q", got)
	}
	e.sb.Advance(time.Minute)
	if got := e.status("o-1").str("status"); got != "canceled" {
		t.Fatalf("status after the hold timeout = %q, want canceled", got)
	}
	refused(t, e.accept(uuid, "capture", ""), 8, "canceled")
}

func TestUnpaidPaymentExpiresAfterTTL(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"ttl": 5})
	e.sb.Advance(5 * time.Minute)
	refused(t, e.post("/pay/"+uuid, cardBody("8600000000000015", "uzcard")), 9, "expired")
	if got := e.status("o-1").str("status"); got != "canceled" {
		t.Fatalf("status after ttl = %q, want canceled", got)
	}
	// The default ttl (15 minutes) applies when none is given.
	u2 := e.prepare("o-2", true, "1000", map[string]any{"ttl": nil})
	e.sb.Advance(14 * time.Minute)
	id, vid := e.payOTP(u2, "8600000000000015", "uzcard")
	e.sb.Advance(time.Minute)
	refused(t, e.checkSMS(id, vid, e.code(u2)), 9, "expired")
}

func TestThreeWrongCodesCancel(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	uuid := e.prepare("o-1", true, "1000", nil)
	id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
	good := e.code(uuid)
	bad := "000000"
	if good == bad {
		bad = "111111"
	}
	refused(t, e.checkSMS(id, vid, bad), -270, "2 attempts left")
	refused(t, e.checkSMS(id, vid, bad), -270, "1 attempts left")
	refused(t, e.checkSMS(id, vid, bad), -270, "canceled")
	refused(t, e.checkSMS(id, vid, good), 8, "canceled")
	if got := e.status("o-1").str("status"); got != "canceled" {
		t.Fatalf("status = %q, want canceled", got)
	}
	refused(t, e.checkSMS(999999, vid, good), 7, "not found")
}

func TestOTPExpiryAndResend(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true, MaxResends: 2})
	uuid := e.prepare("o-1", true, "1000", nil)
	id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
	first := e.code(uuid)
	e.sb.Advance(3 * time.Minute)
	v := e.ok("/verificationInfo/"+uuid, "")
	if v.code() != 0 || v.data().integer("secondsLeft") != 0 {
		t.Fatalf("expired verification = %v, want error 0 with secondsLeft 0", v)
	}
	refused(t, e.checkSMS(id, vid, first), 12, "expired")

	resend := map[string]any{"pan": "8600000000000015", "expDate": "3012", "paymentId": id}
	refused(t, e.post("/check_pan", map[string]any{"pan": "8600000000000023", "expDate": "3012", "paymentId": id}), 1, "do not match")
	refused(t, e.post("/check_pan", map[string]any{"pan": "8600000000000015", "expDate": "3011", "paymentId": id}), 1, "do not match")
	n := e.ok("/check_pan", resend).data()
	if n.integer("verifyId") == vid || n.integer("secondsLeft") != 180 || n.str("phone") != "+998** *****67" {
		t.Fatalf("check_pan = %v", n)
	}
	second := e.code(uuid)
	if len(e.sb.SMS()) != 2 {
		t.Fatalf("outbox has %d messages, want 2", len(e.sb.SMS()))
	}
	refused(t, e.checkSMS(id, vid, second), 12, "not active") // the old verifyId
	e.ok("/check_pan", resend)
	refused(t, e.post("/check_pan", resend), 17, "Maximum number of SMS resend attempts")
	third := e.code(uuid)
	cur := e.ok("/verificationInfo/"+uuid, "").data().integer("verifyId")
	if d := e.ok("/check_sms_key", map[string]any{"smsKey": third, "paymentId": id, "verifyId": cur}).data(); d.str("status") != "succeeded" {
		t.Fatalf("after resends = %v", d)
	}
	refused(t, e.post("/check_pan", resend), 8, "succeeded")
}

func TestTestCardOutcomes(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	for _, c := range []struct {
		pan, method, msg string
	}{
		{"8600000000000023", "uzcard", "Insufficient funds"},
		{"9860000000000026", "humo", "Declined by the issuer"},
	} {
		tx := e.txID()
		uuid := e.prepare(tx, true, "1000", nil)
		id, vid := e.payOTP(uuid, c.pan, c.method)
		refused(t, e.checkSMS(id, vid, e.code(uuid)), 10, c.msg)
		if got := e.status(tx).str("status"); got != "failed" {
			t.Errorf("%s: status %q, want failed", c.pan, got)
		}
	}
	uuid := e.prepare(e.txID(), true, "1000", nil)
	refusals := []struct {
		body map[string]any
		code int
		msg  string
	}{
		{cardBody("8600000000000049", "uzcard"), 10, "blocked"},
		{cardBody("8600000000000016", "uzcard"), 1, "Luhn"},
		{cardBody("86000000", "uzcard"), 1, "pan"},
		{cardBody("4111111111111111", "uzcard"), 1, "not method uzcard"},
		{cardBody("8600000000000015", "bank_card"), 1, "not method bank_card"},
		{cardBody("6011000000000004", "bank_card"), 10, "not supported"},
		{cardBody("8600000000000015", "qiwi"), 1, "method"},
		{map[string]any{"pan": "8600000000000015", "exp": "2501", "method": "uzcard"}, 10, "expired"},
		{map[string]any{"pan": "8600000000000015", "exp": "3013", "method": "uzcard"}, 1, "exp"},
		{map[string]any{"pan": "8600000000000015", "method": "uzcard"}, 1, "exp"},
		{map[string]any{"exp": "3012", "method": "uzcard"}, 1, "pan"},
		{map[string]any{"pan": "4111111111111111", "exp": "3012", "method": "bank_card", "cardHolderName": "X"}, 1, "cvc2"},
		{map[string]any{"pan": "4111111111111111", "exp": "3012", "method": "bank_card", "cvc2": "123"}, 1, "cardHolderName"},
	}
	for _, r := range refusals {
		refused(t, e.post("/pay/"+uuid, r.body), r.code, r.msg)
	}
	refused(t, e.post("/pay/no-such-payment", cardBody("8600000000000015", "uzcard")), 7, "not found")
	// A payment limited to humo refuses uzcard.
	only := e.prepare(e.txID(), true, "1000", map[string]any{"payment_methods": []map[string]any{{"method": "humo"}}})
	refused(t, e.post("/pay/"+only, cardBody("8600000000000015", "uzcard")), 1, "not allowed")
	// Any other Luhn-valid card of a known scheme is approved.
	other := e.prepare(e.txID(), true, "1000", nil)
	id, vid := e.payOTP(other, "8600123412341239", "uzcard")
	if d := e.ok("/check_sms_key", map[string]any{"smsKey": e.code(other), "paymentId": id, "verifyId": vid}).data(); d.str("status") != "succeeded" {
		t.Errorf("another uzcard: %v", d)
	}
}

func TestLostAnswerCard(t *testing.T) {
	e := newLoopbackEnv(t, sandbox.Options{NoRateLimit: true, LostAnswerDelay: 20 * time.Millisecond})
	uuid := e.prepare("o-1", true, "1000", nil)
	id, vid := e.payOTP(uuid, "8600000000000031", "uzcard")
	body := mustJSON(t, map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
	resp, err := e.hc.Post(e.base+"/check_sms_key", "application/json", strings.NewReader(body))
	if err == nil {
		resp.Body.Close()
		t.Fatalf("check_sms_key answered HTTP %d; the answer should be lost", resp.StatusCode)
	}
	if got := e.status("o-1").str("status"); got != "succeeded" {
		t.Fatalf("status after the lost answer = %q, want succeeded", got)
	}
	var dropped bool
	for _, ev := range e.sb.Events() {
		dropped = dropped || (ev.Kind == sandbox.EventDropped && ev.PaymentUUID == uuid)
	}
	if !dropped {
		t.Error("no dropped event in the log")
	}
}

func TestLostAnswerEndsWithTheClientsContext(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true}) // default delay: 2 minutes
	uuid := e.prepare("o-1", false, "1000", nil)
	id, vid := e.payOTP(uuid, "8600000000000031", "uzcard")
	e.hc.Timeout = 50 * time.Millisecond
	body := mustJSON(t, map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
	if resp, err := e.hc.Post(e.base+"/check_sms_key", "application/json", strings.NewReader(body)); err == nil {
		resp.Body.Close()
		t.Fatal("check_sms_key answered")
	}
	e.hc.Timeout = 0
	if got := e.status("o-1").str("status"); got != "waiting_for_capture" {
		t.Fatalf("status = %q, want waiting_for_capture", got)
	}
}

func TestThreeDSecure(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	for _, c := range []struct {
		pan, result, want string
		auto              bool
	}{
		{"4111111111111111", "approve", "succeeded", true},
		{"5555555555554444", "approve", "waiting_for_capture", false},
		{"4000000000000002", "approve", "failed", true},
		{"4111111111111111", "decline", "failed", true},
	} {
		tx := e.txID()
		uuid := e.prepare(tx, c.auto, "1000", nil)
		p := e.ok("/pay/"+uuid, cardBody(c.pan, "bank_card")).data()
		if got, want := p.str("redirectUrl"), "http://sandbox.test/3ds/"+uuid; got != want || p.str("status") != "created" {
			t.Fatalf("pay: redirectUrl %q status %q", got, p.str("status"))
		}
		_, page := e.raw(http.MethodGet, "/3ds/"+uuid, "")
		if !strings.Contains(string(page), "Approve") || !strings.Contains(string(page), "Decline") || strings.Contains(string(page), c.pan) {
			t.Fatalf("3-D Secure page: %s", page)
		}
		// No code session for a card on 3-D Secure: OCTO's "inactive", error 0 with secondsLeft 0.
		if v := e.ok("/verificationInfo/", map[string]any{"octo_payment_UUID": uuid}).data(); v.integer("secondsLeft") != 0 {
			t.Fatalf("verificationInfo of a 3-D Secure payment: %v", v)
		}
		status, b := e.raw(http.MethodPost, "/sandbox/3ds/"+uuid, `{"result":"`+c.result+`"}`)
		if status != http.StatusOK {
			t.Fatalf("control 3ds: HTTP %d %s", status, b)
		}
		if got := e.status(tx).str("status"); got != c.want {
			t.Errorf("%s %s: status %q, want %q", c.pan, c.result, got, c.want)
		}
		if status, _ := e.raw(http.MethodPost, "/sandbox/3ds/"+uuid, `{"result":"approve"}`); status != http.StatusConflict {
			t.Errorf("a second 3-D Secure answer: HTTP %d, want 409", status)
		}
	}
	if status, _ := e.raw(http.MethodPost, "/sandbox/3ds/x", `{"result":"maybe"}`); status != http.StatusBadRequest {
		t.Errorf("bad result: HTTP %d", status)
	}
	if err := e.sb.Complete3DS("nope", true); err == nil {
		t.Error("Complete3DS of an unknown payment succeeded")
	}
}

func TestThreeDSecurePageFormRedirectsToReturnURL(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	uuid := e.prepare("o-1", true, "1000", nil)
	e.ok("/pay/"+uuid, cardBody("4111111111111111", "bank_card"))
	req, _ := http.NewRequest(http.MethodPost, e.base+"/3ds/"+uuid, strings.NewReader("result=approve"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := e.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "https://shop.example/return?octo_status=succeeded&order=o-1" {
		t.Fatalf("HTTP %d Location %q", resp.StatusCode, loc)
	}
}

func TestOTPPageForm(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	e.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	uuid := e.prepare("o-1", true, "1000", nil)
	e.ok("/pay/"+uuid, cardBody("8600000000000015", "uzcard"))
	_, page := e.raw(http.MethodGet, "/uzcard/sms/"+uuid, "")
	if !strings.Contains(string(page), "998** *****67") || strings.Contains(string(page), e.code(uuid)) {
		t.Fatalf("OTP page: %s", page)
	}
	req, _ := http.NewRequest(http.MethodPost, e.base+"/uzcard/sms/"+uuid, strings.NewReader("code="+e.code(uuid)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := e.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || e.status("o-1").str("status") != "succeeded" {
		t.Fatalf("HTTP %d, status %s", resp.StatusCode, e.status("o-1").str("status"))
	}
}

func TestRefunds(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	uuid := e.paid("o-1", true, "100000", nil)
	refund := func(id, amount string) obj {
		return e.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": id, "octo_payment_UUID": uuid, "amount": json.Number(amount)})
	}
	r1 := refund("r1", "30000")
	if r1.code() != 0 || r1.data().str("status") != "succeeded" || r1.data().str("refund_id") == "" || r1.data().str("refund_time") == "" {
		t.Fatalf("refund = %v", r1)
	}
	if _, ok := r1["errMessage"]; !ok || r1["errMessage"] != nil {
		t.Errorf("refund errMessage = %v, want null as OCTO sends it", r1["errMessage"])
	}
	again := refund("r1", "30000")
	if again.data().str("refund_id") != r1.data().str("refund_id") {
		t.Error("a repeated shop_refund_id made a new refund")
	}
	if got := e.status("o-1").num("refunded_sum"); !got.Equal(dec("30000")) {
		t.Fatalf("refunded_sum = %s after a repeated refund, want 30000", got)
	}
	refused(t, refund("r2", "70000.01"), 3, "Wrong amount to refund")
	refused(t, refund("r2", "0"), 1, "amount")
	e.ok("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r2", "octo_payment_UUID": uuid, "amount": "70000"})
	st := e.status("o-1")
	if st.str("status") != "succeeded" || !st.num("refunded_sum").Equal(dec("100000")) {
		t.Errorf("after a full refund: %v", st)
	}
	refused(t, refund("r3", "12800"), 3, "Wrong amount")

	other := e.paid("o-2", true, "50000", nil)
	refused(t, e.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r1", "octo_payment_UUID": other, "amount": 20000}), 1, "already used")
	unpaid := e.prepare("o-3", true, "100000", nil)
	refused(t, e.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r9", "octo_payment_UUID": unpaid, "amount": 20000}), 8, "succeeded")

	big := e.paid("o-4", true, "20000000", nil)
	refused(t, e.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r10", "octo_payment_UUID": big, "amount": 10000001}), 3, "10000000")
}

func TestFiscalData(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	uuid := e.paid("o-1", true, "1000", map[string]any{"user_data": map[string]any{"user_id": "u", "phone": "998781290011", "email": "a@b.c"}})
	d := e.ok("/fiscal-data", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "payment_uuid": uuid}).data()
	if d.str("phone") != "998781290011" || d.str("message") != "accepted" || !strings.HasPrefix(d.str("qrCodeURL"), "https://ofd.soliq.uz/epi?") || len(d.str("dateTime")) != 14 {
		t.Errorf("fiscal data = %v", d)
	}
	unpaid := e.prepare("o-2", true, "1000", nil)
	refused(t, e.post("/fiscal-data", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "payment_uuid": unpaid}), 8, "created")
	refused(t, e.post("/fiscal-data", map[string]any{"octo_shop_id": shopID, "octo_secret": secret}), 1, "payment_uuid")
}
