package sandbox

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
)

var feeRate = decimal.RequireFromString("0.02") // OCTO's example shows a 2% fee

func randomDigits(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("sandbox: crypto/rand: %v", err))
	}
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return string(b)
}

// startOTP opens a new verification and texts its code. Caller holds s.mu.
func (s *Sandbox) startOTP(p *payment) *verification {
	now := s.now()
	s.st.nextVerify++
	v := &verification{id: s.st.nextVerify, phone: otpPhone, code: newOTP(), expires: now.Add(s.opts.OTPLifetime)}
	p.verify = v
	s.st.sms.add(SMS{Phone: v.phone, Code: v.code, PaymentUUID: p.uuid, SentAt: now})
	s.ev.record(Event{Time: now, Kind: EventControl, Method: "sms", PaymentUUID: p.uuid,
		Note: fmt.Sprintf("one-time code sent to %s (verifyId %d)", maskPhone(v.phone), v.id)})
	return v
}

func (s *Sandbox) secondsLeft(p *payment) int {
	v := p.verify
	if v == nil || v.used || p.status != octo.StatusWaitUserAction {
		return 0
	}
	left := int(v.expires.Sub(s.now()) / time.Second)
	return max(left, 0)
}

// authorize completes a successful OTP or 3-D Secure: a debit for
// one-stage, a hold for two-stage. Caller holds s.mu.
func (s *Sandbox) authorize(p *payment) {
	p.processKey = randomDigits(12)
	if p.autoCapture {
		s.settle(p)
		return
	}
	p.holdExpire = s.now().Add(s.opts.HoldTimeout)
	s.setStatus(p, octo.StatusWaitingForCapture)
}

// settle debits p.total. Caller holds s.mu.
func (s *Sandbox) settle(p *payment) {
	p.payedTime = s.now()
	s.setStatus(p, octo.StatusSucceeded)
}

// pay pays a created payment with card data or a card token (§2.3, §2.4).
func (s *Sandbox) pay(c *call) ([]byte, *apiErr) {
	uuid := c.r.PathValue("uuid")
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	method, err := parseMethod(f)
	if err != nil {
		return nil, err
	}
	email, err := f.str("email", false)
	if err != nil {
		return nil, err
	}
	tokenID, err := f.str("card_token", false)
	if err != nil {
		return nil, err
	}
	var card *cardRef
	if tokenID == "" {
		if card, err = s.cardFields(f, "exp", method); err != nil {
			return nil, err
		}
	}
	base := s.baseURL(c)

	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.lookup(uuid)
	if err != nil {
		return nil, err
	}
	if p.binding != nil {
		return nil, errf(codeWrongState, "Payment %s is a card binding and cannot be paid", uuid)
	}
	if err := s.payable(p); err != nil {
		return nil, err
	}
	if !allowed(p.payMethods, method) {
		return nil, errf(codeFormat, "Wrong params: method %s is not allowed for this payment", method)
	}
	if p.user != nil && email == "" {
		return nil, missing("email")
	}
	if tokenID != "" {
		tok := s.st.tokens[tokenID]
		if tok == nil {
			return nil, errf(codeTokenNotFound, "Card token not found")
		}
		if tok.status != octo.TokenActive {
			return nil, errf(codeTokenNotActive, "Card token is not active (status %s)", tok.status)
		}
		if tok.card.scheme.method() != method {
			return nil, errf(codeFormat, "Wrong params: the token's card is %s, not method %s", tok.card.scheme.method(), method)
		}
		card = tok.card
		p.viaToken = true
	}
	p.card, p.method, p.rrn = s.st.recent.shareCard(card), method, randomDigits(12)
	answerStatus := octo.StatusCreated // OCTO answers pay with "created" (REFERENCE Q15)
	var redirect string
	switch {
	case method.NeedsOTP():
		s.startOTP(p)
		s.setStatus(p, octo.StatusWaitUserAction)
		redirect = base + "/" + string(method) + "/sms/" + p.uuid
	case p.viaToken:
		// A saved international card is charged without 3-D Secure.
		s.authorize(p)
		answerStatus = p.status
		redirect = base + "/status/" + p.uuid
	default:
		s.setStatus(p, octo.StatusWaitUserAction)
		redirect = base + "/3ds/" + p.uuid
	}
	obj := s.object(p, base, redirect)
	obj.Status = string(answerStatus)
	obj.SelectedMethod = nil
	return okPayment(obj), nil
}

// payable refuses a payment that is no longer waiting to be paid.
func (s *Sandbox) payable(p *payment) *apiErr {
	switch {
	case p.status == octo.StatusCreated:
		return nil
	case p.status == octo.StatusCanceled && !s.now().Before(p.expireTime) && p.payedTime.IsZero() && p.card == nil:
		return errf(codeExpired, "Payment expired: its ttl has passed")
	}
	return errf(codeWrongState, "Payment is in status %s and cannot be paid", p.status)
}

func allowed(ms []octo.Method, m octo.Method) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

// cardFields reads pan, the expiry (under expField), cvc2 and
// cardHolderName; CVC and holder are required for international cards.
func (s *Sandbox) cardFields(f fields, expField string, method octo.Method) (*cardRef, *apiErr) {
	pan, err := f.str("pan", true)
	if err != nil {
		return nil, err
	}
	exp, err := f.str(expField, true)
	if err != nil {
		return nil, err
	}
	holder, err := f.str("cardHolderName", method == octo.MethodBankCard)
	if err != nil {
		return nil, err
	}
	cvc, err := f.str("cvc2", method == octo.MethodBankCard)
	if err != nil {
		return nil, err
	}
	if method == octo.MethodBankCard && (len(cvc) < 3 || len(cvc) > 4 || !isDigits(cvc)) {
		return nil, malformed("cvc2", "3 or 4 digits")
	}
	return s.readCard(pan, exp, holder, method, s.Now())
}

// verifyInfo is verificationInfo's and check_pan's answer.
type verifyInfo struct {
	VerifyID    int64  `json:"verifyId"`
	Phone       string `json:"phone"`
	SecondsLeft int    `json:"secondsLeft"`
}

// verificationInfo answers the OTP session of a payment or binding (§2.5):
// GET /verificationInfo/{uuid}, or POST with octo_payment_UUID in the
// path or the body. An expired or finished session answers error 0 with
// secondsLeft 0, as OCTO does.
func (s *Sandbox) verificationInfo(c *call) ([]byte, *apiErr) {
	uuid := c.r.PathValue("uuid")
	if uuid == "" {
		f, err := c.fields()
		if err != nil {
			return nil, err
		}
		if uuid, err = f.str("octo_payment_UUID", true); err != nil {
			return nil, err
		}
		c.paymentUUID = uuid
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.lookup(uuid)
	if err != nil {
		return nil, err
	}
	if p.verify == nil || s.secondsLeft(p) == 0 {
		return marshal(okEnvelope{Data: verificationGone(p)}), nil
	}
	return marshal(okEnvelope{Data: verifyInfo{VerifyID: p.verify.id, Phone: maskPhone(p.verify.phone), SecondsLeft: s.secondsLeft(p)}}), nil
}

// checkOTP checks a one-time code against the payment's open verification
// and applies the card's outcome. Three wrong codes cancel the payment.
// Caller holds s.mu.
func (s *Sandbox) checkOTP(p *payment, verifyID int64, code string) (lost bool, _ *apiErr) {
	if p.status != octo.StatusWaitUserAction || p.verify == nil {
		if p.status == octo.StatusCanceled && !s.now().Before(p.expireTime) && p.payedTime.IsZero() {
			return false, errf(codeExpired, "Payment expired: its ttl has passed")
		}
		return false, errf(codeWrongState, "Payment is in status %s and does not wait for a one-time code", p.status)
	}
	v := p.verify
	if v.id != verifyID {
		return false, errf(codeOTPInactive, "Verification %d is not active", verifyID)
	}
	if s.secondsLeft(p) <= 0 {
		return false, errf(codeOTPInactive, "Verification expired, ask for a new code")
	}
	if code != v.code {
		p.wrongCodes++
		if p.wrongCodes >= 3 {
			v.used = true
			s.setStatus(p, octo.StatusCanceled)
			return false, errf(codeWrongOTP, "Wrong confirmation code. The payment is canceled after 3 wrong codes")
		}
		return false, errf(codeWrongOTP, "Wrong confirmation code, %d attempts left", 3-p.wrongCodes)
	}
	v.used = true
	switch p.card.profile {
	case profNoFunds:
		s.setStatus(p, octo.StatusFailed)
		return false, errf(codeDeclined, "Insufficient funds")
	case profIssuerDecline:
		s.setStatus(p, octo.StatusFailed)
		return false, errf(codeDeclined, "Declined by the issuer")
	case profLostAnswer:
		s.authorize(p)
		return true, nil
	}
	s.authorize(p)
	return false, nil
}

// checkSMSKey submits a payment's one-time code (§2.6). No credentials.
func (s *Sandbox) checkSMSKey(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	code, err := f.str("smsKey", true)
	if err != nil {
		return nil, err
	}
	paymentID, _, err := f.integer("paymentId", true)
	if err != nil {
		return nil, err
	}
	verifyID, _, err := f.integer("verifyId", true)
	if err != nil {
		return nil, err
	}
	base := s.baseURL(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.byID[paymentID]
	if p == nil {
		return nil, s.notFound(fmt.Sprintf("paymentId %d", paymentID))
	}
	c.paymentUUID = p.uuid
	s.expire(p)
	if p.binding != nil {
		return nil, errf(codeWrongState, "Payment %d is a card binding: use bind_card/check_sms_key", paymentID)
	}
	lost, err := s.checkOTP(p, verifyID, code)
	if err != nil {
		return nil, err
	}
	c.withhold = lost
	return okPayment(s.object(p, base, base+"/status/"+p.uuid)), nil
}

// checkPAN sends a new one-time code (§2.7): a new verifyId, the old one
// stops working. After MaxResends: error 17.
func (s *Sandbox) checkPAN(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	pan, err := f.str("pan", true)
	if err != nil {
		return nil, err
	}
	exp, err := f.str("expDate", true)
	if err != nil {
		return nil, err
	}
	if len(exp) != 4 || !isDigits(exp) {
		return nil, malformed("expDate", "YYMM")
	}
	paymentID, _, err := f.integer("paymentId", true)
	if err != nil {
		return nil, err
	}
	fp := s.fingerprint(normalizePAN(pan))
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.byID[paymentID]
	if p == nil {
		return nil, s.notFound(fmt.Sprintf("paymentId %d", paymentID))
	}
	c.paymentUUID = p.uuid
	s.expire(p)
	if p.status != octo.StatusWaitUserAction || p.verify == nil {
		return nil, errf(codeWrongState, "Payment is in status %s and does not wait for a one-time code", p.status)
	}
	if p.card.fingerprint != fp || p.card.exp != exp {
		return nil, errf(codeFormat, "Wrong params: pan and expDate do not match the payment's card")
	}
	if p.resends >= s.opts.MaxResends {
		return nil, errf(codeResendLimit, "Maximum number of SMS resend attempts")
	}
	p.resends++
	v := s.startOTP(p)
	return marshal(okEnvelope{Data: verifyInfo{VerifyID: v.id, Phone: maskPhone(v.phone), SecondsLeft: s.secondsLeft(p)}}), nil
}

// Complete3DS answers a bank_card payment's (or binding's) 3-D Secure page:
// approve authorizes it unless the card fails 3-D Secure; decline fails it.
func (s *Sandbox) Complete3DS(paymentUUID string, approve bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.payments[paymentUUID]
	if p == nil {
		return fmt.Errorf("payment %s not found", paymentUUID)
	}
	s.expire(p)
	if p.status != octo.StatusWaitUserAction || p.method != octo.MethodBankCard {
		return fmt.Errorf("payment %s does not wait for 3-D Secure (status %s)", paymentUUID, p.status)
	}
	result := "approve"
	if !approve {
		result = "decline"
	}
	s.ev.record(Event{Time: s.now(), Kind: EventControl, Method: "3ds", PaymentUUID: paymentUUID, Note: "3-D Secure " + result})
	if approve && p.card.profile != profThreeDSFail {
		s.authorize(p)
	} else {
		s.setStatus(p, octo.StatusFailed)
	}
	return nil
}

// object is OCTO's internal payment object, as pay and check_sms_key
// answer it (REFERENCE §2.3). Caller holds s.mu.
func (s *Sandbox) object(p *payment, base, redirect string) *paymentObject {
	o := &paymentObject{
		ID:              p.id,
		UUID:            p.uuid,
		MerchantID:      s.opts.ShopID,
		MerchantTransID: p.shopTxID,
		InitialSum:      amount2(p.initial),
		TotalSum:        amount2(p.total),
		SplittedSum:     amount2(p.total),
		Currency:        p.currency,
		CreateTime:      p.createTime.UnixMilli(),
		ExpireTime:      p.expireTime.UnixMilli(),
		MerCreateTime:   15420000,
		Description:     p.description,
		AutoCapture:     p.autoCapture,
		IsTest:          p.test,
		Test:            p.test,
		ReturnURL:       p.returnURL,
		RedirectURL:     redirect,
		Status:          string(p.status),
		Basket:          p.basket,
		User:            p.user,
		Language:        p.language,
		TariffID:        2,
		RefundedSum:     amount2(p.refunded),
		RiskLevel:       -1,
		BankCode:        "RB",
		Tag:             "ticket",
		TSPID:           p.tspID,
		CardInputType:   "merchant_site",
		Details:         &paymentDetails{TransType: "SMS"},
	}
	if p.processKey != "" {
		o.ProcessorKey = &p.processKey
	}
	for _, m := range p.payMethods {
		o.PayMethods = append(o.PayMethods, payMethod{Method: string(m)})
	}
	if p.method != "" {
		m := string(p.method)
		o.SelectedMethod = &m
	}
	if p.card != nil {
		o.Details.CardInfo = &cardInfo{First6: p.card.first6, Last4: p.card.last4, IssuerCountryCode: p.card.scheme.country(), CardHolder: p.card.holder}
		o.RiskLevel = 0
	}
	if !p.holdExpire.IsZero() {
		t := p.holdExpire.UnixMilli()
		o.ExpiredHoldTime = &t
	}
	if !p.payedTime.IsZero() {
		t := p.payedTime.UnixMilli()
		o.PeyedTime = &t
		fee, transfer := amount4(p.fee()), amount4(p.transfer())
		o.Fee, o.TransferSum = &fee, &transfer
		o.Details.Commission = feeRate.Mul(decimal.NewFromInt(100)).StringFixed(2)
		o.Details.CardType = string(p.method)
		o.ProvCode = &o.Details.CardType
		ref := fmt.Sprintf("%d_%d", p.payedTime.UnixMilli(), p.id)
		o.ProcessingReference = &ref
		o.FiscalDetails = &fiscalDetails{FiscalClassifierIDs: []int{18}, Status: "success", ErrorCode: "0", Message: "accepted",
			CreateTime: fmt.Sprint(p.payedTime.UnixMilli() + 1000)}
	}
	return o
}

type paymentObject struct {
	ID                        int64           `json:"id"`
	UUID                      string          `json:"uuid"`
	ProcessorKey              *string         `json:"processorKey"`
	MerchantID                int64           `json:"merchantId"`
	Merchant                  *string         `json:"merchant"`
	MerchantTransID           string          `json:"merchantTransId"`
	InitialSum                amount2         `json:"initialSum"`
	TotalSum                  amount2         `json:"totalSum"`
	SplittedSum               amount2         `json:"splittedSum"`
	Currency                  string          `json:"currency"`
	ConvertSum                *string         `json:"convertSum"`
	ConvertRate               *string         `json:"convertRate"`
	ConvertCurrency           *string         `json:"convertCurrency"`
	SelectedMethod            *string         `json:"selectedMethod"`
	CreateTime                int64           `json:"createTime"`
	ExpireTime                int64           `json:"expireTime"`
	PeyedTime                 *int64          `json:"peyedTime"` // sic
	ExpiredHoldTime           *int64          `json:"expiredHoldTime"`
	MerCreateTime             int64           `json:"merCreateTime"`
	Description               string          `json:"description"`
	AutoCapture               bool            `json:"autoCapture"`
	WithoutSite               bool            `json:"withoutSite"`
	IsTest                    bool            `json:"isTest"`
	RefundLocked              bool            `json:"refundLocked"`
	ReturnURL                 string          `json:"returnUrl"`
	RedirectURL               string          `json:"redirectUrl"`
	Details                   *paymentDetails `json:"details"`
	Hold                      *string         `json:"hold"`
	PayMethods                []payMethod     `json:"payMethods"`
	Status                    string          `json:"status"`
	Basket                    json.RawMessage `json:"basket"`
	User                      *userData       `json:"user"`
	Airline                   *string         `json:"airline"`
	Language                  string          `json:"language"`
	TariffID                  int             `json:"tariffId"`
	Fee                       *amount4        `json:"fee"`
	TransferSum               *amount4        `json:"transferSum"`
	RefundedSum               amount2         `json:"refundedSum"`
	ProvCode                  *string         `json:"provCode"`
	OptionalData              *string         `json:"optionalData"`
	ForConsideration          bool            `json:"forConsideration"`
	RiskLevel                 int             `json:"riskLevel"`
	AuditedAt                 *int64          `json:"auditedAt"`
	AuditorID                 *int64          `json:"auditorId"`
	BankCode                  string          `json:"bankCode"`
	MerchantCardID            *string         `json:"merchantCardId"`
	ProcessingReference       *string         `json:"processingReference"`
	RequestProcessingStatus   *string         `json:"requestProcessingStatus"`
	RequestProcessingTryCount int             `json:"requestProcessingTryCount"`
	CurrentStep               *string         `json:"currentStep"`
	Tag                       string          `json:"tag"`
	TSPID                     *int64          `json:"tspId"`
	CardInputType             string          `json:"cardInputType"`
	RedirectTimeout           *int64          `json:"redirectTimeout"`
	MerchantStatus            *string         `json:"merchantStatus"`
	FiscalDetails             *fiscalDetails  `json:"fiscalDetails"`
	ShowButtonSaveCard        *bool           `json:"showButtonSaveCard"`
	Test                      bool            `json:"test"`
}

type paymentDetails struct {
	CardInfo   *cardInfo `json:"cardInfo,omitempty"`
	TransType  string    `json:"transType"`
	Commission string    `json:"commission,omitempty"`
	CardType   string    `json:"cardType,omitempty"`
}

type cardInfo struct {
	First6            string  `json:"first6"`
	Last4             string  `json:"last4"`
	IssuerCountryCode string  `json:"issuerCountryCode"`
	CardHolder        string  `json:"cardHolder"`
	SaveToken         *string `json:"saveToken"`
}

type payMethod struct {
	Only   *string `json:"only"`
	Method string  `json:"method"`
}

type fiscalDetails struct {
	FiscalClassifierIDs []int  `json:"fiscalClassifierIds"`
	Status              string `json:"status"`
	ErrorCode           string `json:"errorCode"`
	Message             string `json:"message"`
	CreateTime          string `json:"createTime"` // a string of ms, as OCTO sends it
}
