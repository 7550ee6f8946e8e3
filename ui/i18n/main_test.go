package i18n

import (
	"fmt"
	"os"
	"testing"
)

// TestMain checks, before any test makes the catalogue, that an English
// console's words make none of its tables: T and Tf in English need only
// the plurals, and the tables (about 900 texts) are a start's work no
// English screen uses.
func TestMain(m *testing.M) {
	if got := EN.T("What would you like to do?"); got != "What would you like to do?" {
		fmt.Fprintf(os.Stderr, "EN.T = %q\n", got)
		os.Exit(1)
	}
	if got := EN.Tf("%s (%d waiting)", "Open holds", 2); got != "Open holds (2 waiting)" {
		fmt.Fprintf(os.Stderr, "EN.Tf = %q\n", got)
		os.Exit(1)
	}
	if got := EN.TIn(Receipt, "Paid"); got != "Paid" {
		fmt.Fprintf(os.Stderr, "EN.TIn = %q\n", got)
		os.Exit(1)
	}
	if made.Load() || texts != nil {
		fmt.Fprintln(os.Stderr, "English words made the catalogue's tables")
		os.Exit(1)
	}
	os.Exit(m.Run())
}
