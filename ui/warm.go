package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// WarmForms builds a new payment's forms once, types a digit into the
// amount and draws them, then throws them away: the first payment of the
// day then opens as fast as the next. Cold, the key that opened the
// order form took 6–15 ms (the form's first build: code not yet paged
// in, huh's navigation types and the forms' theme made on first use)
// against 2–3 ms warm, so its echo missed two or three frames (make
// ptybench). Run it off the screens' loop once the first frame is drawn:
// it shares nothing with the screens but what is made once and safe to
// share (the theme, the catalogue, huh's navigation types).
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
