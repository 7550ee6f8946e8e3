package ui

import (
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

// Recorder writes down a walk as the App sees it: every key, paste and
// window size with the place it arrived at, and every exchange. Keys into
// the card number, the CVC and the code fields are stored as what they mean
// (see record.Secret), decided by comparing the field before and after the key.
// The card number typed is held in memory only until its form closes, to
// tell a typo from the right digit; the file gets its 6+4.
type Recorder struct {
	now   func() time.Time
	began time.Time

	mu    sync.Mutex
	rec   record.Recording
	where string       // the console's place after the last message
	card  *cardSession // the card form being typed, if any
	// lockDigits are the PIN keys typed at the lock since its last enter:
	// whether they were right is known when enter unlocks or not.
	lockDigits []int
}

// cardSession is one card form's number being typed; memory only.
type cardSession struct {
	fields  *cardFields // which form
	index   int         // into record.Recording.Cards
	pan     string      // the latest number seen in the form
	pending []pendingDigit
}

// pendingDigit is a PAN key whose Same is decided when the number is known.
type pendingDigit struct {
	event int
	typed string // the digit, or the pasted digits
}

// NewRecorder starts a recording. now is the console's clock (the times of
// the events are measured on it); start is the sandbox's clock, where a
// replay's sandbox starts.
func NewRecorder(now func() time.Time, start time.Time, setup record.Setup) *Recorder {
	if now == nil {
		now = time.Now
	}
	return &Recorder{now: now, began: now(), rec: record.Recording{Version: record.RecordingVersion, Start: start, Setup: setup}}
}

// Wrap is the App with this recorder in front, for a tea.Program. It is
// held by pointer, as Program holds the App.
func (r *Recorder) Wrap(app App) tea.Model { return &recordingModel{app: app, r: r} }

// recordingModel passes everything to the App and notes what it saw.
type recordingModel struct {
	app App
	r   *Recorder
}

func (m *recordingModel) Init() tea.Cmd  { return m.app.Init() }
func (m *recordingModel) View() tea.View { return m.app.View() }

func (m *recordingModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.app, cmd = m.r.update(m.app, msg)
	return m, cmd
}

// Exchange notes an exchange; it is the client's observer (or part of it)
// and safe to call from any goroutine.
func (r *Recorder) Exchange(x octo.Exchange) {
	r.mu.Lock()
	r.rec.Exchanges = append(r.rec.Exchanges, record.ExchangeOf(x))
	r.mu.Unlock()
}

// Finish closes the recording with the journaled payments and returns it.
func (r *Recorder) Finish(payments []flows.Record) *record.Recording {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.finishCard()
	out := r.rec
	out.Events = append([]record.RecordedEvent(nil), r.rec.Events...)
	out.Exchanges = append([]record.RecordedExchange(nil), r.rec.Exchanges...)
	out.Cards = append([]record.RecordedCard(nil), r.rec.Cards...)
	out.Outcome = record.Outcome{Screen: r.where, Payments: record.OutcomeOf(payments)}
	if out.Exchanges == nil {
		out.Exchanges = []record.RecordedExchange{}
	}
	if out.Events == nil {
		out.Events = []record.RecordedEvent{}
	}
	return &out
}

// fieldsBefore is what a key is compared against: the secret fields as
// they were before it. Memory only.
type fieldsBefore struct {
	otp, pan, cvc, exp, holder string
	card                       *cardFields
	pinAt                      pinPlace // the PIN field keys go to, if any
	pin, pinFirst              string   // its value; the opening form's first PIN
}

// pinPlace is a field that takes the shift's PIN.
type pinPlace int

const (
	noPIN      pinPlace = iota
	pinOpening          // the opening form's PIN
	pinAgain            // the opening form's repeat of it
	pinAtLock           // the lock's
)

// pinField is where a key would type a PIN digit, and the value there.
func pinField(a App) (pinPlace, string) {
	switch {
	case a.lock.on:
		return pinAtLock, a.lock.input.Value()
	case a.confirm != nil || a.screen != screenShift || a.shift.mode != shiftOpening:
		return noPIN, ""
	case a.shift.open.focus == 1:
		return pinOpening, a.shift.open.inputs[1].Value()
	case a.shift.open.focus == 2:
		return pinAgain, a.shift.open.inputs[2].Value()
	}
	return noPIN, ""
}

func secretFields(a App) fieldsBefore {
	f := fieldsBefore{}
	if f.pinAt, f.pin = pinField(a); f.pinAt != noPIN {
		f.pinFirst = a.shift.open.inputs[1].Value()
		return f
	}
	switch a.screen {
	case screenOTP:
		f.otp = a.otp.input.Value()
	case screenBind:
		f.otp = a.bindS.input.Value()
	case screenCard:
		if a.card.fields != nil {
			f.card = a.card.fields
			f.pan, f.cvc = common.CardDigits(a.card.fields.pan), a.card.fields.cvc
			f.exp, f.holder = a.card.fields.exp, a.card.fields.holder
		}
	default:
	}
	return f
}

// update runs the App on msg and records it.
func (r *Recorder) update(a App, msg tea.Msg) (App, tea.Cmd) {
	where, at, before, passing := a.where(), r.now().Sub(r.began), secretFields(a), a.inFlight()
	after, cmd := a.step(msg)
	r.mu.Lock()
	defer r.mu.Unlock()
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.add(record.RecordedEvent{At: at, Where: where, Size: &record.RecordedSize{Width: msg.Width, Height: msg.Height}})
	case tea.KeyPressMsg:
		r.key(record.RecordedEvent{At: at, Where: where, Passing: passing}, tea.Key(msg), a, before, after)
	case tea.PasteMsg:
		r.paste(record.RecordedEvent{At: at, Where: where, Passing: passing}, msg.Content, a, before, after)
	case cardReadyMsg:
		if r.card != nil {
			r.card.pan = msg.card.card.PAN
		}
	}
	if r.card != nil && after.screen == screenCard && after.card.fields == r.card.fields {
		if d := common.CardDigits(after.card.fields.pan); d != "" {
			r.card.pan = d
		}
	}
	if r.card != nil && (after.screen != screenCard || after.card.fields != r.card.fields) {
		r.finishCard()
	}
	r.where = after.where()
	return after, cmd
}

func (r *Recorder) add(e record.RecordedEvent) int {
	r.rec.Events = append(r.rec.Events, e)
	return len(r.rec.Events) - 1
}

// otpField reports whether the App is on a code field that takes keys.
func otpField(a App) bool {
	if a.confirm != nil {
		return false
	}
	return (a.screen == screenOTP && a.hasPay && a.pay.State == flows.AwaitingOTP) ||
		(a.screen == screenBind && a.hasBind && a.bind.State == flows.BindAwaitingOTP)
}

func otpValue(a App) string {
	if a.screen == screenBind {
		return a.bindS.input.Value()
	}
	return a.otp.input.Value()
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

func digitKey(k tea.Key) (byte, bool) {
	if len(k.Text) == 1 && k.Text[0] >= '0' && k.Text[0] <= '9' {
		return k.Text[0], true
	}
	return 0, false
}

// inserted is where after has one more character than before, or -1.
func inserted(before, after string) int {
	if len(after) != len(before)+1 {
		return -1
	}
	for i := 0; i < len(before); i++ {
		if before[i] != after[i] {
			return i
		}
	}
	return len(before)
}

func (r *Recorder) key(e record.RecordedEvent, k tea.Key, a App, before fieldsBefore, after App) {
	d, isDigit := digitKey(k)
	switch {
	case before.pinAt == pinAtLock && k.Code == tea.KeyEnter:
		// The attempt is over when the field was emptied: its digits were
		// the PIN if it unlocked. An enter refused during the pause after
		// wrong PINs keeps them for the enter that does try them.
		if unlocked := !after.lock.on; unlocked || after.lock.input.Value() == "" {
			for _, i := range r.lockDigits {
				r.rec.Events[i].Secret.Same = unlocked
			}
			r.lockDigits = nil
		}
		e.Key = &record.RecordedKey{Name: k.String(), Code: k.Code, Text: k.Text, Mod: k.Mod, ShiftedCode: k.ShiftedCode, BaseCode: k.BaseCode}
	case isDigit && before.pinAt != noPIN:
		if r.pinDigit(&e, d, before, after) {
			return
		}
	case isDigit && otpField(a):
		pos := inserted(before.otp, otpValue(after))
		if pos < 0 {
			e.Secret = &record.Secret{Kind: record.SecretIgnored}
			break
		}
		code := sentCode(a)
		e.Secret = &record.Secret{Kind: record.SecretOTP, Pos: pos, Same: pos < len(code) && code[pos] == d}
	case isDigit && a.screen == screenCard && a.confirm == nil && before.card != nil:
		r.cardDigit(&e, string(d), before, after)
		if e.Secret != nil && e.Secret.Kind == record.SecretPAN {
			i := r.add(e)
			r.card.pending = append(r.card.pending, pendingDigit{event: i, typed: string(d)})
			return
		}
	default:
		e.Key = &record.RecordedKey{Name: k.String(), Code: k.Code, Text: k.Text, Mod: k.Mod, ShiftedCode: k.ShiftedCode, BaseCode: k.BaseCode}
	}
	r.add(e)
}

// pinDigit records a digit typed into a PIN field by its place: the
// opening PIN's digits are the PIN (replay's own), the repeat's are the
// same where they match it, the lock's are decided at its enter. It says
// whether it added the event itself.
func (r *Recorder) pinDigit(e *record.RecordedEvent, d byte, before fieldsBefore, after App) bool {
	at, value := pinField(after)
	pos := inserted(before.pin, value)
	if at != before.pinAt || pos < 0 {
		e.Secret = &record.Secret{Kind: record.SecretIgnored}
		return false
	}
	e.Secret = &record.Secret{Kind: record.SecretPIN, Pos: pos}
	switch at {
	case pinOpening:
		e.Secret.Same = true
	case pinAgain:
		e.Secret.Same = pos < len(before.pinFirst) && before.pinFirst[pos] == d
	case pinAtLock:
		r.lockDigits = append(r.lockDigits, r.add(*e))
		return true
	case noPIN:
	}
	return false
}

// cardDigit decides what a digit typed on the card form was: a digit of the
// number (by position), of the CVC, or a plain key into the expiry or the
// name, which are not secret.
func (r *Recorder) cardDigit(e *record.RecordedEvent, d string, before fieldsBefore, after App) {
	f := after.card.fields
	if f != before.card {
		// The key closed the form (it is wiped): nothing was typed into it.
		e.Secret = &record.Secret{Kind: record.SecretIgnored}
		return
	}
	if pos := inserted(before.pan, common.CardDigits(f.pan)); pos >= 0 {
		r.startCard(before.card)
		e.Secret = &record.Secret{Kind: record.SecretPAN, Pos: pos, Card: r.card.index}
		return
	}
	if pos := inserted(before.cvc, f.cvc); pos >= 0 {
		e.Secret = &record.Secret{Kind: record.SecretCVC, Pos: pos}
		return
	}
	if before.exp != f.exp || before.holder != f.holder {
		e.Key = &record.RecordedKey{Name: d, Code: rune(d[0]), Text: d}
		return
	}
	e.Secret = &record.Secret{Kind: record.SecretIgnored}
}

func (r *Recorder) paste(e record.RecordedEvent, content string, a App, before fieldsBefore, after App) {
	switch {
	case before.pinAt != noPIN:
		at, value := pinField(after)
		if at != before.pinAt || len(value) <= len(before.pin) {
			e.Secret = &record.Secret{Kind: record.SecretIgnored, Paste: true}
			break
		}
		// Pos is how many characters went in, at the end of the field.
		e.Secret = &record.Secret{Kind: record.SecretPIN, Paste: true, Pos: len(value) - len(before.pin)}
		switch at {
		case pinOpening:
			e.Secret.Same = true
		case pinAgain:
			e.Secret.Same = strings.HasPrefix(before.pinFirst, value)
		case pinAtLock:
			r.lockDigits = append(r.lockDigits, r.add(e))
			return
		case noPIN:
		}
	case otpField(a):
		if otpValue(after) == before.otp {
			e.Secret = &record.Secret{Kind: record.SecretIgnored, Paste: true}
			break
		}
		e.Secret = &record.Secret{Kind: record.SecretOTP, Paste: true, Same: strings.TrimSpace(content) == sentCode(a)}
	case a.screen == screenCard && a.confirm == nil && before.card != nil && after.card.fields == before.card:
		f := after.card.fields
		switch {
		case common.CardDigits(f.pan) != before.pan:
			r.startCard(before.card)
			e.Secret = &record.Secret{Kind: record.SecretPAN, Paste: true, Card: r.card.index}
			i := r.add(e)
			r.card.pending = append(r.card.pending, pendingDigit{event: i, typed: common.CardDigits(content)})
			return
		case f.cvc != before.cvc:
			e.Secret = &record.Secret{Kind: record.SecretCVC, Paste: true}
		case f.exp != before.exp || f.holder != before.holder:
			e.Paste = &content
		default:
			e.Secret = &record.Secret{Kind: record.SecretIgnored, Paste: true}
		}
	default:
		e.Paste = &content
	}
	r.add(e)
}

// startCard makes fields the card form being typed, closing another.
func (r *Recorder) startCard(fields *cardFields) {
	if r.card != nil && r.card.fields == fields {
		return
	}
	r.finishCard()
	r.rec.Cards = append(r.rec.Cards, record.RecordedCard{})
	r.card = &cardSession{fields: fields, index: len(r.rec.Cards) - 1}
}

// finishCard writes the card's 6+4 and decides each PAN key's Same, then
// forgets the number. Caller holds r.mu.
func (r *Recorder) finishCard() {
	c := r.card
	if c == nil {
		return
	}
	r.card = nil
	r.rec.Cards[c.index] = describeCard(c.pan)
	for _, p := range c.pending {
		s := r.rec.Events[p.event].Secret
		if s.Paste {
			s.Same = p.typed == c.pan
		} else {
			s.Same = s.Pos < len(c.pan) && c.pan[s.Pos] == p.typed[0]
		}
	}
}

// describeCard is a number as the file keeps it: 6+4 (for 10 digits and
// more), its length and whether it passes the Luhn check.
func describeCard(pan string) record.RecordedCard {
	c := record.RecordedCard{Length: len(pan), Luhn: common.Luhn(pan)}
	if len(pan) >= 10 {
		c.First6, c.Last4 = pan[:6], pan[len(pan)-4:]
	}
	return c
}
