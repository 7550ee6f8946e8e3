package ui

import (
	"math"
	"reflect"
	"runtime"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// TestHuhNavTypes: stepForm drops huh's four deferred moves by their
// types, read off huh at start; if a huh upgrade renamed or reshaped them,
// the keys after an Enter would land in the field just left again.
func TestHuhNavTypes(t *testing.T) {
	if len(huhNav()) != 4 {
		t.Fatalf("huh's deferred moves found: %d, want next/prev field and next/prev group", len(huhNav()))
	}
	for typ := range huhNav() {
		if typ.PkgPath() != reflect.TypeOf(huh.NextField()).PkgPath() {
			t.Errorf("%v is not huh's own message", typ)
		}
	}
	if !isHuhNav(huh.NextField()) || !isHuhNav(huh.PrevField()) || isHuhNav(tea.KeyPressMsg{}) {
		t.Error("isHuhNav does not tell huh's moves from other messages")
	}
}

// TestHuhNavFoundOffAThemedForm: the moves are read off forms that wear
// the screens' theme. Off unthemed ones, huh built its Charm theme afresh
// at each look — 1.1 MB allocated at the first key into a form, and a
// collection; about 0.35 MB themed. The least of three looks, as other
// tests' goroutines may allocate meanwhile.
func TestHuhNavFoundOffAThemedForm(t *testing.T) {
	common.FormTheme.Theme(false) // made once, as the first form on screen makes it
	least := uint64(math.MaxUint64)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if len(findHuhNav()) != 4 {
			t.Fatal("huh's deferred moves not found")
		}
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	if least > 800<<10 {
		t.Errorf("finding huh's moves allocated %d kB, want under 800 (themed forms)", least>>10)
	}
}

// TestSplitInstant: instant messages are found inside the console's own
// batches, in order, and everything else is left to run as a command.
func TestSplitInstant(t *testing.T) {
	other := func() tea.Msg { return tickMsg{} }
	msgs, rest := splitInstant(batch(instant(errMsg{}), other, batch(instant(doneMsg{}), nil)))
	if len(msgs) != 2 {
		t.Fatalf("found %d instant messages, want 2", len(msgs))
	}
	if _, ok := msgs[0].(errMsg); !ok {
		t.Errorf("first message %T, want errMsg", msgs[0])
	}
	if _, ok := msgs[1].(doneMsg); !ok {
		t.Errorf("second message %T, want doneMsg", msgs[1])
	}
	if rest == nil {
		t.Fatal("the other command was lost")
	}
	if _, ok := rest().(tickMsg); !ok {
		t.Errorf("what is left does not run the other command")
	}
	// tea.Batch's closures cannot be opened without running them: left alone.
	if msgs, rest := splitInstant(tea.Batch(instant(errMsg{}), other)); len(msgs) != 0 || rest == nil {
		t.Errorf("a tea.Batch was opened: %d messages", len(msgs))
	}
}
