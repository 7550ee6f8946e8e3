package qrcode

import (
	"strings"
	"testing"
)

// BenchmarkPayLink is a payment page's link as payLinkQR draws it (the
// sandbox on the shop's network, version 4); BenchmarkVersion40 the
// largest code, for the cost of the tables and the interleaving.
func BenchmarkPayLink(b *testing.B) {
	for b.Loop() {
		if _, err := Encode(Alphanumeric("HTTP://192.168.100.123:41234"), Bytes("/pay/7c9e6679-7425-40de-944b-e07fc1f90ae7?language=uz")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVersion40(b *testing.B) {
	text := strings.Repeat("octo/", 590)
	for b.Loop() {
		if c, err := EncodeText(text); err != nil || c.Version != 40 {
			b.Fatal(c, err)
		}
	}
}
