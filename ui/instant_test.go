package ui

import (
	"reflect"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
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
