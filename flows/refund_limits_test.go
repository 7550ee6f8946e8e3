package flows

import (
	"errors"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// paidUZS is a succeeded sale of amount UZS.
func paidUZS(t *testing.T, amount string) Payment {
	t.Helper()
	o := order()
	o.Amount = octotest.Dec(amount)
	p, err := NewCardPayment(Sale, o, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
	if err != nil {
		t.Fatal(err)
	}
	in := octotest.Info(octo.StatusCreated, amount)
	pm := octotest.Payment(octo.StatusSucceeded)
	pm.TotalSum = octotest.Dec(amount)
	return step(t, p, Start{}, Prepared{Info: in}, PayAnswered{Payment: pm})
}

// OCTO's refund limits (REFERENCE §2.9) are checked before anything is
// sent, and the refusal names the limit.
func TestRefundLimits(t *testing.T) {
	tests := []struct {
		name, paid, amount, min string
		limit                   string
		parts                   int
	}{
		{"under the default minimum (~1 USD)", "50000", "5000", "", LimitMin, 0},
		{"at the default minimum", "50000", "12800", "", "", 0},
		{"under a configured minimum", "50000", "13000", "13500", LimitMin, 0},
		{"over 10 000 000 UZS at once", "25000000", "25000000", "", LimitMax, 3},
		{"exactly 10 000 000 UZS", "25000000", "10000000", "", "", 0},
		{"all of a large payment (zero amount)", "10000000.01", "0", "", LimitMax, 2},
		{"more than is left", "50000", "50000.01", "", LimitLeft, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := paidUZS(t, tt.paid)
			min := octotest.Dec("0")
			if tt.min != "" {
				min = octotest.Dec(tt.min)
			}
			_, effs, err := p.Handle(Refund{Amount: octotest.Dec(tt.amount), Min: min})
			var le *RefundLimitError
			switch {
			case tt.limit == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.limit == "":
				if effs[len(effs)-1].EffectName() != "refund" {
					t.Errorf("effects %v", effectNames(effs))
				}
			case !errors.As(err, &le) || le.Limit != tt.limit || le.Parts != tt.parts:
				t.Errorf("got %v (%+v), want limit %s in %d parts", err, le, tt.limit, tt.parts)
			case len(effs) != 0:
				t.Errorf("a refused refund has effects %v", effectNames(effs))
			}
		})
	}
}

// A large refund is split: the screen offers OCTO's largest single refund,
// and refunds follow one another until all is back.
func TestLargeRefundInSuccessiveParts(t *testing.T) {
	p := paidUZS(t, "25000000")
	if got := p.RefundPrefill(); !got.Equal(MaxRefundUZS) {
		t.Fatalf("prefill %s, want 10000000", got)
	}
	for i, want := range []string{"10000000", "20000000", "25000000"} {
		amt := p.RefundPrefill()
		p = step(t, p, Refund{Amount: amt}, RefundAnswered{Refund: &octo.Refund{Status: octo.RefundSucceeded}})
		if !p.Refunded.Equal(octotest.Dec(want)) {
			t.Fatalf("refund %d: refunded %s, want %s", i+1, p.Refunded, want)
		}
	}
	if p.Refundable().IsPositive() || p.Can(Refund{Amount: octotest.Dec("12800")}) {
		t.Errorf("left %s after all was refunded", p.Refundable())
	}
}

func TestRefundBoundsByCurrency(t *testing.T) {
	for _, tt := range []struct{ cur, min, lo, hi string }{
		{"UZS", "0", "12800", "10000000"},
		{"UZS", "13100", "13100", "10000000"},
		{"USD", "13100", "1", "0"},
		{"EUR", "0", "0", "0"}, // OCTO states no bound in euros
	} {
		lo, hi := RefundBounds(tt.cur, octotest.Dec(tt.min))
		if !lo.Equal(octotest.Dec(tt.lo)) || !hi.Equal(octotest.Dec(tt.hi)) {
			t.Errorf("%s with refund_min %s: got %s..%s, want %s..%s", tt.cur, tt.min, lo, hi, tt.lo, tt.hi)
		}
	}
}
