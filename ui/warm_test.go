package ui

import (
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The forms are warmed off the screens' loop, while the cashier may
// already be typing into the same kind of form: nothing they share may be
// written by both (the race detector watches this under make test), and
// what is typed lands where it is typed.
func TestWarmFormsBesideTheScreens(t *testing.T) {
	for _, l := range []Lang{LangEN, LangRU, LangUZ} {
		d := newDriver(t, New(testOptions()), 100, 30)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			WarmForms(l, "UZS")
		}()
		d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"})
		for _, r := range "150000" {
			d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		wg.Wait()
		if s := d.screen(); !strings.Contains(s, "> 150 000") {
			t.Errorf("%v: the amount typed beside the warming is not on screen:\n%s", l, s)
		}
	}
}
