package octo

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

type refundRequest struct {
	ShopID       int64  `json:"octo_shop_id"`
	Secret       string `json:"octo_secret"`
	ShopRefundID string `json:"shop_refund_id"`
	PaymentUUID  string `json:"octo_payment_UUID"`
	Amount       money  `json:"amount"`
}

type refundWire struct {
	PaymentUUID flexString `json:"octo_payment_UUID"`
	RefundID    flexString `json:"refund_id"`
	RefundTime  stamp      `json:"refund_time"`
	Status      flexString `json:"status"`
}

func (w *refundWire) result() *Refund {
	return &Refund{
		PaymentUUID: string(w.PaymentUUID),
		RefundID:    string(w.RefundID),
		RefundTime:  w.RefundTime.t,
		Status:      RefundStatus(strings.ToLower(strings.TrimSpace(string(w.Status)))),
	}
}

// decodeRefund reads refund's answer, new (in data) or old (flat, with
// status "ok").
func decodeRefund(method string, httpStatus int, body []byte) (*Refund, error) {
	var w refundWire
	if err := decodeAnswer(method, httpStatus, body, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

// Refund returns part or all of a succeeded payment. ShopRefundID is the
// idempotency key: make it once, store it, and reuse it if the refund has
// to be asked again after a TransportError. The client never re-sends it
// by itself. Only RefundSucceeded means the money went back.
func (c *Client) Refund(ctx context.Context, p RefundParams) (*Refund, error) {
	const method = "refund"
	if strings.TrimSpace(p.PaymentUUID) == "" || strings.TrimSpace(p.ShopRefundID) == "" {
		return nil, fmt.Errorf("%s: payment UUID and shop_refund_id are required", method)
	}
	if err := checkMoney(method, "amount", p.Amount); err != nil {
		return nil, err
	}
	req := refundRequest{ShopID: c.shopID, Secret: c.secret.Reveal(), ShopRefundID: p.ShopRefundID,
		PaymentUUID: p.PaymentUUID, Amount: money(p.Amount)}
	var w refundWire
	if err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/refund", body: req}, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

type bindCardRequest struct {
	ShopID            int64  `json:"octo_shop_id"`
	Secret            string `json:"octo_secret"`
	ShopTransactionID string `json:"shop_transaction_id"`
	PAN               string `json:"pan"`
	Exp               string `json:"exp"`
	Phone             string `json:"phone,omitempty"`
	CardHolderName    string `json:"cardHolderName,omitempty"`
	CVC2              string `json:"cvc2,omitempty"`
	Method            Method `json:"method"`
	ReturnURL         string `json:"return_url,omitempty"`
	NotifyURL         string `json:"notify_url"`
	BindNotifyURL     string `json:"bind_notify_url"`
}

type bindCheckRequest struct {
	ShopID      int64  `json:"octo_shop_id"`
	Secret      string `json:"octo_secret"`
	SMSKey      string `json:"smsKey"`
	PaymentUUID string `json:"paymentUUID"`
	VerifyID    int64  `json:"verifyId"`
}

type bindingWire struct {
	Status            flexString `json:"status"`
	ShopTransactionID flexString `json:"shop_transaction_id"`
	PaymentUUID       flexString `json:"octo_payment_UUID"`
	PayURL            flexString `json:"octo_pay_url"`
	CardToken         flexString `json:"card_token"`
	First6            flexString `json:"first6"`
	Last4             flexString `json:"last4"`
}

func (w *bindingWire) result() *Binding {
	return &Binding{
		Status:            ParseStatus(string(w.Status)),
		ShopTransactionID: string(w.ShopTransactionID),
		PaymentUUID:       string(w.PaymentUUID),
		PayURL:            string(w.PayURL),
		CardToken:         string(w.CardToken),
		First6:            leadingDigits(string(w.First6), 6),
		Last4:             trailingDigits(string(w.Last4), 4),
	}
}

// decodeBinding reads bind_card's and bind_card/check_sms_key's answer.
func decodeBinding(method string, httpStatus int, body []byte) (*Binding, error) {
	var w bindingWire
	if err := decodeAnswer(method, httpStatus, body, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

// BindCard starts tokenization of a card (PCI DSS merchants only). Uzcard
// and Humo continue with VerificationInfo and ConfirmBinding; other cards
// with the PayURL. The token is usable only once the bind notification
// says active. Never re-sent.
func (c *Client) BindCard(ctx context.Context, p BindCardParams) (*Binding, error) {
	const method = "bind_card"
	if strings.TrimSpace(p.ShopTransactionID) == "" {
		return nil, fmt.Errorf("%s: shop_transaction_id is required", method)
	}
	if p.Method == "" {
		return nil, fmt.Errorf("%s: method is required (uzcard, humo or bank_card)", method)
	}
	if err := checkCard(method, p.Card); err != nil {
		return nil, err
	}
	pan := digitsOnly(p.Card.PAN)
	req := bindCardRequest{
		ShopID: c.shopID, Secret: c.secret.Reveal(), ShopTransactionID: p.ShopTransactionID,
		PAN: pan, Exp: p.Card.Exp, Phone: p.Phone, CardHolderName: p.Card.HolderName, CVC2: p.Card.CVC,
		Method: p.Method, ReturnURL: p.ReturnURL, NotifyURL: p.NotifyURL, BindNotifyURL: p.BindNotifyURL,
	}
	var w bindingWire
	err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/bind_card", body: req,
		sensitive: []string{pan, p.Card.PAN, p.Card.CVC, p.Card.Exp}}, &w)
	if err != nil {
		return nil, err
	}
	return w.result(), nil
}

// ConfirmBinding submits the binding's one-time code
// (bind_card/check_sms_key, with credentials and paymentUUID, S2). Never
// re-sent.
func (c *Client) ConfirmBinding(ctx context.Context, p ConfirmBindingParams) (*Binding, error) {
	const method = "bind_card/check_sms_key"
	if strings.TrimSpace(p.PaymentUUID) == "" || p.VerifyID <= 0 {
		return nil, fmt.Errorf("%s: payment UUID and verify id are required", method)
	}
	if strings.TrimSpace(p.Code) == "" {
		return nil, fmt.Errorf("%s: the code is required", method)
	}
	req := bindCheckRequest{ShopID: c.shopID, Secret: c.secret.Reveal(), SMSKey: strings.TrimSpace(p.Code),
		PaymentUUID: p.PaymentUUID, VerifyID: p.VerifyID}
	var w bindingWire
	err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/bind_card/check_sms_key", body: req,
		sensitive: []string{p.Code, strings.TrimSpace(p.Code)}}, &w)
	if err != nil {
		return nil, err
	}
	return w.result(), nil
}

type blockRequest struct {
	ShopID    int64  `json:"octo_shop_id"`
	Secret    string `json:"octo_secret"`
	CardToken string `json:"card_token"`
}

type tokenStatusWire struct {
	Status flexString `json:"status"`
}

// decodeTokenStatus reads block_card_token's answer, whose status is at
// the top level (S2), or in data should OCTO move it there.
func decodeTokenStatus(method string, httpStatus int, body []byte) (TokenStatus, error) {
	var w tokenStatusWire
	if err := decodeAnswer(method, httpStatus, body, &w); err != nil {
		return "", err
	}
	return TokenStatus(strings.ToLower(strings.TrimSpace(string(w.Status)))), nil
}

// BlockCardToken blocks a saved card token. Error 5: no such token; 6: the
// token was not active. Never re-sent.
func (c *Client) BlockCardToken(ctx context.Context, cardToken string) (TokenStatus, error) {
	const method = "block_card_token"
	if strings.TrimSpace(cardToken) == "" {
		return "", fmt.Errorf("%s: card token is required", method)
	}
	req := blockRequest{ShopID: c.shopID, Secret: c.secret.Reveal(), CardToken: cardToken}
	var w tokenStatusWire
	err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/block_card_token", body: req,
		sensitive: []string{cardToken}}, &w)
	if err != nil {
		return "", err
	}
	return TokenStatus(strings.ToLower(strings.TrimSpace(string(w.Status)))), nil
}

type fiscalRequest struct {
	ShopID      int64  `json:"octo_shop_id"`
	Secret      string `json:"octo_secret"`
	PaymentUUID string `json:"payment_uuid"`
}

type fiscalWire struct {
	Phone      flexString `json:"phone"`
	Code       flexInt    `json:"code"`
	Message    flexString `json:"message"`
	TerminalID flexString `json:"terminalID"`
	ReceiptID  flexInt    `json:"receiptId"`
	DateTime   flexString `json:"dateTime"`
	FiscalSign flexString `json:"fiscalSign"`
	QRCodeURL  flexString `json:"qrCodeURL"`
}

func (w *fiscalWire) result() *FiscalData {
	return &FiscalData{
		Phone: string(w.Phone), Code: int(w.Code), Message: string(w.Message), TerminalID: string(w.TerminalID),
		ReceiptID: int64(w.ReceiptID), DateTime: string(w.DateTime), FiscalSign: string(w.FiscalSign),
		QRCodeURL: string(w.QRCodeURL),
	}
}

// decodeFiscal reads fiscal-data's answer.
func decodeFiscal(method string, httpStatus int, body []byte) (*FiscalData, error) {
	var w fiscalWire
	if err := decodeAnswer(method, httpStatus, body, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

// FiscalData fetches the fiscal receipt OCTO registered for a payment
// (fiscal-data, keyed by payment_uuid). A read, but not retried: it is
// not needed urgently and OCTO does not document its limits.
func (c *Client) FiscalData(ctx context.Context, paymentUUID string) (*FiscalData, error) {
	const method = "fiscal-data"
	if strings.TrimSpace(paymentUUID) == "" {
		return nil, fmt.Errorf("%s: payment UUID is required", method)
	}
	req := fiscalRequest{ShopID: c.shopID, Secret: c.secret.Reveal(), PaymentUUID: paymentUUID}
	var w fiscalWire
	if err := c.do(ctx, call{method: method, httpMethod: http.MethodPost, path: "/fiscal-data", body: req}, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}
