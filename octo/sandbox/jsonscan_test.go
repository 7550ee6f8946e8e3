package sandbox

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The seeds run as plain tests; `make fuzz` explores further.
var bodySeeds = []string{
	``, ` `, `{`, `}`, `{}`, ` { } `, `null`, `[]`, `[1]`, `1`, `"s"`, `true`, `{"a":1}x`, `{"a":1,}`, `{"a" 1}`,
	`{"octo_shop_id":1,"octo_secret":"sandbox-secret","shop_transaction_id":"t-1","auto_capture":false,"test":true,` +
		`"init_time":"2026-03-01 15:00:00","total_sum":1000.00,"currency":"UZS","description":"load","return_url":"https://shop.example/r","language":"uz","ttl":15}`,
	`{"pan":"8600000000000015","exp":"3012","method":"uzcard","cvc2":"123","cardHolderName":"LOAD"}`,
	"{\n\t\"smsKey\" : \"123456\" ,\r\n \"paymentId\": 5001, \"verifyId\":800001 }",
	`{"a":1,"a":2}`, `{"a":{"b":[1,{"c":"}]"}],"d":null},"e":[]}`, `{"k\"ey":"v","k\\ey":1,"\u0041":2}`,
	`{"pan":"86000000\"0000015"}`, `{"pan":"<script>&x</script>"}`, `{"pan":12}`, `{"pan":"short"}`,
	`{"description":"a <b> & c \u2028 d","x":"` + "\u2029" + `"}`, `{"<k>":"v","é":"ü","\ud83d\ude00":1}`,
	`{"s":"tab\tinside"}`, "{\"s\":\"\xff\xfe\"}", `{"n":-1.5e+3,"t":true,"f":false,"z":null}`,
	`{"smsKey":123,"paymentId":"5001","verifyId":[1]}`, `{"octo_payment_UUID":{}}`, `{"basket":[{"count":"x"}],"user_data":"u"}`,
}

// parseBodyReflect is parseBody as it was, through encoding/json alone: the
// oracle the hand-written split must agree with.
func parseBodyReflect(b []byte) (fields, *apiErr) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, errf(codeFormat, "Wrong params: empty request body")
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

// redactReflect is redact as it was: json.Marshal of the redacted map.
func redactReflect(f fields) json.RawMessage {
	out := make(map[string]json.RawMessage, len(f))
	for k, v := range f {
		switch {
		case redactedKeys[k]:
			out[k] = json.RawMessage(`"REDACTED"`)
		case k == "pan":
			var pan string
			if json.Unmarshal(v, &pan) == nil && len(pan) >= 10 {
				out[k] = json.RawMessage(`"` + maskPAN(pan[:6], pan[len(pan)-4:]) + `"`)
			} else {
				out[k] = json.RawMessage(`"REDACTED"`)
			}
		default:
			out[k] = v
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return json.RawMessage(`{"note":"unloggable body"}`)
	}
	return b
}

func FuzzParseBody(f *testing.F) {
	for _, s := range bodySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got, gerr := parseBody([]byte(body))
		want, werr := parseBodyReflect([]byte(body))
		if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.msg != werr.msg) {
			t.Fatalf("%q: error %v, want %v", body, gerr, werr)
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d fields, want %d", body, len(got), len(want))
		}
		for k, w := range want {
			if g, ok := got[k]; !ok || !bytes.Equal(g, w) {
				t.Fatalf("%q: field %q is %q, want %q", body, k, g, w)
			}
		}
		if gerr != nil {
			return
		}
		if g, w := redact(got), redactReflect(want); !bytes.Equal(g, w) {
			t.Fatalf("%q: redacted\n%s\nwant\n%s", body, g, w)
		}
		for k, raw := range got {
			if s, ok := plainString(raw); ok {
				var w string
				if err := json.Unmarshal(raw, &w); err != nil || s != w {
					t.Fatalf("%q: field %q read as %q, json.Unmarshal says %q (%v)", body, k, s, w, err)
				}
			}
		}
	})
}

// A value the split hands out is capped: a handler that appends to it
// cannot overwrite the next field in the body.
func TestSplitValuesAreCapped(t *testing.T) {
	f, err := parseBody([]byte(`{"a":"x","b":"y"}`))
	if err != nil {
		t.Fatal(err)
	}
	_ = append(f["a"], `zzzz`...)
	if string(f["b"]) != `"y"` {
		t.Fatalf("appending to a wrote into b: %s", f["b"])
	}
}

// The fast path does take the load test's bodies: a redaction that always
// fell back would pass the fuzz test and keep all the cost.
func TestSplitTakesOCTOBodies(t *testing.T) {
	for _, s := range bodySeeds[15:18] {
		if f, ok := splitObject([]byte(s)); !ok || len(f) < 3 {
			t.Errorf("%q: not split (%v, %d fields)", s, ok, len(f))
		}
	}
}
