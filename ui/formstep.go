package ui

import (
	"reflect"
	"slices"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/octo-cashier/octo-cashier/ui/common"
)

// huh moves between fields and groups with commands: Enter on a valid
// field returns NextField, whose message comes back through the program's
// loop. Keys already queued behind the Enter — a fast cashier, a paste, a
// barcode scanner — reach the form before that message and land in the
// field just left: "150000⏎5 chairs" became 1 500 005 UZS. stepForm moves
// the form in the key's own Update instead, so a key typed after Enter
// always belongs to the next field, and drops huh's deferred messages when
// they arrive, the move being done already.

// huhNav are the types of huh's deferred navigation messages. NextField and
// PrevField are exported; the group messages are read off a form of one
// field, whose last field's Next is the next group and first field's Prev
// the previous one (TestHuhNavTypes checks all four are found). Found on
// first use, not at start: building huh's forms and their themes cost more
// than all the rest of the package's start-up before the first frame.
var huhNav = sync.OnceValue(findHuhNav)

func findHuhNav() map[reflect.Type]bool {
	nav := map[reflect.Type]bool{
		reflect.TypeOf(huh.NextField()): true,
		reflect.TypeOf(huh.PrevField()): true,
	}
	for _, move := range []func(*huh.Form) tea.Cmd{(*huh.Form).NextField, (*huh.Form).PrevField} {
		// Themed as the screens' forms are: unthemed, huh built its Charm
		// theme afresh at each look, 1.1 MB at the first key into a form.
		f := huh.NewForm(common.FormGroup(huh.NewInput())).WithTheme(common.FormTheme)
		f.Init()
		for _, m := range cmdMessages(move(f)) {
			nav[reflect.TypeOf(m)] = true
		}
	}
	return nav
}

// cmdMessages runs a command known to return at once (huh's navigation)
// and lists its messages, batches opened.
func cmdMessages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	b, ok := msg.(tea.BatchMsg)
	if !ok {
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range b {
		out = append(out, cmdMessages(c)...)
	}
	return out
}

// isHuhNav reports whether msg is one of huh's deferred moves.
func isHuhNav(msg tea.Msg) bool { return msg != nil && huhNav()[reflect.TypeOf(msg)] }

// stepForm updates a form with msg, moving between its fields and groups
// at once when msg is a key that moves.
func stepForm(f *huh.Form, km *huh.KeyMap, msg tea.Msg) (*huh.Form, tea.Cmd) {
	if isHuhNav(msg) {
		return f, nil // moved already, when its key came
	}
	before := f.GetFocusedField()
	m, cmd := f.Update(msg)
	if ff, ok := m.(*huh.Form); ok {
		f = ff
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || f.State != huh.StateNormal || before == nil {
		return f, cmd
	}
	dir := navDirection(km, before, k)
	if dir == 0 || before.Error() != nil {
		return f, cmd // not a move, or the field refused its value: it stays
	}
	var moved tea.Cmd
	if dir > 0 {
		moved = f.NextField()
	} else {
		moved = f.PrevField()
	}
	if f.GetFocusedField() == before && f.State == huh.StateNormal {
		// The group's last (or first) field: the form goes on to the next
		// (previous) group — or completes — now too.
		var group tea.Cmd
		if dir > 0 {
			group = f.NextGroup()
		} else {
			group = f.PrevGroup()
		}
		moved = batch(moved, group)
	}
	return f, batch(cmd, moved)
}

// navDirection is +1 when k moves the focused field on, -1 back, 0 for a
// key that stays in the field. It asks the field's own bindings, which huh
// enables by the field's place (no Prev on the form's first field, Submit
// only on its last), so the form moves exactly when huh would have.
func navDirection(km *huh.KeyMap, field huh.Field, k tea.KeyPressMsg) int {
	var next, prev []key.Binding
	switch field.(type) {
	case *huh.Input, *liveInput:
		next, prev = []key.Binding{km.Input.Next, km.Input.Submit}, []key.Binding{km.Input.Prev}
	case *huh.Select[bool], *huh.Select[string], *huh.Select[int]:
		next, prev = []key.Binding{km.Select.Next, km.Select.Submit}, []key.Binding{km.Select.Prev}
	default:
		return 0
	}
	same := func(b key.Binding, roles []key.Binding) bool {
		for _, r := range roles {
			if slices.Equal(b.Keys(), r.Keys()) {
				return true
			}
		}
		return false
	}
	for _, b := range field.KeyBinds() {
		switch {
		case !key.Matches(k, b):
		case same(b, next):
			return 1
		case same(b, prev):
			return -1
		}
	}
	return 0
}
