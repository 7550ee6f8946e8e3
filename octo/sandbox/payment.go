package sandbox

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
)

// payment is one payment (or a card binding's authorization payment).
//
// A sandbox keeps up to Options.MaxFinished finished payments (10,000 by
// default, 100 in the console), so the record is kept lean: what was only
// needed to create it (init_time, ttl) is not kept, what follows from the
// total (fee, transfer) is computed when asked, and the flags share one
// word. 512 B, not 584 (the 640 B size class).
type payment struct {
	id          int64
	uuid        string
	shopTxID    string
	status      octo.Status
	autoCapture bool
	test        bool
	viaToken    bool
	notifyBusy  bool
	kept        bool // among the finished, until forgotten (retention.go)
	user        *userData
	basket      json.RawMessage
	payMethods  []octo.Method
	tspID       *int64
	currency    string
	description string
	returnURL   string
	notifyURL   string
	language    string

	initial  decimal.Decimal // the amount asked for
	total    decimal.Decimal // the held amount, then the captured amount
	refunded decimal.Decimal

	createTime time.Time
	expireTime time.Time
	payedTime  time.Time
	holdExpire time.Time

	method     octo.Method // selectedMethod once paid
	card       *cardRef
	rrn        string
	processKey string

	verify     *verification
	resends    int
	wrongCodes int

	binding *token // set on a card binding's authorization payment

	lastRead     time.Time // virtual time of the last status read
	lastReadReal time.Time // wall time of the same read
	notifyQ      []*notifyJob
}

// lean drops, from a final payment, what only the payment object shows —
// its basket (a line is 100 B; a long order, kB) and tsp_id — which pay and
// check_sms_key answer, and a final payment is refused by both: its status
// reads, refunds, pages, receipt and notifications do not show them.
func (p *payment) lean() {
	p.basket, p.tspID = nil, nil
}

// fee is OCTO's commission on a paid total. The total does not move once
// paid (a refund moves refunded), so it is computed, not kept.
func (p *payment) fee() decimal.Decimal { return p.total.Mul(feeRate).Round(2) }

// transfer is what reaches the shop of a paid total.
func (p *payment) transfer() decimal.Decimal { return p.total.Sub(p.fee()) }

type userData struct {
	UserID string `json:"user_id"`
	Phone  string `json:"phone"`
	Email  string `json:"email"`
}

// verification is an OTP session: verificationInfo's verifyId.
type verification struct {
	id      int64
	phone   string
	code    string
	expires time.Time
	used    bool // the code was accepted, or the payment ended
}

const otpPhone = "998901234567" // every test card's phone

func newUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("sandbox: crypto/rand: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func newOTP() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("sandbox: crypto/rand: %v", err))
	}
	var n uint64
	for _, x := range b {
		n = n<<8 | uint64(x)
	}
	return fmt.Sprintf("%06d", n%1000000)
}

// checkShop verifies octo_shop_id and octo_secret.
func (s *Sandbox) checkShop(f fields) *apiErr {
	id, _, err := f.integer("octo_shop_id", true)
	if err != nil {
		return err
	}
	secret, err := f.str("octo_secret", true)
	if err != nil {
		return err
	}
	if id != s.opts.ShopID || secret != s.opts.Secret {
		return errf(codeAuth, "Wrong secret")
	}
	return nil
}

// expire applies the lifetimes that have passed: an unpaid payment past its
// ttl and a hold past the hold timeout are canceled. Caller holds s.mu.
func (s *Sandbox) expire(p *payment) {
	now := s.now()
	switch p.status {
	case octo.StatusCreated, octo.StatusWaitUserAction:
		if !now.Before(p.expireTime) {
			p.verify = nil
			s.setStatus(p, octo.StatusCanceled)
		}
	case octo.StatusWaitingForCapture:
		if !now.Before(p.holdExpire) {
			s.setStatus(p, octo.StatusCanceled)
		}
	}
}

// setStatus moves a payment and queues its notification. Caller holds s.mu.
func (s *Sandbox) setStatus(p *payment, st octo.Status) {
	if p.status == st {
		return
	}
	p.status = st
	s.schedule(p)
	if p.binding != nil {
		s.bindingMoved(p)
	}
	s.enqueueNotification(p)
}

func (s *Sandbox) baseURL(c *call) string {
	if s.opts.PublicURL != "" {
		return strings.TrimRight(s.opts.PublicURL, "/")
	}
	scheme := "http"
	if c.r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.r.Host
}

func (p *payment) payURL(base string) string {
	return base + "/pay/" + p.uuid + "?language=" + p.language
}

// shortView is the payment as prepare_payment, the status read and
// set_accept show it.
type shortView struct {
	ShopTransactionID string   `json:"shop_transaction_id"`
	PaymentUUID       string   `json:"octo_payment_UUID"`
	Status            string   `json:"status"`
	PayURL            string   `json:"octo_pay_url"`
	TransferSum       *amount2 `json:"transfer_sum,omitempty"`
	RefundedSum       amount2  `json:"refunded_sum"`
	TotalSum          amount2  `json:"total_sum"`
	PayedTime         string   `json:"payed_time,omitempty"`
}

func (p *payment) short(base string) shortView {
	v := shortView{
		ShopTransactionID: p.shopTxID,
		PaymentUUID:       p.uuid,
		Status:            string(p.status),
		PayURL:            p.payURL(base),
		RefundedSum:       amount2(p.refunded),
		TotalSum:          amount2(p.total),
	}
	switch {
	case !p.payedTime.IsZero():
		t := amount2(p.transfer())
		v.TransferSum = &t
		v.PayedTime = octoTime(p.payedTime)
	case p.status == octo.StatusCanceled || p.status == octo.StatusFailed:
		// Nothing was charged: OCTO says so as "transfer_sum": 0.00, a
		// given zero, not an absent field (a client must tell them apart).
		var zero amount2
		v.TransferSum = &zero
	}
	return v
}

// prepareAnswer duplicates data's fields at the top level, as OCTO does.
type prepareAnswer struct {
	Error      int       `json:"error"`
	ErrMessage string    `json:"errMessage"`
	Data       shortView `json:"data"`
	APIMessage string    `json:"apiMessageForDevelopers"`
	shortView
}

// preparePayment creates a payment, or, for a known shop_transaction_id,
// answers the existing one unchanged: the status read (REFERENCE §2.1, §2.2).
func (s *Sandbox) preparePayment(c *call) ([]byte, *apiErr) {
	f, err := c.fields()
	if err != nil {
		return nil, err
	}
	if err := s.checkShop(f); err != nil {
		return nil, err
	}
	txID, err := f.str("shop_transaction_id", true)
	if err != nil {
		return nil, err
	}
	base := s.baseURL(c)

	s.mu.Lock()
	p := s.st.byShopTx[txID]
	if p != nil {
		defer s.mu.Unlock()
		return s.statusRead(c, p, base)
	}
	if isStatusRead(f) {
		defer s.mu.Unlock()
		return nil, s.notFound("shop_transaction_id " + txID)
	}
	s.mu.Unlock()

	p, ttl, err := s.newPayment(f, txID)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.st.byShopTx[txID]; old != nil { // a concurrent twin won
		return s.statusRead(c, old, base)
	}
	s.st.recent.share(p)
	now := s.now()
	s.st.nextID++
	p.id = s.st.nextID
	p.uuid = newUUID()
	p.status = octo.StatusCreated
	p.createTime = now
	p.expireTime = now.Add(ttl)
	s.st.payments[p.uuid] = p
	s.st.byShopTx[txID] = p
	s.st.byID[p.id] = p
	s.schedule(p)
	c.paymentUUID = p.uuid
	v := p.short(base)
	return marshal(prepareAnswer{Data: v, shortView: v}), nil
}

// isStatusRead reports whether the body is the minimal one: shop id,
// secret and shop_transaction_id (and perhaps test) only.
func isStatusRead(f fields) bool {
	for k := range f {
		switch k {
		case "octo_shop_id", "octo_secret", "shop_transaction_id", "test":
		default:
			return false
		}
	}
	return true
}

// statusRead answers the existing payment, at most once a second per
// shop_transaction_id of virtual or real time. Caller holds s.mu.
func (s *Sandbox) statusRead(c *call, p *payment, base string) ([]byte, *apiErr) {
	c.paymentUUID = p.uuid
	now, real := s.now(), time.Now()
	if !s.opts.NoRateLimit && !p.lastReadReal.IsZero() &&
		now.Sub(p.lastRead) < time.Second && real.Sub(p.lastReadReal) < time.Second {
		return nil, errf(codeTooOften, "Requests too often. Minimum delay is 1 second")
	}
	p.lastRead, p.lastReadReal = now, real
	s.expire(p)
	v := p.short(base)
	return marshal(prepareAnswer{Data: v, shortView: v}), nil
}

// everyMethod is the methods of a payment that names none, shared by all
// of them (nothing appends to a payment's methods once it is created; the
// capacity makes an append copy should that change).
var everyMethod = []octo.Method{octo.MethodBankCard, octo.MethodUzcard, octo.MethodHumo}[:3:3]

var knownCurrencies = map[string]bool{"UZS": true, "USD": true, "RUB": true, "EUR": true}

// newPayment validates a creating prepare_payment body.
func (s *Sandbox) newPayment(f fields, txID string) (*payment, time.Duration, *apiErr) {
	p := &payment{shopTxID: txID}
	var err *apiErr
	if p.autoCapture, _, err = f.boolean("auto_capture", true); err != nil {
		return nil, 0, err
	}
	if p.test, _, err = f.boolean("test", false); err != nil {
		return nil, 0, err
	}
	initTime, err := f.str("init_time", true)
	if err != nil {
		return nil, 0, err
	}
	if _, perr := time.ParseInLocation(octoTimeLayout, initTime, tashkent); perr != nil {
		return nil, 0, malformed("init_time", "yyyy-MM-dd HH:mm:ss")
	}
	if p.initial, _, err = f.amount("total_sum", true); err != nil {
		return nil, 0, err
	}
	p.total = p.initial
	if p.currency, err = f.str("currency", true); err != nil {
		return nil, 0, err
	}
	if !knownCurrencies[p.currency] {
		return nil, 0, malformed("currency", "one of UZS, USD, RUB, EUR")
	}
	if p.description, err = f.str("description", true); err != nil {
		return nil, 0, err
	}
	if p.returnURL, err = f.str("return_url", true); err != nil {
		return nil, 0, err
	}
	if !absoluteURL(p.returnURL) {
		return nil, 0, malformed("return_url", "a complete URL")
	}
	if p.notifyURL, err = f.str("notify_url", false); err != nil {
		return nil, 0, err
	}
	if p.notifyURL != "" && !absoluteURL(p.notifyURL) {
		return nil, 0, malformed("notify_url", "a complete URL")
	}
	if p.language, err = f.str("language", true); err != nil {
		return nil, 0, err
	}
	switch p.language {
	case "uz", "ru", "en", "oz":
	default:
		return nil, 0, malformed("language", "one of uz, ru, en")
	}
	ttl := s.opts.DefaultTTL
	if n, ok, err := f.integer("ttl", false); err != nil {
		return nil, 0, err
	} else if ok {
		if n < 1 {
			return nil, 0, malformed("ttl", "a positive number of minutes")
		}
		ttl = time.Duration(n) * time.Minute
	}
	if tsp, ok, err := f.integer("tsp_id", false); err != nil {
		return nil, 0, err
	} else if ok {
		p.tspID = &tsp
	}
	if f.present("user_data") {
		if p.user, err = checkUserData(f["user_data"]); err != nil {
			return nil, 0, err
		}
	}
	if f.present("basket") {
		if err := s.checkBasket(f["basket"]); err != nil {
			return nil, 0, err
		}
		p.basket = append(json.RawMessage(nil), f["basket"]...)
	}
	if f.present("payment_methods") {
		var pm []struct {
			Method string `json:"method"`
		}
		if json.Unmarshal(f["payment_methods"], &pm) != nil {
			return nil, 0, malformed("payment_methods", `an array of {"method": ...}`)
		}
		for i, m := range pm {
			switch octo.Method(m.Method) {
			case octo.MethodUzcard, octo.MethodHumo, octo.MethodBankCard:
				p.payMethods = append(p.payMethods, octo.Method(m.Method))
			default:
				return nil, 0, malformed(fmt.Sprintf("payment_methods[%d].method", i), "bank_card, uzcard or humo")
			}
		}
	}
	if len(p.payMethods) == 0 {
		p.payMethods = everyMethod
	}
	return p, ttl, nil
}

// checkBasket enforces a basket's lines (REFERENCE §2.1): position_desc,
// count and price required; fiscal codes, when given, registered for the
// shop (P-fiscal: error 403).
func (s *Sandbox) checkBasket(raw json.RawMessage) *apiErr {
	var items []fields
	if json.Unmarshal(raw, &items) != nil {
		return malformed("basket", "an array of objects")
	}
	for i, it := range items {
		name := func(k string) string { return fmt.Sprintf("basket[%d].%s", i, k) }
		if _, err := it.str("position_desc", true); err != nil {
			return missing(name("position_desc"))
		}
		n, _, err := it.integer("count", true)
		if err != nil || n < 1 {
			return malformed(name("count"), "a positive integer")
		}
		if !it.present("price") {
			return missing(name("price"))
		}
		// A free item (price 0) is allowed; the amount reader wants positive.
		if zero := strings.Trim(string(it["price"]), `" `); zero != "0" && zero != "0.0" && zero != "0.00" {
			if _, _, err := it.amount("price", true); err != nil {
				return malformed(name("price"), "a non-negative decimal number with at most 2 decimals")
			}
		}
		if err := s.checkFiscal(it); err != nil {
			return err
		}
	}
	return nil
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// lookup finds a payment by UUID and applies its expiries. Caller holds s.mu.
func (s *Sandbox) lookup(uuid string) (*payment, *apiErr) {
	p := s.st.payments[uuid]
	if p == nil {
		return nil, s.notFound(uuid)
	}
	s.expire(p)
	return p, nil
}
