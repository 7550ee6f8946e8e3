package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
)

// resultScreen shows how a payment ended, with the money, the masked card,
// OCTO's ids and a printable receipt.
type resultScreen struct {
	keys   resultKeys
	saved  string // where the receipt was written, once it was
	refund bool   // the refund amount field is open
	input  textinput.Model
}

type resultKeys struct{ Home, Save, Retry, Refund, Check, Confirm, Back key.Binding }

func (k resultKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Home, k.Retry, k.Refund, k.Confirm, k.Back, k.Save, k.Check}
}
func (k resultKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// receiptSavedMsg reports the receipt file written (or why not).
type receiptSavedMsg struct {
	path string
	err  error
}

// doneMsg leaves a finished payment for the home screen.
type doneMsg struct{}

func newResultScreen() resultScreen {
	in := textinput.New()
	in.Placeholder = "amount to refund"
	in.CharLimit = 20
	in.SetWidth(20)
	in.Prompt = "› "
	return resultScreen{input: in, keys: resultKeys{
		Home:    key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "done")),
		Save:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "save receipt")),
		Retry:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "try again")),
		Refund:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refund")),
		Check:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "status")),
		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "refund this")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}}
}

// sync enables the keys the payment allows now.
func (s resultScreen) sync(p flows.Payment) resultScreen {
	allowed := p.Allowed()
	s.keys.Retry.SetEnabled(!s.refund && (p.State == flows.Failed || p.State == flows.Declined))
	s.keys.Refund.SetEnabled(!s.refund && slices.Contains(allowed, flows.ActRefund))
	s.keys.Check.SetEnabled(!s.refund && slices.Contains(allowed, flows.ActCheck))
	s.keys.Home.SetEnabled(!s.refund)
	s.keys.Save.SetEnabled(!s.refund)
	s.keys.Confirm.SetEnabled(s.refund)
	s.keys.Back.SetEnabled(s.refund)
	return s
}

// refundAmount reads the field; the flow decides what may be refunded.
func (s resultScreen) refundAmount(p flows.Payment) (decimal.Decimal, string) {
	amt, err := ParseAmount(s.input.Value())
	if err != nil {
		return decimal.Zero, err.Error()
	}
	if amt.GreaterThan(p.Refundable()) {
		return amt, "more than can be refunded (" + FormatMoney(p.Refundable(), p.Currency) + ")"
	}
	if !p.Can(flows.Refund{Amount: amt}) {
		return amt, "OCTO cannot refund this amount now"
	}
	return amt, ""
}

func (s resultScreen) Update(msg tea.Msg, p flows.Payment, dir string, now time.Time) (resultScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case receiptSavedMsg:
		if msg.err == nil {
			s.saved = msg.path
		}
	case tea.KeyPressMsg:
		s = s.sync(p)
		switch {
		case key.Matches(msg, s.keys.Refund):
			s.refund = true
			s.input.SetValue(FormatAmount(p.Refundable()))
			s.input.CursorEnd()
			cmd := s.input.Focus()
			return s.sync(p), cmd
		case key.Matches(msg, s.keys.Back):
			s.refund = false
			s.input.Blur()
			return s.sync(p), nil
		case key.Matches(msg, s.keys.Confirm):
			amt, problemText := s.refundAmount(p)
			if problemText != "" {
				return s, nil // shown under the field
			}
			s.refund = false
			s.input.Blur()
			return s.sync(p), ask("Refund?",
				fmt.Sprintf("Give %s back to the card %s.", FormatMoney(amt, p.Currency), groupMasked(p.Card)),
				"refund "+FormatMoney(amt, p.Currency), flows.Refund{Amount: amt})
		case key.Matches(msg, s.keys.Check):
			return s, func() tea.Msg { return flowInputMsg{flows.Check{}} }
		case key.Matches(msg, s.keys.Retry):
			return s, func() tea.Msg { return retryMsg{} }
		case key.Matches(msg, s.keys.Home):
			return s, func() tea.Msg { return doneMsg{} }
		case key.Matches(msg, s.keys.Save):
			text := receipt(p, now)
			return s, func() tea.Msg { return saveReceipt(dir, p.ShopTransactionID, text) }
		}
		if s.refund {
			var cmd tea.Cmd
			s.input, cmd = s.input.Update(msg)
			if g := GroupAmountInput(s.input.Value()); g != s.input.Value() {
				s.input.SetValue(g)
				s.input.CursorEnd()
			}
			return s, cmd
		}
	}
	return s, nil
}

func saveReceipt(dir, id, text string) tea.Msg {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errMsg{fmt.Errorf("receipt not saved: %w", err)}
	}
	path := filepath.Join(dir, "receipt-"+id+".txt")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return errMsg{fmt.Errorf("receipt not saved: %w", err)}
	}
	return receiptSavedMsg{path: path}
}

// outcome is the headline of a finished payment.
func outcome(st styles, p flows.Payment) string {
	switch p.State {
	case flows.Succeeded:
		if p.Kind == flows.Hold {
			return st.ok.Render("✓ Captured")
		}
		return st.ok.Render("✓ Paid")
	case flows.Declined:
		return st.bad.Render("✗ Declined — nothing was charged")
	case flows.Canceled:
		return st.warn.Render("○ Canceled — the money was released")
	case flows.Failed:
		return st.bad.Render("✗ Not sent — nothing was charged")
	}
	return st.warn.Render(p.State.Label())
}

func (s resultScreen) View(st styles, p flows.Payment, now time.Time, width, height int) string {
	var b strings.Builder
	b.WriteString(outcome(st, p) + "\n")
	if p.Problem != "" {
		b.WriteString(st.muted.Render(p.Problem) + "\n")
	}
	b.WriteString("\n")
	if s.refund {
		b.WriteString(st.label.Render("Charged") + FormatMoney(p.Captured, p.Currency) + "\n")
		if !p.Refunded.IsZero() {
			b.WriteString(st.label.Render("Refunded so far") + FormatMoney(p.Refunded, p.Currency) + "\n")
		}
		b.WriteString(st.label.Render("Refundable") + st.amount.Render(FormatMoney(p.Refundable(), p.Currency)) + "\n\n")
		b.WriteString(st.subtitle.Render("Refund how much?") + "\n" + s.input.View() + "\n")
		if _, problemText := s.refundAmount(p); problemText != "" && strings.TrimSpace(s.input.Value()) != "" {
			b.WriteString(st.errorLine.Render("✗ " + problemText))
		}
		return b.String()
	}
	r := receipt(p, now)
	if width >= 44 && lineCount(r)+2+lineCount(b.String()) <= height {
		b.WriteString(st.receipt.Render(r))
	} else {
		// Not enough room for the receipt: the essentials, and the
		// whole receipt one key away.
		b.WriteString(summary(st, p))
		b.WriteString("\n" + st.muted.Render("p saves the full receipt; a taller terminal shows it here."))
	}
	if s.saved != "" {
		b.WriteString("\n" + st.muted.Render("Receipt saved to "+s.saved))
	}
	return b.String()
}

// summary is the money, the card and the ids, for a small terminal.
func summary(st styles, p flows.Payment) string {
	var b strings.Builder
	row := func(label, value string) {
		if value != "" {
			b.WriteString(st.label.Render(label) + value + "\n")
		}
	}
	row("Amount", st.amount.Render(FormatMoney(p.Amount, p.Currency)))
	if !p.Captured.IsZero() {
		row("Charged", st.amount.Render(FormatMoney(p.Captured, p.Currency)))
	}
	if !p.Released.IsZero() {
		row("Released", FormatMoney(p.Released, p.Currency))
	}
	if !p.Refunded.IsZero() {
		row("Refunded", FormatMoney(p.Refunded, p.Currency))
	}
	if !p.Fee.IsZero() {
		row("OCTO fee", FormatMoney(p.Fee, p.Currency))
	}
	if !p.Transfer.IsZero() {
		row("To the shop", FormatMoney(p.Transfer, p.Currency))
	}
	row("Card", groupMasked(p.Card))
	row("Shop txn", p.ShopTransactionID)
	row("OCTO payment", p.PaymentUUID)
	return b.String()
}

// receipt is the printable text: 40 columns, plain characters, no colour.
func receipt(p flows.Payment, now time.Time) string {
	const w = 40
	var b strings.Builder
	line := func(label, value string) {
		if value == "" {
			return
		}
		pad := w - len([]rune(label)) - len([]rune(value))
		if pad < 1 {
			fmt.Fprintf(&b, "%s\n%*s\n", label, w, value)
			return
		}
		fmt.Fprintf(&b, "%s%s%s\n", label, strings.Repeat(" ", pad), value)
	}
	rule := strings.Repeat("-", w) + "\n"
	b.WriteString(center("PAYMENT RECEIPT", w) + "\n")
	if p.Test {
		b.WriteString(center("TEST — no real money", w) + "\n")
	}
	b.WriteString(rule)
	line("Date", now.Format("2006-01-02 15:04"))
	line("Operator", p.Operator)
	if p.Description != "" {
		line("For", truncate(p.Description, w-5))
	}
	kind := "Sale"
	if p.Kind == flows.Hold {
		kind = "Hold, then capture"
	}
	line("Type", kind)
	line("Card", groupMasked(p.Card))
	if p.Method != "" {
		line("Method", string(p.Method))
	}
	b.WriteString(rule)
	money := func(label string, d interface{ IsZero() bool }, s string) {
		if !d.IsZero() {
			line(label, s)
		}
	}
	line("Amount", FormatMoney(p.Amount, p.Currency))
	money("Charged", p.Captured, FormatMoney(p.Captured, p.Currency))
	money("Released", p.Released, FormatMoney(p.Released, p.Currency))
	money("Refunded", p.Refunded, FormatMoney(p.Refunded, p.Currency))
	money("OCTO fee", p.Fee, FormatMoney(p.Fee, p.Currency))
	money("To the shop", p.Transfer, FormatMoney(p.Transfer, p.Currency))
	line("Status", strings.ToUpper(p.State.Label()))
	b.WriteString(rule)
	line("Shop txn", p.ShopTransactionID)
	if p.PaymentUUID != "" {
		b.WriteString("OCTO payment\n" + p.PaymentUUID + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func center(s string, w int) string {
	n := len([]rune(s))
	if n >= w {
		return s
	}
	return strings.Repeat(" ", (w-n)/2) + s
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
