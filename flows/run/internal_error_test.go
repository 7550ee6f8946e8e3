package run

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Against the sandbox: pay answered with error 4 (and not done) ends
// declined only when OCTO cancels the unpaid payment at its ttl; a
// capture answered with error 4 leaves the hold open.
func TestSandboxInternalErrorsAreNotFinal(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	e.sb.Inject(sandbox.Fault{Method: "pay", Kind: sandbox.FaultError})
	p, err := flows.NewCardPayment(flows.Sale, e.order("5000"), cardFor(octotest.PAN))
	if err != nil {
		t.Fatal(err)
	}
	p = e.drive(p, flows.Start{})
	if p.State != flows.Declined || p.OCTOStatus != octo.StatusCanceled {
		t.Errorf("pay with error 4: got %s (OCTO %s), want declined once OCTO canceled it", p.State, p.OCTOStatus)
	}
	e.agree(p)

	h := e.code(e.pay(flows.Hold, octotest.PAN, "5000"))
	e.sb.Inject(sandbox.Fault{Method: "set_accept", Kind: sandbox.FaultError})
	h = e.drive(h, flows.Capture{})
	if h.State != flows.Held || !strings.Contains(h.Problem.English(), "did not go through") {
		t.Errorf("capture with error 4: got %s %q, want held", h.State, h.Problem)
	}
	e.agree(h)
}
