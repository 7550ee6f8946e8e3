package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sandboxGet decodes a control API answer.
func sandboxGet(t *testing.T, base, path string, v any) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// wireRequests are the bodies of the requests of method the sandbox got,
// oldest first (redacted by the sandbox: card 6+4, no CVC, no code).
func wireRequests(t *testing.T, base, method string) []map[string]any {
	t.Helper()
	var log struct {
		Events []struct {
			Kind   string          `json:"kind"`
			Method string          `json:"method"`
			Body   json.RawMessage `json:"body"`
		} `json:"events"`
	}
	sandboxGet(t, base, "/sandbox/events", &log)
	var out []map[string]any
	for _, e := range log.Events {
		if e.Kind == "request" && e.Method == method {
			var b map[string]any
			if err := json.Unmarshal(e.Body, &b); err != nil {
				t.Fatalf("%s body: %v", method, err)
			}
			out = append(out, b)
		}
	}
	return out
}

// lastSandboxCode is the newest code the sandbox texted.
func lastSandboxCode(t *testing.T, base string) string {
	t.Helper()
	var sms struct {
		Messages []struct {
			Code string `json:"code"`
		} `json:"messages"`
	}
	sandboxGet(t, base, "/sandbox/sms", &sms)
	if len(sms.Messages) == 0 {
		t.Fatal("the sandbox texted no code")
	}
	return sms.Messages[len(sms.Messages)-1].Code
}

// TestE2EMachineSpeedReachesTheWire drives the real console against a
// standalone sandbox, typing each form whole in one write — as a scanner,
// a paste or a fast cashier does, with no pause between keys — and checks
// every typed field's value in the requests the sandbox received: the
// amount, description, phone and e-mail, the card number, expiry and
// holder, the code (accepted), the capture and the refund amounts.
func TestE2EMachineSpeedReachesTheWire(t *testing.T) {
	base := standaloneSandbox(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(`[octo]
base_url = %q
shop_id = 1
secret = "sandbox-secret"
test = true
language = "en"
return_url = "https://shop.example/done"

[console]
operator = "Dilnoza"
`, base)), 0o600); err != nil {
		t.Fatal(err)
	}
	s := launch(t, 100, 30, []string{"--config", cfg})
	s.waitText("What would you like to do?")

	// With OCTO credentials the first sale asks for a shift: the operator's
	// name is offered, the PIN typed twice, and the order follows in the
	// same burst while the journal writes the shift.
	s.send("n")
	s.waitText("Open a shift before the first sale")
	s.send("\r4829\r4829\r150000\r5 chairs\r\r90 123 45 67\rqa@example.uz\r8600000000000015\r1230\rALI VALIYEV\r")
	s.waitText("Check before sending")
	s.waitText("Charge 150 000 UZS to Uzcard 8600 00** **** 0015")
	s.send(keyEnter)
	s.waitText("OCTO sent a one-time code")
	s.send(lastSandboxCode(t, base) + keyEnter)
	s.waitText("✓ Paid")
	s.send("r20000" + keyEnter)
	s.waitText("Refund?")
	s.send("y")
	s.waitFor("the refund", regexp.MustCompile(`Paid, 20 000 UZS refunded`))

	prep := wireRequests(t, base, "prepare_payment")
	if len(prep) != 1 {
		t.Fatalf("%d prepare_payment requests, want 1", len(prep))
	}
	p := prep[0]
	if fmt.Sprint(p["total_sum"]) != "150000" || p["description"] != "5 chairs" || p["language"] != "en" {
		t.Errorf("prepare_payment: total_sum %v, description %q, language %v", p["total_sum"], p["description"], p["language"])
	}
	ud, _ := p["user_data"].(map[string]any)
	if ud["phone"] != "998901234567" || ud["email"] != "qa@example.uz" {
		t.Errorf("prepare_payment user_data = %v, want the phone and e-mail typed", p["user_data"])
	}
	pay := wireRequests(t, base, "pay")
	if len(pay) != 1 {
		t.Fatalf("%d pay requests, want 1", len(pay))
	}
	if pan, _ := pay[0]["pan"].(string); !strings.HasPrefix(pan, "860000") || !strings.HasSuffix(pan, "0015") || pay[0]["exp"] != "3012" || pay[0]["cardHolderName"] != "ALI VALIYEV" {
		t.Errorf("pay: pan %v exp %v holder %v", pay[0]["pan"], pay[0]["exp"], pay[0]["cardHolderName"])
	}
	if n := len(wireRequests(t, base, "check_sms_key")); n != 1 {
		t.Errorf("%d check_sms_key requests, want the one code typed", n)
	}
	ref := wireRequests(t, base, "refund")
	if len(ref) != 1 || fmt.Sprint(ref[0]["amount"]) != "20000" {
		t.Errorf("refund requests = %v, want one of 20000", ref)
	}
	if scr := s.screen(); strings.Contains(scr, "1 500 005") {
		t.Errorf("keys typed after enter reached the amount:\n%s", scr)
	}
	s.send(keyCtrlC)
	<-s.done
}
