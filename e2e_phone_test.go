package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// TestE2ESandboxOnTheShopNetwork: with [sandbox] listen on every
// interface, the QR code points at this machine's address on its network
// (never 0.0.0.0), the console says so, a phone's plain GET gets the
// payment page there, and the control API paying as the customer turns
// the console's QR screen into Paid.
func TestE2ESandboxOnTheShopNetwork(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("[sandbox]\nlisten = \"0.0.0.0:0\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := launch(t, 200, 50, []string{"--config", cfg})
	s.toQRScreen(false)
	link := s.waitFor("the payment page's link", anyPayURLRE)[0]
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimPrefix(sandbox.PublicBase(&net.TCPAddr{IP: net.IPv4zero}), "http://")
	if host, _, _ := strings.Cut(want, ":"); u.Hostname() != host {
		t.Errorf("the code opens %s, want this machine's %s", u.Host, host)
	}
	s.waitText("The code opens " + u.Host)

	resp, err := http.Get(link) //nolint:noctx // a phone's GET, on this machine
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Как вы хотите оплатить?") {
		t.Fatalf("the payment page: HTTP %d\n%s", resp.StatusCode, page)
	}

	uuid := strings.TrimPrefix(u.Path, "/pay/")
	body := []byte(`{"pan": "9860 0000 0000 0018", "exp": "12/30"}`)
	resp, err = http.Post(u.Scheme+"://"+u.Host+"/sandbox/customer/"+uuid, "application/json", bytes.NewReader(body)) //nolint:noctx // a test's loopback call
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(answer), `"status":"succeeded"`) {
		t.Fatalf("the customer's payment: HTTP %d %s", resp.StatusCode, answer)
	}
	s.waitText("✓ Paid")
	s.waitText("9860 00** **** 0018")
	s.send(keyCtrlC)
	<-s.done
}
