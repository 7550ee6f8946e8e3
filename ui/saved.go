package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Tokens reads a customer's saved cards (journal.SQLite has it).
type Tokens interface {
	Tokens(ctx context.Context, customer string) ([]flows.SavedToken, error)
}

// savedScreen finds a customer's saved cards by phone, pays with one, binds
// a new one or blocks one.
type savedScreen struct {
	phone    textinput.Model
	customer string // the normalized phone, once entered
	tokens   []flows.SavedToken
	loaded   bool
	seq      int // the newest read of the cards (reload)
	cursor   int
	keys     savedKeys
	lang     Lang   // the block confirmation is worded in Update
	problem  string // under the field, worded in lang: a phone that is not one
	failed   string // worded in lang: why the journal did not answer for the customer's cards (retry offered)
	noBind   bool   // no card data at this console (Options.NoCardEntry): no new card saved here
}

type savedKeys struct{ Find, Retry, Up, Down, Pay, Bind, Block, Back key.Binding }

func (k savedKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Find, k.Retry, k.Up, k.Down, k.Pay, k.Bind, k.Block, k.Back}
}
func (k savedKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

type tokensMsg struct {
	customer string // whose cards were read
	seq      int    // which read: only the newest is shown
	tokens   []flows.SavedToken
	err      error
}

// reload reads the customer's cards again; an answer to an older read (one
// made before a card was saved, say) is then ignored, whenever it comes.
func (s savedScreen) reload(ctx context.Context, t Tokens) (savedScreen, tea.Cmd) {
	s.seq++
	s.loaded, s.tokens = false, nil
	return s.sync(), loadTokens(ctx, t, s.customer, s.seq)
}

// payWithTokenMsg starts an order paid with a saved card.
type payWithTokenMsg struct{ token flows.SavedToken }

// bindCardMsg opens the card form to save a new card for customer.
type bindCardMsg struct{ customer string }

// blockTokenMsg blocks a saved card (confirmed first).
type blockTokenMsg struct{ token flows.SavedToken }

func newSavedScreen(st styles) savedScreen {
	in := newInput()
	in.Placeholder = "998 90 123 45 67"
	in.CharLimit = 20
	in.SetWidth(22)
	in.Prompt = st.T("customer phone") + " › "
	in.Focus()
	s := savedScreen{phone: in, lang: st.lang, keys: savedKeys{
		Find:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "find cards")),
		Retry: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "try again")),
		Up:    key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		Down:  key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		Pay:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "pay with it")),
		Bind:  key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "save a new card")),
		Block: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "block card")),
		Back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}}
	return s.sync()
}

func (s savedScreen) sync() savedScreen {
	listing := s.customer != "" && s.loaded
	usable := listing && len(s.tokens) > 0 && s.tokens[s.cursor].Status == octo.TokenActive
	s.keys.Find.SetEnabled(s.customer == "")
	s.keys.Retry.SetEnabled(s.customer != "" && s.failed != "")
	s.keys.Up.SetEnabled(listing && len(s.tokens) > 1)
	s.keys.Down.SetEnabled(listing && len(s.tokens) > 1)
	s.keys.Pay.SetEnabled(usable)
	s.keys.Bind.SetEnabled(listing && !s.noBind)
	s.keys.Block.SetEnabled(usable)
	return s
}

func loadTokens(ctx context.Context, t Tokens, customer string, seq int) tea.Cmd {
	if t == nil {
		return instant(tokensMsg{customer: customer, seq: seq, err: problem("saved cards need the journal")})
	}
	return func() tea.Msg {
		ts, err := t.Tokens(ctx, customer)
		return tokensMsg{customer, seq, ts, err}
	}
}

func (s savedScreen) Update(msg tea.Msg, ctx context.Context, t Tokens) (savedScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tokensMsg:
		if msg.customer != s.customer || msg.seq != s.seq || s.loaded {
			return s, nil // an answer for a phone no longer on screen, or an older read's
		}
		if msg.err != nil {
			// Where "Reading the journal…" stood, with the reason and
			// enter to read again; the customer's phone stays.
			s.failed = s.lang.errorWords(msg.err)
			return s.sync(), nil
		}
		s.tokens, s.loaded, s.failed = msg.tokens, true, ""
		s.cursor = min(s.cursor, max(len(s.tokens)-1, 0))
		return s.sync(), nil
	case tea.KeyPressMsg:
		s.problem = ""
		switch {
		case key.Matches(msg, s.keys.Retry):
			s.failed = ""
			return s.reload(ctx, t)
		case key.Matches(msg, s.keys.Back):
			if s.customer != "" {
				s.customer, s.loaded, s.tokens, s.failed = "", false, nil, ""
				s.phone.Focus()
				return s.sync(), nil
			}
			return s, instant(doneMsg{})
		case key.Matches(msg, s.keys.Find):
			phone, err := normalizePhone(s.phone.Value())
			if err != nil || phone == "" {
				s.problem = s.lang.T("the customer's phone: 998 and 9 digits")
				return s, nil
			}
			s.customer = phone
			s.phone.Blur()
			return s.reload(ctx, t)
		case key.Matches(msg, s.keys.Up):
			s.cursor = (s.cursor + len(s.tokens) - 1) % len(s.tokens)
			return s.sync(), nil
		case key.Matches(msg, s.keys.Down):
			s.cursor = (s.cursor + 1) % len(s.tokens)
			return s.sync(), nil
		case key.Matches(msg, s.keys.Pay):
			tok := s.tokens[s.cursor]
			return s, instant(payWithTokenMsg{tok})
		case key.Matches(msg, s.keys.Bind):
			c := s.customer
			return s, instant(bindCardMsg{c})
		case key.Matches(msg, s.keys.Block):
			tok, l := s.tokens[s.cursor], s.lang
			return s, func() tea.Msg {
				return askRootMsg{title: l.T("Block this saved card?"),
					question: l.Tf("%s can no longer be charged with its token. This cannot be undone.", groupMasked(tok.Card)),
					yes:      l.T("block it"), then: blockTokenMsg{tok}}
			}
		}
		if s.customer == "" {
			var cmd tea.Cmd
			s.phone, cmd = s.phone.Update(msg)
			return s, cmd
		}
	}
	return s, nil
}

func (s savedScreen) View(st styles) string {
	var b strings.Builder
	if s.customer == "" {
		b.WriteString(st.T("Whose cards? The phone the customer saved them under.") + "\n\n")
		b.WriteString(s.phone.View())
		if s.problem != "" {
			b.WriteString("\n\n" + st.ErrorLine.Render("✗ "+s.problem))
		}
		return b.String()
	}
	b.WriteString(st.Tf("Customer %s", st.Amount.Render(groupPhone(s.customer))) + "\n\n")
	switch {
	case s.failed != "":
		b.WriteString(st.ErrorLine.Render("✗ "+st.Tf("Could not read the saved cards from the journal: %s", s.failed)) + "\n\n")
		b.WriteString(st.Muted.Render(st.T("enter tries again; esc goes back to the phone.")))
	case !s.loaded:
		b.WriteString(st.Muted.Render(st.T("Reading the journal…")))
	case len(s.tokens) == 0:
		b.WriteString(st.Tf("No saved cards. %s saves one (the customer confirms with a code).", st.MenuKey.Render("[ctrl+n]")))
	default:
		for i, t := range s.tokens {
			status := st.T(string(t.Status)) // OCTO's token status, in the catalog
			if t.Status == octo.TokenActive {
				status = st.T("ready")
			}
			line := fmt.Sprintf("%-20s %-10s %s", groupMasked(t.Card), t.Method, status)
			if i == s.cursor {
				b.WriteString(st.MenuSelected.Render("▸ "+line) + "\n")
			} else {
				b.WriteString(st.MenuItem.Render(line) + "\n")
			}
		}
	}
	return b.String()
}

// bindScreen follows a card binding: sending, the customer's code, waiting
// for OCTO to activate the token, and the outcome.
type bindScreen struct {
	input    textinput.Model
	spinner  spinner.Model
	keys     bindKeys
	verifyID int64
}

type bindKeys struct{ Submit, Done key.Binding }

func (k bindKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Submit, k.Done} }
func (k bindKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// bindInputMsg is an event from the cashier for the binding on screen.
type bindInputMsg struct{ ev flows.Event }

// bindEventMsg is an effect's outcome for the binding with the given id.
type bindEventMsg struct {
	id string
	ev flows.Event
}

func newBindScreen(st styles) bindScreen {
	in := newInput()
	in.Placeholder = st.T("code from the SMS")
	in.CharLimit = 8
	in.SetWidth(20)
	in.Prompt = "› "
	in.Focus()
	return bindScreen{
		input:   in,
		spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.Warn)),
		keys: bindKeys{
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send code")),
			Done:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "done")),
		},
	}
}

func (s bindScreen) sync(b flows.Binding) bindScreen {
	if b.VerifyID != s.verifyID {
		s.verifyID = b.VerifyID
		s.input.SetValue("")
	}
	s.keys.Submit.SetEnabled(b.State == flows.BindAwaitingOTP)
	s.keys.Done.SetEnabled(b.Final() || b.State == flows.BindAwaitingOTP)
	// Leaving before the code gives the saving up; after, it is done.
	if b.State == flows.BindAwaitingOTP {
		s.keys.Done.SetHelp("esc", "leave it")
	} else {
		s.keys.Done.SetHelp("esc", "done")
	}
	return s
}

func (s bindScreen) Update(msg tea.Msg, b flows.Binding, now time.Time) (bindScreen, tea.Cmd) {
	s = s.sync(b)
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spinner, cmd = s.spinner.Update(msg)
		return s, cmd
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Submit):
			code := strings.TrimSpace(s.input.Value())
			if code == "" {
				return s, nil
			}
			s.input.SetValue("")
			return s, instant(bindInputMsg{flows.SubmitCode{Code: code, At: now}})
		case key.Matches(msg, s.keys.Done):
			return s, instant(doneMsg{})
		}
		if b.State != flows.BindAwaitingOTP || (msg.Text != "" && strings.Trim(msg.Text, "0123456789") != "") {
			return s, nil
		}
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s bindScreen) View(st styles, b flows.Binding, now time.Time) string {
	var sb strings.Builder
	sb.WriteString(st.Label.Render(st.T("Customer")) + groupPhone(b.Customer) + "\n")
	sb.WriteString(st.Label.Render(st.T("Card")) + groupMasked(b.Card) + "\n\n")
	switch b.State {
	case flows.BindAwaitingOTP:
		left := b.OTPSecondsLeft(now)
		cd := fmt.Sprintf("%02d:%02d", left/60, left%60)
		phone := b.OTPPhone
		if phone == "" {
			phone = st.T("the customer's phone")
		}
		sb.WriteString(st.Tf("OCTO sent a code to %s to confirm saving the card.", phone) + "\n")
		if left <= otpWarnAt {
			sb.WriteString(st.Label.Render(st.T("Code valid for")) + st.CountdownWarn.Render(cd+" ⚠") + "\n\n")
		} else {
			sb.WriteString(st.Label.Render(st.T("Code valid for")) + st.Countdown.Render(cd) + "\n\n")
		}
		sb.WriteString(st.Subtitle.Render(st.T("Code")) + "\n" + s.input.View())
	case flows.BindBound:
		sb.WriteString(st.OK.Render("✓ " + st.T("Saved. The card can pay from the customer's saved cards.")))
	case flows.BindFailed:
		sb.WriteString(st.Bad.Render("✗ " + st.T("Not saved")))
	case flows.BindBlocked:
		sb.WriteString(st.Warn.Render("○ " + st.T("Blocked: the card can no longer pay with its token")))
	case flows.BindWaiting:
		sb.WriteString(s.spinner.View() + " " + st.T("Waiting for OCTO to activate the saved card…"))
		if b.PayURL != "" && !b.Method.NeedsOTP() {
			sb.WriteString("\n" + st.Tf("The customer confirms on %s", st.Link.Render(b.PayURL)))
		}
	case flows.BindDraft, flows.BindSending, flows.BindVerifying, flows.BindConfirming, flows.BindBlocking:
		sb.WriteString(s.spinner.View() + " " + st.T(bindLabel(b.State)) + "…")
	}
	if !b.Problem.IsZero() {
		sb.WriteString("\n\n" + st.Muted.Render(st.Problem(b.Problem)))
	}
	return sb.String()
}

func bindLabel(s flows.BindState) string {
	switch s {
	case flows.BindSending:
		return "Sending the card to OCTO"
	case flows.BindVerifying:
		return "Asking for a code"
	case flows.BindConfirming:
		return "Checking the code"
	case flows.BindBlocking:
		return "Blocking the card"
	case flows.BindDraft, flows.BindAwaitingOTP, flows.BindWaiting, flows.BindBound, flows.BindBlocked, flows.BindFailed:
	}
	return string(s)
}
