package sandbox_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// The sandbox refuses what OCTO's documents refuse: one test per rule
// listed in README.md ("Rules enforced").

// REFERENCE §2.1: user_id, phone and email are all required once
// user_data is sent; the phone is 12 digits with no "+".
func TestRuleUserDataComplete(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	full := map[string]any{"user_id": "998901234567", "phone": "998901234567", "email": "qa@example.uz"}
	for _, c := range []struct {
		drop, set, value, want string
	}{
		{drop: "user_id", want: "user_data.user_id"},
		{drop: "phone", want: "user_data.phone"},
		{drop: "email", want: "user_data.email"},
		{set: "user_id", value: "  ", want: "user_data.user_id"},
		{set: "phone", value: "+998901234567", want: "user_data.phone"},
		{set: "phone", value: "901234567", want: "user_data.phone"},
		{set: "email", value: "qa.example.uz", want: "user_data.email"},
	} {
		u := map[string]any{}
		for k, v := range full {
			u[k] = v
		}
		if c.drop != "" {
			delete(u, c.drop)
		} else {
			u[c.set] = c.value
		}
		refused(t, e.post("/prepare_payment", prepareBody(e.txID(), true, "15000", map[string]any{"user_data": u})), 1, c.want)
	}
	e.ok("/prepare_payment", prepareBody(e.txID(), true, "15000", map[string]any{"user_data": full}))
}

// REFERENCE §2.3: pay requires email when the payment was created with
// user_data; without user_data it may be left out.
func TestRulePayNeedsEmailAfterUserData(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	withUser := e.prepare(e.txID(), true, "15000", map[string]any{"user_data": map[string]any{
		"user_id": "u-1", "phone": "998901234567", "email": "qa@example.uz"}})
	noEmail := cardBody("8600000000000015", "uzcard")
	delete(noEmail, "email")
	refused(t, e.post("/pay/"+withUser, noEmail), 1, "email")
	e.ok("/pay/"+withUser, cardBody("8600000000000015", "uzcard"))

	plain := e.prepare(e.txID(), true, "15000", nil)
	e.ok("/pay/"+plain, noEmail)
}

// REFERENCE §2.5 (S1): a code session that can no longer be used — the
// payment's ttl canceled it, or three wrong codes did — answers error 0
// with secondsLeft 0, not an error.
func TestRuleVerificationInfoOfADeadSession(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	expired := e.prepare(e.txID(), true, "15000", map[string]any{"ttl": 5})
	e.payOTP(expired, "8600000000000015", "uzcard")
	e.sb.Advance(6 * time.Minute)

	wrong := e.prepare(e.txID(), true, "15000", nil)
	id, vid := e.payOTP(wrong, "8600000000000015", "uzcard")
	for range 3 {
		e.checkSMS(id, vid, "000000x")
	}
	for name, uuid := range map[string]string{"ttl": expired, "three wrong codes": wrong} {
		o := e.post("/verificationInfo/"+uuid, "")
		if o.code() != 0 || o.data().integer("secondsLeft") != 0 {
			t.Errorf("%s: error %d, data %v; want error 0 with secondsLeft 0", name, o.code(), o.data())
		}
		if st := e.status(shopTx(t, e, uuid)); st.str("status") != "canceled" {
			t.Errorf("%s: status %s, want canceled", name, st.str("status"))
		}
	}
}

// shopTx finds a payment's shop_transaction_id in the event log.
func shopTx(t *testing.T, e *env, uuid string) string {
	t.Helper()
	for _, ev := range e.sb.Events() {
		if ev.Kind == sandbox.EventResponse && ev.Method == "prepare_payment" && ev.PaymentUUID == uuid {
			var b struct {
				Data struct {
					ID string `json:"shop_transaction_id"`
				} `json:"data"`
			}
			_ = json.Unmarshal(ev.Body, &b)
			return b.Data.ID
		}
	}
	t.Fatalf("no prepare_payment answer for %s", uuid)
	return ""
}

// REFERENCE §2.9 (P-refund): succeeded payments only; at least 1 USD's
// equivalent (RefundMin, 12 800 UZS by default; 1.00 USD); at most
// 10 000 000 UZS per refund; all refunds together at most what was
// charged. A 5 000 UZS refund is refused.
func TestRuleRefundLimits(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	uuid := e.paid(e.txID(), true, "30000000", nil)
	refund := func(id, amount string) obj {
		return e.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": id,
			"octo_payment_UUID": uuid, "amount": json.Number(amount)})
	}
	refused(t, refund("r-small", "5000"), 3, "at least 12800.00 UZS")
	refused(t, refund("r-big", "10000000.01"), 3, "at most 10000000 UZS")
	for i, amt := range []string{"10000000", "10000000", "9987200"} {
		if o := refund("r-"+string(rune('a'+i)), amt); o.code() != 0 {
			t.Fatalf("refund %s: %v", amt, o)
		}
	}
	refused(t, refund("r-over", "12800.01"), 3, "more than the 12800.00 left")
	e.ok("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r-last",
		"octo_payment_UUID": uuid, "amount": json.Number("12800")})

	// The minimum is the shop's: configured, it moves.
	e2 := newEnv(t, sandbox.Options{NoRateLimit: true, RefundMin: decimal.NewFromInt(13500)})
	u2 := e2.paid(e2.txID(), true, "50000", nil)
	refused(t, e2.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r",
		"octo_payment_UUID": u2, "amount": 13000}), 3, "at least 13500.00")
	// USD: 1.00.
	u3 := e2.paid(e2.txID(), true, "50", map[string]any{"currency": "USD"})
	refused(t, e2.post("/refund", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_refund_id": "r-usd",
		"octo_payment_UUID": u3, "amount": json.Number("0.99")}), 3, "1 USD")
}

// A request body over 1 MB gets OCTO's error envelope (HTTP 200, error 1),
// not a reset connection. The bound is the sandbox's own (OCTO states none).
func TestRuleBodyOverOneMegabyte(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	big := `{"octo_shop_id":1,"octo_secret":"sandbox-secret","description":"` + strings.Repeat("x", 1<<20) + `"}`
	status, b := e.raw(http.MethodPost, "/prepare_payment", big)
	if status != http.StatusOK {
		t.Fatalf("HTTP %d", status)
	}
	refused(t, decode(t, b), 1, "over 1048576 bytes")
}

// REFERENCE §2.1 and §2.13 (P-fiscal): a basket line needs position_desc,
// count and price; its fiscal codes, when given, must be a combination
// registered for the shop, else error 403 with OCTO's message.
func TestRuleBasket(t *testing.T) {
	one := 1
	e := newEnv(t, sandbox.Options{Fiscal: []sandbox.FiscalObject{{SPIC: "00305001001000000", PackageCode: "1425207", NDS: &one, INN: "123456789"}}})
	line := func(extra map[string]any) map[string]any {
		l := map[string]any{"position_desc": "Chai", "count": 1, "price": 15000}
		for k, v := range extra {
			if v == nil {
				delete(l, k)
				continue
			}
			l[k] = v
		}
		return map[string]any{"basket": []map[string]any{l}}
	}
	for _, k := range []string{"position_desc", "count", "price"} {
		refused(t, e.post("/prepare_payment", prepareBody(e.txID(), true, "15000", line(map[string]any{k: nil}))), 1, "basket[0]."+k)
	}
	e.ok("/prepare_payment", prepareBody(e.txID(), true, "15000", line(nil))) // no fiscal codes: not checked
	registered := map[string]any{"spic": "00305001001000000", "package_code": "1425207", "nds": 1, "inn": "123456789"}
	e.ok("/prepare_payment", prepareBody(e.txID(), true, "15000", line(registered)))
	other := map[string]any{"spic": "00305001001000000", "package_code": "1425207", "nds": 0, "inn": "123456789"}
	refused(t, e.post("/prepare_payment", prepareBody(e.txID(), true, "15000", line(other))), 403,
		"Fiscal object with merchant ID 1 spic : 00305001001000000 package code : 1425207 nds : 0 inn : 123456789 pinfl : null not contains in system")
	// Nothing registered: any fiscal code is refused.
	bare := newEnv(t, sandbox.Options{})
	refused(t, bare.post("/prepare_payment", prepareBody(bare.txID(), true, "15000", line(registered))), 403, "not contains in system")
}

func TestFiscalFlag(t *testing.T) {
	o, err := sandbox.ParseFiscalFlag("spic=00305001001000000,package_code=1425207,nds=1,inn=123456789")
	if err != nil || o.SPIC != "00305001001000000" || o.PackageCode != "1425207" || o.NDS == nil || *o.NDS != 1 || o.INN != "123456789" {
		t.Errorf("got %+v, %v", o, err)
	}
	for _, bad := range []string{"spic", "nds=one", "vat=1"} {
		if _, err := sandbox.ParseFiscalFlag(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
