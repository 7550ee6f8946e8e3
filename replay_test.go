package main

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

func TestReplayCardNumber(t *testing.T) {
	for _, c := range []struct {
		card record.RecordedCard
		want string // "" when made up: checked by its properties
	}{
		{record.RecordedCard{First6: "860000", Last4: "0015", Length: 16, Luhn: true}, "8600000000000015"},
		{record.RecordedCard{First6: "411111", Last4: "1111", Length: 16, Luhn: true}, "4111111111111111"},
		{record.RecordedCard{First6: "860012", Last4: "3456", Length: 16, Luhn: true}, ""},
		{record.RecordedCard{First6: "860012", Last4: "3456", Length: 16, Luhn: false}, ""},
		{record.RecordedCard{First6: "986000", Last4: "0018", Length: 19, Luhn: true}, ""},
		{record.RecordedCard{Length: 7}, "1111111"},
	} {
		got := cardNumber(c.card)
		if c.want != "" {
			if got != c.want {
				t.Errorf("%+v: %q, want %q", c.card, got, c.want)
			}
			continue
		}
		if len(got) != c.card.Length || got[:6] != c.card.First6 || got[len(got)-4:] != c.card.Last4 || common.Luhn(got) != c.card.Luhn {
			t.Errorf("%+v: made up %q, which is not such a card", c.card, got)
		}
	}
}
