package run

import (
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// The flow's own countdown may still run when OCTO's has ended (the answer
// that started it arrived late): the sandbox's refusal moves the payment
// to OTPExpired, and a new code pays.
func TestSandboxCodeExpiredAtOCTO(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	p := e.pay(flows.Sale, octotest.PAN, "1000")
	code, _ := e.sb.LastCode(p.PaymentUUID)
	e.sb.Advance(181 * time.Second) // past OCTO's 3 minutes
	p = e.drive(p, flows.SubmitCode{Code: code, At: p.OTPDeadline.Add(-time.Second)})
	if p.State != flows.OTPExpired || p.AttemptsLeft != flows.MaxAttempts || strings.Contains(p.Problem.English(), "Wrong code") {
		t.Fatalf("got %s, %d attempts, %q", p.State, p.AttemptsLeft, p.Problem)
	}
	p = e.drive(p, flows.ResendCode{})
	p = e.code(p)
	if p.State != flows.Succeeded {
		t.Fatalf("after a new code: %s (%s)", p.State, p.Problem)
	}
	e.agree(p)
}
