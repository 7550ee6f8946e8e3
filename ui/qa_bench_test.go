package ui

import (
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/qa"
)

// BenchmarkInspectorLive is what a new exchange costs while the inspector
// is on show with a full ring: the root records it and the screen is drawn
// again.
func BenchmarkInspectorLive(b *testing.B) {
	d := newDriver(&testing.T{}, New(testOptions()), 120, 40)
	xs := sampleExchanges()
	for i := 0; i < qa.TrafficLimit; i++ {
		d.app.traffic.AddExchange(xs[i%len(xs)])
	}
	m, _ := d.app.Update(fkey(3))
	app := m.(App)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, _ := app.Update(exchangeMsg{xs[i%len(xs)]})
		app = m.(App)
		_ = app.View()
	}
}

// BenchmarkInspectorDetail is the detail of an exchange drawn once:
// redacting and indenting both bodies.
func BenchmarkInspectorDetail(b *testing.B) {
	d := newDriver(&testing.T{}, New(testOptions()), 120, 40)
	d.app.traffic.AddExchange(octo.Exchange{Method: "pay", Request: sampleExchanges()[1].Request, Response: sampleExchanges()[0].Response})
	m, _ := d.app.Update(fkey(3))
	m, _ = m.(App).Update(press("enter"))
	app := m.(App)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = app.View()
	}
}
