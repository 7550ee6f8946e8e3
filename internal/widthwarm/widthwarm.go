// Package widthwarm builds the table the terminal renderer measures
// characters with while the program is still starting.
//
// go-runewidth fills a 2.2 MB table at the first character past U+02FF it
// measures, and the console's first frame has one (its border): on this
// kind of machine that is 13–15 ms, most of it page faults, and the first
// frame waited for it (the frame was ready at 7–8 ms after main began,
// and written once the table was). Started from main it was still on that
// path; started here, while the other packages are initialised on the
// other core — this package needs only go-runewidth, so it is initialised
// early — it is built by the time main runs. The table is go-runewidth's
// own, shared by every width condition (the renderer's, through the ANSI
// package, too): any first measure of such a character builds it.
//
// Its pages are asked of the kernel in one call before the table is
// filled (prefault): 540 page faults, one a page, were most of its time,
// and on a busy machine that time is taken from the start. The table is
// go-runewidth's unexported variable, reached by name (strictWidthLUT
// below; the test checks it is the table go-runewidth fills).
//
// Only the console draws: a subcommand (its name first on the command
// line) does not build it.
package widthwarm

import (
	"os"
	"strings"
	_ "unsafe" // go:linkname

	"github.com/mattn/go-runewidth"
)

// strictWidthLUT is go-runewidth's width table (v0.0.31): per rune, its
// width without and with East Asian ambiguous widths.
//
//go:linkname strictWidthLUT github.com/mattn/go-runewidth.strictWidthLUT
var strictWidthLUT [2][0x110000]byte

func init() {
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		return // a subcommand: sandbox, replay, trigger, serve, ...
	}
	go warm()
}

// warm has the table's pages mapped, then has go-runewidth fill it.
func warm() {
	prefault(strictWidthLUT[0][:])
	prefault(strictWidthLUT[1][:])
	runewidth.RuneWidth('─')
}
