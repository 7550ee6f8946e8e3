package ui

import (
	"testing"
	"time"
)

// The QA tools at both sizes, on the fake sandbox with fixed data.
func TestQAToolsGolden(t *testing.T) {
	for _, c := range []struct {
		name  string
		steps func(d *driver)
	}{
		{"inspector", func(d *driver) {
			feed(d)
			d.send(fkey(3), press("down"))
		}},
		{"inspector-detail", func(d *driver) {
			feed(d)
			d.send(fkey(3), press("down"), press("down"), press("down"), press("down"), press("enter"))
		}},
		{"scenario", func(d *driver) {
			d.send(fkey(4))
			toItem(t, d, "Lost notification") // the second fault, past the test cards
			d.send(press("right"), press("enter"))
		}},
		{"clock", func(d *driver) {
			d.send(fkey(5))
			toolRead(d)
			d.send(press("5"))
			d.untilScreen("Moved 5 min")
		}},
		{"notifications", func(d *driver) {
			d.send(fkey(6))
			toolRead(d)
			d.send(press("down"), press("r"))
			d.untilScreen("4 notifications")
		}},
	} {
		for _, sz := range sizes {
			d := qaDriver(t, newFakeSandbox(), sz.w, sz.h)
			c.steps(d)
			golden(t, sizeName("qa-"+c.name, sz.w, sz.h), d.screen())
		}
	}
}

var _ = time.Second
