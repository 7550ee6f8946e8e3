package run

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// TestCanary runs a full session (sales with codes, a wrong code, a resend,
// a hold and capture, a refund, 3-D Secure with a CVC, a binding with its
// notification, which carries the full card number) and then greps every
// byte of the journal's files for the card numbers, the CVC, the codes and
// the shop secret.
func TestCanary(t *testing.T) {
	const (
		secret    = "CANARY-SECRET-5b1e0c"
		uniqueKey = "CANARY-UNIQUE-KEY-77d2"
		cvc       = "9174"
		wrongCode = "271828"
	)
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{Secret: secret, UniqueKey: uniqueKey})
	e.listener.SignatureKey, e.listener.Recipe = uniqueKey, octo.RecipeUniqueKey
	var codes []string
	enter := func(p flows.Payment) flows.Payment {
		t.Helper()
		c, _ := e.sb.LastCode(p.PaymentUUID)
		codes = append(codes, c)
		return e.code(p)
	}

	p := e.pay(flows.Sale, octotest.PAN, "100000")
	p = e.drive(p, flows.SubmitCode{Code: wrongCode, At: e.clock.Now()})
	p = e.drive(p, flows.ResendCode{})
	if p = enter(p); p.State != flows.Succeeded {
		t.Fatalf("sale: %s", p.State)
	}
	p = e.drive(p, flows.Refund{Amount: octotest.Dec("20000")})

	h := enter(e.pay(flows.Hold, "9860000000000018", "2000"))
	if h = e.drive(h, flows.Capture{Amount: octotest.Dec("1500")}); h.State != flows.Succeeded {
		t.Fatalf("hold: %s", h.State)
	}

	v, err := flows.NewCardPayment(flows.Sale, e.order("300"), octo.Card{PAN: octotest.VisaPAN, Exp: octotest.Exp, CVC: cvc, HolderName: "CANARY HOLDER"})
	if err != nil {
		t.Fatal(err)
	}
	v, effs, _ := v.Handle(flows.Start{})
	for v.State != flows.Awaiting3DS && !v.State.Final() {
		v, effs, _ = v.Handle(e.runner.RunAll(ctx, effs))
	}
	_ = e.sb.Complete3DS(v.PaymentUUID, true)
	if v = e.drive(v, e.runner.RunAll(ctx, effs)); v.State != flows.Succeeded {
		t.Fatalf("3-D Secure: %s (%s)", v.State, v.Problem)
	}

	b, _ := flows.NewBinding(flows.BindOrder{Customer: "c", Phone: "998901234567", ReturnURL: "https://shop.test/done",
		NotifyURL: listenerBase + NotifyPath, BindNotifyURL: listenerBase + BindPath}, octo.Card{PAN: "8600000000000015", Exp: octotest.Exp})
	b, _ = Drive(ctx, e.runner, b, flows.Start{})
	c, _ := e.sb.LastCode(b.PaymentUUID)
	codes = append(codes, c)
	if b, _ = Drive(ctx, e.runner, b, flows.SubmitCode{Code: c, At: e.clock.Now()}); b.State != flows.BindBound {
		t.Fatalf("binding: %s", b.State)
	}
	waitFor(t, "the bind notification", func() bool {
		ns, _ := e.journal.Notifications(ctx, b.ShopTransactionID)
		for _, n := range ns {
			if n.Kind == "bind" {
				return true
			}
		}
		return false
	})
	e.sb.Advance(time.Minute) // let the payment notifications arrive too
	waitFor(t, "payment notifications", func() bool {
		ns, _ := e.journal.Notifications(ctx, "")
		return len(ns) >= 4
	})

	canaries := map[string]*regexp.Regexp{
		"PAN uzcard": regexp.MustCompile(octotest.PAN),
		"PAN humo":   regexp.MustCompile("9860000000000018"),
		"PAN visa":   regexp.MustCompile(octotest.VisaPAN),
		"secret":     regexp.MustCompile(secret),
		"unique key": regexp.MustCompile(uniqueKey),
		"wrong code": regexp.MustCompile(wrongCode),
		// The CVC is short: only as a token of its own, not inside a hex id
		// nor as a whole group of a UUID ("…-40d3-9174-008d…").
		"CVC": regexp.MustCompile(`(^|[^0-9A-Za-z-])` + cvc + `([^0-9A-Za-z-]|$)`),
	}
	for i, c := range codes {
		canaries["code "+string(rune('1'+i))] = regexp.MustCompile(`(^|[^0-9A-Za-z-])` + c + `([^0-9A-Za-z-]|$)`)
	}
	grep := func(when string) {
		files, _ := filepath.Glob(e.journal.Path() + "*")
		if len(files) == 0 {
			t.Fatal("no journal files")
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for name, re := range canaries {
				if loc := re.FindIndex(data); loc != nil {
					t.Errorf("%s: %s found in %s at byte %d: %q", when, name, filepath.Base(f), loc[0],
						bytes.ToValidUTF8(data[max(0, loc[0]-40):min(len(data), loc[1]+40)], nil))
				}
			}
		}
	}
	grep("open")
	if err := e.journal.Close(); err != nil {
		t.Fatal(err)
	}
	grep("closed")
}
