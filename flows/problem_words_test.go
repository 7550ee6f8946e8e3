package flows

import (
	"errors"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
)

func TestProblemWords(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&octo.Error{Method: "pay", Code: 2, Message: "Wrong secret"}, "credentials"},
		{&octo.TransportError{Method: "pay", Sent: true, Err: errors.New("eof")}, "checking"},
		{&octo.TransportError{Method: "pay", Err: errors.New("dial")}, "Could not reach OCTO; nothing was charged"},
		{&octo.Error{Method: "pay", Code: 5}, "unknown to OCTO"},
		{&octo.Error{Method: "pay", Code: 6}, "not active"},
		{&octo.Error{Method: "check_pan", Code: 17}, "will not send more codes"},
		{&octo.Error{Method: "prepare_payment", Code: 11, Message: "Requests too often. Minimum delay is 1 second"}, "slow down"},
		{&octo.Error{Method: "pay", Code: 77, Message: "Card expired"}, "OCTO refused: Card expired; nothing was charged"},
		{&octo.Error{Method: "pay", Code: 77}, "error 77"},
	}
	for _, tt := range tests {
		if got := refusal(tt.err, notProvided).English(); !strings.Contains(got, tt.want) {
			t.Errorf("%v: got %q, want %q in it", tt.err, got, tt.want)
		}
	}
}
