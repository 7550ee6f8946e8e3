package octo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/shopspring/decimal"
)

// Request bodies, field for field and in the order of OCTO's examples.

type prepareRequest struct {
	ShopID            int64         `json:"octo_shop_id"`
	Secret            string        `json:"octo_secret"`
	ShopTransactionID string        `json:"shop_transaction_id"`
	AutoCapture       bool          `json:"auto_capture"`
	Test              bool          `json:"test"`
	InitTime          string        `json:"init_time"`
	UserData          *userDataWire `json:"user_data,omitempty"`
	TotalSum          money         `json:"total_sum"`
	Currency          string        `json:"currency"`
	Description       string        `json:"description"`
	Basket            []basketWire  `json:"basket,omitempty"`
	PaymentMethods    []methodWire  `json:"payment_methods,omitempty"`
	TSPID             int64         `json:"tsp_id,omitempty"`
	ReturnURL         string        `json:"return_url,omitempty"`
	NotifyURL         string        `json:"notify_url,omitempty"`
	Language          string        `json:"language,omitempty"`
	TTL               int           `json:"ttl,omitempty"`
}

type userDataWire struct {
	UserID string `json:"user_id"`
	Phone  string `json:"phone"`
	Email  string `json:"email"`
}

type basketWire struct {
	PositionDesc string `json:"position_desc"`
	Count        int    `json:"count"`
	Price        money  `json:"price"`
	SPIC         string `json:"spic,omitempty"`
	PackageCode  string `json:"package_code,omitempty"`
	NDS          *int   `json:"nds,omitempty"`
	INN          string `json:"inn,omitempty"`
	PINFL        string `json:"pinfl,omitempty"`
}

type methodWire struct {
	Method Method `json:"method"`
}

type statusRequest struct {
	ShopID            int64  `json:"octo_shop_id"`
	Secret            string `json:"octo_secret"`
	ShopTransactionID string `json:"shop_transaction_id"`
}

type payCardRequest struct {
	PAN            string `json:"pan"`
	Exp            string `json:"exp"`
	Method         Method `json:"method"`
	CVC2           string `json:"cvc2"`
	CardHolderName string `json:"cardHolderName"`
	Email          string `json:"email,omitempty"`
}

type payTokenRequest struct {
	CardToken string `json:"card_token"`
	Method    Method `json:"method"`
	Email     string `json:"email,omitempty"`
}

type verificationRequest struct {
	PaymentUUID string `json:"octo_payment_UUID"`
}

type checkSMSKeyRequest struct {
	SMSKey    string `json:"smsKey"`
	PaymentID int64  `json:"paymentId"`
	VerifyID  int64  `json:"verifyId"`
}

type checkPANRequest struct {
	PAN       string `json:"pan"`
	ExpDate   string `json:"expDate"`
	PaymentID int64  `json:"paymentId"`
}

type setAcceptRequest struct {
	ShopID       int64  `json:"octo_shop_id"`
	Secret       string `json:"octo_secret"`
	PaymentUUID  string `json:"octo_payment_UUID"`
	AcceptStatus string `json:"accept_status"`
	FinalAmount  *money `json:"final_amount,omitempty"`
}

// Answer bodies. Every field is tolerant of OCTO's spellings and types.

type paymentInfoWire struct {
	ShopTransactionID flexString `json:"shop_transaction_id"`
	PaymentUUID       flexString `json:"octo_payment_UUID"`
	Status            flexString `json:"status"`
	PayURL            flexString `json:"octo_pay_url"`
	TotalSum          amount     `json:"total_sum"`
	RefundedSum       amount     `json:"refunded_sum"`
	TransferSum       amount     `json:"transfer_sum"`
	PayedTime         stamp      `json:"payed_time"`
}

func (w *paymentInfoWire) result() *PaymentInfo {
	return &PaymentInfo{
		ShopTransactionID: string(w.ShopTransactionID),
		PaymentUUID:       string(w.PaymentUUID),
		Status:            ParseStatus(string(w.Status)),
		PayURL:            string(w.PayURL),
		TotalSum:          w.TotalSum.d,
		RefundedSum:       w.RefundedSum.d,
		TransferSum:       w.TransferSum.d,
		PayedTime:         w.PayedTime.t,
		TotalSumGiven:     w.TotalSum.set,
		TransferSumGiven:  w.TransferSum.set,
	}
}

// decodePaymentInfo reads the answer of prepare_payment, the status read
// and set_accept.
func decodePaymentInfo(method string, httpStatus int, body []byte) (*PaymentInfo, error) {
	var w paymentInfoWire
	if err := decodeAnswer(method, httpStatus, body, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

type paymentWire struct {
	ID              flexInt    `json:"id"`
	UUID            flexString `json:"uuid"`
	MerchantTransID flexString `json:"merchantTransId"`
	Status          flexString `json:"status"`
	SelectedMethod  flexString `json:"selectedMethod"`
	Currency        flexString `json:"currency"`
	Description     flexString `json:"description"`
	InitialSum      amount     `json:"initialSum"`
	TotalSum        amount     `json:"totalSum"`
	Fee             amount     `json:"fee"`
	TransferSum     amount     `json:"transferSum"`
	RefundedSum     amount     `json:"refundedSum"`
	AutoCapture     flexBool   `json:"autoCapture"`
	IsTest          flexBool   `json:"isTest"`
	Test            flexBool   `json:"test"`
	CreateTime      stamp      `json:"createTime"`
	ExpireTime      stamp      `json:"expireTime"`
	PeyedTime       stamp      `json:"peyedTime"` // sic, as OCTO spells it
	PayedTime       stamp      `json:"payedTime"` // in case OCTO fixes the typo
	ExpiredHoldTime stamp      `json:"expiredHoldTime"`
	RedirectURL     flexString `json:"redirectUrl"`
	ProcessingRef   flexString `json:"processingReference"`
	RiskLevel       flexInt    `json:"riskLevel"`
	ProvCode        flexString `json:"provCode"`
	Details         *struct {
		TransType  flexString `json:"transType"`
		CardType   flexString `json:"cardType"`
		Commission amount     `json:"commission"`
		CardInfo   *struct {
			First6            flexString `json:"first6"`
			Last4             flexString `json:"last4"`
			IssuerCountryCode flexString `json:"issuerCountryCode"`
			CardHolder        flexString `json:"cardHolder"`
		} `json:"cardInfo"`
	} `json:"details"`
}

func (w *paymentWire) result() *Payment {
	p := &Payment{
		ID:                int64(w.ID),
		UUID:              string(w.UUID),
		ShopTransactionID: string(w.MerchantTransID),
		Status:            ParseStatus(string(w.Status)),
		Method:            Method(strings.ToLower(string(w.SelectedMethod))),
		Currency:          string(w.Currency),
		Description:       string(w.Description),
		InitialSum:        w.InitialSum.d,
		TotalSum:          w.TotalSum.d,
		Fee:               w.Fee.d,
		TransferSum:       w.TransferSum.d,
		RefundedSum:       w.RefundedSum.d,
		AutoCapture:       bool(w.AutoCapture),
		Test:              bool(w.IsTest) || bool(w.Test),
		CreateTime:        w.CreateTime.t,
		ExpireTime:        w.ExpireTime.t,
		PayedTime:         w.PeyedTime.t,
		ExpiredHoldTime:   w.ExpiredHoldTime.t,
		RedirectURL:       string(w.RedirectURL),
		ProcessingRef:     string(w.ProcessingRef),
		RiskLevel:         int(w.RiskLevel),
		ProvCode:          string(w.ProvCode),
		FeeGiven:          w.Fee.set,
		TransferSumGiven:  w.TransferSum.set,
	}
	if p.PayedTime.IsZero() {
		p.PayedTime = w.PayedTime.t
	}
	if d := w.Details; d != nil {
		p.TransType = string(d.TransType)
		p.CardType = string(d.CardType)
		p.Commission = d.Commission.d
		if ci := d.CardInfo; ci != nil {
			p.First6 = leadingDigits(string(ci.First6), 6)
			p.Last4 = trailingDigits(string(ci.Last4), 4)
			p.IssuerCountry = string(ci.IssuerCountryCode)
			p.CardHolder = string(ci.CardHolder)
		}
	}
	return p
}

// decodePayment reads the payment object answered by pay and check_sms_key.
func decodePayment(method string, httpStatus int, body []byte) (*Payment, error) {
	var w paymentWire
	if err := decodeAnswer(method, httpStatus, body, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

type verificationWire struct {
	VerifyID    flexInt    `json:"verifyId"`
	Phone       flexString `json:"phone"`
	SecondsLeft flexInt    `json:"secondsLeft"`
}

// decodeVerification reads verificationInfo's and check_pan's answer.
// secondsLeft 0 with error 0 is OCTO's way of saying expired (Q16).
func decodeVerification(method string, httpStatus int, body []byte) (*Verification, error) {
	var w verificationWire
	if err := decodeAnswer(method, httpStatus, body, &w); err != nil {
		return nil, err
	}
	return verificationResult(&w), nil
}

// PreparePayment creates a payment, or returns the existing one when the
// ShopTransactionID was used before (OCTO keys payments by it, so the call
// is safe to retry and is retried on transport failures).
func (c *Client) PreparePayment(ctx context.Context, p PrepareParams) (*PaymentInfo, error) {
	const method = "prepare_payment"
	if strings.TrimSpace(p.ShopTransactionID) == "" {
		return nil, fmt.Errorf("%s: shop_transaction_id is required", method)
	}
	if err := checkMoney(method, "total_sum", p.TotalSum); err != nil {
		return nil, err
	}
	req := prepareRequest{
		ShopID:            c.shopID,
		Secret:            c.secret.Reveal(),
		ShopTransactionID: p.ShopTransactionID,
		AutoCapture:       p.AutoCapture,
		Test:              p.Test,
		InitTime:          octoTime(p.InitTime),
		TotalSum:          money(p.TotalSum),
		Currency:          p.Currency,
		Description:       p.Description,
		TSPID:             p.TSPID,
		ReturnURL:         p.ReturnURL,
		NotifyURL:         p.NotifyURL,
		Language:          p.Language,
		TTL:               p.TTLMinutes,
	}
	if p.InitTime.IsZero() {
		req.InitTime = octoTime(c.now())
	}
	if req.Currency == "" {
		req.Currency = "UZS"
	}
	if u := p.User; u != nil {
		if err := checkUserData(method, *u); err != nil {
			return nil, err
		}
		req.UserData = &userDataWire{UserID: strings.TrimSpace(u.UserID), Phone: u.Phone, Email: strings.TrimSpace(u.Email)}
	}
	for i, b := range p.Basket {
		if b.Price.Sign() < 0 || !b.Price.Equal(b.Price.Round(2)) {
			return nil, fmt.Errorf("%s: basket[%d].price must be non-negative with at most 2 decimals, got %s", method, i, b.Price.String())
		}
		req.Basket = append(req.Basket, basketWire{
			PositionDesc: b.PositionDesc, Count: b.Count, Price: money(b.Price), SPIC: b.SPIC,
			PackageCode: b.PackageCode, NDS: b.NDS, INN: b.INN, PINFL: b.PINFL,
		})
	}
	for _, m := range p.PaymentMethods {
		req.PaymentMethods = append(req.PaymentMethods, methodWire{Method: m})
	}
	var w paymentInfoWire
	err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/prepare_payment",
		body: req, safe: true, paceKey: p.ShopTransactionID}, &w)
	if err != nil {
		return nil, err
	}
	return sameTransaction(method, p.ShopTransactionID, w.result())
}

// sameTransaction refuses an answer about another shop_transaction_id than
// the one asked for: acting on it could mark the wrong order paid.
func sameTransaction(method, asked string, info *PaymentInfo) (*PaymentInfo, error) {
	if info.ShopTransactionID != "" && info.ShopTransactionID != asked {
		return nil, fmt.Errorf("%s: answer is about shop_transaction_id %q, not %q", method, info.ShopTransactionID, asked)
	}
	if info.ShopTransactionID == "" {
		info.ShopTransactionID = asked
	}
	return info, nil
}

// Status reads a payment by its shop_transaction_id with the minimal
// prepare_payment body (OCTO has no status endpoint, REFERENCE §2.2).
// Reads of one id are spaced at least MinReadInterval apart, and "Requests
// too often" is waited out and retried.
func (c *Client) Status(ctx context.Context, shopTransactionID string) (*PaymentInfo, error) {
	const method = "prepare_payment"
	if strings.TrimSpace(shopTransactionID) == "" {
		return nil, fmt.Errorf("%s: shop_transaction_id is required", method)
	}
	req := statusRequest{ShopID: c.shopID, Secret: c.secret.Reveal(), ShopTransactionID: shopTransactionID}
	var w paymentInfoWire
	err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/prepare_payment",
		body: req, safe: true, paceKey: shopTransactionID, statusRead: true}, &w)
	if err != nil {
		return nil, err
	}
	return sameTransaction(method, shopTransactionID, w.result())
}

// Pay pays a prepared payment with card data or a saved card token. It is
// never re-sent: after a TransportError with Sent set, read the Status.
// The answer usually still says created; Uzcard and Humo then need
// VerificationInfo and CheckSMSKey, bank cards the RedirectURL (3-D Secure).
func (c *Client) Pay(ctx context.Context, p PayParams) (*Payment, error) {
	const method = "pay"
	if strings.TrimSpace(p.PaymentUUID) == "" {
		return nil, fmt.Errorf("%s: payment UUID is required", method)
	}
	if p.Method == "" {
		return nil, fmt.Errorf("%s: method is required (uzcard, humo or bank_card)", method)
	}
	cl := call{method: method, httpMethod: http.MethodPost, path: "/pay/" + url.PathEscape(p.PaymentUUID)}
	switch {
	case p.Card != nil && p.CardToken != "":
		return nil, fmt.Errorf("%s: give either a card or a card token, not both", method)
	case p.Card != nil:
		if err := checkCard(method, *p.Card); err != nil {
			return nil, err
		}
		cl.body = payCardRequest{PAN: digitsOnly(p.Card.PAN), Exp: p.Card.Exp, Method: p.Method,
			CVC2: p.Card.CVC, CardHolderName: p.Card.HolderName, Email: p.Email}
		cl.sensitive = []string{digitsOnly(p.Card.PAN), p.Card.CVC, p.Card.PAN, p.Card.Exp}
	case p.CardToken != "":
		cl.body = payTokenRequest{CardToken: p.CardToken, Method: p.Method, Email: p.Email}
		cl.sensitive = []string{p.CardToken}
	default:
		return nil, fmt.Errorf("%s: a card or a card token is required", method)
	}
	var w paymentWire
	if err := c.do(ctx, cl, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

// VerificationInfo reads the one-time code session of a payment or a
// binding: GET /verificationInfo/{uuid} (S2), falling back to POST
// /verificationInfo/ with the UUID in the body (S1) when the GET form is
// refused with 403, 404 or 405; the client then remembers to use POST.
// SecondsLeft 0 means the code expired. Safe, so retried.
func (c *Client) VerificationInfo(ctx context.Context, paymentUUID string) (*Verification, error) {
	const method = "verificationInfo"
	if strings.TrimSpace(paymentUUID) == "" {
		return nil, fmt.Errorf("%s: payment UUID is required", method)
	}
	post := call{method: method, httpMethod: http.MethodPost, path: "/verificationInfo/",
		body: verificationRequest{PaymentUUID: paymentUUID}, safe: true}
	var w verificationWire
	if !c.verifyPOST.Load() {
		err := c.do(ctx, call{method: method, httpMethod: http.MethodGet,
			path: "/verificationInfo/" + url.PathEscape(paymentUUID), safe: true}, &w)
		var te *TransportError
		if err == nil || !errors.As(err, &te) || !refusedForm(te.HTTPStatus) {
			if err != nil {
				return nil, err
			}
			return verificationResult(&w), nil
		}
		if err := c.do(ctx, post, &w); err != nil {
			return nil, err
		}
		c.verifyPOST.Store(true)
		return verificationResult(&w), nil
	}
	if err := c.do(ctx, post, &w); err != nil {
		return nil, err
	}
	return verificationResult(&w), nil
}

func refusedForm(status int) bool {
	return status == http.StatusForbidden || status == http.StatusNotFound || status == http.StatusMethodNotAllowed
}

func verificationResult(w *verificationWire) *Verification {
	v := &Verification{VerifyID: int64(w.VerifyID), Phone: string(w.Phone), SecondsLeft: int(w.SecondsLeft)}
	if v.SecondsLeft < 0 {
		v.SecondsLeft = 0
	}
	return v
}

// CheckSMSKey submits the customer's one-time code for a payment. It takes
// no credentials (S1) and is never re-sent.
func (c *Client) CheckSMSKey(ctx context.Context, p CheckSMSKeyParams) (*Payment, error) {
	const method = "check_sms_key"
	if p.PaymentID <= 0 || p.VerifyID <= 0 {
		return nil, fmt.Errorf("%s: payment id and verify id are required", method)
	}
	if strings.TrimSpace(p.Code) == "" {
		return nil, fmt.Errorf("%s: the code is required", method)
	}
	var w paymentWire
	err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/check_sms_key",
		body:      checkSMSKeyRequest{SMSKey: strings.TrimSpace(p.Code), PaymentID: p.PaymentID, VerifyID: p.VerifyID},
		sensitive: []string{p.Code, strings.TrimSpace(p.Code)}}, &w)
	if err != nil {
		return nil, err
	}
	return w.result(), nil
}

// ResendOTP asks OCTO to text a new code (check_pan). The answer carries a
// new VerifyID; the old one is no longer valid. Error 17 means the resend
// limit is reached. Never re-sent.
func (c *Client) ResendOTP(ctx context.Context, p ResendOTPParams) (*Verification, error) {
	const method = "check_pan"
	pan := digitsOnly(p.PAN)
	if len(pan) < 12 || len(pan) > 19 || !allDigits(pan) {
		return nil, fmt.Errorf("%s: card number must have 12 to 19 digits", method)
	}
	if err := checkExp(method, p.ExpYYMM); err != nil {
		return nil, err
	}
	if p.PaymentID <= 0 {
		return nil, fmt.Errorf("%s: payment id is required", method)
	}
	var w verificationWire
	err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/check_pan",
		body:      checkPANRequest{PAN: pan, ExpDate: p.ExpYYMM, PaymentID: p.PaymentID},
		sensitive: []string{pan, p.PAN, p.ExpYYMM}}, &w)
	if err != nil {
		return nil, err
	}
	return verificationResult(&w), nil
}

// Capture debits a held payment (two-stage) with set_accept; finalAmount
// may be less than the hold, and the rest is released. Never re-sent:
// after a TransportError with Sent set, read the Status.
func (c *Client) Capture(ctx context.Context, paymentUUID string, finalAmount decimal.Decimal) (*PaymentInfo, error) {
	const method = "set_accept"
	if err := checkMoney(method, "final_amount", finalAmount); err != nil {
		return nil, err
	}
	m := money(finalAmount)
	return c.setAccept(ctx, paymentUUID, "capture", &m)
}

// Cancel releases a held payment with set_accept. A payment that was
// already debited must be refunded instead. Never re-sent.
func (c *Client) Cancel(ctx context.Context, paymentUUID string) (*PaymentInfo, error) {
	return c.setAccept(ctx, paymentUUID, "cancel", nil)
}

func (c *Client) setAccept(ctx context.Context, paymentUUID, accept string, final *money) (*PaymentInfo, error) {
	const method = "set_accept"
	if strings.TrimSpace(paymentUUID) == "" {
		return nil, fmt.Errorf("%s: payment UUID is required", method)
	}
	req := setAcceptRequest{ShopID: c.shopID, Secret: c.secret.Reveal(), PaymentUUID: paymentUUID,
		AcceptStatus: accept, FinalAmount: final}
	var w paymentInfoWire
	if err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/set_accept", body: req}, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

// checkUserData refuses a half-filled user_data: OCTO requires user_id,
// phone and email whenever user_data is sent (REFERENCE §2.1), the phone
// as 12 digits with the country code and no "+".
func checkUserData(method string, u UserData) error {
	var absent []string
	for _, f := range []struct{ name, v string }{{"user_id", u.UserID}, {"phone", u.Phone}, {"email", u.Email}} {
		if strings.TrimSpace(f.v) == "" {
			absent = append(absent, f.name)
		}
	}
	if len(absent) > 0 {
		return fmt.Errorf("%s: user_data needs user_id, phone and email together; %s missing (send no user_data instead)",
			method, strings.Join(absent, ", "))
	}
	if !ValidPhone(u.Phone) {
		return fmt.Errorf("%s: user_data.phone must be 12 digits with the country code and no +, e.g. 998901234567", method)
	}
	if !ValidEmail(u.Email) {
		return fmt.Errorf("%s: user_data.email must look like name@example.uz", method)
	}
	return nil
}

// ValidPhone reports whether phone is as OCTO takes it: 12 digits, the
// country code first, no "+" or spaces (REFERENCE §2.1, Q22).
func ValidPhone(phone string) bool { return len(phone) == 12 && allDigits(phone) }

// ValidEmail reports whether email is name@domain with a dot in the
// domain, no spaces. It checks the shape only; OCTO mails the fiscal
// receipt's link there.
func ValidEmail(email string) bool {
	email = strings.TrimSpace(email)
	name, domain, ok := strings.Cut(email, "@")
	if !ok || name == "" || strings.ContainsAny(email, " \t\n,;<>") || strings.Contains(domain, "@") {
		return false
	}
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

func checkCard(method string, c Card) error {
	pan := digitsOnly(c.PAN)
	if len(pan) < 12 || len(pan) > 19 || !allDigits(pan) {
		return fmt.Errorf("%s: card number must have 12 to 19 digits", method)
	}
	return checkExp(method, c.Exp)
}

// checkExp accepts an expiry as YYMM (REFERENCE Q5), e.g. "2602".
func checkExp(method, exp string) error {
	if len(exp) != 4 || !allDigits(exp) || exp[2:] < "01" || exp[2:] > "12" {
		return fmt.Errorf("%s: expiry must be YYMM, e.g. 2602", method)
	}
	return nil
}
