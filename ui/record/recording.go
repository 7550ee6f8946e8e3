// Package record is the console's recordings: their file format (a walk's
// inputs with the places they arrived at, the redacted exchanges, the
// journaled outcome), how two compare, and the replay that drives a console
// through one in a real Bubble Tea program without a terminal. The console
// is package ui's App behind the small Console interface, so this package
// does not import ui; the Recorder writes recordings as the console (its
// Recordable) sees them.
package record

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// RecordingVersion is the format of the recording files this build reads
// and writes; a file of another version is refused, never half-read.
const RecordingVersion = 1

// Recording is a manual walk through the console on the embedded sandbox:
// what the App saw (keys and window sizes, each with the screen it arrived
// on), what went over the wire (a redacted shape of each exchange) and what
// came of it (the journaled payments). Replaying it drives a fresh console
// headless with the same inputs and compares the exchanges and the outcome.
//
// Nothing in it is a secret: keys typed into the card number, the CVC or a
// one-time code are stored as what they mean (Secret), never as digits.
type Recording struct {
	Version int       `json:"version"`
	Start   time.Time `json:"start"` // the sandbox's clock when the walk began
	Setup   Setup     `json:"setup"`
	// Cards are the card numbers typed during the walk, each as the sandbox
	// test card it is: first 6 and last 4, length and Luhn validity.
	Cards     []RecordedCard     `json:"cards,omitempty"`
	Events    []RecordedEvent    `json:"events"`
	Exchanges []RecordedExchange `json:"exchanges"`
	Outcome   Outcome            `json:"outcome"`
}

// Setup is what, besides the keys, decides how the walk goes: the console's
// settings and the sandbox's timings.
type Setup struct {
	Operator string    `json:"operator,omitempty"`
	Currency string    `json:"currency,omitempty"`
	Language i18n.Lang `json:"language,omitempty"`
	// PageLanguage is [octo] language, the language of OCTO's pages the
	// payments were created with.
	PageLanguage string        `json:"page_language,omitempty"`
	TTLMinutes   int           `json:"ttl_minutes,omitempty"`
	OTPLifetime  time.Duration `json:"otp_lifetime_ns,omitempty"` // 0: the sandbox's default
	HoldTimeout  time.Duration `json:"hold_timeout_ns,omitempty"`
	// KeepFinished is how many finished payments the sandbox kept
	// ([sandbox] keep_finished): a walk that refunds a payment it had
	// forgotten replays the same refusal. 0 (a recording made before it):
	// the sandbox's default.
	KeepFinished int `json:"keep_finished,omitempty"`
}

// RecordedCard identifies a typed card number without holding it.
type RecordedCard struct {
	First6 string `json:"first6,omitempty"` // only for numbers of 10 digits or more
	Last4  string `json:"last4,omitempty"`
	Length int    `json:"length"`
	Luhn   bool   `json:"luhn"`
}

// RecordedEvent is one input the App saw.
type RecordedEvent struct {
	At    time.Duration `json:"at_ns"`           // since the walk began
	Where string        `json:"where,omitempty"` // the screen it arrived on (see App.where)
	// Passing says a call was out when the input arrived (App.inFlight):
	// its place was a moment, which a replay may pass before it looks.
	Passing bool          `json:"passing,omitempty"`
	Key     *RecordedKey  `json:"key,omitempty"`
	Size    *RecordedSize `json:"size,omitempty"`
	// Paste is pasted text that is not a secret.
	Paste *string `json:"paste,omitempty"`
	// Secret is a key or a paste into the card number, the CVC, a code
	// field or a PIN field, stored as what it means.
	Secret *Secret `json:"secret,omitempty"`
}

// RecordedKey is a key press as Bubble Tea reported it. Name is for
// whoever reads the file ("ctrl+r"); replay uses the other fields.
type RecordedKey struct {
	Name        string     `json:"name"`
	Code        rune       `json:"code"`
	Text        string     `json:"text,omitempty"`
	Mod         tea.KeyMod `json:"mod,omitempty"`
	ShiftedCode rune       `json:"shifted,omitempty"`
	BaseCode    rune       `json:"base,omitempty"`
}

// RecordedSize is a window size.
type RecordedSize struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// Secret kinds.
const (
	SecretOTP     = "otp"     // a digit of the one-time code the sandbox sent for the payment (or card) on screen
	SecretPAN     = "pan"     // a digit of Cards[Card]
	SecretCVC     = "cvc"     // a digit of the CVC (any digits do on the sandbox)
	SecretIgnored = "ignored" // a digit typed into a secret field that the field refused (full, or no field)
	// SecretPIN is a digit of the shift's PIN, in the opening form or the
	// lock. Replay types its own PIN (replayPIN); Same false is a digit
	// that differs from it there (the repeat that did not match, a wrong
	// PIN at the lock). A pasted PIN has its length in Pos.
	SecretPIN = "pin"
)

// Secret is a key (or a paste) whose text is a secret, by what it means:
// "the 3rd digit of the code the sandbox sent", "the 5th digit of card 0".
// Same false means the person typed something else there (a typo, a wrong
// code on purpose): replay then types a digit that is certainly different.
type Secret struct {
	Kind  string `json:"kind"`
	Pos   int    `json:"pos"`
	Same  bool   `json:"same"`
	Card  int    `json:"card,omitempty"`
	Paste bool   `json:"paste,omitempty"` // the whole value at once
}

// RecordedExchange is the redacted shape of one gateway exchange: no ids,
// no amounts, no card data, only what the call was and how it ended.
type RecordedExchange struct {
	Method     string `json:"method"` // "prepare_payment (status)" for status reads
	HTTPStatus int    `json:"http_status"`
	Code       int    `json:"code"`             // OCTO's error code, 0 on success
	Status     string `json:"status,omitempty"` // the payment or token status in the answer
	NoAnswer   bool   `json:"no_answer,omitempty"`
}

// Outcome is what the walk left behind.
type Outcome struct {
	Screen   string            `json:"screen"` // where the console was when it quit
	Payments []RecordedPayment `json:"payments"`
}

// RecordedPayment is a journaled payment without its ids and times.
// Amounts are decimal strings with two places.
type RecordedPayment struct {
	Kind     string `json:"kind"`
	Method   string `json:"method"`
	State    string `json:"state"`
	Status   string `json:"octo_status,omitempty"`
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
	Captured string `json:"captured"`
	Released string `json:"released"`
	Refunded string `json:"refunded"`
	Card     string `json:"card,omitempty"` // masked, 6+4
	Held     bool   `json:"held,omitempty"`
	Test     bool   `json:"test"`
}

// LoadRecording reads a recording file.
func LoadRecording(path string) (*Recording, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Recording
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: not a recording: %w", path, err)
	}
	if r.Version != RecordingVersion {
		return nil, fmt.Errorf("%s: recording version %d, this build reads version %d", path, r.Version, RecordingVersion)
	}
	return &r, nil
}

// Save writes the recording, readable (indented), owner-only.
func (r *Recording) Save(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o600)
}

// ExchangeOf is the redacted shape of an exchange. Status reads are named
// so (callName): how many of those a walk makes depends on timing, so they
// are recorded but not compared.
func ExchangeOf(x octo.Exchange) RecordedExchange {
	r := RecordedExchange{Method: x.Method, HTTPStatus: x.HTTPStatus, Code: x.Code, NoAnswer: x.Response == nil}
	if common.IsStatusRead(x.Method, x.Request) {
		r.Method = statusRead
	}
	var body struct {
		Status string `json:"status"`
		Data   struct {
			Status string `json:"status"`
		} `json:"data"`
	}
	if json.Unmarshal(x.Response, &body) == nil {
		r.Status = body.Data.Status
		if r.Status == "" {
			r.Status = body.Status
		}
	}
	return r
}

const statusRead = "prepare_payment (status)"

// OutcomeOf is the journaled payments in the order they were created,
// from the journal's History (newest first, the later of two created at
// the same instant first). Two payments of one replay step can share their
// creation time on the sandbox's clock: reversing History before the
// stable sort keeps them in the order they were journaled, as in the
// recording, instead of swapping them (a replay once "differed" so).
func OutcomeOf(recs []flows.Record) []RecordedPayment {
	recs = append([]flows.Record(nil), recs...)
	slices.Reverse(recs)
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Created.Before(recs[j].Created) })
	out := make([]RecordedPayment, 0, len(recs))
	for _, r := range recs {
		out = append(out, RecordedPayment{
			Kind: string(r.Kind), Method: string(r.Method), State: string(r.State), Status: string(r.OCTOStatus),
			Currency: r.Currency, Amount: r.Amount.StringFixed(2), Captured: r.Captured.StringFixed(2),
			Released: r.Released.StringFixed(2), Refunded: r.Refunded.StringFixed(2),
			Card: r.Card, Held: r.Held, Test: r.Test,
		})
	}
	return out
}
