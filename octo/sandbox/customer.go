package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/octo-cashier/octo-cashier/octo"
)

// The customer on OCTO's payment page (octo_pay_url): the integration
// that needs no PCI DSS (REFERENCE §1, "Two integration modes"; flows
// §3.1, §3.2). The merchant only calls prepare_payment and shows the link;
// the customer picks a method, types the card, then the SMS code (Uzcard,
// Humo) or passes 3-D Secure (Visa, Mastercard) on OCTO's own pages, and
// the merchant learns the outcome from the notification or a status read.
//
// The same steps serve the HTML page (hosted_page.go), the control API
// POST /sandbox/customer/{uuid} and PayAsCustomer. The test cards behave
// as through pay, with one difference a page makes: the merchant sends no
// check_sms_key whose answer could be lost, so card 8600 0000 0000 0031
// loses the notification of its outcome instead, and the merchant must
// find out by reading the status.

// CustomerCard is what a customer types on the payment page.
type CustomerCard struct {
	PAN    string // spaces and dashes allowed
	Exp    string // as printed on the card: MMYY or MM/YY
	CVC    string // Visa and Mastercard only
	Holder string // the name on the card; optional
	// Code is the SMS code to type; empty types the one the sandbox sent.
	Code string
	// Decline3DS declines the bank's 3-D Secure page instead of approving it.
	Decline3DS bool
}

// refusal is why the page refused a customer's step: a key of the page's
// texts (with a count for some) and the English for the control API.
type refusal struct {
	key string
	n   int
	msg string
}

func (r *refusal) Error() string { return r.msg }

func refuse(key, format string, args ...any) *refusal {
	return &refusal{key: key, msg: fmt.Sprintf(format, args...)}
}

// expYYMM turns the expiry as printed (MM/YY, MMYY) into OCTO's YYMM.
func expYYMM(s string) (string, bool) {
	d := strings.Map(func(r rune) rune {
		if r == '/' || r == ' ' || r == '.' || r == '-' {
			return -1
		}
		return r
	}, s)
	if len(d) != 4 || !isDigits(d) || d[:2] < "01" || d[:2] > "12" {
		return "", false
	}
	return d[2:] + d[:2], true
}

// pageMethods are the methods a payment's page offers, in the page's order.
func pageMethods(p *payment) []octo.Method {
	var out []octo.Method
	for _, m := range []octo.Method{octo.MethodUzcard, octo.MethodHumo, octo.MethodBankCard} {
		if allowed(p.payMethods, m) {
			out = append(out, m)
		}
	}
	return out
}

// pageOpen reports whether the page still takes a card for p. Caller holds s.mu.
func (s *Sandbox) pageOpen(p *payment) *refusal {
	if p.binding != nil {
		return refuse("not_payable", "payment %s is a card binding", p.uuid)
	}
	if err := s.payable(p); err != nil {
		if err.code == codeExpired {
			return refuse("expired", "%s", err.msg)
		}
		return refuse("not_payable", "%s", err.msg)
	}
	return nil
}

// customerCard takes the card the customer typed for method on p's page:
// checked as pay checks it, then the code is texted (Uzcard, Humo) or the
// 3-D Secure page awaits (Visa, Mastercard). Caller holds s.mu.
func (s *Sandbox) customerCard(p *payment, method octo.Method, c CustomerCard) *refusal {
	if r := s.pageOpen(p); r != nil {
		return r
	}
	if !allowed(p.payMethods, method) {
		return refuse("method_not_allowed", "method %s is not allowed for this payment", method)
	}
	pan := normalizePAN(c.PAN)
	if len(pan) < 13 || len(pan) > 19 || !isDigits(pan) || !luhn(pan) {
		return refuse("bad_pan", "pan is not a valid card number")
	}
	sc, ok := schemeOf(pan)
	if !ok {
		return refuse("unsupported", "card type is not supported")
	}
	if sc.method() != method {
		return refuse("wrong_method", "the card is %s, not %s", sc.method(), method)
	}
	exp, ok := expYYMM(c.Exp)
	if !ok {
		return refuse("bad_exp", "exp %q is not MM/YY", c.Exp)
	}
	cvc := strings.TrimSpace(c.CVC)
	if method == octo.MethodBankCard && (len(cvc) < 3 || len(cvc) > 4 || !isDigits(cvc)) {
		return refuse("bad_cvc", "cvc must be 3 or 4 digits")
	}
	if testCards[pan] == profBlocked {
		return refuse("blocked", "card is blocked")
	}
	card, aerr := s.readCard(pan, exp, strings.TrimSpace(c.Holder), method, s.now())
	if aerr != nil {
		if strings.Contains(aerr.msg, "expired") {
			return refuse("card_expired", "card expired")
		}
		return refuse("bad_pan", "%s", aerr.msg)
	}
	p.card, p.method, p.rrn = s.st.recent.shareCard(card), method, randomDigits(12)
	note := fmt.Sprintf("the customer typed %s (%s) on the payment page", card.masked(), method)
	if method.NeedsOTP() {
		s.startOTP(p)
	}
	s.setStatus(p, octo.StatusWaitUserAction)
	s.ev.record(Event{Time: s.now(), Kind: EventControl, Method: "page", PaymentUUID: p.uuid, Note: note})
	return nil
}

// waitsForCode reports whether p's page asks for the SMS code now.
func waitsForCode(p *payment) bool {
	return p.status == octo.StatusWaitUserAction && p.verify != nil && !p.verify.used && p.method.NeedsOTP()
}

// waitsFor3DS reports whether p's page shows the bank's 3-D Secure page now.
func waitsFor3DS(p *payment) bool {
	return p.status == octo.StatusWaitUserAction && p.method == octo.MethodBankCard && p.card != nil
}

// customerCode checks the code the customer typed on the page. Caller holds s.mu.
func (s *Sandbox) customerCode(p *payment, code string) *refusal {
	if !waitsForCode(p) {
		if r := s.pageOpen(p); r != nil && p.card == nil {
			return r
		}
		return refuse("no_code", "payment is in status %s and does not wait for a code", p.status)
	}
	if s.secondsLeft(p) <= 0 {
		return refuse("code_expired", "the code has expired: ask for a new one")
	}
	lost, aerr := s.checkOTP(p, p.verify.id, strings.TrimSpace(code))
	if aerr != nil {
		switch {
		case aerr.code == codeWrongOTP && p.status == octo.StatusCanceled:
			return refuse("three_wrong", "%s", aerr.msg)
		case aerr.code == codeWrongOTP:
			r := refuse("wrong_code", "%s", aerr.msg)
			r.n = 3 - p.wrongCodes
			return r
		case p.card != nil && p.card.profile == profNoFunds:
			return refuse("no_funds", "%s", aerr.msg)
		case aerr.code == codeDeclined:
			return refuse("issuer_declined", "%s", aerr.msg)
		}
		return refuse("not_payable", "%s", aerr.msg)
	}
	if lost {
		s.loseNotification(p)
	}
	return nil
}

// loseNotification drops the notification of p's current status still
// waiting to go: the page's equivalent of the lost answer to the code.
// Caller holds s.mu.
func (s *Sandbox) loseNotification(p *payment) {
	kept := p.notifyQ[:0]
	lost := false
	for i, j := range p.notifyQ {
		if j.status == p.status && !(i == 0 && p.notifyBusy) {
			lost = true
			continue
		}
		kept = append(kept, j)
	}
	clear(p.notifyQ[len(kept):]) // the lost jobs, not kept alive by the array
	p.notifyQ = kept
	if len(kept) == 0 {
		p.notifyQ = nil
	}
	if lost {
		s.ev.record(Event{Time: s.now(), Kind: EventNotification, Method: string(p.status), PaymentUUID: p.uuid,
			URL: p.notifyURL, Note: "lost (test card 8600 0000 0000 0031 on the payment page): not sent"})
	}
}

// customerResend texts a new code, as the page's "send a new code" does:
// check_pan's limit applies. Caller holds s.mu.
func (s *Sandbox) customerResend(p *payment) *refusal {
	if !waitsForCode(p) {
		return refuse("no_code", "payment is in status %s and does not wait for a code", p.status)
	}
	if p.resends >= s.opts.MaxResends {
		return refuse("resend_limit", "maximum number of SMS resend attempts")
	}
	p.resends++
	s.startOTP(p)
	return nil
}

// customer3DS answers the bank's page on the customer's behalf.
func (s *Sandbox) customer3DS(uuid string, approve bool) *refusal {
	if err := s.Complete3DS(uuid, approve); err != nil {
		return refuse("no_3ds", "%s", err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.st.payments[uuid]; p != nil && approve && p.status == octo.StatusFailed {
		return refuse("threeds_failed", "3-D Secure failed: the payment is declined")
	}
	return nil
}

// PayAsCustomer does what the customer does on the payment page of
// octo_pay_url: picks the method the card's number belongs to, types the
// card, then types the SMS code the sandbox sent (Uzcard, Humo) or
// approves the bank's 3-D Secure page (Visa, Mastercard). It returns the
// payment's status afterwards; an error says which step was refused (a
// blocked card, a wrong code), with the status as it then stands.
func (s *Sandbox) PayAsCustomer(paymentUUID string, c CustomerCard) (octo.Status, error) {
	pan := normalizePAN(c.PAN)
	method := octo.MethodBankCard
	if len(pan) >= 4 {
		if sc, ok := schemeOf(pan); ok {
			method = sc.method()
		}
	}
	s.mu.Lock()
	p := s.st.payments[paymentUUID]
	if p == nil {
		s.mu.Unlock()
		return "", fmt.Errorf("payment %s not found", paymentUUID)
	}
	s.expire(p)
	r := s.customerCard(p, method, c)
	if r == nil && method.NeedsOTP() {
		code := c.Code
		if code == "" {
			code = p.verify.code // what the customer reads on their phone (the outbox)
		}
		r = s.customerCode(p, code)
	}
	st := p.status
	s.mu.Unlock()
	if r == nil && method == octo.MethodBankCard {
		r = s.customer3DS(paymentUUID, !c.Decline3DS)
		st = s.paymentStatus(paymentUUID)
	}
	if r != nil {
		return st, r
	}
	return st, nil
}

// controlCustomer is POST /sandbox/customer/{uuid} {"pan","exp"[,"cvc",
// "holder","code","3ds"]}: PayAsCustomer over HTTP. It answers the
// payment's status (HTTP 200), or what was refused with the status as it
// stands (HTTP 409; 404 for an unknown payment).
func (s *Sandbox) controlCustomer(w http.ResponseWriter, r *http.Request) {
	var in struct {
		PAN    string `json:"pan"`
		Exp    string `json:"exp"`
		CVC    string `json:"cvc"`
		Holder string `json:"holder"`
		Code   string `json:"code"`
		TDS    string `json:"3ds"`
	}
	if err := readControl(r, &in); err != nil || in.PAN == "" || in.Exp == "" || (in.TDS != "" && in.TDS != "approve" && in.TDS != "decline") {
		controlErr(w, http.StatusBadRequest, `want {"pan": "8600000000000015", "exp": "MMYY"} (and "cvc" for Visa/Mastercard; optional "holder", "code", "3ds": "approve"|"decline")`)
		return
	}
	uuid := r.PathValue("uuid")
	c := CustomerCard{PAN: in.PAN, Exp: in.Exp, CVC: in.CVC, Holder: in.Holder, Code: in.Code, Decline3DS: in.TDS == "decline"}
	st, err := s.PayAsCustomer(uuid, c)
	if st == "" {
		controlErr(w, http.StatusNotFound, err.Error())
		return
	}
	out := map[string]string{"octo_payment_UUID": uuid, "status": string(st)}
	s.mu.Lock()
	if p := s.st.payments[uuid]; p != nil && p.card != nil {
		out["card"] = p.card.masked()
	}
	s.mu.Unlock()
	var ref *refusal
	if errors.As(err, &ref) {
		out["error"] = ref.msg
		controlJSON(w, http.StatusConflict, out)
		return
	}
	controlJSON(w, http.StatusOK, out)
}
