package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// WarmForms builds a new payment's forms once, types a digit into the
// amount and draws them, then throws them away: the first payment of the
// day then opens as fast as the next. Cold, the key that opened the
// order form took 7–15 ms of update (the form's first build: code not yet
// paged in, huh's navigation types and the forms' theme made on first
// use), 2–5 ms warm — one frame's echo instead of two (the console timed
// with the keys typed a second after its start). The console runs it off
// the screens' loop once the first frame has settled: it shares nothing
// with the screens but what is made once and safe to share (the theme,
// the catalogue, huh's navigation types), which a race-detector test
// holds.
func WarmForms(l Lang, currency string) {
	np := newNewPaymentScreen(l, currency, nil)
	np.Init()
	np, _ = np.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	np, _ = np.Update(tea.KeyPressMsg{Code: '1', Text: "1"})
	_ = np.View()
	card := newCardScreen(l, time.Now, nil)
	card.Init()
	card, _ = card.Update(tea.KeyPressMsg{Code: '8', Text: "8"})
	_ = card.View()
}
