package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Error codes. OCTO documents 1–6 and 17 (REFERENCE §6.2); the others are
// the sandbox's choice where OCTO's code is unknown, kept apart from the
// documented ones so that a client never reads a guessed meaning into them.
const (
	codeFormat         = 1    // data format error: missing, malformed or invalid field
	codeAuth           = 2    // "Wrong secret"
	codeRefundAmount   = 3    // invalid refund amount (refund only)
	codeInternal       = 4    // internal service error (fault injection default)
	codeTokenNotFound  = 5    // card token not found
	codeTokenNotActive = 6    // card token is not active
	codeNotFound       = 7    // payment not found (sandbox's choice)
	codeWrongState     = 8    // the payment's status does not allow the operation (sandbox's choice)
	codeExpired        = 9    // the payment's ttl has passed (sandbox's choice)
	codeDeclined       = 10   // the card or the issuer refused (sandbox's choice)
	codeTooOften       = 11   // status read rate limit (the code pay-uz guesses)
	codeOTPInactive    = 12   // the verification expired or was replaced (sandbox's choice)
	codeAmount         = 14   // final_amount above the hold (sandbox's choice)
	codeResendLimit    = 17   // "Maximum number of SMS resend attempts"
	codeFiscal         = 403  // the basket's fiscal object is not registered (P-fiscal)
	codeWrongOTP       = -270 // wrong one-time code (pay-uz's fixture; unverified)
)

// apiMessage is the deprecation notice OCTO puts in apiMessageForDevelopers
// (REFERENCE §6.1), even on some successes.
const apiMessage = "The ErrorMessage field is outdated. Please switch to errMessage for unification of the responses. " +
	"Also, please know that in the future, all fields except error and errMessage will be passed to data. " +
	"For more information, please contact the technical support of the service."

// tashkent is the zone of OCTO's "yyyy-MM-dd HH:mm:ss" times (UTC+5, no DST).
var tashkent = time.FixedZone("UZT", 5*60*60)

const octoTimeLayout = "2006-01-02 15:04:05"

func octoTime(t time.Time) string { return t.In(tashkent).Format(octoTimeLayout) }

// apiErr is a business refusal answered in OCTO's error envelope.
type apiErr struct {
	code int
	msg  string
}

func (e *apiErr) Error() string { return fmt.Sprintf("error %d: %s", e.code, e.msg) }

func errf(code int, format string, args ...any) *apiErr {
	return &apiErr{code: code, msg: fmt.Sprintf(format, args...)}
}

func missing(names ...string) *apiErr {
	return errf(codeFormat, "Wrong params: [%s] must not be null or blank", strings.Join(names, ", "))
}

func malformed(name, want string) *apiErr {
	return errf(codeFormat, "Wrong params: %s must be %s", name, want)
}

// errEnvelope is OCTO's error answer with the deprecated duplicate message.
type errEnvelope struct {
	Error        int     `json:"error"`
	ErrMessage   string  `json:"errMessage"`
	Data         *string `json:"data"`
	ErrorMessage string  `json:"errorMessage"`
	APIMessage   string  `json:"apiMessageForDevelopers"`
}

// okEnvelope is the new-docs success envelope.
type okEnvelope struct {
	Error      int    `json:"error"`
	ErrMessage string `json:"errMessage"`
	Data       any    `json:"data"`
}

// fields is a decoded request body, read field by field so that every
// refusal names the field at fault.
type fields map[string]json.RawMessage

func parseBody(b []byte) (fields, *apiErr) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, errf(codeFormat, "Wrong params: empty request body")
	}
	if json.Valid(b) {
		if f, ok := splitObject(b); ok {
			return f, nil
		}
	}
	var f fields
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, errf(codeFormat, "Wrong params: malformed JSON: %s", jsonErrText(err))
	}
	if f == nil {
		return nil, errf(codeFormat, "Wrong params: the body must be a JSON object")
	}
	return f, nil
}

func jsonErrText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s at offset %d", se.Error(), se.Offset)
	}
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return "the body must be a JSON object, not " + ute.Value
	}
	return err.Error()
}

// present reports whether k is in the body and not null.
func (f fields) present(k string) bool {
	v, ok := f[k]
	return ok && !bytes.Equal(v, []byte("null"))
}

// str reads a string field. A missing or blank required field is refused.
func (f fields) str(k string, required bool) (string, *apiErr) {
	if !f.present(k) {
		if required {
			return "", missing(k)
		}
		return "", nil
	}
	s, ok := plainString(f[k])
	if !ok && json.Unmarshal(f[k], &s) != nil {
		return "", malformed(k, "a string")
	}
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", missing(k)
	}
	return s, nil
}

// integer reads an integer given as a JSON number or a numeric string
// (OCTO's own examples send octo_shop_id as a string).
func (f fields) integer(k string, required bool) (int64, bool, *apiErr) {
	if !f.present(k) {
		if required {
			return 0, false, missing(k)
		}
		return 0, false, nil
	}
	raw := bytes.TrimSpace(f[k])
	if len(raw) > 0 && raw[0] == '"' {
		s, ok := plainString(raw)
		if !ok && json.Unmarshal(raw, &s) != nil {
			return 0, false, malformed(k, "an integer")
		}
		raw = []byte(strings.TrimSpace(s))
		if len(raw) == 0 && required {
			return 0, false, missing(k)
		}
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return 0, false, malformed(k, "an integer")
	}
	return n, true, nil
}

// boolean reads a JSON boolean (or the strings "true" and "false").
func (f fields) boolean(k string, required bool) (bool, bool, *apiErr) {
	if !f.present(k) {
		if required {
			return false, false, missing(k)
		}
		return false, false, nil
	}
	switch strings.Trim(string(bytes.TrimSpace(f[k])), `"`) {
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	return false, false, malformed(k, "a boolean")
}

// amount reads money given as a JSON number or a numeric string, positive,
// with at most two decimals. It never goes through float64.
func (f fields) amount(k string, required bool) (decimal.Decimal, bool, *apiErr) {
	if !f.present(k) {
		if required {
			return decimal.Decimal{}, false, missing(k)
		}
		return decimal.Decimal{}, false, nil
	}
	raw := strings.Trim(string(bytes.TrimSpace(f[k])), `"`)
	d, err := decimal.NewFromString(raw)
	if err != nil || strings.ContainsAny(raw, "eE") {
		return decimal.Decimal{}, false, malformed(k, "a decimal number")
	}
	if d.Sign() <= 0 {
		return decimal.Decimal{}, false, malformed(k, "greater than zero")
	}
	if !d.Equal(d.Round(2)) {
		return decimal.Decimal{}, false, malformed(k, "a number with at most 2 decimals")
	}
	return d, true, nil
}

// amount2 is money in an answer with two decimals: 1000.00.
type amount2 decimal.Decimal

func (a amount2) MarshalJSON() ([]byte, error) {
	return appendFixed(nil, decimal.Decimal(a), 2), nil
}

// amount4 is money in the payment object's fee and transferSum: 20.0000.
type amount4 decimal.Decimal

func (a amount4) MarshalJSON() ([]byte, error) {
	return appendFixed(nil, decimal.Decimal(a), 4), nil
}

// appendFixed appends d.StringFixed(places). Every payment object carries
// five amounts, and StringFixed goes through math/big each time; an amount
// whose digits fit an int64 without rounding (all of them, in practice) is
// written from its integer coefficient instead. FuzzAppendFixed holds the
// two to the same digits.
func appendFixed(dst []byte, d decimal.Decimal, places int32) []byte {
	exp := d.Exponent()
	if exp > 0 || -exp > places || d.NumDigits()+int(places+exp) > 18 {
		return append(dst, d.StringFixed(places)...)
	}
	units := d.CoefficientInt64()
	for range places + exp {
		units *= 10
	}
	if units < 0 {
		dst = append(dst, '-')
		units = -units
	}
	scale := int64(1)
	for range places {
		scale *= 10
	}
	dst = strconv.AppendInt(dst, units/scale, 10)
	if places == 0 {
		return dst
	}
	dst = append(dst, '.')
	frac := strconv.AppendInt(make([]byte, 0, 20), units%scale+scale, 10) // 1 then the fraction's digits, zeros kept
	return append(dst, frac[1:]...)
}

// amountN is money as notifications carry it: the shortest number, an
// integer when whole (1803971), as in the real payloads (REFERENCE Q18).
type amountN decimal.Decimal

func (a amountN) MarshalJSON() ([]byte, error) {
	return []byte(decimal.Decimal(a).String()), nil
}

func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Every answer is built from the sandbox's own types; this cannot
		// happen short of a programming error, and must not crash a server.
		return internalErrorAnswer()
	}
	return b
}

// internalErrorAnswer is OCTO's internal error, the answer when the
// sandbox cannot write the one it meant.
func internalErrorAnswer() []byte {
	b, _ := json.Marshal(errEnvelope{Error: codeInternal, ErrMessage: "internal service error", ErrorMessage: "internal service error", APIMessage: apiMessage})
	return b
}

// jsonType is every answer's Content-Type, shared: net/http only reads it,
// and Header.Set would allocate it for each answer.
var jsonType = []string{"application/json"}

func writeBody(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = jsonType
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func errBody(e *apiErr) []byte {
	return marshal(errEnvelope{Error: e.code, ErrMessage: e.msg, ErrorMessage: e.msg, APIMessage: apiMessage})
}

// maskPAN keeps the first six and last four digits, as OCTO's maskedPan
// does: "427831** **** 3011".
func maskPAN(first6, last4 string) string {
	if first6 == "" && last4 == "" {
		return ""
	}
	return first6 + "** **** " + last4
}

// maskPhone masks a phone as verificationInfo does: "+998** *****67".
func maskPhone(phone string) string {
	if len(phone) < 5 {
		return "+" + phone
	}
	return "+" + phone[:3] + "** *****" + phone[len(phone)-2:]
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
