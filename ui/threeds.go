package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// threeDSScreen shows the 3-D Secure link (and its QR code, for the
// customer's phone) while the flow waits for the outcome.
type threeDSScreen struct {
	url     string
	qr      string // drawn once per link
	qrErr   error  // why there is no QR code: worded in View, which has the language
	spinner spinner.Model
	keys    threeDSKeys
}

type threeDSKeys struct{ Check, Approve, Decline, Leave key.Binding }

func (k threeDSKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Check, k.Approve, k.Decline, k.Leave}
}
func (k threeDSKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Complete3DS completes the sandbox's 3-D Secure page (approve or decline)
// for a payment; nil on OCTO, where only the customer can.
type Complete3DS func(paymentUUID string, approve bool) error

// threeDSDoneMsg reports that the sandbox's 3-D Secure page was completed.
type threeDSDoneMsg struct{ err error }

func newThreeDSScreen(st styles, sandbox bool) threeDSScreen {
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.Warn))
	k := threeDSKeys{
		Check:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "status")),
		Approve: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "approve (sandbox)")),
		Decline: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "decline (sandbox)")),
		// A customer who walks away from the bank's page must not hold the
		// till until the payment expires: the payment stays journaled and is
		// read at the next start, or from History.
		Leave: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave it for later")),
	}
	k.Approve.SetEnabled(sandbox)
	k.Decline.SetEnabled(sandbox)
	return threeDSScreen{spinner: sp, keys: k}
}

func (s threeDSScreen) Init() tea.Cmd { return s.spinner.Tick }

func (s threeDSScreen) sync(p flows.Payment) threeDSScreen {
	if p.RedirectURL != s.url {
		s.url = p.RedirectURL
		s.qr, s.qrErr = "", nil
		if s.url != "" {
			q, err := QRCode(s.url)
			if err != nil {
				s.qrErr = err
			}
			s.qr = q
		}
	}
	s.keys.Check.SetEnabled(slices.Contains(p.Allowed(), flows.ActCheck))
	return s
}

func (s threeDSScreen) Update(msg tea.Msg, p flows.Payment, complete Complete3DS) (threeDSScreen, tea.Cmd) {
	s = s.sync(p)
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spinner, cmd = s.spinner.Update(msg)
		return s, cmd
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Check):
			return s, instant(flowInputMsg{flows.Check{}})
		case key.Matches(msg, s.keys.Leave) && p.State == flows.Awaiting3DS:
			// Asked first: the customer may be a moment from approving.
			id := p.ShopTransactionID
			return s, instant(askRootMsg{title: "Leave this payment for later?",
				question: "The customer has not finished the bank's page. The payment stays in the journal, nothing is charged twice, and its outcome is read at the next start or when OCTO notifies it.",
				yes:      "leave it for later", then: leaveUnresolvedMsg{id}})
		case complete != nil && p.PaymentUUID != "" && key.Matches(msg, s.keys.Approve, s.keys.Decline):
			approve, uuid := key.Matches(msg, s.keys.Approve), p.PaymentUUID
			return s, func() tea.Msg { return threeDSDoneMsg{complete(uuid, approve)} }
		}
	}
	return s, nil
}

func (s threeDSScreen) View(st styles, p flows.Payment, width, height int) string {
	var b strings.Builder
	b.WriteString(st.T("The customer confirms the payment with their bank (3-D Secure).") + "\n\n")
	b.WriteString(st.Label.Render(st.T("Amount")) + st.Amount.Render(FormatMoney(p.Amount, p.Currency)) + "\n")
	b.WriteString(st.Label.Render(st.T("Card")) + groupMasked(p.Card) + "\n\n")
	if s.url == "" {
		b.WriteString(st.Muted.Render(st.T("OCTO has not given the page's link yet.")))
	} else {
		b.WriteString(st.T("Open on the customer's phone, or scan:") + "\n")
		b.WriteString(st.Link.Render(s.url) + "\n")
		if s.qr != "" && lineCount(s.qr)+lineCount(b.String())+3 <= height && maxLineWidth(s.qr) <= width {
			b.WriteString(st.QR.Render(s.qr) + "\n")
		} else if s.qrErr != nil {
			b.WriteString(st.Muted.Render(st.Tf("the link is too long for a QR code: %s", st.lang.errorWords(s.qrErr))) + "\n")
		} else {
			b.WriteString(st.Muted.Render(st.T("(a larger terminal shows a QR code of the link)")) + "\n")
		}
	}
	b.WriteString("\n" + s.spinner.View() + " " + st.T("Waiting for the bank's answer — OCTO is asked every few seconds."))
	if !p.Problem.IsZero() {
		b.WriteString("\n" + st.Muted.Render(st.Problem(p.Problem)))
	}
	return b.String()
}

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

func maxLineWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, len([]rune(l)))
	}
	return w
}
