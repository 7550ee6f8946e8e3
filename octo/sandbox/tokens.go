package sandbox

import (
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
)

// token is a saved card (REFERENCE §2.10–§2.12, §5.4).
type token struct {
	id            string
	status        octo.TokenStatus
	card          *cardRef
	bindNotifyURL string
	auth          *payment // the authorization payment
}

// bindJob is the announcement of a token's outcome to bind_notify_url:
// up to three tries, after which the token fails.
type bindJob struct {
	tok  *token
	url  string
	body []byte
	// status and uuid are copied at enqueue time: delivery reads them
	// without the lock, while a block_card_token may change the token.
	status   string
	uuid     string
	attempts int
	nextAt   time.Time
	busy     bool
	done     bool
}

const maxBindAttempts = 3

// authSum is the small authorization payment a binding debits and reverses.
var authSum = decimal.NewFromInt(1000)

type bindData struct {
	Status            string `json:"status"`
	ShopTransactionID string `json:"shop_transaction_id"`
	PaymentUUID       string `json:"octo_payment_UUID"`
	PayURL            string `json:"octo_pay_url,omitempty"`
	CardToken         string `json:"card_token"`
	First6            string `json:"first6,omitempty"`
	Last4             string `json:"last4,omitempty"`
}

func (p *payment) bindView(base string, withCard bool) bindData {
	d := bindData{
		Status:            string(p.status),
		ShopTransactionID: p.shopTxID,
		PaymentUUID:       p.uuid,
		PayURL:            p.bindPayURL(base),
		CardToken:         p.binding.id,
	}
	if withCard {
		d.First6, d.Last4 = p.card.first6, p.card.last4
	}
	return d
}

func (p *payment) bindPayURL(base string) string {
	if p.method == octo.MethodBankCard {
		return base + "/3ds/" + p.uuid
	}
	return base + "/pay/" + p.uuid
}

// bindCard starts tokenizing a card (§2.10): an authorization payment with
// an OTP (Uzcard, Humo) or 3-D Secure (bank_card), and an inactive token.
func (s *Sandbox) bindCard(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	// OCTO checks the two URLs before the shop (LIVE? pay-uz).
	var absent []string
	if !f.present("bind_notify_url") {
		absent = append(absent, "bindNotifyUrl")
	}
	if !f.present("notify_url") {
		absent = append(absent, "notifyUrl")
	}
	if len(absent) > 0 {
		return nil, missing(absent...)
	}
	if err := s.checkShop(f); err != nil {
		return nil, err
	}
	txID, err := f.str("shop_transaction_id", true)
	if err != nil {
		return nil, err
	}
	notifyURL, err := f.str("notify_url", true)
	if err != nil {
		return nil, err
	}
	bindURL, err := f.str("bind_notify_url", true)
	if err != nil {
		return nil, err
	}
	if !absoluteURL(notifyURL) {
		return nil, malformed("notify_url", "a complete URL")
	}
	if !absoluteURL(bindURL) {
		return nil, malformed("bind_notify_url", "a complete URL")
	}
	returnURL, err := f.str("return_url", false)
	if err != nil {
		return nil, err
	}
	method, err := parseMethod(f)
	if err != nil {
		return nil, err
	}
	if method.NeedsOTP() {
		phone, err := f.str("phone", true)
		if err != nil {
			return nil, err
		}
		if len(phone) != 12 || !isDigits(phone) {
			return nil, errf(codeFormat, "Wrong phone format")
		}
	}
	card, err := s.cardFields(f, "exp", method)
	if err != nil {
		return nil, err
	}
	base := s.baseURL(c)

	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.st.byShopTx[txID]; p != nil {
		if p.binding == nil {
			return nil, errf(codeFormat, "Wrong params: shop_transaction_id %s is already used by a payment", txID)
		}
		c.paymentUUID = p.uuid
		return marshal(okEnvelope{Data: p.bindView(base, false)}), nil
	}
	now := s.now()
	s.st.nextID++
	p := &payment{
		id: s.st.nextID, uuid: newUUID(), shopTxID: txID, status: octo.StatusCreated, autoCapture: true,
		currency: "UZS", description: "Card binding", returnURL: returnURL,
		notifyURL: notifyURL, language: "ru", initial: authSum, total: authSum,
		payMethods: []octo.Method{method}, createTime: now, expireTime: now.Add(s.opts.DefaultTTL),
		method: method, card: card, rrn: randomDigits(12),
	}
	tok := &token{id: strings.ReplaceAll(newUUID(), "-", ""), status: octo.TokenInit, card: card, bindNotifyURL: bindURL, auth: p}
	p.binding = tok
	s.st.payments[p.uuid] = p
	s.st.byShopTx[txID] = p
	s.st.byID[p.id] = p
	s.st.tokens[tok.id] = tok
	c.paymentUUID = p.uuid
	if method.NeedsOTP() {
		s.startOTP(p)
	}
	s.setStatus(p, octo.StatusWaitUserAction)
	d := p.bindView(base, false)
	d.Status = string(octo.StatusCreated) // the authorization payment as OCTO's example shows it
	return marshal(okEnvelope{Data: d}), nil
}

// bindCheckSMSKey submits a binding's one-time code (§2.11); unlike the
// payment's check_sms_key it takes the shop's credentials and the UUID.
func (s *Sandbox) bindCheckSMSKey(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	if err := s.checkShop(f); err != nil {
		return nil, err
	}
	code, err := f.str("smsKey", true)
	if err != nil {
		return nil, err
	}
	uuid, err := f.str("paymentUUID", true)
	if err != nil {
		return nil, err
	}
	c.paymentUUID = uuid
	verifyID, _, err := f.integer("verifyId", true)
	if err != nil {
		return nil, err
	}
	base := s.baseURL(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.lookup(uuid)
	if err != nil {
		return nil, err
	}
	if p.binding == nil {
		return nil, errf(codeWrongState, "Payment %s is not a card binding", uuid)
	}
	if _, err := s.checkOTP(p, verifyID, code); err != nil {
		return nil, err
	}
	return marshal(okEnvelope{Data: p.bindView(base, true)}), nil
}

// bindingMoved follows the authorization payment: once it succeeds it is
// reversed and the token becomes active; if it fails the token fails.
// Either way bind_notify_url hears of it. Caller holds s.mu.
func (s *Sandbox) bindingMoved(p *payment) {
	tok := p.binding
	if tok.status != octo.TokenInit {
		return
	}
	switch p.status {
	case octo.StatusSucceeded:
		p.refunded = p.total
		tok.status = octo.TokenActive
	case octo.StatusFailed, octo.StatusCanceled:
		tok.status = octo.TokenFailed
	default:
		return
	}
	// The PAN is masked: the sandbox never keeps a full card number, where
	// OCTO's documented callback carries it in clear (REFERENCE §5.4).
	body := marshal(map[string]string{
		"shop_transaction_id": p.shopTxID,
		"pan":                 tok.card.masked(),
		"exp":                 tok.card.exp,
		"cardHolderName":      tok.card.holder,
		"card_token":          tok.id,
		"status":              string(tok.status),
	})
	s.st.bindQ = append(s.st.bindQ, &bindJob{tok: tok, url: tok.bindNotifyURL, body: body,
		status: string(tok.status), uuid: tok.auth.uuid, nextAt: s.now()})
	s.kick()
}

func (s *Sandbox) deliverBind(st *state, b *bindJob) {
	status, answer, err := s.post(b.url, b.body)
	ev := Event{Kind: EventBindNotification, Method: b.status, PaymentUUID: b.uuid, URL: b.url,
		Body: b.body, HTTPStatus: status, Answer: string(answer), Attempt: b.attempts}
	if err != nil {
		ev.Note = "not delivered: " + err.Error()
	}
	s.mu.Lock()
	defer s.kick()
	defer s.mu.Unlock()
	if s.st != st {
		return
	}
	b.busy = false
	switch {
	case err == nil && status >= http.StatusOK && status < http.StatusMultipleChoices:
		b.done = true
	case b.attempts >= maxBindAttempts:
		b.done = true
		if b.tok.status == octo.TokenActive {
			b.tok.status = octo.TokenFailed
		}
		ev.Note = strings.TrimSpace(ev.Note + "; 3 failed deliveries: the token is failed")
	default:
		b.nextAt = s.now().Add(time.Duration(b.attempts) * 10 * time.Second)
	}
	if b.done {
		q := st.bindQ[:0]
		for _, x := range st.bindQ {
			if !x.done {
				q = append(q, x)
			}
		}
		st.bindQ = q
	}
	ev.Time = s.now()
	s.ev.record(ev)
}

// blockCardToken blocks an active token (§2.12). The answer has a
// top-level status and no data, as OCTO's does.
func (s *Sandbox) blockCardToken(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	if err := s.checkShop(f); err != nil {
		return nil, err
	}
	id, err := f.str("card_token", true)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tok := s.st.tokens[id]
	if tok == nil {
		return nil, errf(codeTokenNotFound, "Card token not found")
	}
	if tok.status != octo.TokenActive {
		return nil, errf(codeTokenNotActive, "Card token is not active (status %s)", tok.status)
	}
	tok.status = octo.TokenBlocked
	return marshal(struct {
		Error      int     `json:"error"`
		ErrMessage *string `json:"errMessage"`
		Status     string  `json:"status"`
	}{Status: string(octo.TokenBlocked)}), nil
}

// TokenStatus returns a card token's status, for tests and the console.
func (s *Sandbox) TokenStatus(cardToken string) (octo.TokenStatus, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tok := s.st.tokens[cardToken]
	if tok == nil {
		return "", false
	}
	return tok.status, true
}
