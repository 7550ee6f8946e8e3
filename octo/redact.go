package octo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// Secret is a value that must never be printed: the shop secret, the
// notification key. Every fmt verb, slog and JSON print REDACTED.
type Secret string

const redacted = "REDACTED"

// Reveal returns the value itself, for the request body only.
func (s Secret) Reveal() string { return string(s) }

func (s Secret) String() string { return redacted }

// GoString keeps %#v redacted.
func (s Secret) GoString() string { return `octo.Secret("REDACTED")` }

// Format keeps every verb redacted, %x and %d included.
func (s Secret) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, redacted) }

// LogValue keeps slog redacted.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalText keeps JSON and other encoders redacted.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// MaskPAN shows a card number as its first 6 and last 4 digits at most:
// "860031******1293". Spaces and dashes are ignored. A number already
// masked by OCTO ("427831** **** 3011") is brought to the same form. Short
// or odd input shows no more than the last 4 digits.
func MaskPAN(pan string) string {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, pan)
	if s == "" {
		return ""
	}
	if allDigits(s) {
		switch {
		case len(s) >= 13:
			return s[:6] + "******" + s[len(s)-4:]
		case len(s) >= 8:
			return "******" + s[len(s)-4:]
		}
		return "****"
	}
	if strings.Contains(s, "*") {
		lead := leadingDigits(s, 6)
		trail := trailingDigits(s, 4)
		if len(lead)+len(trail) < 4 || len(lead)+len(trail) > len(stripNonDigits(s)) { // too little left, or the ends overlap
			return "****"
		}
		return lead + "******" + trail
	}
	return "****"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func leadingDigits(s string, max int) string {
	i := 0
	for i < len(s) && i < max && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func trailingDigits(s string, max int) string {
	i := len(s)
	for i > 0 && len(s)-i < max && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	return s[i:]
}

func stripNonDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// ShortToken shortens a card token for display: "sdf9…98g". Tokens are
// not card data, but a whole one is a bearer credential for charges.
func ShortToken(t string) string {
	if len(t) <= 10 {
		if t == "" {
			return ""
		}
		return "****"
	}
	return t[:4] + "…" + t[len(t)-4:]
}

// redactKey returns the mask for a JSON key that holds card data, a code
// or a credential, and whether the key is one.
func redactKey(key string, v any) (any, bool) {
	s, _ := v.(string)
	switch strings.ToLower(key) {
	case "pan", "cardnumber", "card_number", "maskedpan":
		if n, ok := v.(json.Number); ok {
			s = n.String()
		}
		return MaskPAN(s), true
	case "cvc2", "cvc", "cvv", "cvv2":
		return "***", true
	case "smskey", "sms_key", "otp":
		return "******", true
	case "octo_secret", "secret", "unique_key", "uniquekey":
		return redacted, true
	case "exp", "expdate", "exp_date":
		return "****", true
	case "card_token", "cardtoken":
		return ShortToken(s), true
	}
	return nil, false
}

// redactJSON returns a copy of a JSON body with card numbers masked and
// CVC, codes, expiry dates and secrets replaced, and with every value in
// sensitive scrubbed from whatever text is left. A body that is not JSON
// is scrubbed as text.
func redactJSON(b []byte, sensitive []string) []byte {
	if len(b) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return scrub(b, sensitive)
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return scrub(b, sensitive)
	}
	return scrub(out, sensitive)
}

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if m, ok := redactKey(k, x); ok && x != nil {
				t[k] = m
				continue
			}
			t[k] = redactValue(x)
		}
	case []any:
		for i, x := range t {
			t[i] = redactValue(x)
		}
	}
	return v
}

// scrub replaces every occurrence of a sensitive value in b: card numbers
// by their mask, anything else by REDACTED. Values shorter than 3
// characters are left alone: they would match everywhere.
func scrub(b []byte, sensitive []string) []byte {
	for _, s := range sensitive {
		if len(s) < 3 || !bytes.Contains(b, []byte(s)) {
			continue
		}
		mask := []byte(redacted)
		if allDigits(s) && len(s) >= 13 {
			mask = []byte(MaskPAN(s))
		}
		b = bytes.ReplaceAll(b, []byte(s), mask)
	}
	return b
}

func scrubString(s string, sensitive []string) string { return string(scrub([]byte(s), sensitive)) }

// scrubbedError keeps the error chain (errors.Is and As still work) but
// prints with sensitive values removed.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// scrubError makes sure no sensitive value reaches an error string: an
// OCTO message that echoes the card number, a transport error quoting a
// body.
func scrubError(err error, sensitive []string) error {
	if err == nil {
		return nil
	}
	var oe *Error
	if errors.As(err, &oe) {
		oe.Message = scrubString(oe.Message, sensitive)
		return err
	}
	var te *TransportError
	if errors.As(err, &te) && te.Err != nil {
		if msg := te.Err.Error(); scrubString(msg, sensitive) != msg {
			te.Err = &scrubbedError{msg: scrubString(msg, sensitive), err: te.Err}
		}
		return err
	}
	if msg := err.Error(); scrubString(msg, sensitive) != msg {
		return &scrubbedError{msg: scrubString(msg, sensitive), err: err}
	}
	return err
}

// formatSafe writes s for any verb, quoting it for %q.
func formatSafe(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		s = fmt.Sprintf("%q", s)
	}
	_, _ = io.WriteString(f, s)
}

func maskedCode(s string) string {
	if s == "" {
		return ""
	}
	return "******"
}

func maskedCVC(s string) string {
	if s == "" {
		return ""
	}
	return "***"
}

func maskedExp(s string) string {
	if s == "" {
		return ""
	}
	return "****"
}

// Format prints the card masked for every verb: number as 6+4, expiry,
// CVC hidden.
func (c Card) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, c.String())
}

// String shows the masked number and the holder only.
func (c Card) String() string {
	return fmt.Sprintf("Card{PAN:%s Exp:%s CVC:%s HolderName:%s}", MaskPAN(c.PAN), maskedExp(c.Exp), maskedCVC(c.CVC), c.HolderName)
}

// GoString keeps %#v masked.
func (c Card) GoString() string { return "octo." + c.String() }

// LogValue keeps slog masked.
func (c Card) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Format prints the parameters with the card masked, for every verb.
func (p PayParams) Format(f fmt.State, verb rune) {
	card := "<nil>"
	if p.Card != nil {
		card = p.Card.String()
	}
	formatSafe(f, verb, fmt.Sprintf("PayParams{PaymentUUID:%s Method:%s Card:%s CardToken:%s Email:%s}",
		p.PaymentUUID, p.Method, card, ShortToken(p.CardToken), p.Email))
}

// Format prints the parameters with the code hidden, for every verb.
func (p CheckSMSKeyParams) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, fmt.Sprintf("CheckSMSKeyParams{PaymentID:%d VerifyID:%d Code:%s}", p.PaymentID, p.VerifyID, maskedCode(p.Code)))
}

// Format prints the parameters with the card number masked, for every verb.
func (p ResendOTPParams) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, fmt.Sprintf("ResendOTPParams{PAN:%s ExpYYMM:%s PaymentID:%d}", MaskPAN(p.PAN), maskedExp(p.ExpYYMM), p.PaymentID))
}

// Format prints the parameters with the card masked, for every verb.
func (p BindCardParams) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, fmt.Sprintf("BindCardParams{ShopTransactionID:%s Card:%s Method:%s Phone:%s ReturnURL:%s NotifyURL:%s BindNotifyURL:%s}",
		p.ShopTransactionID, p.Card.String(), p.Method, p.Phone, p.ReturnURL, p.NotifyURL, p.BindNotifyURL))
}

// Format prints the parameters with the code hidden, for every verb.
func (p ConfirmBindingParams) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, fmt.Sprintf("ConfirmBindingParams{PaymentUUID:%s VerifyID:%d Code:%s}", p.PaymentUUID, p.VerifyID, maskedCode(p.Code)))
}
