package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// The rules OCTO's documents state and the sandbox enforces beyond the
// shape of each field; README.md lists each with its REFERENCE section.

// checkUserData enforces user_data as REFERENCE §2.1 documents it:
// user_id, phone and email are all required once user_data is sent, the
// phone as 12 digits with the country code and no "+".
func checkUserData(raw json.RawMessage) (*userData, *apiErr) {
	var f fields
	if json.Unmarshal(raw, &f) != nil || f == nil {
		return nil, malformed("user_data", "an object of user_id, phone and email")
	}
	var u userData
	var absent []string
	for _, x := range []struct {
		name string
		v    *string
	}{{"user_id", &u.UserID}, {"phone", &u.Phone}, {"email", &u.Email}} {
		v, err := f.str(x.name, false)
		if err != nil {
			return nil, malformed("user_data."+x.name, "a string")
		}
		if v == "" {
			absent = append(absent, "user_data."+x.name)
		}
		*x.v = v
	}
	if len(absent) > 0 {
		return nil, missing(absent...)
	}
	if len(u.Phone) != 12 || !isDigits(u.Phone) {
		return nil, malformed("user_data.phone", "12 digits with the country code and no +")
	}
	if name, domain, ok := strings.Cut(u.Email, "@"); !ok || name == "" || !strings.Contains(domain, ".") {
		return nil, malformed("user_data.email", "an e-mail address")
	}
	return &u, nil
}

// FiscalObject is one combination of fiscal codes registered for the
// shop (REFERENCE §2.13, P-fiscal). Empty fields and a nil NDS are part of
// the combination: a line must match it exactly.
type FiscalObject struct {
	SPIC        string
	PackageCode string
	NDS         *int
	INN         string
	PINFL       string
}

func (o FiscalObject) same(b FiscalObject) bool {
	nds := func(p *int) string {
		if p == nil {
			return "null"
		}
		return fmt.Sprint(*p)
	}
	return o.SPIC == b.SPIC && o.PackageCode == b.PackageCode && nds(o.NDS) == nds(b.NDS) &&
		o.INN == b.INN && o.PINFL == b.PINFL
}

func (o FiscalObject) empty() bool { return o.same(FiscalObject{}) }

// checkFiscal refuses a basket line whose fiscal codes are not a
// registered combination, with P-fiscal's error 403 and its message. A
// line with no fiscal codes is not checked.
func (s *Sandbox) checkFiscal(item fields) *apiErr {
	var got FiscalObject
	for _, x := range []struct {
		name string
		v    *string
	}{{"spic", &got.SPIC}, {"package_code", &got.PackageCode}, {"inn", &got.INN}, {"pinfl", &got.PINFL}} {
		if !item.present(x.name) {
			continue
		}
		raw := bytes.TrimSpace(item[x.name])
		if len(raw) > 0 && raw[0] != '"' {
			*x.v = string(raw) // codes sent as numbers are read as their digits
			continue
		}
		v, err := item.str(x.name, false)
		if err != nil {
			return malformed(x.name, "a string of digits")
		}
		*x.v = v
	}
	if n, ok, err := item.integer("nds", false); err != nil {
		return malformed("nds", "an integer")
	} else if ok {
		v := int(n)
		got.NDS = &v
	}
	if got.empty() {
		return nil
	}
	for _, reg := range s.opts.Fiscal {
		if reg.same(got) {
			return nil
		}
	}
	orNull := func(v string) string {
		if v == "" {
			return "null"
		}
		return v
	}
	nds := "null"
	if got.NDS != nil {
		nds = fmt.Sprint(*got.NDS)
	}
	return errf(codeFiscal, "Fiscal object with merchant ID %d spic : %s package code : %s nds : %s inn : %s pinfl : %s not contains in system",
		s.opts.ShopID, orNull(got.SPIC), orNull(got.PackageCode), nds, orNull(got.INN), orNull(got.PINFL))
}

var defaultRefundMin = decimal.NewFromInt(12_800) // 1 USD in UZS, about

// checkRefundAmount enforces P-refund's limits on one refund (REFERENCE
// §2.9): at least 1 USD's equivalent, at most 10 000 000 UZS, and all
// refunds together at most what was charged. Caller holds s.mu.
func (s *Sandbox) checkRefundAmount(p *payment, amount decimal.Decimal) *apiErr {
	left := p.total.Sub(p.refunded)
	if amount.GreaterThan(left) {
		return errf(codeRefundAmount, "Wrong amount to refund: %s is more than the %s left to refund", amount.StringFixed(2), left.StringFixed(2))
	}
	switch p.currency {
	case "UZS":
		if amount.GreaterThan(maxRefundUZS) {
			return errf(codeRefundAmount, "Wrong amount to refund: at most 10000000 UZS per refund")
		}
		if amount.LessThan(s.opts.RefundMin) {
			return errf(codeRefundAmount, "Wrong amount to refund: at least %s UZS (1 USD) per refund", s.opts.RefundMin.StringFixed(2))
		}
	case "USD":
		if amount.LessThan(decimal.NewFromInt(1)) {
			return errf(codeRefundAmount, "Wrong amount to refund: at least 1 USD per refund")
		}
	}
	return nil
}

// maxBodyError is the answer to a request body over maxBody: OCTO's
// envelope with error 1, not a dropped connection. The 1 MB bound is the
// sandbox's own (OCTO documents none); no OCTO request comes near it.
func maxBodyError() *apiErr {
	return errf(codeFormat, "Wrong params: the request body is over %d bytes", maxBody)
}

// verificationGone is verificationInfo's answer for a payment whose code
// can no longer be used — its ttl canceled it, three wrong codes did, or
// it was never asked for: error 0 with secondsLeft 0 (S1, REFERENCE §2.5).
func verificationGone(p *payment) verifyInfo {
	var v verifyInfo
	if p.verify != nil {
		v.VerifyID, v.Phone = p.verify.id, maskPhone(p.verify.phone)
	}
	return v
}
