package record

import (
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// Recorder writes down a walk as the App sees it: every key, paste and
// window size with the place it arrived at, and every exchange. Keys into
// the card number, the CVC and the code fields are stored as what they mean
// (see Secret), decided by comparing the field before and after the key.
// The card number typed is held in memory only until its form closes, to
// tell a typo from the right digit; the file gets its 6+4.
type Recorder struct {
	now   func() time.Time
	began time.Time

	mu    sync.Mutex
	rec   Recording
	where string       // the console's place after the last message
	card  *cardSession // the card form being typed, if any
	// lockDigits are the PIN keys typed at the lock since its last enter:
	// whether they were right is known when enter unlocks or not.
	lockDigits []int
}

// cardSession is one card form's number being typed; memory only.
type cardSession struct {
	fields  any    // which form (Fields.Card)
	index   int    // into Recording.Cards
	pan     string // the latest number seen in the form
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
func NewRecorder(now func() time.Time, start time.Time, setup Setup) *Recorder {
	if now == nil {
		now = time.Now
	}
	return &Recorder{now: now, began: now(), rec: Recording{Version: RecordingVersion, Start: start, Setup: setup}}
}

// Exchange notes an exchange; it is the client's observer (or part of it)
// and safe to call from any goroutine.
func (r *Recorder) Exchange(x octo.Exchange) {
	r.mu.Lock()
	r.rec.Exchanges = append(r.rec.Exchanges, ExchangeOf(x))
	r.mu.Unlock()
}

// Finish closes the recording with the journaled payments and returns it.
func (r *Recorder) Finish(payments []flows.Record) *Recording {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.finishCard()
	out := r.rec
	out.Events = append([]RecordedEvent(nil), r.rec.Events...)
	out.Exchanges = append([]RecordedExchange(nil), r.rec.Exchanges...)
	out.Cards = append([]RecordedCard(nil), r.rec.Cards...)
	out.Outcome = Outcome{Screen: r.where, Payments: OutcomeOf(payments)}
	if out.Exchanges == nil {
		out.Exchanges = []RecordedExchange{}
	}
	if out.Events == nil {
		out.Events = []RecordedEvent{}
	}
	return &out
}

// PINPlace is a field that takes the shift's PIN.
type PINPlace int

const (
	NoPIN      PINPlace = iota
	PINOpening          // the opening form's PIN
	PINAgain            // the opening form's repeat of it
	PINAtLock           // the lock's
)

// Fields are the console's secret fields as they are between two messages:
// what a key is compared against before and after. Memory only.
type Fields struct {
	// PINAt is the PIN field keys go to, if any; PIN its value, PINFirst
	// the opening form's first PIN.
	PINAt         PINPlace
	PIN, PINFirst string
	Locked        bool // the console is locked
	// OTPField says a code field takes keys; OTP is the code field's value.
	OTPField bool
	OTP      string
	// OnCard says the card form is on screen; CardEntry that it takes keys
	// (no question open, no PIN field). Card is the form (its identity:
	// another value is another form); PAN its digits.
	OnCard, CardEntry     bool
	Card                  any
	PAN, CVC, Exp, Holder string
}

// Recordable is the console as the recorder sees it (package ui's App); C
// is its own type, so Step needs no assertion.
type Recordable[C any] interface {
	// Step is the console's Update for one message, keys in order.
	Step(msg tea.Msg) (C, tea.Cmd)
	Where() string
	// InFlight says a call is out: a replay may pass the place.
	InFlight() bool
	Fields() Fields
	// SentCode is the code the sandbox sent for what is on screen.
	SentCode() string
	// TypedCard is the card number a message carries, when it is the card
	// form's finished card.
	TypedCard(msg tea.Msg) (string, bool)
}

// Step runs the console on msg (its Step) and records what msg was.
func Step[C Recordable[C]](r *Recorder, c C, msg tea.Msg) (C, tea.Cmd) {
	where, at, before, passing := c.Where(), r.now().Sub(r.began), c.Fields(), c.InFlight()
	code := ""
	if before.OTPField {
		code = c.SentCode()
	}
	next, cmd := c.Step(msg)
	after := next.Fields()
	r.mu.Lock()
	defer r.mu.Unlock()
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.add(RecordedEvent{At: at, Where: where, Size: &RecordedSize{Width: msg.Width, Height: msg.Height}})
	case tea.KeyPressMsg:
		r.key(RecordedEvent{At: at, Where: where, Passing: passing}, tea.Key(msg), before, after, code)
	case tea.PasteMsg:
		r.paste(RecordedEvent{At: at, Where: where, Passing: passing}, msg.Content, before, after, code)
	default:
		if pan, ok := c.TypedCard(msg); ok && r.card != nil {
			r.card.pan = pan
		}
	}
	if r.card != nil && after.OnCard && after.Card == r.card.fields {
		if after.PAN != "" {
			r.card.pan = after.PAN
		}
	}
	if r.card != nil && (!after.OnCard || after.Card != r.card.fields) {
		r.finishCard()
	}
	r.where = next.Where()
	return next, cmd
}

func (r *Recorder) add(e RecordedEvent) int {
	r.rec.Events = append(r.rec.Events, e)
	return len(r.rec.Events) - 1
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

func (r *Recorder) key(e RecordedEvent, k tea.Key, before, after Fields, code string) {
	d, isDigit := digitKey(k)
	switch {
	case before.PINAt == PINAtLock && k.Code == tea.KeyEnter:
		// The attempt is over when the field was emptied: its digits were
		// the PIN if it unlocked. An enter refused during the pause after
		// wrong PINs keeps them for the enter that does try them.
		if unlocked := !after.Locked; unlocked || after.PIN == "" {
			for _, i := range r.lockDigits {
				r.rec.Events[i].Secret.Same = unlocked
			}
			r.lockDigits = nil
		}
		e.Key = &RecordedKey{Name: k.String(), Code: k.Code, Text: k.Text, Mod: k.Mod, ShiftedCode: k.ShiftedCode, BaseCode: k.BaseCode}
	case isDigit && before.PINAt != NoPIN:
		if r.pinDigit(&e, d, before, after) {
			return
		}
	case isDigit && before.OTPField:
		pos := inserted(before.OTP, after.OTP)
		if pos < 0 {
			e.Secret = &Secret{Kind: SecretIgnored}
			break
		}
		e.Secret = &Secret{Kind: SecretOTP, Pos: pos, Same: pos < len(code) && code[pos] == d}
	case isDigit && before.CardEntry && before.Card != nil:
		r.cardDigit(&e, string(d), before, after)
		if e.Secret != nil && e.Secret.Kind == SecretPAN {
			i := r.add(e)
			r.card.pending = append(r.card.pending, pendingDigit{event: i, typed: string(d)})
			return
		}
	default:
		e.Key = &RecordedKey{Name: k.String(), Code: k.Code, Text: k.Text, Mod: k.Mod, ShiftedCode: k.ShiftedCode, BaseCode: k.BaseCode}
	}
	r.add(e)
}

// pinDigit records a digit typed into a PIN field by its place: the
// opening PIN's digits are the PIN (replay's own), the repeat's are the
// same where they match it, the lock's are decided at its enter. It says
// whether it added the event itself.
func (r *Recorder) pinDigit(e *RecordedEvent, d byte, before, after Fields) bool {
	at, value := after.PINAt, after.PIN
	pos := inserted(before.PIN, value)
	if at != before.PINAt || pos < 0 {
		e.Secret = &Secret{Kind: SecretIgnored}
		return false
	}
	e.Secret = &Secret{Kind: SecretPIN, Pos: pos}
	switch at {
	case PINOpening:
		e.Secret.Same = true
	case PINAgain:
		e.Secret.Same = pos < len(before.PINFirst) && before.PINFirst[pos] == d
	case PINAtLock:
		r.lockDigits = append(r.lockDigits, r.add(*e))
		return true
	case NoPIN:
	}
	return false
}

// cardDigit decides what a digit typed on the card form was: a digit of the
// number (by position), of the CVC, or a plain key into the expiry or the
// name, which are not secret.
func (r *Recorder) cardDigit(e *RecordedEvent, d string, before, after Fields) {
	if after.Card != before.Card {
		// The key closed the form (it is wiped): nothing was typed into it.
		e.Secret = &Secret{Kind: SecretIgnored}
		return
	}
	if pos := inserted(before.PAN, after.PAN); pos >= 0 {
		r.startCard(before.Card)
		e.Secret = &Secret{Kind: SecretPAN, Pos: pos, Card: r.card.index}
		return
	}
	if pos := inserted(before.CVC, after.CVC); pos >= 0 {
		e.Secret = &Secret{Kind: SecretCVC, Pos: pos}
		return
	}
	if before.Exp != after.Exp || before.Holder != after.Holder {
		e.Key = &RecordedKey{Name: d, Code: rune(d[0]), Text: d}
		return
	}
	e.Secret = &Secret{Kind: SecretIgnored}
}

func (r *Recorder) paste(e RecordedEvent, content string, before, after Fields, code string) {
	switch {
	case before.PINAt != NoPIN:
		at, value := after.PINAt, after.PIN
		if at != before.PINAt || len(value) <= len(before.PIN) {
			e.Secret = &Secret{Kind: SecretIgnored, Paste: true}
			break
		}
		// Pos is how many characters went in, at the end of the field.
		e.Secret = &Secret{Kind: SecretPIN, Paste: true, Pos: len(value) - len(before.PIN)}
		switch at {
		case PINOpening:
			e.Secret.Same = true
		case PINAgain:
			e.Secret.Same = strings.HasPrefix(before.PINFirst, value)
		case PINAtLock:
			r.lockDigits = append(r.lockDigits, r.add(e))
			return
		case NoPIN:
		}
	case before.OTPField:
		if after.OTP == before.OTP {
			e.Secret = &Secret{Kind: SecretIgnored, Paste: true}
			break
		}
		e.Secret = &Secret{Kind: SecretOTP, Paste: true, Same: strings.TrimSpace(content) == code}
	case before.CardEntry && before.Card != nil && after.Card == before.Card:
		switch {
		case after.PAN != before.PAN:
			r.startCard(before.Card)
			e.Secret = &Secret{Kind: SecretPAN, Paste: true, Card: r.card.index}
			i := r.add(e)
			r.card.pending = append(r.card.pending, pendingDigit{event: i, typed: common.CardDigits(content)})
			return
		case after.CVC != before.CVC:
			e.Secret = &Secret{Kind: SecretCVC, Paste: true}
		case after.Exp != before.Exp || after.Holder != before.Holder:
			e.Paste = &content
		default:
			e.Secret = &Secret{Kind: SecretIgnored, Paste: true}
		}
	default:
		e.Paste = &content
	}
	r.add(e)
}

// startCard makes fields the card form being typed, closing another.
func (r *Recorder) startCard(fields any) {
	if r.card != nil && r.card.fields == fields {
		return
	}
	r.finishCard()
	r.rec.Cards = append(r.rec.Cards, RecordedCard{})
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
func describeCard(pan string) RecordedCard {
	c := RecordedCard{Length: len(pan), Luhn: common.Luhn(pan)}
	if len(pan) >= 10 {
		c.First6, c.Last4 = pan[:6], pan[len(pan)-4:]
	}
	return c
}
