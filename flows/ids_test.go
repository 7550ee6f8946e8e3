package flows

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

func TestShopTransactionIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewShopTransactionID()
		if seen[id] || len(id) != 27 || !strings.HasPrefix(id, "oc-") {
			t.Fatalf("id %q (seen %v)", id, seen[id])
		}
		seen[id] = true
	}
	if MaskPAN(octotest.PAN) != "860000******0015" || MaskPAN("123") != "***" {
		t.Errorf("mask: %q %q", MaskPAN(octotest.PAN), MaskPAN("123"))
	}
}
