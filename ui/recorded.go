package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

// WithRecorder is the App with r in front, for a tea.Program: r sees
// every message before the App, and the App its messages through its step
// (keys in order). It is held by pointer, as Program holds the App.
func WithRecorder(r *record.Recorder, app App) tea.Model {
	return &recordingModel{app: recorded{app}, r: r}
}

type recordingModel struct {
	app recorded
	r   *record.Recorder
}

func (m *recordingModel) Init() tea.Cmd  { return m.app.a.Init() }
func (m *recordingModel) View() tea.View { return m.app.a.View() }

func (m *recordingModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.app, cmd = record.Step(m.r, m.app, msg)
	return m, cmd
}

// recorded is the App as the recorder sees it (record.Recordable).
type recorded struct{ a App }

func (c recorded) Step(msg tea.Msg) (recorded, tea.Cmd) {
	a, cmd := c.a.step(msg)
	return recorded{a}, cmd
}

func (c recorded) Where() string    { return c.a.where() }
func (c recorded) InFlight() bool   { return c.a.inFlight() }
func (c recorded) SentCode() string { return sentCode(c.a) }

func (c recorded) TypedCard(msg tea.Msg) (string, bool) {
	m, ok := msg.(cardReadyMsg)
	return m.card.card.PAN, ok
}

// Fields are the App's secret fields: the PIN fields, the code field, the
// card form.
func (c recorded) Fields() record.Fields {
	a := c.a
	f := record.Fields{Locked: a.lock.on, OnCard: a.screen == screenCard, OTP: a.otp.input.Value()}
	if a.screen == screenBind {
		f.OTP = a.bindS.input.Value()
	}
	if a.card.fields != nil {
		f.Card = a.card.fields
		f.PAN, f.CVC = common.CardDigits(a.card.fields.pan), a.card.fields.cvc
		f.Exp, f.Holder = a.card.fields.exp, a.card.fields.holder
	}
	if f.PINAt, f.PIN = pinField(a); f.PINAt != record.NoPIN {
		f.PINFirst = a.shift.open.inputs[1].Value()
		return f
	}
	f.CardEntry = f.OnCard && a.confirm == nil
	f.OTPField = otpField(a)
	return f
}

// pinField is where a key would type a PIN digit, and the value there.
func pinField(a App) (record.PINPlace, string) {
	switch {
	case a.lock.on:
		return record.PINAtLock, a.lock.input.Value()
	case a.confirm != nil || a.screen != screenShift || a.shift.mode != shiftOpening:
		return record.NoPIN, ""
	case a.shift.open.focus == 1:
		return record.PINOpening, a.shift.open.inputs[1].Value()
	case a.shift.open.focus == 2:
		return record.PINAgain, a.shift.open.inputs[2].Value()
	}
	return record.NoPIN, ""
}

// otpField reports whether the App is on a code field that takes keys.
func otpField(a App) bool {
	if a.confirm != nil {
		return false
	}
	return (a.screen == screenOTP && a.hasPay && a.pay.State == flows.AwaitingOTP) ||
		(a.screen == screenBind && a.hasBind && a.bind.State == flows.BindAwaitingOTP)
}

// sentCode is the code the sandbox sent for the payment or card on screen
// (the newest one), else the newest code of all; "" without an outbox.
func sentCode(a App) string {
	if a.opts.Outbox == nil {
		return ""
	}
	uuid := a.pay.PaymentUUID
	if a.screen == screenBind {
		uuid = a.bind.PaymentUUID
	}
	msgs := a.opts.Outbox()
	for i := len(msgs) - 1; i >= 0; i-- {
		if uuid != "" && msgs[i].PaymentUUID == uuid {
			return msgs[i].Code
		}
	}
	if len(msgs) > 0 {
		return msgs[len(msgs)-1].Code
	}
	return ""
}
