package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// enteredCard is the card as typed, checked. It is handed to the flow once
// and then dropped by the screen; its String shows the masked number only,
// so a stray %v can never print it.
type enteredCard struct {
	card   octo.Card
	scheme Scheme
}

func (c enteredCard) String() string {
	return fmt.Sprintf("%s %s", c.scheme, MaskedPAN(c.card.PAN))
}

// GoString keeps %#v from printing the fields.
func (c enteredCard) GoString() string { return c.String() }

// Masked is the number as the screens show it once entered.
func (c enteredCard) Masked() string { return MaskedPAN(c.card.PAN) }

// cardFields are the form's bound values (behind a pointer, see orderFields).
type cardFields struct {
	pan, exp, cvc, holder string
	hint                  string // the number's description on show
}

// fieldsOf is a checked card as the form shows it: grouped, MM/YY.
func fieldsOf(c enteredCard) *cardFields {
	exp := c.card.Exp // YYMM, as OCTO takes it
	if len(exp) == 4 {
		exp = exp[2:] + "/" + exp[:2]
	}
	return &cardFields{pan: GroupPAN(c.card.PAN), exp: exp, cvc: c.card.CVC, holder: c.card.HolderName}
}

// typed reports whether anything of a card was typed.
func (f *cardFields) typed() bool { return strings.TrimSpace(f.pan+f.exp+f.cvc+f.holder) != "" }

// wipe forgets the card data once it has been handed over.
func (f *cardFields) wipe() { *f = cardFields{} }

// cardScreen collects the customer's card.
type cardScreen struct {
	form   *huh.Form
	keys   *huh.KeyMap
	pan    *liveInput // grouped as typed, its hint following the number
	exp    *liveInput // MM/YY as typed
	cvc    *liveInput // digits only
	holder *huh.Input
	fields *cardFields
	now    func() time.Time
	lang   Lang
}

type cardReadyMsg struct{ card enteredCard }
type cardCanceledMsg struct{}

// newCardScreen is the card form, empty or (prev) with a card typed
// before, as when the cashier goes back from the summary to change it.
func newCardScreen(l Lang, now func() time.Time, prev *cardFields) cardScreen {
	f := &cardFields{}
	if prev != nil {
		*f = *prev
	}
	s := cardScreen{fields: f, now: now, lang: l, keys: common.HuhKeyMap()}
	f.hint = panHint(l, f.pan)
	s.pan = &liveInput{Input: huh.NewInput().Title(l.T("Card number")).Placeholder("8600 0000 0000 0000").
		CharLimit(23).Value(&f.pan).
		Description(f.hint).
		Validate(func(v string) error { _, _, err := CheckPAN(v); return l.Err(err) }),
		follow: func(in *huh.Input) tea.Cmd { return f.followPAN(in, l) }}
	s.exp = &liveInput{Input: huh.NewInput().Title(l.T("Expiry (MM/YY)")).Placeholder(l.T("MM/YY")).
		CharLimit(5).Value(&f.exp).
		Validate(func(v string) error { _, err := ParseExpiry(v, now()); return l.Err(err) }),
		follow: func(in *huh.Input) tea.Cmd { return regroup(in, &f.exp, GroupExpiry) }}
	// The CVC takes digits only: its echo hides what was typed, so a letter
	// let in would fill the field and fail as "not 3 digits", unseen.
	s.cvc = &liveInput{Input: huh.NewInput().Title("CVC").Description(l.T("3 digits on the back")).
		CharLimit(3).EchoMode(huh.EchoModePassword).Value(&f.cvc).
		Validate(func(v string) error {
			if !SchemeOf(common.CardDigits(f.pan)).NeedsCVC() {
				return nil // Uzcard and Humo: never asked for a CVC (the group is hidden)
			}
			return l.Err(CheckCVC(v))
		}),
		follow: func(in *huh.Input) tea.Cmd { return regroup(in, &f.cvc, common.CardDigits) }}
	s.holder = huh.NewInput().Title(l.T("Cardholder name")).Placeholder(l.T("as on the card (optional for Uzcard/Humo)")).
		CharLimit(60).Value(&f.holder).
		Validate(func(v string) error {
			if SchemeOf(common.CardDigits(f.pan)).NeedsCVC() && strings.TrimSpace(v) == "" {
				//lint:ignore ST1005 a sentence the cashier reads under the field (the catalogue's key)
				return l.Err(errors.New("Visa and Mastercard need the name as on the card"))
			}
			return nil
		})
	s.form = huh.NewForm(
		common.FormGroup(s.pan, s.exp),
		common.FormGroup(s.cvc).WithHideFunc(func() bool { return !s.needsCVC() }),
		common.FormGroup(s.holder),
	).WithShowHelp(false).WithKeyMap(s.keys).WithTheme(common.FormTheme)
	return s
}

// followPAN groups the number as typed ("8600000000000015" shows as
// "8600 0000 0000 0015") and has its hint follow it, inside huh's update
// (liveInput).
func (f *cardFields) followPAN(in *huh.Input, l Lang) tea.Cmd {
	cmd := regroup(in, &f.pan, func(v string) string { return GroupPAN(common.CardDigits(v)) })
	if hint := panHint(l, f.pan); hint != f.hint {
		f.hint = hint
		in.Description(hint)
	}
	return cmd
}

// needsCVC says whether the number typed is a card that takes a CVC
// (Visa, Mastercard); Uzcard and Humo are never asked for one.
func (s cardScreen) needsCVC() bool { return SchemeOf(common.CardDigits(s.fields.pan)).NeedsCVC() }

// accessibleSteps are the card form as prompts: the number and expiry,
// the CVC only for a card that takes one, the holder.
func (s cardScreen) accessibleSteps() []accessibleStep {
	return []accessibleStep{
		{form: huh.NewForm(common.FormGroup(s.pan, s.exp))},
		{form: huh.NewForm(common.FormGroup(s.cvc)), ask: s.needsCVC},
		{form: huh.NewForm(common.FormGroup(s.holder))},
	}
}

func (s cardScreen) Init() tea.Cmd { return s.form.Init() }

func (s cardScreen) Update(msg tea.Msg) (cardScreen, tea.Cmd) {
	if s.form.State != huh.StateNormal {
		return s, nil // done: its message went once; what comes after is not for it
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.keys.Quit) && s.fields.typed() {
		// Esc never throws a card typed away unasked.
		return s, instant(askRootMsg{title: "Leave this card?", question: "The card typed here is forgotten.",
			yes: "yes, leave it", then: cardCanceledMsg{}})
	}
	var cmd tea.Cmd
	s.form, cmd = stepForm(s.form, s.keys, msg) // the fields follow what is typed in them (liveInput)
	switch s.form.State {
	case huh.StateCompleted:
		c, err := s.card()
		s.fields.wipe()
		if err != nil {
			return s, instant(errMsg{err})
		}
		return s, batch(cmd, instant(cardReadyMsg{c}))
	case huh.StateAborted:
		s.fields.wipe()
		return s, instant(cardCanceledMsg{})
	case huh.StateNormal:
	}
	return s, cmd
}

// finished is the message for a form run outside the screen (accessible
// mode): the card (the fields are wiped once read), or going back.
func (s cardScreen) finished(completed bool) tea.Msg {
	defer s.fields.wipe()
	if !completed {
		return cardCanceledMsg{}
	}
	c, err := s.card()
	if err != nil {
		return errMsg{err}
	}
	return cardReadyMsg{c}
}

func (s cardScreen) card() (enteredCard, error) {
	digits, scheme, err := CheckPAN(s.fields.pan)
	if err != nil {
		return enteredCard{}, err
	}
	exp, err := ParseExpiry(s.fields.exp, s.now())
	if err != nil {
		return enteredCard{}, err
	}
	c := octo.Card{PAN: digits, Exp: exp, HolderName: strings.TrimSpace(s.fields.holder)}
	if scheme.NeedsCVC() {
		c.CVC = s.fields.cvc
	}
	return enteredCard{card: c, scheme: scheme}, nil
}

// View is the form; past the number and expiry (their group is out of
// sight), the card entered stays on show, masked, so the cashier still
// sees which card the CVC and the name belong to.
func (s cardScreen) View() string {
	f := s.form.GetFocusedField()
	digits, scheme, err := CheckPAN(s.fields.pan)
	if f == nil || f == s.pan || f == s.exp || err != nil {
		return s.form.View()
	}
	line := s.lang.Tf("Card %s %s · expires %s", scheme, MaskedPAN(digits), s.fields.exp)
	return "  " + line + "\n\n" + s.form.View()
}

// panHint tells the cashier, while typing, which card this is and whether
// the number is whole.
func panHint(l Lang, input string) string {
	digits := common.CardDigits(input)
	if digits == "" {
		return "Uzcard 8600 · Humo 9860 · Visa 4 · Mastercard 5"
	}
	scheme := l.T(SchemeOf(digits).String())
	if _, _, err := CheckPAN(digits); err != nil {
		if errors.Is(err, errPANShort) {
			return l.Tf("%s · %d digits", scheme, len(digits))
		}
		return l.Err(err).Error()
	}
	return fmt.Sprintf("%s ✓", scheme)
}
