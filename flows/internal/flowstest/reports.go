package flowstest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// Lines is a report's lines as "channel/bucket" → "count amount
// releases/released refunds/refunded": easy to compare and to print.
func Lines(r flows.Report) map[string]string {
	out := map[string]string{}
	for _, l := range r.Lines {
		out[l.Of()+"/"+l.Bucket] = fmt.Sprintf("%d %s rel %d/%s ref %d/%s", l.Count, l.Amount.StringFixed(2),
			l.Releases, l.Released.StringFixed(2), l.Refunds, l.Refunded.StringFixed(2))
	}
	return out
}

// SameLines fails the test when a report's lines are not the ones wanted.
func SameLines(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// Write journals rec (in its state) at time at, as a flow would.
func Write(t *testing.T, j flows.Store, rec flows.Record, at time.Time) {
	t.Helper()
	if err := j.Write(context.Background(), flows.Journal{Record: rec, Transition: flows.Transition{To: rec.State, Event: "test"}}, at); err != nil {
		t.Fatal(err)
	}
}
