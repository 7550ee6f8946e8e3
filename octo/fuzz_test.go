package octo

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// seed adds every fixture and a few hand-made oddities to a fuzz corpus.
func seed(f *testing.F) {
	for _, b := range allFixtures(f) {
		f.Add(b)
	}
	for _, s := range []string{
		``, `{}`, `null`, `{"error":"x"}`, `{"error":0,"data":[]}`, `{"error":0,"data":{"total_sum":"1e40"}}`,
		`{"error":0,"data":{"createTime":"99999999999999999999"}}`, `{"error":0,"data":{"details":{"cardInfo":{"first6":123}}}}`,
	} {
		f.Add([]byte(s))
	}
}

// fuzzDecoder checks a decoder never panics and gives either a result or
// an error.
func fuzzDecoder[T any](f *testing.F, decode func(string, int, []byte) (T, error)) {
	seed(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		v, err := decode("fuzz", 200, body)
		if rv := reflect.ValueOf(v); err == nil && rv.Kind() == reflect.Pointer && rv.IsNil() {
			t.Fatalf("no result and no error for %q", body)
		}
		if err != nil && !MayHaveReached(err) {
			var oe *Error
			if !errors.As(err, &oe) {
				t.Fatalf("error %v is neither *Error nor a sent TransportError", err)
			}
		}
	})
}

func FuzzDecodePaymentInfo(f *testing.F)  { fuzzDecoder(f, decodePaymentInfo) }
func FuzzDecodePayment(f *testing.F)      { fuzzDecoder(f, decodePayment) }
func FuzzDecodeVerification(f *testing.F) { fuzzDecoder(f, decodeVerification) }
func FuzzDecodeRefund(f *testing.F)       { fuzzDecoder(f, decodeRefund) }
func FuzzDecodeBinding(f *testing.F)      { fuzzDecoder(f, decodeBinding) }
func FuzzDecodeTokenStatus(f *testing.F)  { fuzzDecoder(f, decodeTokenStatus) }
func FuzzDecodeFiscal(f *testing.F)       { fuzzDecoder(f, decodeFiscal) }

func FuzzParseNotification(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := ParseNotification(body)
		if err != nil {
			return
		}
		if n.PaymentUUID == "" || n.Status == "" {
			t.Fatalf("accepted a notification without UUID or status: %q", body)
		}
		if len(stripNonDigits(n.MaskedPAN)) > 10 {
			t.Fatalf("MaskedPAN %q shows more than 6+4 digits", n.MaskedPAN)
		}
		for _, r := range Recipes {
			_ = VerifyNotification(r, "k", n)
		}
	})
}

func FuzzParseBindNotification(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := ParseBindNotification(body)
		if err != nil {
			return
		}
		if len(stripNonDigits(n.MaskedPAN)) > 10 || len(n.First6) > 6 || len(n.Last4) > 4 {
			t.Fatalf("bind notification keeps too much of the card: %+v", n)
		}
	})
}

func FuzzParseAcceptAnswer(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		if d, err := ParseAcceptAnswer(body); err == nil && d == nil {
			t.Fatal("nil decision without error")
		}
	})
}

// The redacted copy never shows a sensitive value, whatever the body.
func FuzzRedactJSON(f *testing.F) {
	seed(f)
	const secret = "s3cr3t-fuzz"
	f.Fuzz(func(t *testing.T, body []byte) {
		out := redactJSON(body, []string{secret})
		if bytes.Contains(out, []byte(secret)) && !strings.Contains(secret, string(body)) {
			t.Fatalf("secret survived redaction: %q -> %q", body, out)
		}
	})
}

func FuzzMaskPAN(f *testing.F) {
	for _, s := range []string{"8600313260861293", "427831** **** 3011", "", "1", "**1234", "12345678901234567890123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pan string) {
		if got := MaskPAN(pan); len(stripNonDigits(got)) > 10 {
			t.Fatalf("MaskPAN(%q) = %q shows more than 6+4 digits", pan, got)
		}
	})
}
