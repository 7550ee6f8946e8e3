package sandbox

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
)

// accept captures or cancels a hold: set_accept, /callback and a merchant's
// answer to a waiting_for_capture notification. A capture takes any amount
// up to the hold (the rest is released, the payment's total becomes the
// captured amount); a cancel with a final_amount below the hold cancels
// that much and captures the rest (P-cancel's "partial cancellation").
// Caller holds s.mu.
func (s *Sandbox) accept(p *payment, acceptStatus string, final *decimal.Decimal) *apiErr {
	switch acceptStatus {
	case "capture", "cancel":
	default:
		return malformed("accept_status", "capture or cancel")
	}
	if p.status != octo.StatusWaitingForCapture {
		switch {
		case p.status == octo.StatusSucceeded && acceptStatus == "capture":
			return errf(codeWrongState, "Payment is already captured")
		case p.status == octo.StatusSucceeded:
			return errf(codeWrongState, "Payment cancellation is only possible for transactions involving holds: refund a succeeded payment")
		}
		return errf(codeWrongState, "Payment is in status %s, not waiting_for_capture", p.status)
	}
	hold := p.total
	if final != nil && final.GreaterThan(hold) {
		return errf(codeAmount, "final_amount %s exceeds the held amount %s", final.StringFixed(2), hold.StringFixed(2))
	}
	switch {
	case acceptStatus == "capture":
		if final != nil {
			p.total = *final
		}
		s.settle(p)
	case final != nil && final.LessThan(hold):
		p.total = hold.Sub(*final)
		s.settle(p)
	default:
		s.setStatus(p, octo.StatusCanceled)
	}
	return nil
}

// acceptAnswer is set_accept's success: data and the deprecation notice,
// without errMessage (S1).
type acceptAnswer struct {
	Error      int       `json:"error"`
	Data       shortView `json:"data"`
	APIMessage string    `json:"apiMessageForDevelopers"`
}

// setAccept captures or cancels a hold (§2.8).
func (s *Sandbox) setAccept(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	if err := s.checkShop(f); err != nil {
		return nil, err
	}
	return s.acceptCall(c, f)
}

// callback is S1's ambiguous merchant→OCTO /callback (REFERENCE §2.14):
// set_accept with the secret but no shop id.
func (s *Sandbox) callback(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	secret, err := f.str("octo_secret", true)
	if err != nil {
		return nil, err
	}
	if secret != s.opts.Secret {
		return nil, errf(codeAuth, "Wrong secret")
	}
	if id, ok, err := f.integer("octo_shop_id", false); err != nil {
		return nil, err
	} else if ok && id != s.opts.ShopID {
		return nil, errf(codeAuth, "Wrong secret")
	}
	return s.acceptCall(c, f)
}

func (s *Sandbox) acceptCall(c *call, f fields) ([]byte, *apiErr) {
	uuid, err := f.str("octo_payment_UUID", true)
	if err != nil {
		return nil, err
	}
	c.paymentUUID = uuid
	status, err := f.str("accept_status", true)
	if err != nil {
		return nil, err
	}
	var final *decimal.Decimal
	if d, ok, err := f.amount("final_amount", false); err != nil {
		return nil, err
	} else if ok {
		final = &d
	}
	base := s.baseURL(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.lookup(uuid)
	if err != nil {
		return nil, err
	}
	if err := s.accept(p, status, final); err != nil {
		return nil, err
	}
	return marshal(acceptAnswer{Data: p.short(base), APIMessage: apiMessage}), nil
}

// refund is one refund of a payment.
type refund struct {
	id           string
	shopRefundID string
	paymentUUID  string
	amount       decimal.Decimal
	answer       []byte // the first answer, repeated for a repeated shop_refund_id
}

type refundData struct {
	PaymentUUID string `json:"octo_payment_UUID"`
	RefundID    string `json:"refund_id"`
	RefundTime  string `json:"refund_time"`
	Status      string `json:"status"`
}

type refundAnswer struct {
	Error        int        `json:"error"`
	ErrMessage   *string    `json:"errMessage"`
	Data         refundData `json:"data"`
	ErrorMessage *string    `json:"errorMessage"`
	APIMessage   string     `json:"apiMessageForDevelopers"`
}

var maxRefundUZS = decimal.NewFromInt(10_000_000)

// refundPayment refunds part or all of a succeeded payment (§2.9). A
// repeated shop_refund_id answers the first refund again and moves no money.
func (s *Sandbox) refundPayment(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	if err := s.checkShop(f); err != nil {
		return nil, err
	}
	refundID, err := f.str("shop_refund_id", true)
	if err != nil {
		return nil, err
	}
	uuid, err := f.str("octo_payment_UUID", true)
	if err != nil {
		return nil, err
	}
	c.paymentUUID = uuid
	amount, _, err := f.amount("amount", true)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.st.refunds[refundID]; r != nil {
		if r.paymentUUID != uuid {
			return nil, errf(codeFormat, "Wrong params: shop_refund_id %s is already used for another payment", refundID)
		}
		return r.answer, nil
	}
	p, err := s.lookup(uuid)
	if err != nil {
		return nil, err
	}
	if p.status != octo.StatusSucceeded {
		return nil, errf(codeWrongState, "Refunds are only possible for succeeded payments, this one is %s", p.status)
	}
	if err := s.checkRefundAmount(p, amount); err != nil {
		return nil, err
	}
	p.refunded = p.refunded.Add(amount)
	r := &refund{id: newUUID(), shopRefundID: refundID, paymentUUID: uuid, amount: amount}
	r.answer = marshal(refundAnswer{
		Data:       refundData{PaymentUUID: uuid, RefundID: r.id, RefundTime: octoTime(s.now()), Status: "succeeded"},
		APIMessage: apiMessage,
	})
	s.st.refunds[refundID] = r
	return r.answer, nil
}

type fiscalData struct {
	Phone      string `json:"phone"`
	Code       int    `json:"code"`
	Message    string `json:"message"`
	TerminalID string `json:"terminalID"`
	ReceiptID  int64  `json:"receiptId"`
	DateTime   string `json:"dateTime"`
	FiscalSign string `json:"fiscalSign"`
	QRCodeURL  string `json:"qrCodeURL"`
}

// fiscalDataCall answers the fiscal receipt of a succeeded payment (§2.13).
func (s *Sandbox) fiscalDataCall(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	if err := s.checkShop(f); err != nil {
		return nil, err
	}
	uuid, err := f.str("payment_uuid", true)
	if err != nil {
		return nil, err
	}
	c.paymentUUID = uuid
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.lookup(uuid)
	if err != nil {
		return nil, err
	}
	if p.status != octo.StatusSucceeded {
		return nil, errf(codeWrongState, "No fiscal receipt for a payment in status %s", p.status)
	}
	phone := otpPhone
	if p.user != nil && p.user.Phone != "" {
		phone = p.user.Phone
	}
	terminal := fmt.Sprintf("EZ%012d", s.opts.ShopID)
	when := p.payedTime.In(tashkent).Format("20060102150405")
	sig := strings.ToUpper(sha1hex(p.uuid))[:12]
	sign := strings.Map(func(r rune) rune { return '0' + r%10 }, sig)
	d := fiscalData{
		Phone: phone, Code: 0, Message: "accepted", TerminalID: terminal, ReceiptID: p.id, DateTime: when, FiscalSign: sign,
		QRCodeURL: fmt.Sprintf("https://ofd.soliq.uz/epi?t=%s&r=%d&c=%s&s=%s", terminal, p.id, when, sign),
	}
	return marshal(okEnvelope{Data: d}), nil
}
