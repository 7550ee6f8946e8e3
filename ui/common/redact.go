package common

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/octo-cashier/octo-cashier/octo"
)

// The inspector and the notifications tool show bodies that the client and
// the sandbox have already redacted. They redact again before drawing, so
// that a gap upstream never puts a card number, a CVC, a code or a secret
// on a support person's screen.

// displayMasks are the JSON keys whose values are never shown as sent.
func displayMask(key string, v any) (any, bool) {
	s, _ := v.(string)
	if n, ok := v.(json.Number); ok {
		s = n.String()
	}
	switch strings.ToLower(key) {
	case "pan", "cardnumber", "card_number":
		return octo.MaskPAN(s), true
	case "cvc2", "cvc", "cvv", "cvv2":
		return "***", true
	case "smskey", "sms_key", "otp", "sms_code":
		return "******", true
	case "octo_secret", "secret", "unique_key", "uniquekey":
		return "REDACTED", true
	case "exp", "expdate", "exp_date":
		return "****", true
	case "card_token", "cardtoken", "token":
		return octo.ShortToken(s), true
	}
	return nil, false
}

// maskValue masks the sensitive keys, and card numbers in free text (a
// string value). A number is a card number only under a card key: a
// 13-digit millisecond timestamp ("expireTime": 1796540000869) or an id
// that happens to pass the Luhn check is left as it is, and the JSON stays
// valid.
func maskValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if m, ok := displayMask(k, x); ok && x != nil {
				t[k] = m
				continue
			}
			t[k] = maskValue(x)
		}
	case []any:
		for i, x := range t {
			t[i] = maskValue(x)
		}
	case string:
		return ScrubPANs(t)
	}
	return v
}

// digitRun is a run of 13 to 19 digits, the length of a card number.
var digitRun = CompileLater(`\d{13,19}`)

// ScrubPANs masks every run of digits that could be a card number (the
// right length and a valid Luhn check digit), wherever it appears.
func ScrubPANs(s string) string {
	return digitRun().ReplaceAllStringFunc(s, func(run string) string {
		if Luhn(run) {
			return octo.MaskPAN(run)
		}
		return run
	})
}

// sensitivePair is a sensitive key with its value in text that is not
// JSON (a cut or malformed body): "cvc2":"123", smsKey=123456.
var sensitivePair = CompileLater(`(?i)("?(?:pan|card_?number|cvc2?|cvv2?|sms_?key|otp|sms_code|octo_secret|secret|unique_?key|exp(?:_?date)?|card_?token|token)"?\s*[:=]\s*)("[^"]*"?|[^\s,&}]+)`)

// RedactedLines is a body for display: JSON indented with the sensitive
// keys masked, anything else as text; card-number-like digits masked in
// both. Nil when there is no body.
func RedactedLines(b []byte) []string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == nil && !dec.More() {
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(maskValue(v)); err == nil {
			return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		}
	}
	// Not JSON (a cut or malformed body): text, with the sensitive pairs
	// and every card-number-like run masked.
	text := sensitivePair().ReplaceAllString(string(b), `${1}"REDACTED"`)
	return strings.Split(ScrubPANs(text), "\n")
}
