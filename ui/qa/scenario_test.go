package qa

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/ui/common"
)

// The scenario offers every test card of the sandbox's README, each with
// a number that passes the card form's checks.
func TestScenarioListsTheSandboxsTestCards(t *testing.T) {
	if len(testCardScenarios) != 9 {
		t.Errorf("%d test cards; the sandbox's README lists 9", len(testCardScenarios))
	}
	for _, c := range testCardScenarios {
		if d := common.CardDigits(c.card); len(d) != 16 || !common.Luhn(d) {
			t.Errorf("%s: %q is not a card number the form takes", c.label, c.card)
		}
	}
}
