package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/ui/qa"
)

// toItem moves the scenario's cursor to the item labelled label.
func toItem(t *testing.T, d *driver, label string) {
	t.Helper()
	for i := 0; i < 20; i++ {
		d.send(press("up"))
	}
	for i := 0; i < 20; i++ {
		if strings.Contains(selectedLine(d.screen()), "› "+label+" ") {
			return
		}
		d.send(press("down"))
	}
	t.Fatalf("no item %q", label)
}

func TestScenarioArmsFaults(t *testing.T) {
	for _, c := range []struct {
		item   string
		rights int
		want   qa.Fault
		shows  string
	}{
		{"Timeout after commit", 0, qa.Fault{Kind: qa.FaultDrop, Method: "check_sms_key", Count: 1}, "check_sms_key: done, then no answer · next 1"},
		{"Timeout after commit", 2, qa.Fault{Kind: qa.FaultDrop, Method: "set_accept", Count: 1}, "set_accept: done, then no answer"},
		{"Lost notification", 0, qa.Fault{Kind: qa.FaultLoseNotification, Method: "succeeded", Count: 1}, "notification succeeded: lost"},
		{"Lost notification", 5, qa.Fault{Kind: qa.FaultLoseNotification, Method: "", Count: 1}, "notification any status: lost"},
		{"Duplicated notification", 1, qa.Fault{Kind: qa.FaultDuplicateNotification, Method: "waiting_for_capture", Count: 1}, "notification waiting_for_capture: sent twice"},
		{"Slow gateway", 1, qa.Fault{Kind: qa.FaultLatency, Rate: 1, Latency: 10 * time.Second}, "any call: 10s slower · every time until cleared"},
	} {
		sb := newFakeSandbox()
		d := qaDriver(t, sb, 80, 24)
		d.send(fkey(4))
		toItem(t, d, c.item)
		for i := 0; i < c.rights; i++ {
			d.send(press("right"))
		}
		d.send(press("enter"))
		if fs := sb.Faults(); len(fs) != 1 || fs[0] != c.want {
			t.Errorf("%s +%d armed %+v, want %+v", c.item, c.rights, fs, c.want)
		}
		if got := d.screen(); !strings.Contains(got, "Armed (1):") || !strings.Contains(got, c.shows) {
			t.Errorf("%s +%d: the screen does not say %q:\n%s", c.item, c.rights, c.shows, got)
		}
	}
}

func TestScenarioOptionsWrapAndClear(t *testing.T) {
	sb := newFakeSandbox()
	d := qaDriver(t, sb, 120, 40)
	d.send(fkey(4))
	toItem(t, d, "Slow gateway")
	d.send(press("left"))
	if !strings.Contains(d.screen(), "‹ +35 s ›") {
		t.Fatalf("left from the first option did not wrap to the last:\n%s", d.screen())
	}
	d.send(press("enter"))
	toItem(t, d, "Timeout after commit")
	d.send(press("enter"))
	if len(sb.Faults()) != 2 || !strings.Contains(d.screen(), "Armed (2):") {
		t.Fatalf("two faults armed: %+v", sb.Faults())
	}
	d.send(press("c"))
	if len(sb.Faults()) != 0 || !strings.Contains(d.screen(), "Every fault cleared.") || !strings.Contains(d.screen(), "Nothing armed") {
		t.Errorf("c did not clear:\n%s", d.screen())
	}
	// A fault that fires goes; the list follows the sandbox on each tick.
	sb.Inject(qa.Fault{Kind: qa.FaultDrop, Method: "refund", Count: 1})
	d.send(tickMsg(fixedNow))
	if !strings.Contains(d.screen(), "refund: done, then no answer") {
		t.Errorf("a fault armed elsewhere is not shown after a tick:\n%s", d.screen())
	}
}

func TestScenarioCardsSayWhatToType(t *testing.T) {
	sb := newFakeSandbox()
	d := qaDriver(t, sb, 80, 24)
	d.send(fkey(4))
	toItem(t, d, "Uzcard: insufficient funds")
	got := d.screen()
	if !strings.Contains(got, "Type 8600 0000 0000 0023, any future expiry.") {
		t.Errorf("the card to type is not said:\n%s", got)
	}
	d.send(press("enter"))
	if len(sb.Faults()) != 0 || !strings.Contains(d.screen(), "type this one on the card screen") {
		t.Errorf("enter on a card:\n%s", d.screen())
	}
}
