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
// Only the console draws: a subcommand (its name first on the command
// line) does not build it.
package widthwarm

import (
	"os"
	"strings"

	"github.com/mattn/go-runewidth"
)

func init() {
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		return // a subcommand: sandbox, replay, trigger, serve, ...
	}
	go runewidth.RuneWidth('─')
}
