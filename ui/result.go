package ui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// resultScreen shows how a payment ended, with the money, the masked card,
// OCTO's ids and the receipt, which p prints on the configured printer.
type resultScreen struct {
	keys     resultKeys
	printed  string // where the receipt went, once it was printed
	printErr string
	refund   bool // the refund amount field is open
	input    prefilledInput
	// refundMin is the shop's smallest refund ([octo] refund_min) while
	// the field is open, for the View's check of the amount typed.
	refundMin decimal.Decimal
	// readAt is when the outcome was read from OCTO's status rather than
	// given by the answer to the call (lost, or not given); zero otherwise.
	readAt time.Time
	// The receipt of the payment's latest money movement, as the printer
	// prints it (its width, the shop's header), for the payment as it was
	// when its movements were read (docsKey); prints counts the prints
	// made here when the journal keeps no movements.
	docsKey, loadingKey string
	preview             string
	prints              int
}

// docsKey says what the payment's receipts depend on: a refund or a
// status read that changes the money reads its movements again.
func docsKey(p flows.Payment) string {
	return p.ShopTransactionID + "|" + string(p.State) + "|" + p.Captured.String() + "|" + p.Refunded.String() + "|" + p.Released.String()
}

// refresh reads the payment's movements again when its money changed
// since they were read.
func (s resultScreen) refresh(p flows.Payment, o Options) (resultScreen, tea.Cmd) {
	k := docsKey(p)
	if !printable(p.Record()) || k == s.docsKey || k == s.loadingKey {
		return s, nil
	}
	s.loadingKey = k
	return s, loadDocuments(o.Context, o.Journal, p.ShopTransactionID)
}

type resultKeys struct{ Home, Print, Retry, Refund, Check, Confirm, Back key.Binding }

func (k resultKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Home, k.Retry, k.Refund, k.Confirm, k.Back, k.Print, k.Check}
}
func (k resultKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// doneMsg leaves a finished payment for the home screen.
type doneMsg struct{}

func newResultScreen(lang Lang) resultScreen {
	in := newInput()
	in.Placeholder = lang.T("amount to refund")
	in.CharLimit = 20
	in.SetWidth(20)
	in.Prompt = "› "
	return resultScreen{input: prefilledInput{Model: in}, keys: resultKeys{
		Home:    key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", lang.T("done"))),
		Print:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", lang.T("print receipt"))),
		Retry:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", lang.T("try again"))),
		Refund:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", lang.T("refund"))),
		Check:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", lang.T("status"))),
		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", lang.T("refund this"))),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", lang.T("back"))),
	}}
}

// sync enables the keys the payment allows now.
func (s resultScreen) sync(p flows.Payment) resultScreen {
	allowed := p.Allowed()
	s.keys.Retry.SetEnabled(!s.refund && (p.State == flows.Failed || p.State == flows.Declined))
	s.keys.Refund.SetEnabled(!s.refund && (slices.Contains(allowed, flows.ActRefund) || slices.Contains(allowed, flows.ActRefundAgain)))
	s.keys.Check.SetEnabled(!s.refund && slices.Contains(allowed, flows.ActCheck))
	s.keys.Home.SetEnabled(!s.refund)
	s.keys.Print.SetEnabled(!s.refund && printable(p.Record()))
	s.keys.Confirm.SetEnabled(s.refund)
	s.keys.Back.SetEnabled(s.refund)
	return s
}

// refundProblem reads a refund amount as typed and says, in the console's
// language, what is wrong with it ("" when nothing is); the flow decides
// what may be refunded, OCTO's per-refund limits included (min is the
// shop's [octo] refund_min). A refund over OCTO's largest is said with the
// number of refunds it takes: the screen takes them one after another.
func refundProblem(p flows.Payment, typed string, min decimal.Decimal, lang Lang) (decimal.Decimal, string) {
	amt, err := ParseAmount(typed)
	if err != nil {
		return decimal.Zero, lang.T(err.Error())
	}
	var le *flows.RefundLimitError
	if errors.As(p.CheckRefund(amt, min), &le) {
		switch le.Limit {
		case flows.LimitMax:
			return amt, lang.Tf("OCTO refunds at most %s at a time: refund it as %d refunds, one after another",
				lang.Money(le.Bound, p.Currency), le.Parts)
		case flows.LimitMin:
			return amt, lang.Tf("OCTO refunds at least %s at a time", lang.Money(le.Bound, p.Currency))
		}
		return amt, lang.Tf("more than can be refunded (%s)", lang.Money(p.Refundable(), p.Currency))
	}
	if !p.Can(flows.Refund{Amount: amt, Min: min}) {
		return amt, lang.T("OCTO cannot refund this amount now")
	}
	return amt, ""
}

func (s resultScreen) Update(msg tea.Msg, p flows.Payment, o Options) (resultScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case receiptPrintedMsg:
		if msg.id == p.ShopTransactionID {
			s.printed, s.printErr = msg.where, ""
			if msg.err != nil {
				s.printed, s.printErr = msg.where, msg.err.Error()
			}
		}
	case documentsMsg:
		if msg.id != p.ShopTransactionID || msg.err != nil {
			return s, nil
		}
		width, _ := receipt.Setup(o.Printer)
		s.docsKey, s.preview = docsKey(p), ""
		if r, err := previewOf(p.Record(), msg.ms, o, o.Now()); err == nil {
			s.preview = r.Text(width)
		}
	case tea.KeyPressMsg:
		s = s.sync(p)
		switch {
		case key.Matches(msg, s.keys.Refund) && slices.Contains(p.Allowed(), flows.ActRefundAgain):
			// OCTO never got the last refund: the same one again, confirmed.
			amt, _ := p.PendingRefund()
			lang := o.Language
			return s, ask(lang.T("Send the refund again?"),
				lang.Tf("OCTO never received the refund of %s to the card %s. Send it again: the same refund, OCTO makes it once.",
					FormatMoney(amt, p.Currency), groupMasked(p.Card)),
				lang.Tf("refund %s", FormatMoney(amt, p.Currency)), flows.Refund{Amount: amt, Min: o.RefundMin})
		case key.Matches(msg, s.keys.Refund):
			s.refund, s.refundMin = true, o.RefundMin
			s.input.prefill(FormatAmount(p.RefundPrefill()))
			cmd := s.input.Focus()
			return s.sync(p), cmd
		case key.Matches(msg, s.keys.Back):
			s.refund = false
			s.input.Blur()
			return s.sync(p), nil
		case key.Matches(msg, s.keys.Confirm):
			amt, problemText := refundProblem(p, s.input.Value(), o.RefundMin, o.Language)
			if problemText != "" {
				return s, nil // shown under the field
			}
			s.refund = false
			s.input.Blur()
			lang := o.Language
			return s.sync(p), ask(lang.T("Refund?"),
				lang.Tf("Give %s back to the card %s.", lang.Money(amt, p.Currency), groupMasked(p.Card))+inWords(lang, o, amt),
				lang.Tf("refund %s", lang.Money(amt, p.Currency)), flows.Refund{Amount: amt, Min: o.RefundMin})
		case key.Matches(msg, s.keys.Check):
			return s, instant(flowInputMsg{flows.Check{}})
		case key.Matches(msg, s.keys.Retry):
			return s, instant(retryMsg{})
		case key.Matches(msg, s.keys.Home):
			return s, instant(doneMsg{})
		case key.Matches(msg, s.keys.Print):
			// The receipt of what just happened (the sale, the capture, the
			// refund); printed before, from here or the history, it is a copy.
			s.printed, s.printErr = "", ""
			job := printJob{rec: p.Record(), at: o.Now(), copy: s.prints > 0}
			s.prints++
			return s, printDocument(o, job)
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

// outcome is the headline of a finished payment.
func outcome(st styles, p flows.Payment) string {
	switch p.State {
	case flows.Succeeded:
		// Refunds change what the payment now is: "Paid" above a full
		// refund told the cashier the customer was still charged.
		switch {
		case p.Refunded.IsPositive() && !p.Refunded.LessThan(p.Captured):
			return st.Warn.Render("↩ " + st.T("Refunded in full — nothing stays charged"))
		case p.Refunded.IsPositive() && p.Kind == flows.Hold:
			return st.OK.Render("✓ " + st.Tf("Captured, %s refunded", st.lang.Money(p.Refunded, p.Currency)))
		case p.Refunded.IsPositive():
			return st.OK.Render("✓ " + st.Tf("Paid, %s refunded", st.lang.Money(p.Refunded, p.Currency)))
		}
		if p.Kind == flows.Hold {
			return st.OK.Render("✓ " + st.T("Captured"))
		}
		return st.OK.Render("✓ " + st.T("Paid"))
	case flows.Declined:
		return st.Bad.Render("✗ " + st.T("Declined — nothing was charged"))
	case flows.Canceled:
		return st.Warn.Render("○ " + st.T("Canceled — the money was released"))
	case flows.Failed:
		return st.Bad.Render("✗ " + st.T("Not sent — nothing was charged"))
	}
	return st.Warn.Render(st.T(p.State.Label()))
}

// resultProblem is what the result says under its headline: for a payment
// that charged nothing, the one next step when OCTO's reason is known
// ("Not enough money on the card — ask for another card"), else the reason
// without repeating the headline's "nothing was charged".
func resultProblem(p flows.Payment, l Lang) string {
	why := p.Problem
	if why.IsZero() {
		return ""
	}
	if p.State != flows.Declined && p.State != flows.Failed {
		// A refusal of what came after (a refund, a capture) of a payment
		// that stands: OCTO's reason in the cashier's words where it is
		// known, and what did not happen ("OCTO refused: <the step>;
		// nothing was refunded"). OCTO's own words stay in the inspector.
		if why.Is(flows.ProblemOCTORefused) {
			if step := nextStep(why.Arg(0).English()); step != "" {
				return l.Problem(flows.NewProblem(flows.ProblemOCTORefused, flows.Words(l.T(step)), why.Arg(1)))
			}
		}
		return l.Problem(why)
	}
	if why.Is(flows.ProblemDeclinedWhy) || why.Is(flows.ProblemOCTORefused) {
		// OCTO's reason, as the flows quote it: said as what to do next.
		if step := nextStep(why.English()); step != "" {
			return l.T(step)
		}
	}
	if why.Is(flows.ProblemDeclined) {
		return ""
	}
	// The flows' "…; nothing was charged" repeats the headline; a text that
	// is one phrase ("Expired — nothing was charged") stays whole.
	return strings.TrimSuffix(l.Problem(why), "; "+l.T(flows.ProblemNothingCharged.Format()))
}

func (s resultScreen) View(st styles, p flows.Payment, _ time.Time, width, height int) string {
	var b strings.Builder
	b.WriteString(outcome(st, p) + "\n")
	if why := resultProblem(p, st.lang); why != "" {
		b.WriteString(st.Muted.Render(why) + "\n")
	}
	if !s.readAt.IsZero() {
		b.WriteString(st.Muted.Render(st.Tf("Read from OCTO's status at %s.", s.readAt.Format("15:04:05"))) + "\n")
	}
	b.WriteString("\n")
	if s.refund {
		b.WriteString(st.Label.Render(st.T("Charged")) + st.lang.Money(p.Captured, p.Currency) + "\n")
		if !p.Refunded.IsZero() {
			b.WriteString(st.Label.Render(st.T("Refunded so far")) + st.lang.Money(p.Refunded, p.Currency) + "\n")
		}
		b.WriteString(st.Label.Render(st.T("Refundable")) + st.Amount.Render(st.lang.Money(p.Refundable(), p.Currency)) + "\n\n")
		b.WriteString(st.Subtitle.Render(st.T("Refund how much?")) + "\n" + s.input.View() + "\n")
		if _, problemText := refundProblem(p, s.input.Value(), s.refundMin, st.lang); problemText != "" && strings.TrimSpace(s.input.Value()) != "" {
			b.WriteString(st.ErrorLine.Render("✗ " + problemText))
		}
		return b.String()
	}
	text := ""
	if printable(p.Record()) && s.docsKey == docsKey(p) {
		text = s.preview
	}
	if text != "" && width >= lipgloss.Width(text)+4 && lineCount(text)+2+lineCount(b.String()) <= height {
		b.WriteString(st.Receipt.Render(text))
	} else {
		// Not enough room for the receipt (or no receipt): the essentials,
		// and the whole receipt one key away.
		b.WriteString(summary(st, p, width))
		if text != "" {
			b.WriteString("\n" + st.Muted.Render(st.T("p prints the receipt; a taller terminal shows it here.")))
		}
	}
	if s.printed != "" {
		b.WriteString("\n" + st.OK.Render("✓ "+s.printed))
	}
	if s.printErr != "" {
		b.WriteString("\n" + st.ErrorLine.Render("✗ "+st.T("Receipt not printed")+": "+s.printErr))
	}
	return b.String()
}

// summary is the money, the card and the ids, for a small terminal. An id
// too long for its row (the 36-character UUID beside the SMS panel) goes
// whole on the line under its label rather than broken in two.
func summary(st styles, p flows.Payment, width int) string {
	var b strings.Builder
	row := func(label, value string) {
		if value == "" {
			return
		}
		l := st.Label.Render(st.T(label))
		if width > 0 && lipgloss.Width(l)+lipgloss.Width(value) > width {
			b.WriteString(l + "\n  " + value + "\n")
			return
		}
		b.WriteString(l + value + "\n")
	}
	row("Amount", st.Amount.Render(st.lang.Money(p.Amount, p.Currency)))
	if !p.Captured.IsZero() {
		row("Charged", st.Amount.Render(st.lang.Money(p.Captured, p.Currency)))
	}
	if !p.Released.IsZero() {
		row("Released", st.lang.Money(p.Released, p.Currency))
	}
	if !p.Refunded.IsZero() {
		row("Refunded", st.lang.Money(p.Refunded, p.Currency))
	}
	if !p.Fee.IsZero() {
		row("OCTO fee", st.lang.Money(p.Fee, p.Currency))
	}
	if !p.Transfer.IsZero() {
		row("To the shop", st.lang.Money(p.Transfer, p.Currency))
	}
	if p.Hosted {
		row("Channel", st.T("customer's phone"))
	}
	row("Card", groupMasked(p.Card))
	row("Shop txn", p.ShopTransactionID)
	row("OCTO payment", p.PaymentUUID)
	return b.String()
}
