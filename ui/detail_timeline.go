package ui

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// A payment's timeline in its detail: its transitions, money movements,
// notifications and requests to OCTO, oldest first.

// timelineOf merges the transitions, the notifications and the requests
// to OCTO, oldest first.
func timelineOf(ts []flows.Transition, ns []flows.NotificationRecord, xs []flows.ExchangeRecord, ms []flows.Movement,
	lang Lang, currency string) []timelineEntry {
	out := make([]timelineEntry, 0, len(ts)+len(ns)+len(xs)+len(ms))
	for i := range ms {
		m := ms[i]
		out = append(out, timelineEntry{at: m.At, what: movementText(m, lang, currency), note: receiptNote(m, lang), movement: &m})
	}
	for _, t := range ts {
		what := lang.T(t.From.Label()) + " → " + lang.T(t.To.Label())
		if t.From == t.To {
			what = lang.T(t.To.Label())
		}
		if t.From == "" {
			what = lang.T(t.To.Label())
		}
		note := eventText(lang, t.Event)
		if t.Note != "" {
			note += ": " + noteText(lang, t.Note, currency)
		}
		out = append(out, timelineEntry{at: t.At, what: what, note: note})
	}
	for _, n := range ns {
		nb := common.NotificationBodyOf(n)
		out = append(out, timelineEntry{at: n.At, what: lang.Tf("OCTO notification: %s (%s)", n.Status, signatureText(lang, n.Signature)),
			note: n.Body, notice: &nb})
	}
	for _, x := range xs {
		xb := common.ExchangeBodyOfRecord(x)
		out = append(out, timelineEntry{at: x.At, what: "→ " + callText(callName(x.Method, []byte(x.Request)), lang), note: exchangeOutcome(x, lang), exchange: &xb})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

func (d detailTool) timelineView(st styles, loc *time.Location, width, room int) string {
	var b strings.Builder
	b.WriteString(st.Subtitle.Render(st.T("Timeline")) + "\n")
	if !d.loaded {
		b.WriteString(st.Muted.Render(st.T("Reading the journal…")))
		return b.String()
	}
	if d.err != "" {
		b.WriteString(st.ErrorLine.Render("✗ " + d.err))
		return b.String()
	}
	if len(d.timeline) == 0 {
		b.WriteString(st.Muted.Render(st.T("Nothing journaled for this payment.")))
		return b.String()
	}
	lines := max(room-2, 1)
	// The newest entries fill the room, down to the selected one.
	cur := len(d.timeline) - 1 - d.sel
	end := len(d.timeline)
	if cur < end-lines {
		end = cur + lines
	}
	first := max(end-lines, 0)
	shown := 0
	for i := first; i < end; i++ {
		e := d.timeline[i]
		what := truncate(e.at.In(loc).Format("15:04:05")+"  "+e.what, max(width-2, 20))
		note := ""
		if room := width - lipgloss.Width(what) - 4; e.note != "" && room >= 8 {
			note = "  " + truncate(e.note, room)
		}
		if i == cur {
			b.WriteString(st.MenuSelected.Render("› "+what+note) + "\n")
		} else {
			b.WriteString("  " + what + st.Muted.Render(note) + "\n")
		}
		shown++
	}
	if first > 0 || end < len(d.timeline) {
		b.WriteString(st.Muted.Render(st.Tf("%d–%d of %d · ↑↓ scroll", first+1, first+shown, len(d.timeline))))
	}
	return b.String()
}

// exchangeOutcome is a request's result in a few words, as the inspector says it.
func exchangeOutcome(x flows.ExchangeRecord, lang Lang) string {
	out := lang.T("ok")
	switch {
	case x.Code != 0:
		out = lang.Tf("error %d", x.Code)
	case x.HTTPStatus == 0 && x.Err != "":
		out = lang.T("no answer")
	case x.Err != "":
		out = lang.T("failed")
	}
	if x.HTTPStatus != 0 {
		out = "HTTP " + strconv.Itoa(x.HTTPStatus) + " · " + out
	}
	return out + " · " + formatLatency(x.Duration, lang.T("ms"))
}
