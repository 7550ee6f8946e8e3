package octo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// decodeAnswer reads OCTO's envelope (REFERENCE §6.1, Q1, Q2). A non-zero
// `error` becomes *Error. Otherwise out is filled from the top level first
// and then from `data`, so flat old-style answers, answers wrapped in
// `data` and answers that duplicate fields at both levels all decode, with
// `data` winning.
func decodeAnswer(method string, httpStatus int, body []byte, out any) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		if err == nil {
			err = errors.New("null")
		}
		return &TransportError{Method: method, Sent: true, HTTPStatus: httpStatus,
			Err: fmt.Errorf("answer is not OCTO's JSON: %w", err)}
	}
	var code flexInt
	if raw, ok := top["error"]; ok {
		if err := json.Unmarshal(raw, &code); err != nil {
			return &TransportError{Method: method, Sent: true, HTTPStatus: httpStatus,
				Err: fmt.Errorf("answer is not OCTO's JSON: error field: %w", err)}
		}
	}
	if code != 0 {
		return &Error{Method: method, Code: int(code), Message: envelopeMessage(top), HTTPStatus: httpStatus}
	}
	if out == nil {
		return nil
	}
	// The top level is read only when it holds more than the envelope:
	// the payment object, the biggest answer, comes in data alone.
	for k := range top {
		if !envelopeKeys[k] {
			if err := json.Unmarshal(body, out); err != nil {
				return malformed(method, httpStatus, err)
			}
			break
		}
	}
	if data := bytes.TrimSpace(top["data"]); len(data) > 0 && data[0] == '{' {
		if err := json.Unmarshal(data, out); err != nil {
			return malformed(method, httpStatus, err)
		}
	}
	return nil
}

var envelopeKeys = map[string]bool{
	"error": true, "errMessage": true, "errorMessage": true, "apiMessageForDevelopers": true, "data": true,
}

func malformed(method string, httpStatus int, err error) error {
	return &TransportError{Method: method, Sent: true, HTTPStatus: httpStatus,
		Err: fmt.Errorf("malformed answer: %w", err)}
}

// envelopeMessage picks errMessage, else the deprecated errorMessage, else
// apiMessageForDevelopers.
func envelopeMessage(top map[string]json.RawMessage) string {
	for _, k := range []string{"errMessage", "errorMessage", "apiMessageForDevelopers"} {
		var s flexString
		if json.Unmarshal(top[k], &s) == nil && strings.TrimSpace(string(s)) != "" {
			return strings.TrimSpace(string(s))
		}
	}
	return ""
}

// unquote reads a JSON string the decoder already validated; escapes
// take the slow path.
func unquote(b []byte) (string, error) {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && bytes.IndexByte(b, '\\') < 0 {
		return string(b[1 : len(b)-1]), nil
	}
	var s string
	err := json.Unmarshal(b, &s)
	return s, err
}

// flexString accepts a string, a number or a boolean (as its text) and null.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return nil
	case b[0] == '"':
		v, err := unquote(b)
		if err != nil {
			return err
		}
		*s = flexString(v)
	case b[0] == '{' || b[0] == '[':
		return errors.New("octo: want a string, got an object or array")
	default:
		*s = flexString(b)
	}
	return nil
}

// flexInt accepts an integer as a number ("5520", also "5520.0") or as a
// string of digits, and null.
type flexInt int64

func (n *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	text := string(b)
	if b[0] == '"' {
		var err error
		if text, err = unquote(b); err != nil {
			return err
		}
		text = strings.TrimSpace(text)
		if text == "" {
			return nil
		}
	}
	if v, err := strconv.ParseInt(text, 10, 64); err == nil {
		*n = flexInt(v)
		return nil
	}
	d, err := decimal.NewFromString(text)
	if err != nil || !d.IsInteger() || d.Abs().GreaterThan(decimal.NewFromInt(1<<53)) {
		return errors.New("octo: want an integer")
	}
	*n = flexInt(d.IntPart())
	return nil
}

// flexBool accepts true/false, "true"/"false", 0/1 and null.
type flexBool bool

func (v *flexBool) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	text := string(b)
	if len(b) > 0 && b[0] == '"' {
		var err error
		if text, err = unquote(b); err != nil {
			return err
		}
	}
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "true", "1":
		*v = true
	case "false", "0", "", "null":
		*v = false
	default:
		return errors.New("octo: want a boolean")
	}
	return nil
}

// optBool is a flexBool that remembers whether it was given.
type optBool struct {
	set bool
	v   bool
}

func (o *optBool) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) == 0 || string(t) == "null" {
		return nil
	}
	var f flexBool
	if err := f.UnmarshalJSON(b); err != nil {
		return err
	}
	o.set, o.v = true, bool(f)
	return nil
}

func (o optBool) ptr() *bool {
	if !o.set {
		return nil
	}
	v := o.v
	return &v
}

// amount is money as OCTO writes it: an integer (1803971), a number with 2
// or 4 decimals (1000.00, 20.0000), a string ("2.00"), or null. It is read
// from the JSON text itself, never through float64. set tells a given zero
// ("transfer_sum": 0.00 on a canceled hold: the shop gets nothing) from an
// absent or null field (OCTO did not say).
type amount struct {
	d   decimal.Decimal
	set bool
}

func (a *amount) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	text := string(b)
	if b[0] == '"' {
		var err error
		if text, err = unquote(b); err != nil {
			return err
		}
		text = strings.TrimSpace(text)
		if text == "" {
			return nil
		}
	} else if b[0] == '{' || b[0] == '[' || b[0] == 't' || b[0] == 'f' {
		return errors.New("octo: want an amount")
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return errors.New("octo: want an amount")
	}
	// Refuse absurd exponents ("1e999999") before they cost memory or time.
	if e := d.Exponent(); e > 20 || e < -20 {
		return errors.New("octo: amount out of range")
	}
	a.d, a.set = d, true
	return nil
}

// stamp is a moment as OCTO writes it: milliseconds since the epoch as a
// number or a string (createTime, fiscalDetails.createTime), or
// "yyyy-MM-dd HH:mm:ss" in Tashkent time (payed_time, refund_time), or null.
// A number too small to be milliseconds of this era is read as seconds.
type stamp struct{ t time.Time }

const octoTimeLayout = "2006-01-02 15:04:05"

func (s *stamp) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	text := string(b)
	if b[0] == '"' {
		var err error
		if text, err = unquote(b); err != nil {
			return err
		}
		text = strings.TrimSpace(text)
	}
	if text == "" {
		return nil
	}
	t, err := parseStamp(text)
	if err != nil {
		return err
	}
	s.t = t
	return nil
}

func parseStamp(text string) (time.Time, error) {
	var n flexInt
	if err := n.UnmarshalJSON([]byte(text)); err == nil {
		v := int64(n)
		switch {
		case v <= 0:
			return time.Time{}, nil
		case v < 100_000_000_000: // before 1973 as ms: OCTO means seconds
			return time.Unix(v, 0).In(Tashkent), nil
		case v > 1<<50:
			return time.Time{}, errors.New("octo: timestamp out of range")
		}
		return time.UnixMilli(v).In(Tashkent), nil
	}
	for _, layout := range []string{octoTimeLayout, "2006-01-02T15:04:05", "20060102150405"} {
		if t, err := time.ParseInLocation(layout, text, Tashkent); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
		return t, nil
	}
	return time.Time{}, errors.New("octo: want a timestamp")
}

// money is an amount going out: a JSON number with exactly two decimals.
type money decimal.Decimal

func (m money) MarshalJSON() ([]byte, error) {
	return []byte(decimal.Decimal(m).StringFixed(2)), nil
}

// checkMoney refuses amounts OCTO cannot take: zero or less, or more than
// two decimals (which would otherwise be rounded silently).
func checkMoney(method, field string, d decimal.Decimal) error {
	if d.Sign() <= 0 {
		return fmt.Errorf("%s: %s must be positive, got %s", method, field, d.String())
	}
	if !d.Equal(d.Round(2)) {
		return fmt.Errorf("%s: %s has more than 2 decimals: %s", method, field, d.String())
	}
	return nil
}

// octoTime formats t as OCTO's init_time: Tashkent wall time.
func octoTime(t time.Time) string { return t.In(Tashkent).Format(octoTimeLayout) }
