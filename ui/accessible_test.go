package ui

import (
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/shopspring/decimal"
)

func TestAccessibleNewPaymentPrompts(t *testing.T) {
	s := newNewPaymentScreen(LangEN, "UZS", nil)
	e := &formExec{form: s.form}
	// A bad amount is asked again; the second answer is taken.
	e.SetStdin(iotest.OneByteReader(strings.NewReader("12.345\n150 000\nCoffee machine\n2\n\n\n"))) // a line at a time, like a terminal
	var out strings.Builder
	e.SetStdout(&out)
	if err := e.Run(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	msg, ok := s.finished(true).(orderReadyMsg)
	if !ok {
		t.Fatalf("finished = %#v, want an order", s.finished(true))
	}
	if !msg.order.Amount.Equal(decimal.RequireFromString("150000")) || !msg.order.TwoStage || msg.order.Description != "Coffee machine" {
		t.Errorf("order = %+v", msg.order)
	}
	if !strings.Contains(out.String(), "at most 2 decimals") {
		t.Errorf("the bad amount was not explained:\n%s", out.String())
	}
}

func TestAccessibleCardSkipsCVCForUzcard(t *testing.T) {
	s := newCardScreen(LangEN, func() time.Time { return fixedNow }, nil)
	e := &formExec{steps: s.accessibleSteps()}
	e.SetStdin(iotest.OneByteReader(strings.NewReader("8600 0000 0000 0015\n12/30\nALI VALIYEV\n"))) // a line at a time, like a terminal
	var out strings.Builder
	e.SetStdout(&out)
	if err := e.Run(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if strings.Contains(out.String(), "CVC") {
		t.Errorf("an Uzcard was asked for a CVC:\n%s", out.String())
	}
	msg, ok := s.finished(true).(cardReadyMsg)
	if !ok {
		t.Fatalf("finished = %T, want a card", s.finished(true))
	}
	if msg.card.card.Exp != "3012" || msg.card.scheme != SchemeUzcard || msg.card.card.CVC != "" || msg.card.card.HolderName != "ALI VALIYEV" {
		t.Errorf("card = %v exp %s", msg.card, msg.card.card.Exp)
	}
	if s.fields.pan != "" {
		t.Error("the typed card number was kept after it was handed over")
	}
}

func TestAccessibleCardAsksCVCForVisa(t *testing.T) {
	// The CVC prompt hides what is typed and so needs a terminal; here it
	// is enough that its step is asked for a Visa number and only then.
	s := newCardScreen(LangEN, func() time.Time { return fixedNow }, nil)
	steps := s.accessibleSteps()
	for pan, want := range map[string]bool{"4111 1111 1111 1111": true, "5555555555554444": true, "8600 0000 0000 0015": false, "9860000000000018": false} {
		s.fields.pan = pan
		if got := steps[1].ask(); got != want {
			t.Errorf("%s: CVC asked %v, want %v", pan, got, want)
		}
	}
}
