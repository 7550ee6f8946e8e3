package run

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Wire tests: what the flows send is read back from the sandbox's event
// log, the request as OCTO would receive it (redacted there: the secret,
// CVC and codes replaced, the card number masked; those fields are checked
// on the raw request in wire_sensitive_test.go).

// sent returns the bodies of the requests of method the sandbox logged,
// oldest first, decoded field by field.
func sent(t *testing.T, sb *sandbox.Sandbox, method string) []map[string]json.RawMessage {
	t.Helper()
	var out []map[string]json.RawMessage
	for _, e := range sb.Events() {
		if e.Kind != sandbox.EventRequest || e.Method != method {
			continue
		}
		var m map[string]json.RawMessage
		if len(e.Body) > 0 {
			if err := json.Unmarshal(e.Body, &m); err != nil {
				t.Fatalf("%s body %s: %v", method, e.Body, err)
			}
		}
		out = append(out, m)
	}
	return out
}

// lastSent is the body of the last request of method.
func lastSent(t *testing.T, sb *sandbox.Sandbox, method string) map[string]json.RawMessage {
	t.Helper()
	all := sent(t, sb, method)
	if len(all) == 0 {
		t.Fatalf("no %s request in the sandbox's log", method)
	}
	return all[len(all)-1]
}

// field is one field of a logged body as compact JSON text.
func field(t *testing.T, body map[string]json.RawMessage, name string) string {
	t.Helper()
	raw, ok := body[name]
	if !ok {
		return "<absent>"
	}
	// Re-encoded with its keys sorted, numbers as written (never float64).
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// The phone and e-mail the cashier typed reach OCTO as a complete
// user_data (user_id, phone, email), and the e-mail again on pay.
func TestWireUserData(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	o := e.order("15000")
	o.Customer = ""
	o.Phone, o.Email = "998935550011", "qa@example.uz"
	p, err := flows.NewCardPayment(flows.Sale, o, cardFor(octotest.PAN))
	if err != nil {
		t.Fatal(err)
	}
	p = e.code(e.drive(p, flows.Start{}))
	if p.State != flows.Succeeded {
		t.Fatalf("got %s: %s", p.State, p.Problem)
	}
	prep := lastSent(t, e.sb, "prepare_payment")
	if got, want := field(t, prep, "user_data"), `{"email":"qa@example.uz","phone":"998935550011","user_id":"998935550011"}`; got != want {
		t.Errorf("user_data: got %s, want %s", got, want)
	}
	if got := field(t, lastSent(t, e.sb, "pay"), "email"); got != `"qa@example.uz"` {
		t.Errorf("pay's email: got %s", got)
	}
}

// With neither a phone nor an e-mail no user_data is sent, and pay
// carries no e-mail.
func TestWireNoUserData(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	p := e.code(e.pay(flows.Sale, octotest.PAN, "15000"))
	if p.State != flows.Succeeded {
		t.Fatalf("got %s: %s", p.State, p.Problem)
	}
	if got := field(t, lastSent(t, e.sb, "prepare_payment"), "user_data"); got != "<absent>" {
		t.Errorf("user_data: got %s, want none", got)
	}
	if got := field(t, lastSent(t, e.sb, "pay"), "email"); got != "<absent>" {
		t.Errorf("pay's email: got %s, want none", got)
	}
}

// cardFor is a test card with the holder the sandbox needs, and a CVC for
// international cards.
func cardFor(pan string) octo.Card {
	c := octo.Card{PAN: pan, Exp: octotest.Exp, HolderName: "TEST CARD"}
	if flows.MethodOf(pan) == octo.MethodBankCard {
		c.CVC = octotest.CVC
	}
	return c
}

// Every payment carries one basket line — the description typed, count 1,
// the amount — with the shop's fiscal codes.
func TestWireBasket(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	nds := 1
	o := e.order("15000.50")
	o.Description = "Chai, 2 cups"
	o.Fiscal = flows.FiscalCodes{SPIC: "00305001001000000", PackageCode: "1425207", NDS: &nds, INN: "123456789"}
	p, err := flows.NewCardPayment(flows.Sale, o, cardFor(octotest.PAN))
	if err != nil {
		t.Fatal(err)
	}
	e.drive(p, flows.Start{})
	want := `[{"count":1,"inn":"123456789","nds":1,"package_code":"1425207","position_desc":"Chai, 2 cups","price":15000.50,"spic":"00305001001000000"}]`
	if got := field(t, lastSent(t, e.sb, "prepare_payment"), "basket"); got != want {
		t.Errorf("basket: got %s, want %s", got, want)
	}
}
