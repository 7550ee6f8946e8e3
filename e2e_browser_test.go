package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The customer pays on their phone: a real browser (Debian's chromium,
// headless, driven with chromedp) opens the payment page the console's QR
// code points at, on the console's embedded sandbox, while the console
// runs in a pseudo-terminal and must turn its QR screen into the outcome
// by itself. CI installs chromium (.ci/run); there the test fails, never
// skips, when it is missing.

// chromiumPath finds the browser, or ends the test: a failure in CI, a
// skip on a developer's machine without it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed: .ci/run installs it (apt-get install -y chromium); CI must run the browser test")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium); CI runs this test")
	return ""
}

// browser is a headless chromium as root can run it, with a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*e2eLimit)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return bctx
}

var payURLRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+/pay/[0-9a-f-]{36}\?language=[a-z]{2}`)

// anyPayURLRE is the payment page's link on any host.
var anyPayURLRE = regexp.MustCompile(`http://[0-9.]+:\d+/pay/[0-9a-f-]{36}\?language=[a-z]{2}`)

// phoneOrder walks the console from home to the QR screen of a 150 000
// UZS payment on the customer's phone and returns the page's link.
func (s *session) phoneOrder(twoStage bool) string {
	s.t.Helper()
	s.toQRScreen(twoStage)
	s.waitText("this computer only") // the console says where the code points
	return s.waitFor("the payment page's link", payURLRE)[0]
}

// toQRScreen types the order of a payment on the customer's phone.
func (s *session) toQRScreen(twoStage bool) {
	s.t.Helper()
	s.waitText("What would you like to do?")
	s.send("n")
	s.waitText("How does the customer pay?")
	s.send("q")
	s.waitText("┃ Amount, UZS")
	s.typeIn("150000")
	s.waitText("= 150 000 UZS")
	s.send(keyEnter)
	s.waitText("┃ Description")
	s.typeIn("Coffee machine")
	s.send(keyEnter)
	s.waitText("┃ Payment")
	if twoStage {
		s.send(keyDown)
		s.waitText("> Two-stage")
	}
	s.send(keyEnter)
	s.waitText("┃ Customer phone")
	s.send(keyEnter)
	s.waitText("┃ Customer e-mail")
	s.send(keyEnter)
	s.waitText("Waiting for the customer")
}

// outboxCode reads the code the sandbox texted for a payment, from its
// control API beside the payment page: what the customer reads on their phone.
func outboxCode(t *testing.T, payURL string) string {
	t.Helper()
	u, err := url.Parse(payURL)
	if err != nil {
		t.Fatal(err)
	}
	uuid := strings.TrimPrefix(u.Path, "/pay/")
	deadline := time.Now().Add(e2eLimit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(u.Scheme + "://" + u.Host + "/sandbox/sms") //nolint:noctx // a test's loopback read
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			Messages []struct {
				Code string `json:"code"`
				UUID string `json:"octo_payment_UUID"`
			} `json:"messages"`
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for i := len(out.Messages) - 1; i >= 0; i-- {
			if out.Messages[i].UUID == uuid {
				return out.Messages[i].Code
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("no code in the outbox")
	return ""
}

// noCardEntry is a configuration for a shop without PCI DSS.
func noCardEntry(t *testing.T) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("[octo]\ncard_entry = false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"--config", path}
}

// TestE2EBrowserPaysWithUzcard: the customer picks Uzcard on the page,
// types the card and the SMS code; the console shows Paid.
func TestE2EBrowserPaysWithUzcard(t *testing.T) {
	b := browser(t)
	s := launch(t, 200, 50, noCardEntry(t))
	link := s.phoneOrder(false)
	err := chromedp.Do(b,
		chromedp.Navigate(link),
		chromedp.WaitVisible(chromedp.ID("method-uzcard")),
		chromedp.Click(chromedp.ID("method-uzcard")),
		chromedp.WaitVisible(chromedp.ID("pan")),
		chromedp.SendKeys(chromedp.ID("pan"), "8600 0000 0000 0015"),
		chromedp.SendKeys(chromedp.ID("exp"), "12/30"),
		chromedp.Click(chromedp.ID("pay")),
		chromedp.WaitVisible(chromedp.ID("code")),
	)
	if err != nil {
		t.Fatalf("the card on the page: %v", err)
	}
	s.waitText("Card 8600 00** **** 0015") // the console learns the card from OCTO's notification
	err = chromedp.Do(b,
		chromedp.SendKeys(chromedp.ID("code"), outboxCode(t, link)),
		chromedp.Click(chromedp.ID("confirm")),
		chromedp.WaitVisible(chromedp.ID("outcome")),
	)
	if err != nil {
		t.Fatalf("the code on the page: %v", err)
	}
	outcome, err := chromedp.Run(b, chromedp.Text(chromedp.ID("outcome")))
	if err != nil || outcome != "Оплачено" { // the page speaks the payment's language (ru by default)
		t.Errorf("the page says %q, %v", outcome, err)
	}
	s.waitText("✓ Paid")
	s.waitText("customer's phone")
	s.send(keyEnter)
	s.waitText("What would you like to do?")
	s.send(keyCtrlC)
	<-s.done
}

// TestE2EBrowserHoldsWithVisa3DS: a two-stage payment, Visa through the
// bank's 3-D Secure page; the console turns to the hold screen.
func TestE2EBrowserHoldsWithVisa3DS(t *testing.T) {
	b := browser(t)
	s := launch(t, 200, 50, noCardEntry(t))
	link := s.phoneOrder(true)
	err := chromedp.Do(b,
		chromedp.Navigate(strings.Replace(link, "language=ru", "language=en", 1)),
		chromedp.WaitVisible(chromedp.ID("method-bank_card")),
		chromedp.Click(chromedp.ID("method-bank_card")),
		chromedp.WaitVisible(chromedp.ID("pan")),
		chromedp.SendKeys(chromedp.ID("pan"), "4111 1111 1111 1111"),
		chromedp.SendKeys(chromedp.ID("exp"), "12/30"),
		chromedp.SendKeys(chromedp.ID("cvc"), "123"),
		chromedp.SendKeys(chromedp.ID("holder"), "TEST CUSTOMER"),
		chromedp.Click(chromedp.ID("pay")),
		chromedp.WaitVisible(chromedp.ID("approve")),
		chromedp.Click(chromedp.ID("approve")),
		chromedp.WaitVisible(chromedp.ID("outcome")),
	)
	if err != nil {
		t.Fatalf("the page: %v", err)
	}
	outcome, err := chromedp.Run(b, chromedp.Text(chromedp.ID("outcome")))
	if err != nil || outcome != "Approved" {
		t.Errorf("the page says %q, %v", outcome, err)
	}
	s.waitFor("the hold", regexp.MustCompile(`Held\s+150 000 UZS`))
	s.waitText("capture all 150 000 UZS")
	s.send("x")
	s.waitText("Cancel the hold?")
	s.send("y")
	s.waitText("Canceled")
	s.send(keyCtrlC)
	<-s.done
}
