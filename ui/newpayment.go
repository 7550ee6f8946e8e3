package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/shopspring/decimal"
)

// order is what the new-payment screen collects: everything about the sale
// except the card.
type order struct {
	Amount      decimal.Decimal
	Description string
	TwoStage    bool   // hold now, capture later
	Phone       string // 998XXXXXXXXX, optional (fiscal receipt by SMS)
	Email       string // optional (fiscal receipt by e-mail)
}

// orderFields are the form's bound values. They live behind a pointer
// because huh binds to addresses and Bubble Tea copies models by value.
type orderFields struct {
	amount, description, phone, email string
	twoStage                          bool
	preview                           string // the amount's description on show
	amountSelected                    bool   // the next character typed into the amount replaces it
}

// newPaymentScreen collects an order.
type newPaymentScreen struct {
	form     *huh.Form
	keys     *huh.KeyMap
	amount   *liveInput
	fields   *orderFields
	currency string
	lang     Lang
}

// orderReadyMsg is sent when the cashier has filled in a valid order.
type orderReadyMsg struct{ order order }

// orderCanceledMsg is sent when the cashier leaves the form with Esc.
type orderCanceledMsg struct{}

func newNewPaymentScreen(l Lang, currency string, prev *orderFields) newPaymentScreen {
	f := &orderFields{}
	if prev != nil {
		*f = *prev // coming back keeps what was typed
		// ... and the amount is as if selected: the first digit typed
		// replaces it (typing 120000 over 150 000 meant 120 000).
		f.amountSelected = f.amount != ""
	}
	s := newPaymentScreen{fields: f, currency: currency, lang: l, keys: common.HuhKeyMap()}
	f.preview = amountPreview(l, f.amount, currency, f.amountSelected)
	s.amount = &liveInput{Input: huh.NewInput().
		Title(l.Tf("Amount, %s", currency)).
		Placeholder(l.T("type the amount")). // digits here would look typed (NO_COLOR)
		CharLimit(20).
		Value(&f.amount).
		Description(f.preview).
		Validate(func(v string) error { _, err := ParseAmount(v); return l.Err(err) }),
		follow: func(in *huh.Input) tea.Cmd { return f.followAmount(in, l, currency) }}
	// The phone's placeholder says "e.g.": huh draws a field that is not
	// focused with a plain grey placeholder, which NO_COLOR turns into what
	// looks like a number already typed.
	s.form = huh.NewForm(
		common.FormGroup(
			s.amount,
			huh.NewInput().Title(l.T("Description")).Placeholder(l.T("what is being paid for")).
				CharLimit(120).Value(&f.description).
				Validate(func(v string) error {
					if strings.TrimSpace(v) == "" {
						return l.Err(errors.New("OCTO needs a description; a few words will do"))
					}
					if containsCardNumber(v) {
						// The description goes to OCTO, the journal and the
						// receipt: a card number there would be kept whole.
						return l.Err(errors.New("that looks like a card number: the card goes on the next screen, not in the description"))
					}
					return nil
				}),
			themedSelect[bool]().Title(l.T("Payment")).
				Options(
					huh.NewOption(l.T("One-stage: charge now"), false),
					huh.NewOption(l.T("Two-stage: hold now, capture later"), true),
				).Value(&f.twoStage),
			huh.NewInput().Title(l.T("Customer phone (optional)")).Placeholder(l.T("e.g. 998 90 123 45 67")).
				CharLimit(26). // the placeholder is cut at the limit too
				Value(&f.phone).
				Validate(func(v string) error { _, err := normalizePhone(v); return l.Err(err) }),
			huh.NewInput().Title(l.T("Customer e-mail (optional)")).Placeholder(l.T("for the fiscal receipt")).
				CharLimit(80).Value(&f.email).
				Validate(func(v string) error {
					// OCTO takes the customer's data whole or not at all:
					// user_data needs the phone and the e-mail (REFERENCE §2.1).
					if strings.TrimSpace(v) == "" && strings.TrimSpace(f.phone) != "" {
						return l.Err(errors.New("with a phone, OCTO needs the e-mail too"))
					}
					if strings.TrimSpace(v) != "" && strings.TrimSpace(f.phone) == "" {
						return l.Err(errors.New("with an e-mail, OCTO needs the phone too (shift+tab goes back to it)"))
					}
					return l.Err(checkEmail(v))
				}),
		),
	).WithShowHelp(false).WithKeyMap(s.keys).WithTheme(common.FormTheme)
	return s
}

func (s newPaymentScreen) Init() tea.Cmd { return s.form.Init() }

func (s newPaymentScreen) Update(msg tea.Msg) (newPaymentScreen, tea.Cmd) {
	if s.form.State != huh.StateNormal {
		return s, nil // done: its message went once; what comes after is not for it
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(k, s.keys.Quit) && s.fields.typed() {
			// Esc never throws an order away unasked.
			return s, instant(askRootMsg{title: "Leave this order?", question: "What was typed in it is lost.",
				yes: "yes, leave it", then: orderCanceledMsg{}})
		}
		if s.fields.amountSelected && s.form.GetFocusedField() == s.amount && k.Text != "" {
			s.fields.amount = ""
			s.amount.Value(&s.fields.amount)
		}
		s.fields.amountSelected = false
	}
	var cmd tea.Cmd
	// The amount follows what is typed in it (followAmount): every key
	// reaches its group's update, where it regroups and previews itself.
	s.form, cmd = stepForm(s.form, s.keys, msg)
	switch s.form.State {
	case huh.StateCompleted:
		o, err := s.order()
		if err != nil { // the validators make this unreachable; say so if not
			return s, instant(errMsg{err})
		}
		return s, batch(cmd, instant(orderReadyMsg{o}))
	case huh.StateAborted:
		return s, instant(orderCanceledMsg{})
	case huh.StateNormal:
	}
	return s, cmd
}

// finished is the message for a form run outside the screen (accessible
// mode): the order, or going back.
func (s newPaymentScreen) finished(completed bool) tea.Msg {
	if !completed {
		return orderCanceledMsg{}
	}
	o, err := s.order()
	if err != nil {
		return errMsg{err}
	}
	return orderReadyMsg{o}
}

func (s newPaymentScreen) order() (order, error) {
	amount, err := ParseAmount(s.fields.amount)
	if err != nil {
		return order{}, err
	}
	phone, err := normalizePhone(s.fields.phone)
	if err != nil {
		return order{}, err
	}
	return order{
		Amount:      amount,
		Description: strings.TrimSpace(s.fields.description),
		TwoStage:    s.fields.twoStage,
		Phone:       phone,
		Email:       strings.TrimSpace(s.fields.email),
	}, nil
}

func (s newPaymentScreen) View() string { return s.form.View() }

// followAmount regroups the amount as it is typed ("150000" shows as
// "150 000", the cursor at its end) and has its description preview the
// amount as it will be charged, inside huh's Update (liveInput) — not
// with huh's DescriptionFunc, which evaluates in a command goroutine
// while Update writes the bound value (a data race).
func (f *orderFields) followAmount(in *huh.Input, l Lang, currency string) tea.Cmd {
	cmd := regroup(in, &f.amount, GroupAmountInput)
	if desc := amountPreview(l, f.amount, currency, f.amountSelected); desc != f.preview {
		f.preview = desc
		in.Description(desc)
	}
	return cmd
}

// typed reports whether anything was typed into the order.
func (f *orderFields) typed() bool {
	return strings.TrimSpace(f.amount+f.description+f.phone+f.email) != ""
}

// amountPreview shows the amount as it will be charged, or why it cannot
// be; selected says the next digit replaces it.
func amountPreview(l Lang, input, currency string, selected bool) string {
	if selected {
		if d, err := ParseAmount(input); err == nil {
			return "= " + FormatMoney(d, currency) + " · " + l.T("a digit typed replaces it")
		}
	}
	if strings.TrimSpace(input) == "" {
		return l.T("UZS, up to 2 decimals")
	}
	d, err := ParseAmount(input)
	if err != nil {
		return l.Err(err).Error()
	}
	return "= " + FormatMoney(d, currency)
}

// normalizePhone turns "+998 90 123-45-67" into OCTO's 998901234567 (12
// digits, no plus: REFERENCE Q22). Empty is fine: the phone is optional.
func normalizePhone(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	d := common.CardDigits(s)
	if len(d) == 9 { // typed without the country code
		d = "998" + d
	}
	if len(d) != 12 || !strings.HasPrefix(d, "998") {
		return "", errors.New("an Uzbek number: 998 and 9 digits")
	}
	return d, nil
}

// groupPhone writes OCTO's 998901234567 as people read it, +998 90 123 45
// 67; anything else is left as it is.
func groupPhone(p string) string {
	if len(p) != 12 || !strings.HasPrefix(p, "998") || common.CardDigits(p) != p {
		return p
	}
	return "+998 " + p[3:5] + " " + p[5:8] + " " + p[8:10] + " " + p[10:12]
}

func checkEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	at := strings.IndexByte(s, '@')
	if at < 1 || !strings.Contains(s[at+1:], ".") || strings.ContainsAny(s, " ,;") {
		return errors.New("that does not look like an e-mail address")
	}
	return nil
}

// containsCardNumber reports whether s holds a card number: 13 to 19
// digits in a row (spaces and dashes between them allowed) that pass the
// Luhn check, as a card typed or pasted into the wrong field would.
func containsCardNumber(s string) bool {
	var run []byte
	check := func() bool {
		for start := 0; start+13 <= len(run); start++ {
			for end := start + 13; end <= len(run) && end-start <= 19; end++ {
				if common.Luhn(string(run[start:end])) && SchemeOf(string(run[start:end])) != SchemeUnknown {
					return true
				}
			}
		}
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			run = append(run, c)
		case (c == ' ' || c == '-') && len(run) > 0:
			// a separator inside a number: the run goes on
		default:
			if check() {
				return true
			}
			run = run[:0]
		}
	}
	return check()
}

// themedSelect is a select wearing the form's theme before its options
// are set: Options measures them, with the Charm theme built afresh each
// time when it has none yet (common.FormGroup).
func themedSelect[T comparable]() *huh.Select[T] {
	s := huh.NewSelect[T]()
	s.WithTheme(common.FormTheme)
	return s
}
