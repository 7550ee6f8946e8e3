package flows

import (
	"strings"
	"testing"
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
	if MaskPAN(testPAN) != "860000******0015" || MaskPAN("123") != "***" {
		t.Errorf("mask: %q %q", MaskPAN(testPAN), MaskPAN("123"))
	}
}
