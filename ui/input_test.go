package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/shopspring/decimal"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr error
	}{
		{"150000", "150000", nil},
		{"150 000", "150000", nil},
		{"150\u00a0000,50", "150000.5", nil},
		{" 1 500.5 ", "1500.5", nil},
		{"0.01", "0.01", nil},
		{"12.", "12", nil},
		{"", "", errAmountEmpty},
		{".", "", errAmountEmpty},
		{"0", "", errAmountZero},
		{"0.00", "", errAmountZero},
		{"-5", "", errAmountChars},
		{"1.234", "", errAmountDecimals},
		{"1.2.3", "", errAmountChars},
		{"1e5", "", errAmountChars},
		{"1000000000000", "", errAmountTooLarge},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in)
		if err != tt.wantErr {
			t.Errorf("ParseAmount(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("ParseAmount(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	tests := map[string]string{
		"0": "0", "5": "5", "999": "999", "1000": "1 000", "150000": "150 000",
		"1500.5": "1 500.50", "1234567.89": "1 234 567.89", "-60000": "-60 000",
		"20.0000": "20",
	}
	for in, want := range tests {
		if got := FormatAmount(decimal.RequireFromString(in)); got != want {
			t.Errorf("FormatAmount(%s) = %q, want %q", in, got, want)
		}
	}
	if got := FormatMoney(decimal.NewFromInt(90000), ""); got != "90 000 UZS" {
		t.Errorf("FormatMoney = %q", got)
	}
}

func TestGroupAmountInput(t *testing.T) {
	tests := map[string]string{
		"": "", "1": "1", "1500": "1 500", "150000": "150 000", "150 00": "15 000",
		"1500,5": "1 500.5", "1500.": "1 500.", "12a": "12a",
	}
	for in, want := range tests {
		if got := GroupAmountInput(in); got != want {
			t.Errorf("GroupAmountInput(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckPAN(t *testing.T) {
	tests := []struct {
		in      string
		scheme  Scheme
		wantErr error
	}{
		{"8600 0000 0000 0015", SchemeUzcard, nil},
		{"9860000000000018", SchemeHumo, nil},
		{"4111-1111-1111-1111", SchemeVisa, nil},
		{"5555 5555 5555 4444", SchemeMastercard, nil},
		{"2221 0000 0000 0009", SchemeMastercard, nil},
		{"8600 0000 0000 0016", SchemeUzcard, errPANLuhn},
		{"8600 0000 0000", SchemeUzcard, errPANShort},
		{"3714 496353 98431", SchemeUnknown, errPANShort},
		{"6011 0000 0000 0004", SchemeUnknown, errPANScheme},
		{"8600 0000 0000 0000 0015", SchemeUzcard, errPANLong},
	}
	for _, tt := range tests {
		_, s, err := CheckPAN(tt.in)
		if err != tt.wantErr || s != tt.scheme {
			t.Errorf("CheckPAN(%q) = %v, %v; want %v, %v", tt.in, s, err, tt.scheme, tt.wantErr)
		}
	}
	if got := SchemeUzcard.Method(); got != "uzcard" {
		t.Errorf("Uzcard method = %q", got)
	}
	if SchemeHumo.NeedsCVC() || !SchemeVisa.NeedsCVC() {
		t.Error("CVC is for Visa/Mastercard only")
	}
}

func TestMaskedPANShowsAtMostSixAndFour(t *testing.T) {
	for _, pan := range []string{"8600000000000015", "4111111111111", "8600000000000000015"} {
		m := MaskedPAN(pan)
		if got := len(common.CardDigits(m)); got > 10 {
			t.Errorf("MaskedPAN(%s) = %q shows %d digits", pan, m, got)
		}
		if !strings.HasPrefix(common.CardDigits(m), pan[:6]) || !strings.HasSuffix(common.CardDigits(m), pan[len(pan)-4:]) {
			t.Errorf("MaskedPAN(%s) = %q, want first 6 and last 4", pan, m)
		}
	}
	if got := MaskedPAN("8600000000000015"); got != "8600 00** **** 0015" {
		t.Errorf("MaskedPAN = %q", got)
	}
	if got := MaskedPAN("12345"); got != "*****" {
		t.Errorf("MaskedPAN of a short input = %q, want all stars", got)
	}
}

func TestParseExpiry(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in, want string
		wantErr  error
	}{
		{"12/28", "2812", nil},
		{"1126", "2611", nil}, // valid through the end of this month
		{"10/26", "", errExpExpired},
		{"13/28", "", errExpMonth},
		{"00/28", "", errExpMonth},
		{"1/28", "", errExpFormat},
	}
	for _, tt := range tests {
		got, err := ParseExpiry(tt.in, now)
		if got != tt.want || err != tt.wantErr {
			t.Errorf("ParseExpiry(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	if got := GroupExpiry("1228"); got != "12/28" {
		t.Errorf("GroupExpiry = %q", got)
	}
	if CheckCVC("123") != nil || CheckCVC("12") == nil || CheckCVC("12a") == nil {
		t.Error("CheckCVC: want 3 digits only")
	}
}

func TestQRCode(t *testing.T) {
	q, err := QRCode("http://127.0.0.1:8080/3ds/e3f40dc3-4955-412a-853a-2ddd28d3201f")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(q, "\n")
	w := len([]rune(lines[0]))
	for i, l := range lines {
		if n := len([]rune(l)); n != w {
			t.Fatalf("line %d is %d wide, want %d: a QR code must be square", i, n, w)
		}
	}
	if len(lines) != (w+1)/2 {
		t.Errorf("%d lines for width %d: want two modules per line", len(lines), w)
	}
	// The quiet zone is light: the first line is all full blocks.
	if strings.Trim(lines[0], "█") != "" {
		t.Errorf("first line %q is not the light quiet zone", lines[0])
	}
}
