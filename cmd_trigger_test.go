package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The command-line QA tools run as a script would run them: the real
// binary, its stdout, stderr and exit status.

// runCLI runs the binary with args and returns its stdout, stderr and
// exit status.
func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_STATE_HOME=" + filepath.Join(home, "state"), "TMPDIR=" + home, "PATH=" + os.Getenv("PATH")}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return stdout.String(), stderr.String(), 0
	case errors.As(err, &exit):
		return stdout.String(), stderr.String(), exit.ExitCode()
	}
	t.Fatalf("%v: %v", args, err)
	return "", "", -1
}

// standaloneSandbox starts `octo-cashier sandbox` on a free port and
// returns its address. The lost-answer card's answer is withheld 200 ms,
// not 2 minutes.
func standaloneSandbox(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(binary(t), "sandbox", "--addr", "127.0.0.1:0", "--lost-answer-delay", "200ms")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("the sandbox said nothing: %v", err)
	}
	m := regexp.MustCompile(`listening on (http://\S+)`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("the sandbox's first line %q does not say where it listens", line)
	}
	go func() { _, _ = bufio.NewReader(out).WriteTo(discard{}) }() // never block the sandbox on its stdout
	return m[1]
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// lastJSON decodes the last line of out into v.
func lastJSON(t *testing.T, out string, v any) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), v); err != nil {
		t.Fatalf("the last line is not JSON: %v\n%s", err, out)
	}
}

// checkTrigger runs one scenario with --json and checks its JSON and exit
// status against the scenario's expectation.
func checkTrigger(t *testing.T, sc scenario, gateway ...string) {
	t.Helper()
	stdout, stderr, code := runCLI(t, append(append([]string{"trigger", "--json"}, gateway...), sc.Name)...)
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	var r triggerResult
	lastJSON(t, stdout, &r)
	if r.Scenario != sc.Name || r.Outcome != outcomeExpected || r.Status != sc.Want.Status || r.State != sc.Want.State {
		t.Errorf("got %s: %s, status %s, state %s; want %s, %s", r.Scenario, r.Outcome, r.Status, r.State, sc.Want.Status, sc.Want.State)
	}
	if !strings.HasPrefix(r.ShopTransactionID, "oc-") || r.PaymentUUID == "" {
		t.Errorf("ids: %q %q", r.ShopTransactionID, r.PaymentUUID)
	}
	for what, got := range map[string][2]string{"captured": {r.Captured, sc.Want.Captured},
		"released": {r.Released, sc.Want.Released}, "refunded": {r.Refunded, sc.Want.Refunded}} {
		if got[1] != "" && got[0] != got[1] {
			t.Errorf("%s: got %q, want %q", what, got[0], got[1])
		}
	}
	// The amounts are strings with two decimals, never numbers.
	var raw map[string]any
	lastJSON(t, stdout, &raw)
	for _, k := range []string{"amount", "captured", "released", "refunded"} {
		if s, ok := raw[k].(string); !ok || !regexp.MustCompile(`^\d+\.\d\d$`).MatchString(s) {
			t.Errorf("%s is %#v, want a string like \"25000.00\"", k, raw[k])
		}
	}
	methods := make([]string, len(r.Calls))
	for i, c := range r.Calls {
		methods[i] = c.Method
	}
	calls := strings.Join(methods, " ")
	want := map[string]string{ // what each scenario must have asked OCTO
		"sale":              "prepare_payment pay verificationInfo check_sms_key",
		"hold-capture":      "check_sms_key set_accept",
		"hold-capture-part": "check_sms_key set_accept",
		"hold-cancel":       "check_sms_key set_accept",
		"refund":            "check_sms_key refund",
		"refund-part":       "check_sms_key refund",
		"blocked-card":      "prepare_payment pay",
		"3ds":               "prepare_payment pay prepare_payment",
		"3ds-fail":          "prepare_payment pay prepare_payment",
		"bind-and-pay":      "bind_card verificationInfo bind_card/check_sms_key",
		"expired-code":      "check_pan check_sms_key",
	}[sc.Name]
	if !strings.Contains(calls, want) {
		t.Errorf("calls %q lack %q", calls, want)
	}
	switch sc.Name {
	case "wrong-code":
		if n := strings.Count(calls, "check_sms_key"); n != 3 {
			t.Errorf("%d codes sent, want 3: %s", n, calls)
		}
	case "lost-answer":
		lost := false
		for _, c := range r.Calls {
			lost = lost || (c.Method == "check_sms_key" && c.Error != "" && c.HTTPStatus == 0)
		}
		if !lost || strings.Count(calls, "check_sms_key") != 1 {
			t.Errorf("the code's answer was not lost, or the code was sent again: %+v", r.Calls)
		}
	}
	if strings.Contains(stdout, "8600000000000015") || strings.Contains(stdout, "4111111111111111") {
		t.Error("a full card number in the output")
	}
}

func TestTriggerEmbedded(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			t.Parallel()
			checkTrigger(t, sc)
		})
	}
}

func TestTriggerStandalone(t *testing.T) {
	base := standaloneSandbox(t)
	gw := []string{"--base-url", base, "--shop-id", "1", "--secret", "sandbox-secret"}
	t.Run("at once", func(t *testing.T) {
		for _, sc := range scenarios {
			if sc.Name == "expired-code" {
				continue
			}
			t.Run(sc.Name, func(t *testing.T) {
				t.Parallel()
				checkTrigger(t, sc, gw...)
			})
		}
	})
	// expired-code moves the shared sandbox's clock 3 minutes on: the codes
	// of scenarios running beside it would expire too. It runs alone.
	sc, _ := scenarioNamed("expired-code")
	checkTrigger(t, sc, gw...)
}

// A scenario that ends otherwise exits 1 and says how; the human output
// reads like stripe trigger's.
func TestTriggerDiffers(t *testing.T) {
	base := standaloneSandbox(t)
	if _, stderr, code := runCLI(t, "faults", "arm", "--base-url", base, "--kind", "error", "--method", "pay", "--code", "10", "--message", "Refused by QA"); code != 0 {
		t.Fatalf("faults arm: exit %d: %s", code, stderr)
	}
	stdout, _, code := runCLI(t, "trigger", "sale", "--json", "--base-url", base, "--shop-id", "1", "--secret", "sandbox-secret")
	var r triggerResult
	lastJSON(t, stdout, &r)
	if code != exitDiffers || r.Outcome != outcomeDiffers || r.State != "declined" || len(r.Differences) == 0 {
		t.Errorf("exit %d: %+v", code, r)
	}
	stdout, _, code = runCLI(t, "trigger", "sale", "refund", "--base-url", base, "--shop-id", "1", "--secret", "sandbox-secret")
	if code != 0 || strings.Count(stdout, "Trigger succeeded: ") != 2 || !strings.Contains(stdout, "→ check_sms_key") {
		t.Errorf("exit %d (the fault fired once):\n%s", code, stdout)
	}
}

// Bad flags, an unknown scenario and a gateway that is not there exit 2
// with a message that says what to fix.
func TestTriggerErrors(t *testing.T) {
	notSandbox := httptest.NewServer(http.NotFoundHandler())
	defer notSandbox.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	live := filepath.Join(t.TempDir(), "live.toml")
	if err := os.WriteFile(live, []byte("[octo]\nshop_id = 7\nsecret = \"s\"\ntest = false\nreturn_url = \"https://shop.example/\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"trigger"}, "trigger needs a scenario"},
		{[]string{"trigger", "sail"}, `unknown scenario "sail"`},
		{[]string{"trigger", "--bogus", "sale"}, "flag provided but not defined"},
		{[]string{"trigger", "--base-url", "http://127.0.0.1:1", "sale"}, "--base-url needs --shop-id and --secret"},
		{[]string{"trigger", "--secret", "x", "sale"}, "need --base-url"},
		{[]string{"trigger", "--base-url", closed.URL, "--shop-id", "1", "--secret", "s", "sale"}, "cannot reach the gateway"},
		{[]string{"trigger", "--base-url", notSandbox.URL, "--shop-id", "1", "--secret", "s", "sale"}, "is not an OCTO sandbox"},
		{[]string{"trigger", "--config", live, "sale"}, "LIVE mode"},
		{[]string{"trigger", "--config", filepath.Join(t.TempDir(), "none.toml"), "sale"}, "none.toml"},
	} {
		stdout, stderr, code := runCLI(t, tt.args...)
		if code != exitError || !strings.Contains(stderr, tt.says) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q\n%s", tt.args, code, stderr, tt.says, stdout)
		}
	}
	stdout, _, code := runCLI(t, "trigger", "--list")
	for _, sc := range scenarios {
		if !strings.Contains(stdout, sc.Name) || !strings.Contains(stdout, sc.Shows) {
			t.Errorf("--list lacks %s", sc.Name)
		}
	}
	if code != 0 {
		t.Errorf("--list: exit %d", code)
	}
}

// Every command explains itself with an example, and --help exits 0.
func TestCommandsHelp(t *testing.T) {
	for _, cmd := range []string{"sandbox", "trigger", "events", "faults", "replay", "serve"} {
		_, stderr, code := runCLI(t, cmd, "--help")
		if code != 0 || !strings.Contains(stderr, "Examples:") || !strings.Contains(stderr, "octo-cashier "+cmd) {
			t.Errorf("%s --help: exit %d\n%s", cmd, code, stderr)
		}
	}
	stdout, stderr, _ := runCLI(t, "--help")
	for _, cmd := range []string{"trigger", "events", "faults", "serve"} {
		if !strings.Contains(stdout+stderr, "octo-cashier "+cmd) {
			t.Errorf("octo-cashier --help does not name %s", cmd)
		}
	}
}
