package sandbox_test

import (
	"crypto/sha1" //nolint:gosec // OCTO's signature recipes are SHA-1
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

func sha1Hex(s string) string {
	h := sha1.Sum([]byte(s)) //nolint:gosec
	return hex.EncodeToString(h[:])
}

func TestNotificationsOnEveryStatusChange(t *testing.T) {
	rcv := newReceiver(t)
	e := newEnv(t, sandbox.Options{UniqueKey: "uk-123"})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"notify_url": rcv.URL + "/octo"})
	id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
	first := rcv.next(t)
	if first.str("status") != "wait_user_action" || first.str("octo_payment_UUID") != uuid || first.str("shop_transaction_id") != "o-1" {
		t.Fatalf("first notification = %v", first)
	}
	e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
	n := rcv.next(t)
	if n.str("status") != "succeeded" {
		t.Fatalf("second notification = %v", n)
	}
	want := strings.ToUpper(sha1Hex("uk-123" + uuid + "succeeded"))
	if n.str("signature") != want || len(n.str("hash_key")) != 36 {
		t.Errorf("signature %q hash_key %q, want %q", n.str("signature"), n.str("hash_key"), want)
	}
	// amounts are JSON numbers; whole amounts come as integers, as in OCTO's payloads
	if _, ok := n["total_sum"].(json.Number); !ok || !n.num("total_sum").Equal(dec("1000")) || !n.num("transfer_sum").Equal(dec("980")) || !n.num("refunded_sum").IsZero() {
		t.Errorf("amounts: %v %v %v", n["total_sum"], n["transfer_sum"], n["refunded_sum"])
	}
	if n.str("maskedPan") != "860000** **** 0015" || n.str("card_type") != "uzcard" || n.str("currency") != "UZS" || len(n.str("rrn")) != 12 || n.str("payed_time") == "" {
		t.Errorf("card fields: %v", n)
	}
	for _, k := range []string{"card_country", "riskLevel", "is_physical_card", "card_vendor"} {
		if _, ok := n[k]; !ok {
			t.Errorf("notification has no %s", k)
		}
	}
	// The merchant's answer is in the log.
	waitFor(t, "both deliveries in the log", func() bool {
		logged := 0
		for _, ev := range e.sb.Events() {
			if ev.Kind == sandbox.EventNotification && ev.PaymentUUID == uuid && ev.HTTPStatus == http.StatusOK {
				logged++
			}
		}
		return logged == 2
	})
}

func TestSignatureRecipes(t *testing.T) {
	for _, c := range []struct {
		recipe string
		want   func(uuid, status, hashKey string) string
	}{
		{sandbox.RecipeSecretHash, func(u, s, h string) string {
			return strings.ToUpper(sha1Hex(strings.ToUpper(sha1Hex("s3cret"+h)) + u + s))
		}},
		{sandbox.RecipeYahont, func(u, s, h string) string {
			return strings.ToUpper(sha1Hex(strings.ToUpper(sha1Hex("yahont"+"s3cret"+h)) + u + s))
		}},
	} {
		rcv := newReceiver(t)
		e := newEnv(t, sandbox.Options{Secret: "s3cret", SignatureRecipe: c.recipe})
		o := e.ok("/prepare_payment", prepareBody("o-1", true, "1000", map[string]any{"octo_secret": "s3cret", "notify_url": rcv.URL}))
		uuid := o.data().str("octo_payment_UUID")
		e.ok("/pay/"+uuid, cardBody("4111111111111111", "bank_card"))
		n := rcv.next(t)
		if got, want := n.str("signature"), c.want(uuid, "wait_user_action", n.str("hash_key")); got != want {
			t.Errorf("%s: signature %q, want %q", c.recipe, got, want)
		}
		if got := e.sb.Sign(uuid, "wait_user_action", n.str("hash_key")); got != n.str("signature") {
			t.Errorf("%s: Sign = %q, sent %q", c.recipe, got, n.str("signature"))
		}
	}
}

func TestNotificationRetriedOnTheVirtualClock(t *testing.T) {
	rcv := newReceiver(t, answer{status: 500}, answer{status: 503})
	e := newEnv(t, sandbox.Options{})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"notify_url": rcv.URL})
	e.ok("/pay/"+uuid, cardBody("4111111111111111", "bank_card"))
	if n := rcv.next(t); n.str("status") != "wait_user_action" {
		t.Fatalf("first try = %v", n)
	}
	// The retry waits for the virtual clock: nothing until it moves.
	waitFor(t, "the failure to be logged", func() bool { return countNotes(e.sb, "retry at") == 1 })
	e.sb.Advance(10 * time.Second)
	rcv.next(t)
	waitFor(t, "the second failure", func() bool { return countNotes(e.sb, "retry at") == 2 })
	e.sb.Advance(29 * time.Second)
	select {
	case n := <-rcv.ch:
		t.Fatalf("retried before the backoff: %v", n)
	default:
	}
	e.sb.Advance(time.Second)
	if n := rcv.next(t); n.str("status") != "wait_user_action" {
		t.Fatalf("third try = %v", n)
	}
	// Later notifications of the payment wait for the earlier ones: in order.
	if err := e.sb.Complete3DS(uuid, true); err != nil {
		t.Fatal(err)
	}
	if n := rcv.next(t); n.str("status") != "succeeded" {
		t.Fatalf("after 3DS = %v", n)
	}
}

func countNotes(sb *sandbox.Sandbox, part string) int {
	n := 0
	for _, ev := range sb.Events() {
		if strings.Contains(ev.Note, part) {
			n++
		}
	}
	return n
}

func countURL(sb *sandbox.Sandbox, url string) int {
	n := 0
	for _, ev := range sb.Events() {
		if ev.URL == url {
			n++
		}
	}
	return n
}

func TestWaitingForCaptureAnswerIsActedOn(t *testing.T) {
	for _, c := range []struct {
		answer, status, total string
	}{
		{`{"accept_status":"capture","final_amount":750.50}`, "succeeded", "750.5"},
		{`{"accept_status":"capture"}`, "succeeded", "1000"},
		{`{"accept_status":"cancel"}`, "canceled", "1000"},
		{`{"accept_status":"capture","final_amount":5000}`, "waiting_for_capture", "1000"}, // above the hold: refused
		{`OK`, "waiting_for_capture", "1000"},
	} {
		rcv := newReceiver(t, answer{status: 200}, answer{status: 200, body: c.answer})
		e := newEnv(t, sandbox.Options{NoRateLimit: true})
		uuid := e.prepare("o-1", false, "1000", map[string]any{"notify_url": rcv.URL})
		id, vid := e.payOTP(uuid, "8600000000000015", "uzcard")
		rcv.next(t)
		e.ok("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": id, "verifyId": vid})
		if n := rcv.next(t); n.str("status") != "waiting_for_capture" {
			t.Fatalf("notification = %v", n)
		}
		if c.status != "waiting_for_capture" {
			if n := rcv.next(t); n.str("status") != c.status || !n.num("total_sum").Equal(dec(c.total)) {
				t.Errorf("answer %s: next notification %v", c.answer, n)
			}
		} else {
			waitFor(t, "the answer to be logged", func() bool {
				return countNotes(e.sb, "answer refused")+countNotes(e.sb, "no accept_status") == 1
			})
		}
		st := e.status("o-1")
		if st.str("status") != c.status || !st.num("total_sum").Equal(dec(c.total)) {
			t.Errorf("answer %s: status %v", c.answer, st)
		}
	}
}

func TestNotificationFaults(t *testing.T) {
	rcv := newReceiver(t)
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	e.sb.Inject(sandbox.Fault{Kind: sandbox.FaultLoseNotification, Method: "succeeded"})
	e.sb.Inject(sandbox.Fault{Kind: sandbox.FaultDuplicateNotification, Method: "wait_user_action"})
	uuid := e.prepare("o-1", true, "1000", map[string]any{"notify_url": rcv.URL})
	e.ok("/pay/"+uuid, cardBody("4111111111111111", "bank_card"))
	a, b := rcv.next(t), rcv.next(t)
	if a.str("status") != "wait_user_action" || b.str("status") != "wait_user_action" || a.str("hash_key") != b.str("hash_key") {
		t.Fatalf("duplicate: %v, %v", a, b)
	}
	if err := e.sb.Complete3DS(uuid, true); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the lost notification in the log", func() bool { return countNotes(e.sb, "lost (fault)") == 1 })
	select {
	case n := <-rcv.ch:
		t.Fatalf("a lost notification arrived: %v", n)
	default:
	}
	if got := e.status("o-1").str("status"); got != "succeeded" {
		t.Errorf("status = %q; the read must tell the truth the notification did not", got)
	}
}

func TestCardBindingAndTokenPayments(t *testing.T) {
	rcv := newReceiver(t)
	bind := newReceiver(t, answer{status: 200, body: "OK"})
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	bindBody := func(tx, pan, method string) map[string]any {
		return map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": tx, "pan": pan, "exp": "3012",
			"phone": "998901234567", "method": method, "cardHolderName": "TEST HOLDER", "cvc2": "123",
			"notify_url": rcv.URL, "bind_notify_url": bind.URL}
	}
	b := e.ok("/bind_card", bindBody("bind-1", "8600000000000015", "uzcard")).data()
	tok, uuid := b.str("card_token"), b.str("octo_payment_UUID")
	if b.str("status") != "created" || tok == "" || !strings.HasPrefix(b.str("octo_pay_url"), "http://sandbox.test/") {
		t.Fatalf("bind_card = %v", b)
	}
	if st, _ := e.sb.TokenStatus(tok); st != octo.TokenInit {
		t.Fatalf("token status before the code = %s", st)
	}
	// An inactive token cannot pay.
	pay := e.prepare("o-1", true, "1000", nil)
	refused(t, e.post("/pay/"+pay, map[string]any{"card_token": tok, "method": "uzcard"}), 6, "not active")
	refused(t, e.post("/block_card_token", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "card_token": tok}), 6, "not active")

	v := e.ok("/verificationInfo/"+uuid, "").data()
	if v.integer("secondsLeft") <= 0 {
		t.Fatalf("binding verification = %v", v)
	}
	// The payment's check_sms_key is not the binding's.
	refused(t, e.post("/check_sms_key", map[string]any{"smsKey": e.code(uuid), "paymentId": 5001, "verifyId": v.integer("verifyId")}), 8, "bind_card/check_sms_key")
	c := e.ok("/bind_card/check_sms_key", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "smsKey": e.code(uuid), "paymentUUID": uuid, "verifyId": v.integer("verifyId")}).data()
	if c.str("card_token") != tok || c.str("first6") != "860000" || c.str("last4") != "0015" {
		t.Fatalf("bind_card/check_sms_key = %v", c)
	}
	n := bind.next(t)
	if n.str("status") != "active" || n.str("card_token") != tok || n.str("exp") != "3012" || n.str("shop_transaction_id") != "bind-1" {
		t.Fatalf("bind notification = %v", n)
	}
	if strings.Contains(n.str("pan"), "8600000000000015") {
		t.Error("the bind notification carries the full card number")
	}
	if st, _ := e.sb.TokenStatus(tok); st != octo.TokenActive {
		t.Fatalf("token status = %s", st)
	}
	// the authorization payment's notifications go to notify_url; it is reversed
	for {
		if n := rcv.next(t); n.str("status") == "succeeded" {
			if !n.num("refunded_sum").Equal(n.num("total_sum")) {
				t.Errorf("authorization payment not reversed: %v", n)
			}
			break
		}
	}
	// A repeated bind_card answers the same binding.
	if again := e.ok("/bind_card", bindBody("bind-1", "8600000000000015", "uzcard")).data(); again.str("card_token") != tok {
		t.Errorf("repeated bind_card = %v", again)
	}

	// Token payment: the method must match, a Uzcard token still asks for a code.
	refused(t, e.post("/pay/"+pay, map[string]any{"card_token": tok, "method": "humo"}), 1, "not method humo")
	refused(t, e.post("/pay/"+pay, map[string]any{"card_token": "nope", "method": "uzcard"}), 5, "not found")
	p := e.ok("/pay/"+pay, map[string]any{"card_token": tok, "method": "uzcard", "email": "a@b.c"}).data()
	if p.str("status") != "created" || !strings.Contains(p.str("redirectUrl"), "/uzcard/sms/") {
		t.Fatalf("token pay = %v", p)
	}
	vi := e.ok("/verificationInfo/"+pay, "").data()
	if d := e.ok("/check_sms_key", map[string]any{"smsKey": e.code(pay), "paymentId": p.integer("id"), "verifyId": vi.integer("verifyId")}).data(); d.str("status") != "succeeded" {
		t.Fatalf("token payment = %v", d)
	}

	// block, block again, unknown, pay with blocked
	blk := e.post("/block_card_token", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "card_token": tok})
	if blk.code() != 0 || blk.str("status") != "blocked" || blk["data"] != nil {
		t.Fatalf("block_card_token = %v", blk)
	}
	refused(t, e.post("/block_card_token", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "card_token": tok}), 6, "blocked")
	refused(t, e.post("/block_card_token", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "card_token": "nope"}), 5, "not found")
	p2 := e.prepare("o-2", true, "1000", nil)
	refused(t, e.post("/pay/"+p2, map[string]any{"card_token": tok, "method": "uzcard"}), 6, "blocked")

	// A Visa token is bound through 3-D Secure and then charged without it.
	vb := e.ok("/bind_card", bindBody("bind-2", "4111111111111111", "bank_card")).data()
	if !strings.Contains(vb.str("octo_pay_url"), "/3ds/") {
		t.Fatalf("Visa bind_card = %v", vb)
	}
	if err := e.sb.Complete3DS(vb.str("octo_payment_UUID"), true); err != nil {
		t.Fatal(err)
	}
	bind.next(t)
	p3 := e.prepare("o-3", false, "1000", nil)
	if d := e.ok("/pay/"+p3, map[string]any{"card_token": vb.str("card_token"), "method": "bank_card"}).data(); d.str("status") != "waiting_for_capture" {
		t.Fatalf("Visa token pay = %v", d)
	}
}

func TestBindingRefusals(t *testing.T) {
	bind := newReceiver(t, answer{status: 500}, answer{status: 500}, answer{status: 500})
	e := newEnv(t, sandbox.Options{NoRateLimit: true})
	base := func(extra map[string]any) map[string]any {
		b := map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "shop_transaction_id": e.txID(), "pan": "8600000000000015", "exp": "3012",
			"phone": "998901234567", "method": "uzcard", "notify_url": "http://merchant.example/n", "bind_notify_url": bind.URL}
		for k, v := range extra {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	refused(t, e.post("/bind_card", base(map[string]any{"notify_url": nil, "bind_notify_url": nil, "octo_secret": "wrong"})), 1, "[bindNotifyUrl, notifyUrl] must not be null or blank")
	refused(t, e.post("/bind_card", base(map[string]any{"phone": "+998901234567"})), 1, "Wrong phone format")
	refused(t, e.post("/bind_card", base(map[string]any{"phone": nil})), 1, "phone")
	refused(t, e.post("/bind_card", base(map[string]any{"pan": "8600000000000049"})), 10, "blocked")
	refused(t, e.post("/bind_card", base(map[string]any{"method": "bank_card", "pan": "4111111111111111"})), 1, "cardHolderName")
	e.prepare("o-used", true, "1000", nil)
	refused(t, e.post("/bind_card", base(map[string]any{"shop_transaction_id": "o-used"})), 1, "already used")

	// A declining card fails the token; a wrong code is refused.
	b := e.ok("/bind_card", base(map[string]any{"pan": "8600000000000023"})).data()
	uuid := b.str("octo_payment_UUID")
	vid := e.ok("/verificationInfo/"+uuid, "").data().integer("verifyId")
	refused(t, e.post("/bind_card/check_sms", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "smsKey": "x", "paymentUUID": uuid, "verifyId": vid}), -270, "Wrong confirmation code")
	refused(t, e.post("/bind_card/check_sms_key", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "smsKey": e.code(uuid), "paymentUUID": uuid, "verifyId": vid}), 10, "Insufficient funds")
	if st, _ := e.sb.TokenStatus(b.str("card_token")); st != octo.TokenFailed {
		t.Fatalf("token of a declined card = %s", st)
	}
	if n := bind.next(t); n.str("status") != "failed" {
		t.Fatalf("bind notification = %v", n)
	}
	refused(t, e.post("/bind_card/check_sms_key", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "smsKey": "1", "paymentUUID": e.prepare("o-x", true, "1", nil), "verifyId": 1}), 8, "not a card binding")

	// bind_notify_url failing three times fails an active token.
	bind2 := newReceiver(t, answer{status: 500}, answer{status: 502}, answer{status: 404})
	g := e.ok("/bind_card", base(map[string]any{"bind_notify_url": bind2.URL})).data()
	gu := g.str("octo_payment_UUID")
	gv := e.ok("/verificationInfo/"+gu, "").data().integer("verifyId")
	e.ok("/bind_card/check_sms_key", map[string]any{"octo_shop_id": shopID, "octo_secret": secret, "smsKey": e.code(gu), "paymentUUID": gu, "verifyId": gv})
	bind2.next(t)
	for i := range 2 {
		waitFor(t, "the failure to be logged", func() bool { return countURL(e.sb, bind2.URL) == 1+i })
		e.sb.Advance(30 * time.Second)
		bind2.next(t)
	}
	waitFor(t, "the token to fail", func() bool {
		st, _ := e.sb.TokenStatus(g.str("card_token"))
		return st == octo.TokenFailed
	})
	e.sb.Advance(time.Hour)
	select {
	case n := <-bind2.ch:
		t.Fatalf("a fourth bind notification: %v", n)
	case <-time.After(20 * time.Millisecond):
	}
}

func TestExpiriesOnAdvanceAreNotified(t *testing.T) {
	rcv := newReceiver(t)
	e := newEnv(t, sandbox.Options{})
	e.prepare("o-1", true, "1000", map[string]any{"notify_url": rcv.URL, "ttl": 1})
	// Nothing touches the payment: Advance alone applies the ttl.
	e.sb.Advance(time.Minute)
	if n := rcv.next(t); n.str("status") != "canceled" || n.str("shop_transaction_id") != "o-1" {
		t.Fatalf("notification = %v", n)
	}
}

func TestRealTimeClockStillAdvances(t *testing.T) {
	sb := sandbox.New(sandbox.Options{Start: start, RealTime: true})
	defer sb.Close()
	before := sb.Now()
	sb.Advance(time.Hour)
	if after := sb.Now(); after.Sub(before) < time.Hour || before.Before(start) {
		t.Fatalf("clock went from %v to %v after a one-hour advance", before, after)
	}
}
