package ui

import (
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
)

// The panel drawn once is drawn again when a text comes, when its room
// changes and when the language does — never a stale panel.
func TestSMSPanelRedrawnWhenItsTextsChange(t *testing.T) {
	st := newStyles()
	var d smsDrawn
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	msgs := []SMS{{Phone: "998901234567", Code: "111111", SentAt: at}}
	if got := d.draw(st, msgs, 28, 20); !strings.Contains(got, "111111") {
		t.Fatalf("first panel lacks the code:\n%s", got)
	}
	msgs = append(msgs, SMS{Phone: "998901234567", Code: "222222", SentAt: at.Add(time.Second)})
	if got := d.draw(st, msgs, 28, 20); !strings.Contains(got, "222222") {
		t.Fatalf("a new text is not drawn:\n%s", got)
	}
	// The outbox keeps its newest texts: a full one changes without growing.
	full := make([]SMS, smsPanelMax)
	for i := range full {
		full[i] = SMS{Phone: "998901234567", Code: strings.Repeat(string(rune('1'+i)), 6), SentAt: at.Add(time.Duration(i) * time.Minute)}
	}
	d.draw(st, full, 28, 40)
	rolled := append(full[1:len(full):len(full)], SMS{Phone: "998901234567", Code: "999999", SentAt: at.Add(time.Hour)})
	if got := d.draw(st, rolled, 28, 40); !strings.Contains(got, "999999") {
		t.Fatalf("a text replacing the oldest is not drawn:\n%s", got)
	}
	wide := d.draw(st, rolled, 40, 40)
	if w := lipgloss.Width(wide); w != 40 {
		t.Errorf("panel drawn %d wide after the room grew to 40", w)
	}
	st.lang = LangRU // the language is switched in place
	if got := d.draw(st, rolled, 40, 40); got == wide {
		t.Error("the panel kept its English words after the language changed")
	}
}

// beside pads the left block's missing lines to its width, so the taller
// right block keeps its column.
func TestBesideKeepsTheRightColumn(t *testing.T) {
	if got, want := beside("ab\ncd", "1\n2\n3", 2), "ab1\ncd2\n  3"; got != want {
		t.Errorf("beside = %q, want %q", got, want)
	}
	if got, want := beside("ab\ncd\nef", "1", 2), "ab1\ncd\nef"; got != want {
		t.Errorf("beside = %q, want %q", got, want)
	}
}
