package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkAmountKey is one digit typed into the amount field: Update and
// the View Bubble Tea draws after it, through Program as the console runs
// it. The pty figures (ptyprobe) add the terminal and the frame pacing on
// top of this.
func BenchmarkAmountKey(b *testing.B) {
	t := &testing.T{}
	d := newDriver(t, New(testOptions()), 80, 24)
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"}) // new payment, card typed here
	var m tea.Model = NewProgram(d.app)
	digit := tea.KeyPressMsg{Code: '7', Text: "7"}
	back := tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := digit
		if i%8 == 7 {
			k = back
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkAmountTyping is a cashier typing an amount and erasing it
// (1 234 567, then seven backspaces), each key's update and frame at
// 100×30: every digit regroups the amount or changes its preview, which
// BenchmarkAmountKey's field, full at its limit, mostly does not.
func BenchmarkAmountTyping(b *testing.B) {
	d := newDriver(&testing.T{}, New(testOptions()), 100, 30)
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"}) // new payment, card typed here
	var m tea.Model = NewProgram(d.app)
	back := tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := back
		if i%14 < 7 {
			r := rune('1' + i%14)
			k = tea.KeyPressMsg{Code: r, Text: string(r)}
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkHomeView is the home screen drawn once.
func BenchmarkHomeView(b *testing.B) {
	d := newDriver(&testing.T{}, New(testOptions()), 80, 24)
	app := d.app
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = app.View()
	}
}

// BenchmarkPaymentForms is the order and card forms built, as every new
// payment builds them.
func BenchmarkPaymentForms(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = newNewPaymentScreen(LangEN, "UZS", nil)
		_ = newCardScreen(LangEN, time.Now, nil)
	}
}
