package ui

import (
	"time"

	"charm.land/bubbles/v2/textinput"

	"github.com/octo-cashier/octo-cashier/ui/common"
)

// The root's screens call the shared widgets of ui/common by the short
// names they were written with; the names go as the screens move into
// their areas' packages (ui/counter, ui/backoffice), which call common
// directly. Kept here, not at every call, so that moving the widgets does
// not rewrite the screens others are working on.

func truncate(s string, n int) string { return common.Truncate(s, n) }

func formatLatency(d time.Duration, ms string) string { return common.FormatLatency(d, ms) }

func callName(method string, request []byte) string { return common.CallName(method, request) }

func newInput() textinput.Model { return common.NewInput() }

func scrolled(st styles, lines []string, first, rows, width int) string {
	return common.Scrolled(st.shared(), lines, first, rows, width)
}
