package sandbox

import (
	"bytes"
	"encoding/json"
	"slices"
)

// Every OCTO call's body is a flat JSON object read field by field, and
// every one is logged redacted. Through encoding/json's reflection the two
// were a fifth of the sandbox's CPU under load and most of its garbage, so
// the common case (a valid object whose keys need no unescaping) is split
// and rebuilt here by hand; anything else takes encoding/json's path,
// which also words the refusals. The fuzz tests hold both paths to the
// same results.

// splitObject splits b, which json.Valid accepted, into its members as
// json.Unmarshal into fields would (the last of a repeated key wins); each
// value is a sub-slice of b, capped so that appending to it cannot write
// into b. ok is false when b is not an object, or a key is not plain.
func splitObject(b []byte) (f fields, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, false
	}
	f = make(fields, 12)
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return f, true
	}
	for i < len(b) && b[i] == '"' {
		kEnd := stringEnd(b, i)
		if kEnd < 0 || !plain(b[i+1:kEnd-1]) {
			return nil, false
		}
		key := b[i+1 : kEnd-1]
		i = skipSpace(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return nil, false
		}
		i = skipSpace(b, i+1)
		vEnd := valueEnd(b, i)
		if vEnd < 0 {
			return nil, false
		}
		k, known := requestKeys[string(key)] // a lookup, not a copy
		if !known {
			k = string(key)
		}
		f[k] = json.RawMessage(b[i:vEnd:vEnd])
		i = skipSpace(b, vEnd)
		if i >= len(b) {
			return nil, false
		}
		switch b[i] {
		case '}':
			return f, true
		case ',':
			i = skipSpace(b, i+1)
		default:
			return nil, false
		}
	}
	return nil, false
}

// requestKeys are the fields OCTO's methods take, each kept as one string
// that every body's split shares instead of copying the key again.
var requestKeys = func() map[string]string {
	m := map[string]string{}
	for _, k := range []string{
		"accept_status", "amount", "auto_capture", "basket", "bind_notify_url", "card_token", "cardHolderName",
		"currency", "cvc2", "description", "email", "exp", "expDate", "final_amount", "hash_key", "init_time",
		"language", "method", "notify_url", "octo_payment_UUID", "octo_secret", "octo_shop_id", "otp", "pan",
		"paymentId", "payment_methods", "phone", "return_url", "shop_refund_id", "shop_transaction_id", "smsKey",
		"sms_key", "test", "total_sum", "tsp_id", "ttl", "user_data", "verifyId",
	} {
		m[k] = k
	}
	return m
}()

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd is the index just past the string that opens at b[i], or -1.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// valueEnd is the index just past the value that starts at b[i], or -1.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end := stringEnd(b, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	for j := i; j < len(b); j++ { // a number, true, false or null
		switch b[j] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return j
		}
	}
	return len(b)
}

// plain says s needs no unescaping or escaping as a JSON string's content:
// printable ASCII without a backslash, a quote, or what encoding/json
// escapes for HTML (<, >, &).
func plain[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '\\' || c == '"' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// plainString is the content of raw when raw is a JSON string whose
// content is plain: what json.Unmarshal would give, without reflection.
func plainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' || !plain(raw[1:len(raw)-1]) {
		return "", false
	}
	return string(raw[1 : len(raw)-1]), true
}

// redact returns the body for the log: secret, CVC and codes replaced, a
// card number masked to its first six and last four digits. The keys are
// sorted and the values compacted and escaped for HTML, byte for byte what
// json.Marshal of the redacted map gave.
func redact(f fields) json.RawMessage {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	buf := make([]byte, 0, 64*len(f))
	buf = append(buf, '{')
	compact := true // every value is a scalar from a valid body: nothing to compact or check
	for n, k := range keys {
		if n > 0 {
			buf = append(buf, ',')
		}
		if plain(k) {
			buf = append(append(append(buf, '"'), k...), '"')
		} else {
			q, _ := json.Marshal(k) // a string always marshals
			buf = append(buf, q...)
		}
		buf = append(buf, ':')
		switch v := f[k]; {
		case redactedKeys[k]:
			buf = append(buf, `"REDACTED"`...)
		case k == "pan":
			var pan string
			if json.Unmarshal(v, &pan) == nil && len(pan) >= 10 {
				masked := maskPAN(pan[:6], pan[len(pan)-4:])
				compact = compact && plain(masked)
				buf = append(append(append(buf, '"'), masked...), '"')
			} else {
				buf = append(buf, `"REDACTED"`...)
			}
		default:
			compact = compact && len(v) > 0 && v[0] != '{' && v[0] != '['
			buf = append(buf, v...)
		}
	}
	buf = append(buf, '}')
	if !compact {
		var out bytes.Buffer
		if json.Compact(&out, buf) != nil {
			return json.RawMessage(`{"note":"unloggable body"}`)
		}
		buf = out.Bytes()
	}
	for _, c := range buf {
		// What json.HTMLEscape changes: <, > and &, and U+2028 and U+2029,
		// which start with 0xE2 in UTF-8.
		if c == '<' || c == '>' || c == '&' || c == 0xE2 {
			var esc bytes.Buffer
			json.HTMLEscape(&esc, buf)
			return esc.Bytes()
		}
	}
	return buf
}
