package sandbox

import (
	"testing"
	"unsafe"
)

// TestPaymentRecordSize keeps a payment's record in the 512 B size class:
// the console keeps 2,000 finished ones, and at 584 B (the 640 B class)
// each cost 128 B more.
func TestPaymentRecordSize(t *testing.T) {
	if n := unsafe.Sizeof(payment{}); n > 512 {
		t.Errorf("a payment's record is %d B, want at most 512 (a size class: one byte over costs 64)", n)
	}
}
