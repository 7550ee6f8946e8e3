package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// echoTool shows the keys it was sent and leaves on esc.
type echoTool struct{ typed string }

func (echoTool) Title(st styles) string { return st.T("New payment") }
func (e echoTool) Update(msg tea.Msg, _ Options) (tool, tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		if km.String() == "esc" {
			return e, closeTool
		}
		e.typed += km.Text
	}
	return e, nil
}
func (e echoTool) View(_ styles, _ Options, w, h int) string { return "typed:" + e.typed }
func (echoTool) Keys() help.KeyMap {
	return homeKeys{Up: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "echo-back"))}
}

func TestToolRouting(t *testing.T) {
	o := testOptions()
	o.Language = LangRU
	d := newDriver(t, New(o), 80, 24)
	d.send(openToolMsg{t: echoTool{}})
	d.typeText("ab")
	d.settle()
	got := d.screen()
	for _, want := range []string{"Новый платёж", "typed:ab", "echo-back"} {
		if !strings.Contains(got, want) {
			t.Errorf("the tool's screen has no %q:\n%s", want, got)
		}
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyEscape})
	d.until("home after esc", func(a App) bool { return a.screen == screenHome })
	if !strings.Contains(d.screen(), "Что сделать?") {
		t.Errorf("esc did not go home in Russian:\n%s", d.screen())
	}
}
