package flows

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// OCTO's status after 3-D Secure says only "failed": the payment says it
// failed there, on the page or after a restart on it, and a payment that
// failed elsewhere stays a plain decline.
func TestThreeDSFailureSaysWhere(t *testing.T) {
	for _, c := range []struct {
		name   string
		from   State
		status octo.Status
		want   ProblemCode
	}{
		{"on the 3-D Secure page", Awaiting3DS, octo.StatusFailed, ProblemThreeDSFailed},
		{"restored on the 3-D Secure page", Awaiting3DS, octo.StatusFailed, ProblemThreeDSFailed},
		{"restored sending pay", Paying, octo.StatusFailed, ProblemDeclined},
		// canceled covers a timeout too (REFERENCE §2.2): the customer may
		// have walked away from the page, not failed the bank's check.
		{"canceled on the 3-D Secure page", Awaiting3DS, octo.StatusCanceled, ProblemDeclined},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Restore(Record{ShopTransactionID: "oc-1", Kind: Sale, Method: octo.MethodBankCard, State: c.from,
				Currency: "UZS", Amount: decimal.NewFromInt(1000), PaymentUUID: "u-1"})
			if c.name == "on the 3-D Secure page" || c.name == "canceled on the 3-D Secure page" {
				p.State, p.origin = Awaiting3DS, ""
			}
			info := &octo.PaymentInfo{Status: c.status, TotalSum: decimal.Zero}
			p, _, err := p.Handle(StatusAnswered{Info: info, Seq: p.pollSeq})
			if err != nil {
				t.Fatal(err)
			}
			if p.State != Declined || !p.Problem.Is(c.want) {
				t.Errorf("%s, %q; want declined, %s", p.State, p.Problem.English(), c.want)
			}
		})
	}
}
