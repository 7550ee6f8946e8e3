package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// SMS is a text the sandbox "sent" to the customer's phone. The console
// shows them in a side panel in sandbox mode so whoever walks a flow sees
// the code the customer would receive. On OCTO there is no outbox.
type SMS struct {
	Phone       string
	Code        string
	PaymentUUID string
	SentAt      time.Time
}

// smsPanelMax is how many texts the panel lists, newest first.
const smsPanelMax = 6

// smsDrawn is the SMS panel as last drawn and what it was drawn from.
// The panel is on every frame — a cursor's blink, a spinner's turn — and
// its texts change only when one is sent: drawing it afresh each frame
// was 15% of all the console allocated (make memwalk).
type smsDrawn struct {
	st            styles
	lang          Lang
	width, height int
	msgs          []SMS // the newest smsPanelMax texts it was drawn from
	panel         string
}

// draw is smsPanel, drawn again only when what it shows has changed.
func (d *smsDrawn) draw(st styles, msgs []SMS, width, height int) string {
	newest := msgs[max(len(msgs)-smsPanelMax, 0):]
	if d.panel != "" && d.st == st && d.lang == st.lang && d.width == width && d.height == height && slices.Equal(d.msgs, newest) {
		return d.panel
	}
	*d = smsDrawn{st: st, lang: st.lang, width: width, height: height, msgs: slices.Clone(newest),
		panel: smsPanel(st, msgs, width, height)}
	return d.panel
}

// smsPanel renders the outbox, newest first, within width columns.
func smsPanel(st styles, msgs []SMS, width, height int) string {
	var b strings.Builder
	// The title wrapped as the frame will wrap it ("Исходящие SMS ·
	// песочница" takes two lines), so that the room below is counted right.
	title := ansi.Wrap(st.PanelTitle.Render(st.T("SMS outbox · sandbox")), max(width-st.Panel.GetHorizontalFrameSize(), 1), "")
	b.WriteString(title)
	b.WriteString("\n\n")
	if len(msgs) == 0 {
		b.WriteString(st.Muted.Width(width - 4).Render(st.T("No texts yet. The customer's one-time code appears here when the sandbox sends it.")))
	}
	// Only whole texts that fit inside the frame: cutting the rendered box
	// to the height took its bottom border with it.
	room := height - st.Panel.GetVerticalFrameSize() - lipgloss.Height(title) - 1
	shown := 0
	for i := len(msgs) - 1; i >= 0 && shown < smsPanelMax; i-- {
		m := msgs[i]
		lines := 2
		if m.PaymentUUID != "" {
			lines++
		}
		if shown > 0 {
			lines++ // the blank line between texts
		}
		if height > 0 && lines > room {
			break
		}
		room -= lines
		if shown > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s %s\n", st.Muted.Render(m.SentAt.Format("15:04:05")), m.Phone)
		b.WriteString(st.Tf("code %s", st.Amount.Render(m.Code)) + "\n")
		if m.PaymentUUID != "" {
			b.WriteString(st.Muted.Render(st.Tf("pay %s", shortID(m.PaymentUUID))))
			b.WriteString("\n")
		}
		shown++
	}
	return st.Panel.Width(width).MaxHeight(height).Render(strings.TrimRight(b.String(), "\n"))
}

// shortID shortens a UUID for a narrow panel: the first 8 characters.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8] + "…"
	}
	return id
}
