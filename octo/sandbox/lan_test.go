package sandbox_test

import (
	"net"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// A sandbox on every interface gives phones a link to this machine's own
// address, never 0.0.0.0; a given address is kept.
func TestPublicBase(t *testing.T) {
	if got := sandbox.PublicBase(&net.TCPAddr{IP: net.IPv4(192, 168, 1, 20), Port: 8080}); got != "http://192.168.1.20:8080" {
		t.Errorf("a shop-network address: %s", got)
	}
	if got := sandbox.PublicBase(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 41234}); got != "http://127.0.0.1:41234" {
		t.Errorf("loopback: %s", got)
	}
	got := sandbox.PublicBase(&net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	if strings.Contains(got, "0.0.0.0") || !strings.HasSuffix(got, ":8080") || !strings.HasPrefix(got, "http://") {
		t.Errorf("every interface: %s", got)
	}
}
