package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/octo"
)

// fixedNow is the tests' clock: views that show times are stable.
var fixedNow = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

func testOptions() Options {
	return Options{
		Mode: ModeSandbox, Gateway: "sandbox", Shop: HeaderShop{ID: 27}, Operator: "Dilnoza",
		Now: func() time.Time { return fixedNow },
		Outbox: func() []SMS {
			return []SMS{{Phone: "+998** *****67", Code: "482913", PaymentUUID: "5f0c1a2b-3c4d", SentAt: fixedNow}}
		},
	}
}

var sizes = []struct{ w, h int }{{80, 24}, {120, 40}}

func TestHomeGolden(t *testing.T) {
	for _, sz := range sizes {
		d := newDriver(t, New(testOptions()), sz.w, sz.h)
		golden(t, sizeName("home", sz.w, sz.h), d.screen())
	}
}

func sizeName(name string, w, h int) string {
	return name + "-" + itoa(w) + "x" + itoa(h)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func TestTooSmall(t *testing.T) {
	d := newDriver(t, New(testOptions()), 60, 20)
	got := d.screen()
	if !strings.Contains(got, "at least 80×24") || !strings.Contains(got, "60×20") {
		t.Errorf("too-small message = %q, want the minimum and the actual size", got)
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(d.screen(), "New payment") {
		t.Errorf("after growing, got %q, want the home screen", d.screen())
	}
}

func TestHomeNavigation(t *testing.T) {
	d := newDriver(t, New(testOptions()), 80, 24)
	d.key(tea.KeyDown)
	if d.app.home.cursor != 1 {
		t.Fatalf("cursor after down = %d, want 1", d.app.home.cursor)
	}
	d.key(tea.KeyUp)
	d.key(tea.KeyUp) // wraps to the last item
	if got, want := d.app.home.cursor, len(d.app.home.items)-1; got != want {
		t.Fatalf("cursor after wrapping up = %d, want %d", got, want)
	}
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"}) // new payment, card typed here
	d.until("the new-payment screen", func(a App) bool { return a.screen == screenNewPayment })
}

func TestQuitRefusedWhileBusy(t *testing.T) {
	d := newDriver(t, New(testOptions()), 80, 24)
	d.app.busy = "a charge is being sent to OCTO"
	m, cmd := d.app.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	a := m.(App)
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("quit while a charge was in flight")
		}
	}
	if !strings.Contains(plain(a.View().Content), "Not quitting: a charge is being sent to OCTO") {
		t.Errorf("no reason shown for the refused quit:\n%s", plain(a.View().Content))
	}
	a.busy = ""
	_, cmd = a.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if cmd == nil {
		t.Fatal("no quit once nothing is in flight")
	}
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Fatal("ctrl+c did not quit once nothing was in flight")
	}
}

func TestHealthFromExchanges(t *testing.T) {
	ch := make(chan octo.Exchange, 2)
	opts := testOptions()
	opts.Exchanges = ch
	d := newDriver(t, New(opts), 120, 40)
	if !strings.Contains(d.screen(), "no calls yet") {
		t.Fatalf("before any call: %q", d.screen())
	}
	ch <- octo.Exchange{Method: "pay", Duration: 42 * time.Millisecond}
	d.until("the latency shown", func(a App) bool { return strings.Contains(plain(a.View().Content), "sandbox 42 ms · pay") })
	ch <- octo.Exchange{Method: "pay", Err: "pay: timeout"}
	d.until("the error shown", func(a App) bool {
		return strings.Contains(plain(a.View().Content), "✗ sandbox pay: OCTO did not answer in time")
	})
}

func TestSMSPanelToggle(t *testing.T) {
	d := newDriver(t, New(testOptions()), 80, 24)
	if strings.Contains(d.screen(), "SMS outbox · sandbox") {
		t.Fatal("the panel shows by itself at 80 columns; it should wait for F2")
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyF2})
	d.send(tickMsg(fixedNow))
	if !strings.Contains(d.screen(), "482913") {
		t.Fatalf("F2 did not show the outbox:\n%s", d.screen())
	}
	opts := testOptions()
	opts.Outbox = nil
	d = newDriver(t, New(opts), 120, 40)
	d.send(tea.KeyPressMsg{Code: tea.KeyF2})
	if strings.Contains(d.screen(), "SMS outbox · sandbox") || strings.Contains(d.screen(), "f2") {
		t.Fatal("an SMS panel (or its key) on OCTO, where there is no outbox")
	}
}
