package run

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// tap records the raw request bodies on their way to the sandbox: the
// card number, the CVC and the code are redacted in the sandbox's log, so
// their exact value on the wire is read here.
type tap struct {
	rt     http.RoundTripper
	mu     sync.Mutex
	bodies map[string][]map[string]json.RawMessage // by path, oldest first
}

func (t *tap) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(b))
		var m map[string]json.RawMessage
		if json.Unmarshal(b, &m) == nil {
			path := req.URL.Path
			if strings.HasPrefix(path, "/pay/") {
				path = "/pay"
			}
			t.mu.Lock()
			t.bodies[path] = append(t.bodies[path], m)
			t.mu.Unlock()
		}
	}
	return t.rt.RoundTrip(req)
}

func (t *tap) last(tt *testing.T, path string) map[string]json.RawMessage {
	tt.Helper()
	t.mu.Lock()
	defer t.mu.Unlock()
	bs := t.bodies[path]
	if len(bs) == 0 {
		tt.Fatalf("no request to %s", path)
	}
	return bs[len(bs)-1]
}

// tapped is an e2e whose client's requests pass through a tap.
func tapped(t *testing.T) (*e2e, *tap) {
	e := newE2E(t, sandbox.Options{})
	tp := &tap{rt: e.sb.Client().Transport, bodies: map[string][]map[string]json.RawMessage{}}
	e.client = octo.NewClient(e.sb.ShopID(), e.sb.Secret(), octo.WithBaseURL("http://sandbox.test"),
		octo.WithHTTPClient(&http.Client{Transport: tp}), octo.WithTimeout(500*time.Millisecond),
		octo.WithRetry(octo.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, MinReadInterval: time.Nanosecond}))
	e.runner.Gateway = e.client
	return e, tp
}

// One test per field the cashier types, on an Uzcard sale with a code:
// each value is asserted exactly as OCTO receives it — in the sandbox's
// log, and for the card number and the code (redacted there) on the wire.
func TestWireTypedFieldsUzcardSale(t *testing.T) {
	e, tp := tapped(t)
	o := e.order("15000.50")
	o.Customer = ""
	o.Description, o.Phone, o.Email = "Chai, 2 cups", "998935550011", "qa@example.uz"
	p, err := flows.NewCardPayment(flows.Sale, o, octo.Card{PAN: "8600000000000015", Exp: "2912", HolderName: "ALI VALIYEV"})
	if err != nil {
		t.Fatal(err)
	}
	p = e.drive(p, flows.Start{})
	code, _ := e.sb.LastCode(p.PaymentUUID)
	p = e.drive(p, flows.SubmitCode{Code: code, At: e.clock.Now()})
	if p.State != flows.Succeeded {
		t.Fatalf("got %s: %s", p.State, p.Problem)
	}
	prep, pay, check := lastSent(t, e.sb, "prepare_payment"), lastSent(t, e.sb, "pay"), lastSent(t, e.sb, "check_sms_key")
	for _, c := range []struct {
		field string
		body  map[string]json.RawMessage
		name  string
		want  string
	}{
		{"amount", prep, "total_sum", `15000.50`},
		{"description", prep, "description", `"Chai, 2 cups"`},
		{"phone", prep, "user_data", `{"email":"qa@example.uz","phone":"998935550011","user_id":"998935550011"}`},
		{"e-mail on pay", pay, "email", `"qa@example.uz"`},
		{"card number (logged masked)", pay, "pan", `"860000** **** 0015"`},
		{"expiry as YYMM", pay, "exp", `"2912"`},
		{"holder", pay, "cardHolderName", `"ALI VALIYEV"`},
		{"no CVC for Uzcard", pay, "cvc2", `"REDACTED"`},
		{"code (logged redacted)", check, "smsKey", `"REDACTED"`},
	} {
		if got := field(t, c.body, c.name); got != c.want {
			t.Errorf("%s: %s = %s, want %s", c.field, c.name, got, c.want)
		}
	}
	if got := field(t, tp.last(t, "/pay"), "pan"); got != `"8600000000000015"` {
		t.Errorf("card number on the wire: %s", got)
	}
	if got := field(t, tp.last(t, "/pay"), "cvc2"); got != `""` {
		t.Errorf("CVC on the wire for Uzcard: %s, want empty", got)
	}
	if got := field(t, tp.last(t, "/check_sms_key"), "smsKey"); got != `"`+code+`"` {
		t.Errorf("code on the wire: %s, want %q", got, code)
	}
}

// The rest on a Visa hold: the CVC, a part capture and a refund, each as
// typed.
func TestWireTypedFieldsVisaHold(t *testing.T) {
	e, tp := tapped(t)
	o := e.order("100000")
	p, err := flows.NewCardPayment(flows.Hold, o, octo.Card{PAN: "4111 1111 1111 1111", Exp: "3012", CVC: "9174", HolderName: "ALI VALIYEV"})
	if err != nil {
		t.Fatal(err)
	}
	p, effs, err := p.Handle(flows.Start{})
	for err == nil && p.State != flows.Awaiting3DS && !p.State.Final() {
		p, effs, err = p.Handle(e.runner.RunAll(t.Context(), effs))
	}
	if err != nil || p.State != flows.Awaiting3DS {
		t.Fatalf("got %s, %v", p.State, err)
	}
	if err := e.sb.Complete3DS(p.PaymentUUID, true); err != nil {
		t.Fatal(err)
	}
	p = e.drive(p, e.runner.RunAll(t.Context(), effs))
	if p.State != flows.Held {
		t.Fatalf("got %s: %s", p.State, p.Problem)
	}
	p = e.drive(p, flows.Capture{Amount: octotest.Dec("60000.25")})
	p = e.drive(p, flows.Refund{Amount: octotest.Dec("20000.75")})
	if p.State != flows.Succeeded || !p.Refunded.Equal(octotest.Dec("20000.75")) {
		t.Fatalf("got %s refunded %s: %s", p.State, p.Refunded, p.Problem)
	}
	pay := lastSent(t, e.sb, "pay")
	for _, c := range []struct{ what, got, want string }{
		{"card number as typed with spaces, logged masked", field(t, pay, "pan"), `"411111** **** 1111"`},
		{"card number on the wire, digits only", field(t, tp.last(t, "/pay"), "pan"), `"4111111111111111"`},
		{"CVC logged redacted", field(t, pay, "cvc2"), `"REDACTED"`},
		{"CVC on the wire", field(t, tp.last(t, "/pay"), "cvc2"), `"9174"`},
		{"expiry", field(t, pay, "exp"), `"3012"`},
		{"method", field(t, pay, "method"), `"bank_card"`},
		{"capture amount", field(t, lastSent(t, e.sb, "set_accept"), "final_amount"), `60000.25`},
		{"refund amount", field(t, lastSent(t, e.sb, "refund"), "amount"), `20000.75`},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.what, c.got, c.want)
		}
	}
}
