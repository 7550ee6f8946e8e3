package common

import (
	"encoding/json"
	"strings"
	"testing"
)

// The inspector's scrubber and the card form decide "is this a card
// number" with the same Luhn check: a number the form accepts is masked in
// the inspector, and one it calls a typo is left as the digits it is.
func TestScrubPANsAgreesWithLuhn(t *testing.T) {
	for _, pan := range []string{
		"8600000000000015", "8600000000000016", "4111111111111111", "4111111111111112",
		"9860000000000018", "9860000000000019", "5614681005030155", "0000000000000000",
		"860000000000000000", "8600000000000000009",
	} {
		masked := ScrubPANs("pan "+pan+" end") != "pan "+pan+" end"
		if masked != Luhn(pan) {
			t.Errorf("%s: masked %v, Luhn %v", pan, masked, Luhn(pan))
		}
	}
}

// A 13-digit millisecond timestamp that passes the Luhn check is a time,
// not a card: the inspector shows it as sent, and the body stays valid
// JSON; a card number in free text or under a card key is still masked.
func TestInspectorLeavesTimestampsAlone(t *testing.T) {
	const stamp = "1796540000868" // Luhn-valid
	if !Luhn(stamp) {
		t.Fatal("the test's timestamp must pass the Luhn check")
	}
	body := `{"expireTime": ` + stamp + `, "pan": 8600000000000015, "note": "paid with 8600000000000015 <ok> & more"}`
	lines := RedactedLines([]byte(body))
	text := strings.Join(lines, "\n")
	var v map[string]any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("the shown body is not JSON any more: %v\n%s", err, text)
	}
	if !strings.Contains(text, `"expireTime": `+stamp) {
		t.Errorf("the timestamp was changed:\n%s", text)
	}
	if strings.Contains(text, "8600000000000015") || !strings.Contains(text, "860000******0015") {
		t.Errorf("a card number is shown:\n%s", text)
	}
	if !strings.Contains(text, "<ok> & more") {
		t.Errorf("free text is escaped for HTML:\n%s", text)
	}
}
