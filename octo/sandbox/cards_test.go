package sandbox

import (
	"testing"
	"time"
	"unsafe"

	"github.com/octo-cashier/octo-cashier/octo"
)

// A kept card holds its 6+4 digits in memory of their own: slices of the
// number as sent would keep all of it alive as long as the payment.
func TestCardKeepsNoSliceOfThePAN(t *testing.T) {
	s := New(Options{Start: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)})
	defer s.Close()
	pan := string([]byte("8600000000000015"))
	c, err := s.readCard(pan, "3012", "HOLDER", octo.MethodUzcard, s.Now())
	if err != nil {
		t.Fatal(err)
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(pan)))
	for _, kept := range []string{c.first6, c.last4} {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(kept))); p >= lo && p < lo+uintptr(len(pan)) {
			t.Fatalf("%q points into the card number", kept)
		}
	}
}
