package qa

import (
	"strings"
	"testing"
	"time"
)

func TestParseClockMove(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"90s": 90 * time.Second, "45m": 45 * time.Minute, "2h30m": 150 * time.Minute, "1d": 24 * time.Hour,
		" 1D2h ": 26 * time.Hour, "366d": 366 * 24 * time.Hour,
	} {
		if got, err := parseClockMove(in); err != nil || got != want {
			t.Errorf("parseClockMove(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"": "type how far", "abc": "is not a duration", "-5m": "only moves forward", "0s": "only moves forward",
		"d": "is not a duration", "1d-2h": "", "400d": "more than a year", "x1d": "is not a duration",
	} {
		_, err := parseClockMove(in)
		if err == nil {
			if want != "" {
				t.Errorf("parseClockMove(%q) accepted", in)
			}
			continue
		}
		if want == "" || !strings.Contains(err.Error(), want) {
			t.Errorf("parseClockMove(%q) = %v, want %q", in, err, want)
		}
	}
}
