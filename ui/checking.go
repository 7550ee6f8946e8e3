package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
)

// workingScreen is shown while a request is out (creating the payment,
// sending the card) and while an unknown outcome is being resolved:
// "checking with OCTO…", with what is being done, until the real outcome.
// An unknown outcome can take long (OCTO silent, the customer gone): the
// cashier may leave it then; it stays in the journal, where reconcile and
// History read it later.
type workingScreen struct {
	spinner spinner.Model
	keys    workingKeys
}

type workingKeys struct{ Check, Leave key.Binding }

func (k workingKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Check, k.Leave} }
func (k workingKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newWorkingScreen(st styles) workingScreen {
	return workingScreen{
		spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.Warn)),
		keys: workingKeys{
			Check: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "check now")),
			Leave: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave it for later")),
		},
	}
}

// leaveUnresolvedMsg leaves the payment on screen with its outcome
// unknown: home, nothing sent, the journal keeps it as it stands.
type leaveUnresolvedMsg struct{ id string }

// leftUnresolvedText is the notice home shows after leaving one.
const leftUnresolvedText = "Payment %s was left with its outcome unknown; it is checked at the next start, or open it in History"

func (s workingScreen) Init() tea.Cmd { return s.spinner.Tick }

func (s workingScreen) Update(msg tea.Msg, p flows.Payment) (workingScreen, tea.Cmd) {
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
		case key.Matches(msg, s.keys.Leave):
			// Only status reads are out while the outcome is unknown:
			// nothing is sent or lost by leaving; the journal has the
			// payment as "checking with OCTO" (written before the reads).
			id := p.ShopTransactionID
			return s, instant(leaveUnresolvedMsg{id})
		}
	}
	return s, nil
}

// sync enables the keys for the payment's state: while a request that
// moves money is out there is no way off this screen.
func (s workingScreen) sync(p flows.Payment) workingScreen {
	s.keys.Check.SetEnabled(p.State == flows.Resolving && p.Can(flows.Check{}))
	s.keys.Leave.SetEnabled(p.State == flows.Resolving)
	return s
}

func (s workingScreen) View(st styles, p flows.Payment) string {
	var b strings.Builder
	b.WriteString(st.Label.Render(st.T("Amount")) + st.Amount.Render(FormatMoney(p.Amount, p.Currency)) + "\n")
	if p.Card != "" {
		b.WriteString(st.Label.Render(st.T("Card")) + groupMasked(p.Card) + "\n")
	}
	b.WriteString("\n")
	if p.State == flows.Resolving {
		b.WriteString(s.spinner.View() + " " + st.Warn.Render(st.T("Checking with OCTO")+"…") + "\n\n")
		what := st.Problem(p.Problem)
		if what == "" {
			what = st.T("The answer to the last request did not arrive.")
		}
		b.WriteString(what + "\n")
		// One paragraph, wrapped by the body to whatever room it has (a
		// line break of its own left a ragged stub beside the SMS panel).
		if p.Problem.Is(flows.ProblemCheckingCode) {
			// A code OCTO refused: the usual second of reading, not an
			// alarm at every typo.
			b.WriteString(st.Muted.Render(st.T("OCTO refused the code; reading the payment's status to tell a wrong code from a decline.")))
			return b.String()
		}
		b.WriteString(st.Muted.Render(st.T("Reading the payment's status; nothing is sent twice. Do not take another payment for this sale until the outcome shows.")))
		b.WriteString("\n\n" + st.T("esc leaves it for later: the payment stays in the journal; its outcome is checked at the next start and in History."))
		return b.String()
	}
	b.WriteString(s.spinner.View() + " " + st.T(p.State.Label()) + "…")
	return b.String()
}
