package sandbox

import (
	"bytes"
	"context"
	"crypto/sha1" //nolint:gosec // OCTO's signature is SHA-1 (REFERENCE §5.3)
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
)

// Notification signing recipes (REFERENCE §5.3).
const (
	RecipeUniqueKey  = "unique_key"  // UPPER(sha1(unique_key + uuid + status))
	RecipeSecretHash = "secret_hash" // UPPER(sha1(UPPER(sha1(secret + hash_key)) + uuid + status)): the old docs' sha1(sha1(secret, hash_key), uuid, status)
	RecipeYahont     = "yahont"      // UPPER(sha1(UPPER(sha1("yahont"+secret+hash_key)) + uuid + status))
)

func sha1hex(s string) string {
	h := sha1.Sum([]byte(s)) //nolint:gosec // OCTO's recipe
	return hex.EncodeToString(h[:])
}

// Sign computes a notification's signature under the configured recipe.
// Tests and merchants use it to check what the sandbox sent.
func (s *Sandbox) Sign(paymentUUID, status, hashKey string) string {
	return sign(s.opts, paymentUUID, status, hashKey)
}

func sign(o Options, paymentUUID, status, hashKey string) string {
	switch o.SignatureRecipe {
	case RecipeSecretHash:
		h := strings.ToUpper(sha1hex(o.Secret + hashKey))
		return strings.ToUpper(sha1hex(h + paymentUUID + status))
	case RecipeYahont:
		h := strings.ToUpper(sha1hex("yahont" + o.Secret + hashKey))
		return strings.ToUpper(sha1hex(h + paymentUUID + status))
	}
	return strings.ToUpper(sha1hex(o.UniqueKey + paymentUUID + status))
}

// notification is the body posted to notify_url (REFERENCE §5.1).
type notification struct {
	ShopTransactionID string   `json:"shop_transaction_id"`
	PaymentUUID       string   `json:"octo_payment_UUID"`
	Status            string   `json:"status"`
	Signature         string   `json:"signature"`
	HashKey           string   `json:"hash_key"`
	TotalSum          amountN  `json:"total_sum"`
	TransferSum       *amountN `json:"transfer_sum,omitempty"`
	RefundedSum       amountN  `json:"refunded_sum"`
	Currency          string   `json:"currency"`
	CardCountry       string   `json:"card_country,omitempty"`
	MaskedPan         string   `json:"maskedPan,omitempty"`
	CardType          string   `json:"card_type,omitempty"`
	CardVendor        string   `json:"card_vendor,omitempty"`
	IsPhysicalCard    *bool    `json:"is_physical_card,omitempty"`
	RRN               string   `json:"rrn,omitempty"`
	RiskLevel         int      `json:"riskLevel"`
	PayedTime         string   `json:"payed_time,omitempty"`
}

type notifyJob struct {
	status   octo.Status
	url      string
	body     []byte
	attempts int
	nextAt   time.Time
}

// maxNotifyAttempts bounds the retries (about a day of the backoff below).
const maxNotifyAttempts = 60

func notifyBackoff(attempt int) time.Duration {
	steps := []time.Duration{10 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute}
	if attempt-1 < len(steps) {
		return steps[attempt-1]
	}
	return 30 * time.Minute
}

// enqueueNotification queues the payment's current state for notify_url.
// Notifications of one payment go out in order. Caller holds s.mu.
func (s *Sandbox) enqueueNotification(p *payment) {
	if p.notifyURL == "" {
		return
	}
	hashKey := newUUID()
	n := notification{
		ShopTransactionID: p.shopTxID,
		PaymentUUID:       p.uuid,
		Status:            string(p.status),
		Signature:         sign(s.opts, p.uuid, string(p.status), hashKey),
		HashKey:           hashKey,
		TotalSum:          amountN(p.total),
		RefundedSum:       amountN(p.refunded),
		Currency:          p.currency,
		RiskLevel:         -1,
	}
	if p.card != nil {
		physical := true
		n.CardCountry = p.card.scheme.country()
		n.MaskedPan = p.card.masked()
		n.CardType = p.card.scheme.cardType()
		n.CardVendor = p.card.scheme.vendor()
		n.IsPhysicalCard = &physical
		n.RRN = p.rrn
		n.RiskLevel = 0
	}
	if !p.payedTime.IsZero() {
		t := amountN(p.transfer())
		n.TransferSum = &t
		n.PayedTime = octoTime(p.payedTime)
	}
	p.notifyQ = append(p.notifyQ, &notifyJob{status: p.status, url: p.notifyURL, body: marshal(n), nextAt: s.now()})
	s.st.pending[p] = struct{}{}
	s.kick()
}

// deliverLoop starts deliveries that are due on the virtual clock. It wakes
// on new notifications, on Advance and, with a real-time clock, every
// second (which also applies expiries).
func (s *Sandbox) deliverLoop() {
	defer s.wg.Done()
	var tick <-chan time.Time
	if s.opts.RealTime {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		tick = t.C
	}
	for {
		s.dispatch()
		select {
		case <-s.done:
			return
		case <-s.wake:
		case <-tick:
			s.mu.Lock()
			s.sweep()
			s.mu.Unlock()
		}
	}
}

func (s *Sandbox) dispatch() {
	var jobs []func()
	s.mu.Lock()
	now, st := s.now(), s.st
	for p := range st.pending {
		if p.notifyBusy {
			continue
		}
		if len(p.notifyQ) == 0 {
			delete(st.pending, p)
			continue
		}
		j := p.notifyQ[0]
		if j.nextAt.After(now) {
			continue
		}
		p.notifyBusy = true
		j.attempts++
		jobs = append(jobs, func() { s.deliver(st, p, j) })
	}
	for _, b := range st.bindQ {
		if b.busy || b.done || b.nextAt.After(now) {
			continue
		}
		b.busy = true
		b.attempts++
		jobs = append(jobs, func() { s.deliverBind(st, b) })
	}
	s.mu.Unlock()
	for _, fn := range jobs {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			fn()
		}()
	}
}

// post sends one JSON body and returns the HTTP status and the answer.
func (s *Sandbox) post(url string, body []byte) (int, []byte, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-s.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.opts.NotifyClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, answer, err
}

// dropNotification takes the head of p's queue, done with. The queue
// lets go of its array once empty: q[1:] of the last job kept the array,
// and through it the job and its body (700 B), for as long as the payment
// was kept — up to 10,000 finished payments by default. Caller holds s.mu.
func (p *payment) dropNotification() {
	p.notifyQ[0] = nil
	p.notifyQ = p.notifyQ[1:]
	if len(p.notifyQ) == 0 {
		p.notifyQ = nil
	}
}

// merchantAnswer is what a merchant may answer a waiting_for_capture
// notification with (REFERENCE §5.2).
type merchantAnswer struct {
	AcceptStatus string          `json:"accept_status"`
	FinalAmount  json.RawMessage `json:"final_amount"`
}

func (s *Sandbox) deliver(st *state, p *payment, j *notifyJob) {
	ev := Event{Kind: EventNotification, Method: string(j.status), PaymentUUID: p.uuid, URL: j.url, Body: j.body, Attempt: j.attempts}
	var status int
	var answer []byte
	var err error
	if _, lost := s.fault(string(j.status), FaultLoseNotification); lost {
		ev.Note = "lost (fault): not sent"
		status = http.StatusOK
	} else {
		status, answer, err = s.post(j.url, j.body)
		if _, dup := s.fault(string(j.status), FaultDuplicateNotification); dup {
			s.record(Event{Kind: EventNotification, Method: string(j.status), PaymentUUID: p.uuid, URL: j.url, Body: j.body, Attempt: j.attempts, Note: "duplicate (fault)"})
			_, _, _ = s.post(j.url, j.body)
		}
		ev.HTTPStatus, ev.Answer = status, string(answer)
		if err != nil {
			ev.Note = "not delivered: " + err.Error()
		}
	}

	s.mu.Lock()
	defer s.kick()
	defer s.mu.Unlock()
	if s.st != st { // Reset while in flight
		return
	}
	p.notifyBusy = false
	if err == nil && status == http.StatusOK {
		p.dropNotification()
		if j.status == octo.StatusWaitingForCapture && len(answer) > 0 {
			ev.Note = s.actOnAnswer(p, answer)
		}
	} else if j.attempts >= maxNotifyAttempts {
		p.dropNotification()
		ev.Note = strings.TrimSpace(ev.Note + "; giving up after the last attempt")
	} else {
		j.nextAt = s.now().Add(notifyBackoff(j.attempts))
		ev.Note = strings.TrimSpace(ev.Note + "; retry at " + octoTime(j.nextAt))
	}
	ev.Time = s.now()
	s.ev.record(ev)
}

// actOnAnswer captures or cancels a hold as the merchant's answer says.
// Caller holds s.mu.
func (s *Sandbox) actOnAnswer(p *payment, answer []byte) string {
	var a merchantAnswer
	if json.Unmarshal(answer, &a) != nil || a.AcceptStatus == "" {
		return "no accept_status in the answer"
	}
	var final *decimal.Decimal
	if len(a.FinalAmount) > 0 && string(a.FinalAmount) != "null" {
		d, _, err := fields{"final_amount": a.FinalAmount}.amount("final_amount", true)
		if err != nil {
			return "answer refused: " + err.msg
		}
		final = &d
	}
	if err := s.accept(p, a.AcceptStatus, final); err != nil {
		return "answer refused: " + err.msg
	}
	return "answer applied: " + a.AcceptStatus
}
