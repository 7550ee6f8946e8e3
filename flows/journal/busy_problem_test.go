package journal

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
)

// TestBusyErrorWordsItself: a payment another counter holds is a problem
// the screens word (its code, the payment and the counter as arguments),
// with the same English as the error.
func TestBusyErrorWordsItself(t *testing.T) {
	for _, e := range []*PaymentBusyError{
		{ShopTransactionID: "oc-1", Counter: "A", State: flows.Capturing},
		{ShopTransactionID: "oc-1", Counter: "B"},
	} {
		p := e.Problem()
		want := flows.ProblemBusy
		if requestState(e.State) {
			want = flows.ProblemBusyState
		}
		if !p.Is(want) || p.English() != e.Error() {
			t.Errorf("%v: got %#v %q, want %s with %q", e.State, p, p.English(), want, e.Error())
		}
	}
}
