package ui

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

const canarySecret = "canary-secret-7f3a9"

// inspectAll opens the inspector and returns every screen it can show:
// the list, and each entry's detail paged to its end.
func inspectAll(t *testing.T, d *driver) []string {
	t.Helper()
	d.send(fkey(3))
	screens := []string{d.screen()}
	n := d.app.traffic.Len()
	for i := 0; i < n; i++ {
		d.send(press("enter"))
		for p := 0; p < 6; p++ {
			screens = append(screens, d.screen())
			d.send(press(" "))
		}
		d.send(press("esc"), press("down"))
	}
	return screens
}

// assertNoCanary fails if a screen shows a canary, or a cvc line that is
// not masked.
func assertNoCanary(t *testing.T, screens []string, canaries ...string) {
	t.Helper()
	cvcLine := regexp.MustCompile(`"cvc2?":\s*"([^"]*)"`)
	for _, s := range screens {
		for _, c := range canaries {
			if c != "" && strings.Contains(s, c) {
				t.Errorf("the inspector shows %q:\n%s", c, s)
			}
		}
		for _, m := range cvcLine.FindAllStringSubmatch(s, -1) {
			if m[1] != "***" {
				t.Errorf("a CVC shows as %q:\n%s", m[1], s)
			}
		}
	}
}

// TestInspectorRedactsWhatTheClientSent runs payments on a real sandbox
// through the real client, whose observer feeds the inspector as main's
// does, and looks for the card numbers, the CVC, the code and the secret
// on every screen the inspector can show.
func TestInspectorRedactsWhatTheClientSent(t *testing.T) {
	sb := sandbox.New(sandbox.Options{NoRateLimit: true, Secret: canarySecret})
	t.Cleanup(sb.Close)
	j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	exchanges := make(chan octo.Exchange, 256)
	client := octo.NewClient(sb.ShopID(), canarySecret, octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(sb.Client()),
		octo.WithObserver(func(x octo.Exchange) { exchanges <- x }))
	clk := &clock{t: time.Now()}
	opts := testOptions()
	opts.Outbox = nil // the SMS panel shows codes on purpose; it is not the inspector
	opts.Now, opts.Runner, opts.Journal, opts.Test = clk.Now, &run.Runner{Gateway: client, Journal: j, Clock: clk}, j, true
	opts.PageLanguage = "en"
	opts.Complete3DS, opts.ReturnURL = sb.Complete3DS, "http://sandbox.test/"
	opts.Exchanges = exchanges
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	opts.Context = ctx
	d := newDriver(t, New(opts), 120, 40)

	pay(d, "1000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	code := lastCode(sb)
	d.typeText(code)
	d.key('\r')
	d.send(press("enter"))
	d.until("paid by code", func(a App) bool { return a.pay.State == flows.Succeeded })
	d.send(doneMsg{})
	pay(d, "2000", false, "4111111111111111", "987")
	d.until("3-D Secure", func(a App) bool { return a.pay.State == flows.Awaiting3DS })
	d.send(press("a"))
	d.until("paid by 3-D Secure", func(a App) bool { return a.pay.State == flows.Succeeded })
	d.until("the exchanges in the inspector", func(a App) bool { return a.traffic.Len() >= 6 })

	screens := inspectAll(t, d)
	joined := strings.Join(screens, "\n")
	for _, want := range []string{"check_sms_key", `"smsKey": "******"`, `"octo_secret": "REDACTED"`, "411111******1111", "860000******0015"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the inspector never showed %q", want)
		}
	}
	assertNoCanary(t, screens, "4111111111111111", "8600000000000015", canarySecret, code)
}

// TestInspectorRedactsAgain: if a body ever reached the inspector
// unredacted, it would still not show.
func TestInspectorRedactsAgain(t *testing.T) {
	d := newDriver(t, New(testOptions()), 80, 36)
	d.send(exchangeMsg{octo.Exchange{Method: "pay", HTTPStatus: 200, URL: "http://x/pay/4111111111111111",
		Request: []byte(`{"pan":"4111111111111111","cvc2":"987","exp":"3012","smsKey":"424242","octo_secret":"` + canarySecret +
			`","nested":[{"card_number":"5555555555554444","note":"card 4000000000000002 here"}],"card_token":"tok-abcdefghijklmnop"}`),
		Response: []byte(`not json 8600000000000023 ` + `{"otp":"135791"`),
		Err:      "pay: card 9860000000000018 refused"}})
	d.send(fkey(3))
	screens := []string{d.screen()}
	d.send(press("enter"))
	for p := 0; p < 4; p++ {
		screens = append(screens, d.screen())
		d.send(press(" "))
	}
	if !strings.Contains(strings.Join(screens, "\n"), `"cvc2": "***"`) {
		t.Fatalf("the detail never showed the request:\n%s", strings.Join(screens, "\n"))
	}
	assertNoCanary(t, screens, "4111111111111111", "987\"", "3012", "424242", canarySecret, "5555555555554444",
		"4000000000000002", "8600000000000023", "9860000000000018", "abcdefghijklmnop")
}
