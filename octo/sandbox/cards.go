package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"strconv"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// scheme is a card's payment system, read from its BIN.
type scheme string

const (
	schemeUzcard     scheme = "uzcard"
	schemeHumo       scheme = "humo"
	schemeVisa       scheme = "visa"
	schemeMastercard scheme = "mastercard"
)

func (sc scheme) method() octo.Method {
	switch sc {
	case schemeUzcard:
		return octo.MethodUzcard
	case schemeHumo:
		return octo.MethodHumo
	}
	return octo.MethodBankCard
}

// cardType, vendor and country are the notification's card fields.
func (sc scheme) cardType() string {
	switch sc {
	case schemeVisa:
		return "internationalVisa"
	case schemeMastercard:
		return "internationalMC"
	}
	return string(sc)
}

func (sc scheme) vendor() string {
	switch sc {
	case schemeUzcard:
		return "Uzcard"
	case schemeHumo:
		return "Humo"
	case schemeVisa:
		return "Visa"
	}
	return "Master Card"
}

func (sc scheme) country() string {
	if sc == schemeUzcard || sc == schemeHumo {
		return "UZ"
	}
	return "US"
}

// profile is how a test card behaves.
type profile int

const (
	profApprove       profile = iota // approved after OTP or 3-D Secure
	profNoFunds                      // declined after OTP: insufficient funds
	profLostAnswer                   // approved, but check_sms_key's answer is lost
	profBlocked                      // pay refused: card blocked
	profIssuerDecline                // declined by the issuer after OTP
	profThreeDSFail                  // 3-D Secure fails, payment declined
)

// testCards is the table in README.md. Any other Luhn-valid card of a
// known scheme behaves like profApprove.
var testCards = map[string]profile{
	"8600000000000015": profApprove,
	"8600000000000023": profNoFunds,
	"8600000000000031": profLostAnswer,
	"8600000000000049": profBlocked,
	"9860000000000018": profApprove,
	"9860000000000026": profIssuerDecline,
	"4111111111111111": profApprove,
	"5555555555554444": profApprove,
	"4000000000000002": profThreeDSFail,
}

// cardRef is what the sandbox keeps of a card: never the full number, only
// 6+4 and a keyed fingerprint to recognise it again (check_pan).
type cardRef struct {
	first6, last4 string
	holder        string
	exp           string // YYMM
	scheme        scheme
	profile       profile
	fingerprint   [32]byte
}

func (c *cardRef) masked() string { return maskPAN(c.first6, c.last4) }

func schemeOf(pan string) (scheme, bool) {
	switch {
	case strings.HasPrefix(pan, "8600"):
		return schemeUzcard, true
	case strings.HasPrefix(pan, "9860"):
		return schemeHumo, true
	case strings.HasPrefix(pan, "4"):
		return schemeVisa, true
	}
	if p2, err := strconv.Atoi(pan[:2]); err == nil && p2 >= 51 && p2 <= 55 {
		return schemeMastercard, true
	}
	if p4, err := strconv.Atoi(pan[:4]); err == nil && p4 >= 2221 && p4 <= 2720 {
		return schemeMastercard, true
	}
	return "", false
}

func luhn(pan string) bool {
	sum := 0
	double := false
	for i := len(pan) - 1; i >= 0; i-- {
		d := int(pan[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

func normalizePAN(pan string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, pan)
}

func (s *Sandbox) fingerprint(pan string) [32]byte {
	m := hmac.New(sha256.New, s.panKey[:])
	m.Write([]byte(pan))
	var out [32]byte
	copy(out[:], m.Sum(nil))
	return out
}

// parseExp checks a YYMM expiry and reports whether it has passed at now.
func parseExp(field, exp string, now time.Time) *apiErr {
	if len(exp) != 4 || !isDigits(exp) {
		return malformed(field, "YYMM")
	}
	yy, _ := strconv.Atoi(exp[:2])
	mm, _ := strconv.Atoi(exp[2:])
	if mm < 1 || mm > 12 {
		return malformed(field, "YYMM with a month from 01 to 12")
	}
	// A card is valid through the last day of its month.
	end := time.Date(2000+yy, time.Month(mm)+1, 1, 0, 0, 0, 0, tashkent)
	if !now.Before(end) {
		return errf(codeDeclined, "Card expired")
	}
	return nil
}

// readCard validates card data for pay and bind_card. It never keeps the
// number: the result holds 6+4 and a fingerprint.
func (s *Sandbox) readCard(rawPAN, exp, holder string, method octo.Method, now time.Time) (*cardRef, *apiErr) {
	pan := normalizePAN(rawPAN)
	if len(pan) < 13 || len(pan) > 19 || !isDigits(pan) {
		return nil, malformed("pan", "13 to 19 digits")
	}
	if !luhn(pan) {
		return nil, errf(codeFormat, "Wrong params: pan is not a valid card number (Luhn check failed)")
	}
	sc, ok := schemeOf(pan)
	if !ok {
		return nil, errf(codeDeclined, "Card type is not supported")
	}
	if sc.method() != method {
		return nil, errf(codeFormat, "Wrong params: the card is %s, not method %s", sc.method(), method)
	}
	if err := parseExp("exp", exp, now); err != nil {
		return nil, err
	}
	prof := testCards[pan]
	if prof == profBlocked {
		return nil, errf(codeDeclined, "Card is blocked")
	}
	return &cardRef{
		// Copies: slices of pan would keep the whole number in memory for
		// as long as the payment is kept.
		first6:      strings.Clone(pan[:6]),
		last4:       strings.Clone(pan[len(pan)-4:]),
		holder:      holder,
		exp:         exp,
		scheme:      sc,
		profile:     prof,
		fingerprint: s.fingerprint(pan),
	}, nil
}

func parseMethod(f fields) (octo.Method, *apiErr) {
	m, err := f.str("method", true)
	if err != nil {
		return "", err
	}
	switch octo.Method(m) {
	case octo.MethodUzcard, octo.MethodHumo, octo.MethodBankCard:
		return octo.Method(m), nil
	}
	return "", malformed("method", "bank_card, uzcard or humo")
}
