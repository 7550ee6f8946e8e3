package common

import (
	"fmt"
	"strings"
	"time"
)

// Truncate cuts s to n cells' worth of runes, with an ellipsis when cut.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// FormatLatency writes a latency with the unit's name in the console's
// language (ms, мс).
func FormatLatency(d time.Duration, ms string) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1f %s", float64(d.Microseconds())/1000, ms)
	}
	return fmt.Sprintf("%d %s", d.Milliseconds(), ms)
}

// Scrolled shows rows lines of lines from first (kept within the text),
// each cut to width, with where it is when it does not all fit.
func Scrolled(st Styles, lines []string, first, rows, width int) string {
	if len(lines) <= rows {
		first, rows = 0, len(lines)
	} else {
		rows-- // room for the position line
		first = min(first, len(lines)-rows)
	}
	out := make([]string, 0, rows+1)
	for _, l := range lines[first : first+rows] {
		out = append(out, Truncate(l, max(width, 20)))
	}
	if rows < len(lines) {
		out = append(out, st.Muted.Render(st.Tf("lines %d–%d of %d", first+1, first+rows, len(lines))))
	}
	return strings.Join(out, "\n")
}

// IsStatusRead tells a status read from a payment being prepared: OCTO
// reads a payment's status through prepare_payment with the same
// shop_transaction_id and no total_sum (octo.Client.Status).
func IsStatusRead(method string, request []byte) bool {
	return method == "prepare_payment" && !strings.Contains(string(request), `"total_sum"`)
}

// CallName is a gateway call as the screens name it: "status read" rather
// than a prepare_payment that prepares nothing (the inspector's body still
// shows the method and URL).
func CallName(method string, request []byte) string {
	if IsStatusRead(method, request) {
		return StatusReadName
	}
	return method
}

// StatusReadName is CallName's one name of its own; OCTO's method names
// are never translated ("refund" is not "вернуть" on the status line).
const StatusReadName = "status read"
