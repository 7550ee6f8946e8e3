package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/journal"
)

// BenchmarkShiftScreen1M is the shift screen over a shift of 1,000,000
// journaled payments, the way the cashier gets it: x pressed on the home
// screen, the X report and the shift read from the journal, the report
// drawn. It runs only under -bench (filling takes a while).
func BenchmarkShiftScreen1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.db")
	j, err := journal.OpenSQLite(path)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = j.Close() }()
	const n = 1_000_000
	fillJournal(b, path, n, fixedNow) // history_bench_test.go
	if _, err := j.OpenShift(context.Background(), "Aziza", "", fixedNow); err != nil {
		b.Fatal(err)
	}
	o := testOptions()
	o.Journal = j
	d := newDriver(&testing.T{}, New(o), 120, 40)
	// The home screen's count of open holds is read at start: it is not
	// the shift screen's cost (it was, spread over the first loop).
	d.until("the home's open holds", func(a App) bool { return a.home.openHolds > 0 })
	home := d.app
	b.ResetTimer()
	for b.Loop() {
		d.app = home
		d.handle(keyText("x")) // not send: it waits for the loop to go quiet
		d.until("the report", func(a App) bool { return a.shift.loaded && a.shift.shift.Operator != "" })
		if v := d.app.View().Content; !strings.Contains(v, "X report") {
			b.Fatalf("no report:\n%s", v)
		}
	}
	b.StopTimer()
	var count int64
	for _, l := range d.app.shift.report.Lines {
		count += l.Count
	}
	if count != n {
		b.Fatalf("the report counted %d payments, want %d", count, n)
	}
}
