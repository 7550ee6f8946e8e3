package flows

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
)

// Error 403 at prepare_payment is OCTO not knowing the shop's fiscal
// codes (P-fiscal): said as such, with nothing charged.
func TestFiscalRefusalIsExplained(t *testing.T) {
	p := reach(t, Sale, Preparing)
	err403 := &octo.Error{Method: "prepare_payment", Code: 403, Message: "Fiscal object with merchant ID 242 spic : 00305001001000000 package code : 1425207 nds : 1 inn : 123456 pinfl : null not contains in system"}
	p, _, err := p.Handle(Prepared{Err: err403})
	if err != nil {
		t.Fatal(err)
	}
	want := "The fiscal codes are not registered with OCTO for this shop — have OCTO register them or correct them in the configuration; nothing was charged"
	if p.State != Failed || p.Problem.English() != want {
		t.Errorf("got %s %q, want failed %q", p.State, p.Problem.English(), want)
	}
	if strings.Contains(p.Problem.English(), "merchant ID") {
		t.Error("OCTO's raw message in the cashier's words")
	}
}
