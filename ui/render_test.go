package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// fitBody draws the frame's body as lipgloss would, byte for byte: bodies
// of styled lines that fit, short and long (cut at the height), and the
// ones it hands to lipgloss (a line too wide, a tab).
func TestFitBodyIsLipglossRender(t *testing.T) {
	st := newStyles()
	styles := []lipgloss.Style{st.Muted, st.Amount, st.Title, st.OK, lipgloss.NewStyle()}
	words := []string{"Payment", "150 000 UZS", "·", "Оплата", "Toʻlov", "✓", "╭─╮", "holds", "a"}
	r := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for i := range 400 {
		width, height := 20+r.IntN(100), 1+r.IntN(40)
		var lines []string
		for range r.IntN(50) {
			var l strings.Builder
			for range r.IntN(8) {
				l.WriteString(styles[r.IntN(len(styles))].Render(words[r.IntN(len(words))]) + " ")
			}
			lines = append(lines, l.String())
		}
		if i%50 == 0 {
			lines = append(lines, "\tindented")
		}
		body := strings.Join(lines, "\n")
		want := st.Body.Width(width).Height(height).MaxHeight(height).Render(body)
		if got := fitBody(st.Body, body, width, height); got != want {
			t.Fatalf("width %d height %d body %q:\ngot  %q\nwant %q", width, height, body, got, want)
		}
		if _, _, ok := fittingLines(st.Body, body, width); ok {
			fast++
		}
	}
	if fast < 100 {
		t.Errorf("only %d of 400 bodies took the short way: the test checks lipgloss against itself", fast)
	}
}
