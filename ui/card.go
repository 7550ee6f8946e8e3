package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// Scheme is the card brand read from the number's first digits.
type Scheme int

// The schemes OCTO routes.
const (
	SchemeUnknown Scheme = iota
	SchemeUzcard
	SchemeHumo
	SchemeVisa
	SchemeMastercard
)

func (s Scheme) String() string {
	switch s {
	case SchemeUzcard:
		return "Uzcard"
	case SchemeHumo:
		return "Humo"
	case SchemeVisa:
		return "Visa"
	case SchemeMastercard:
		return "Mastercard"
	case SchemeUnknown:
	}
	return "unknown card"
}

// Method is OCTO's payment method for the scheme.
func (s Scheme) Method() octo.Method {
	switch s {
	case SchemeUzcard:
		return octo.MethodUzcard
	case SchemeHumo:
		return octo.MethodHumo
	case SchemeVisa, SchemeMastercard:
		return octo.MethodBankCard
	case SchemeUnknown:
	}
	return ""
}

// NeedsCVC reports whether the scheme asks for the CVC: international cards
// do; Uzcard and Humo confirm with a one-time code instead.
func (s Scheme) NeedsCVC() bool { return s == SchemeVisa || s == SchemeMastercard }

// SchemeOf reads the scheme from the BIN: 8600 Uzcard, 9860 Humo, 4 Visa,
// 5 (51–55, 2221–2720) Mastercard; 5614 is a co-badged Uzcard. digits may be partial.
func SchemeOf(digits string) Scheme {
	switch {
	case strings.HasPrefix(digits, "8600"), strings.HasPrefix(digits, "5614"):
		return SchemeUzcard // 5614: Uzcard co-badged, routed as uzcard
	case strings.HasPrefix(digits, "9860"):
		return SchemeHumo
	case strings.HasPrefix(digits, "4"):
		return SchemeVisa
	case strings.HasPrefix(digits, "5"):
		return SchemeMastercard
	}
	if len(digits) >= 4 {
		if n, err := strconv.Atoi(digits[:4]); err == nil && n >= 2221 && n <= 2720 {
			return SchemeMastercard
		}
	}
	return SchemeUnknown
}

// GroupPAN shows the digits in groups of four as they are typed.
func GroupPAN(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MaskedPAN shows first 6 and last 4 digits, grouped like a card:
// "8600 00** **** 0015". Never more, whatever the length.
func MaskedPAN(digits string) string {
	if len(digits) < 10 {
		return strings.Repeat("*", len(digits))
	}
	masked := digits[:6] + strings.Repeat("*", len(digits)-10) + digits[len(digits)-4:]
	return GroupPAN(masked)
}

// Card number problems.
var (
	errPANShort   = errors.New("the card number is too short")
	errPANLong    = errors.New("the card number is too long")
	errPANLuhn    = errors.New("the card number has a typo (check digit does not match)")
	errPANScheme  = errors.New("OCTO takes Uzcard (8600), Humo (9860), Visa (4) and Mastercard (5) cards")
	errExpFormat  = errors.New("write the expiry as MM/YY")
	errExpMonth   = errors.New("the month must be 01 to 12")
	errExpExpired = errors.New("the card has expired")
	errCVC        = errors.New("the CVC is the 3 digits on the back")
)

// CheckPAN validates a typed card number and returns its scheme.
func CheckPAN(input string) (string, Scheme, error) {
	digits := common.CardDigits(input)
	switch {
	case len(digits) < 16 && !(len(digits) >= 13 && SchemeOf(digits) == SchemeVisa):
		return digits, SchemeOf(digits), errPANShort
	case len(digits) > 19:
		return digits, SchemeOf(digits), errPANLong
	}
	s := SchemeOf(digits)
	if s == SchemeUnknown {
		return digits, s, errPANScheme
	}
	if !common.Luhn(digits) {
		return digits, s, errPANLuhn
	}
	return digits, s, nil
}

// ParseExpiry reads "MM/YY" (also "MMYY", "MM YY", "MM-YY") and returns
// OCTO's YYMM (REFERENCE Q5). A card is valid through the end of its month.
func ParseExpiry(input string, now time.Time) (string, error) {
	d := common.CardDigits(input)
	if len(d) != 4 {
		return "", errExpFormat
	}
	mm, _ := strconv.Atoi(d[:2])
	yy, _ := strconv.Atoi(d[2:])
	if mm < 1 || mm > 12 {
		return "", errExpMonth
	}
	endOfMonth := time.Date(2000+yy, time.Month(mm)+1, 1, 0, 0, 0, 0, now.Location())
	if !now.Before(endOfMonth) {
		return "", errExpExpired
	}
	return fmt.Sprintf("%02d%02d", yy, mm), nil
}

// GroupExpiry shows "12/28" while "1228" is typed.
func GroupExpiry(input string) string {
	d := common.CardDigits(input)
	if len(d) > 2 {
		return d[:2] + "/" + d[2:]
	}
	return d
}

// CheckCVC validates a CVC: three digits (four are not used by OCTO's schemes).
func CheckCVC(s string) error {
	if d := common.CardDigits(s); len(d) != 3 || d != s {
		return errCVC
	}
	return nil
}
