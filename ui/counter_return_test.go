package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// A Visa payment whose card fails the bank's 3-D Secure (the sandbox's
// 4000000000000002, approved on the page) or that the customer declines
// there says on its result why, not a bare "Declined".
func TestSandbox3DSecureFailureSaysWhy(t *testing.T) {
	for _, c := range []struct {
		name, pan string
		key       rune
	}{{"card fails 3-D Secure", "4000000000000002", 'a'}, {"declined on the page", "4111111111111111", 'd'}} {
		t.Run(c.name, func(t *testing.T) {
			d, _, _ := onSandbox(t, 120, 40)
			pay(d, "250000", false, c.pan, "123")
			d.until("the 3-D Secure screen", func(a App) bool { return a.screen == screen3DS && a.threeDS.url != "" })
			d.send(tea.KeyPressMsg{Code: c.key, Text: string(c.key)})
			d.until("declined", func(a App) bool { return a.pay.State == flows.Declined })
			if !d.app.pay.Problem.Is(flows.ProblemThreeDSFailed) {
				t.Errorf("problem %q, want 3-D Secure's", d.app.pay.Problem.English())
			}
			scr := d.screen()
			for _, want := range []string{"Declined — nothing was charged", "Not confirmed on the bank's 3-D Secure page", "ask for another card"} {
				if !strings.Contains(strings.Join(strings.Fields(scr), " "), want) {
					t.Errorf("no %q on the result:\n%s", want, scr)
				}
			}
		})
	}
}

// The result words 3-D Secure's failure in each language, once (the
// headline says nothing was charged).
func TestResult3DSecureFailureWords(t *testing.T) {
	p := basePayment(flows.Sale, flows.Declined)
	p.Problem = flows.NewProblem(flows.ProblemThreeDSFailed)
	for l, want := range map[Lang]string{
		LangEN: "Not confirmed on the bank's 3-D Secure page — ask for another card or another way to pay",
		LangRU: "Не подтверждён на странице 3-D Secure банка — попросите другую карту или другой способ оплаты",
		LangUZ: "Bankning 3-D Secure sahifasida tasdiqlanmadi — boshqa karta yoki boshqa to'lov usulini so'rang",
	} {
		if got := resultProblem(p, l); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}
