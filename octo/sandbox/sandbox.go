// Package sandbox is a stateful simulator of the OCTO payment gateway. It
// speaks OCTO's wire format (paths, JSON fields, envelopes and documented
// quirks), keeps payments, one-time codes, holds, refunds and card tokens in
// memory on a virtual clock, posts signed notifications, and adds a control
// API (/sandbox/...) for QA and tests: the SMS outbox, the clock, 3-D Secure
// answers, fault injection and an event log.
//
// It is a library first (an http.Handler with an in-memory *http.Client for
// tests and the console) and a command second (Command).
package sandbox

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// Options configure a Sandbox. The zero value is usable.
type Options struct {
	ShopID int64  // the one test shop's octo_shop_id; default 1
	Secret string // its octo_secret; default "sandbox-secret"

	// UniqueKey signs notifications under the "unique_key" recipe; default
	// "sandbox-unique-key".
	UniqueKey string
	// SignatureRecipe is how notifications are signed (REFERENCE §5.3):
	// "unique_key" (default): UPPER(sha1(unique_key + uuid + status));
	// "secret_hash": UPPER(sha1(UPPER(sha1(secret + hash_key)) + uuid + status));
	// "yahont": UPPER(sha1(UPPER(sha1("yahont" + secret + hash_key)) + uuid + status)).
	SignatureRecipe string

	// PublicURL is the sandbox's own base URL for octo_pay_url and
	// redirectUrl; empty derives it from each request's Host.
	PublicURL string

	OTPLifetime time.Duration // one-time code lifetime; default 3m
	MaxResends  int           // check_pan resends per payment before error 17; default 3
	HoldTimeout time.Duration // an unconfirmed hold is canceled after this; default 30m
	DefaultTTL  time.Duration // payment lifetime when prepare_payment has no ttl; default 15m

	// Start is the virtual clock's start; default time.Now.
	Start time.Time
	// RealTime makes the virtual clock also move with the wall clock (the
	// standalone command and the console want this); by default it moves
	// only on Advance, which keeps tests deterministic.
	RealTime bool

	// NoRateLimit switches off the one-status-read-per-second limit, for
	// tests that read often without moving the clock.
	NoRateLimit bool

	// NotifyClient delivers notifications; default a client with a 5 s
	// timeout.
	NotifyClient *http.Client

	// LostAnswerDelay is how long check_sms_key's answer is withheld for
	// card 8600 0000 0000 0031 before the connection is dropped; default
	// 2m. It ends early when the request's context ends.
	LostAnswerDelay time.Duration

	// EventLimit is how many events the log keeps; default 10000.
	EventLimit int

	// RefundMin is OCTO's smallest refund of a UZS payment, 1 USD's
	// equivalent (REFERENCE §2.9); default 12800. USD payments: 1.00.
	RefundMin decimal.Decimal
	// Fiscal are the fiscal objects registered for the shop (P-fiscal): a
	// basket line carrying fiscal codes must match one of them, or
	// prepare_payment answers error 403.
	Fiscal []FiscalObject
	// SMSLimit is how many texts the SMS outbox keeps; default 10000.
	SMSLimit int
	// Retention is how long a finished payment (succeeded, canceled,
	// failed) stays known, for status reads and refunds; default 24h, a
	// demo day. MaxFinished bounds how many are kept however recent;
	// default 10000. Past either, the oldest finished payment is forgotten.
	Retention   time.Duration
	MaxFinished int
}

func (o *Options) defaults() {
	if o.ShopID == 0 {
		o.ShopID = 1
	}
	if o.Secret == "" {
		o.Secret = "sandbox-secret"
	}
	if o.UniqueKey == "" {
		o.UniqueKey = "sandbox-unique-key"
	}
	if o.SignatureRecipe == "" {
		o.SignatureRecipe = RecipeUniqueKey
	}
	if o.OTPLifetime <= 0 {
		o.OTPLifetime = 3 * time.Minute
	}
	if o.MaxResends <= 0 {
		o.MaxResends = 3
	}
	if o.HoldTimeout <= 0 {
		o.HoldTimeout = 30 * time.Minute
	}
	if o.DefaultTTL <= 0 {
		o.DefaultTTL = 15 * time.Minute
	}
	if o.Start.IsZero() {
		o.Start = time.Now()
	}
	if o.NotifyClient == nil {
		o.NotifyClient = &http.Client{Timeout: 5 * time.Second}
	}
	if o.LostAnswerDelay <= 0 {
		o.LostAnswerDelay = 2 * time.Minute
	}
	if o.EventLimit <= 0 {
		o.EventLimit = 10000
	}
	if !o.RefundMin.IsPositive() {
		o.RefundMin = defaultRefundMin
	}
	if o.SMSLimit <= 0 {
		o.SMSLimit = 10000
	}
	if o.Retention <= 0 {
		o.Retention = 24 * time.Hour
	}
	if o.MaxFinished <= 0 {
		o.MaxFinished = 10000
	}
}

// Sandbox is a simulated OCTO with one test shop. It is an http.Handler
// serving OCTO's paths, the customer pages (payment, OTP and 3-D Secure)
// and the control API under /sandbox/. All methods are safe for concurrent
// use.
type Sandbox struct {
	opts Options
	mux  *http.ServeMux

	mu        sync.Mutex // guards everything below
	offset    time.Duration
	realStart time.Time
	st        *state
	faults    []*faultState

	ev events

	wake     chan struct{}
	done     chan struct{}
	wg       sync.WaitGroup
	closeOne sync.Once
	panKey   [32]byte // keys the PAN fingerprints; never leaves the instance
}

// state is everything Reset empties.
type state struct {
	payments map[string]*payment // by octo_payment_UUID
	byShopTx map[string]*payment // by shop_transaction_id
	byID     map[int64]*payment  // by numeric id
	tokens   map[string]*token   // by card_token
	refunds  map[string]*refund  // by shop_refund_id
	sms      *outbox
	expiries *deadlineQueue // payments that can lapse, by when (retention.go)
	finished *retained      // final payments, oldest first, until forgotten
	recent   recent         // the last payment's repeated values, to share
	// lastFinished is the payment that finished last, not yet made lean.
	lastFinished *payment
	// refundsStale says a payment with refunds may have been forgotten.
	refundsStale bool
	forgotten    int // finished payments forgotten (retention.go)
	nextID       int64
	nextVerify   int64
	nextRefund   int64
	pending      map[*payment]struct{} // payments with notifications to deliver
	bindQ        []*bindJob
}

func newState(o Options) *state {
	return &state{
		sms:        newOutbox(o.SMSLimit),
		expiries:   newDeadlineQueue(),
		finished:   newRetained(),
		payments:   make(map[string]*payment),
		byShopTx:   make(map[string]*payment),
		byID:       make(map[int64]*payment),
		tokens:     make(map[string]*token),
		refunds:    make(map[string]*refund),
		nextID:     5000,   // payment ids and verifyIds live in different ranges,
		nextVerify: 800000, // so a client that swaps them is caught
		nextRefund: 1,
		pending:    make(map[*payment]struct{}),
	}
}

// New returns a sandbox with an empty state and starts its notification
// delivery. Call Close when done.
func New(o Options) *Sandbox {
	o.defaults()
	s := &Sandbox{
		opts:      o,
		realStart: time.Now(),
		st:        newState(o),
		wake:      make(chan struct{}, 1),
		done:      make(chan struct{}),
	}
	s.ev.limit = o.EventLimit
	if _, err := rand.Read(s.panKey[:]); err != nil {
		panic(fmt.Sprintf("sandbox: crypto/rand: %v", err))
	}
	s.routes()
	s.wg.Add(1)
	go s.deliverLoop()
	return s
}

// ShopID returns the test shop's octo_shop_id.
func (s *Sandbox) ShopID() int64 { return s.opts.ShopID }

// Secret returns the test shop's octo_secret.
func (s *Sandbox) Secret() string { return s.opts.Secret }

// HoldTimeout is how long an unconfirmed hold lives before it is canceled.
func (s *Sandbox) HoldTimeout() time.Duration { return s.opts.HoldTimeout }

// ServeHTTP serves OCTO's API, the customer pages and the control API.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Close stops notification delivery. In-flight deliveries finish first.
func (s *Sandbox) Close() {
	s.closeOne.Do(func() { close(s.done) })
	s.wg.Wait()
}

// Now is the virtual clock.
func (s *Sandbox) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now()
}

func (s *Sandbox) now() time.Time {
	t := s.opts.Start.Add(s.offset)
	if s.opts.RealTime {
		t = t.Add(time.Since(s.realStart))
	}
	return t
}

// Advance moves the virtual clock forward by d: one-time codes, payment
// lifetimes and holds expire, and notification retries fall due.
func (s *Sandbox) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	s.mu.Lock()
	s.offset += d
	s.sweep()
	s.mu.Unlock()
	s.kick()
}

// Reset empties the state: payments, tokens, refunds, the SMS outbox,
// pending notifications, faults and the event log. The clock stays.
func (s *Sandbox) Reset() {
	s.mu.Lock()
	s.st = newState(s.opts)
	s.faults = nil
	s.mu.Unlock()
	s.ev.reset()
}

// kick wakes the notification loop.
func (s *Sandbox) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Client returns an *http.Client whose requests are served in memory by
// the sandbox, without a socket. Any host name in the URL works.
func (s *Sandbox) Client() *http.Client { return ClientFor(s) }

// ClientFor returns an *http.Client whose requests h serves in memory,
// without a socket: the sandbox's (Client), or a console's notification
// listener that an in-process sandbox posts to. Any host name works.
func ClientFor(h http.Handler) *http.Client { return &http.Client{Transport: Transport{Handler: h}} }

// errDropped is what the in-memory transport returns for a dropped
// connection, like a real socket closed without an answer.
var errDropped = errors.New("sandbox: connection closed without an answer")

// Transport is an http.RoundTripper that serves each request with Handler
// in memory. A handler that aborts (panics with http.ErrAbortHandler, as
// the sandbox's dropped-answer faults do) is a connection closed without
// an answer; a request whose context has ended is not served.
type Transport struct{ Handler http.Handler }

// RoundTrip serves req with t.Handler.
func (t Transport) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	if err := req.Context().Err(); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	in := req.Clone(req.Context())
	if req.Body == nil {
		in.Body = http.NoBody
	} else {
		b, rerr := io.ReadAll(req.Body)
		req.Body.Close()
		if rerr != nil {
			return nil, rerr
		}
		in.Body = io.NopCloser(bytes.NewReader(b))
		in.ContentLength = int64(len(b))
	}
	in.RequestURI = req.URL.RequestURI()
	in.Host = req.URL.Host
	in.RemoteAddr = "memory"
	rec := httptest.NewRecorder()
	defer func() {
		if r := recover(); r != nil {
			if r != http.ErrAbortHandler { //nolint:errorlint // a sentinel panic value, not a wrapped error
				panic(r)
			}
			resp, err = nil, errDropped
			if cerr := req.Context().Err(); cerr != nil {
				err = cerr
			}
		}
	}()
	t.Handler.ServeHTTP(rec, in)
	if cerr := req.Context().Err(); cerr != nil {
		return nil, cerr
	}
	resp = rec.Result()
	resp.Request = req
	return resp, nil
}

// sleepCtx waits d of real time or until ctx ends; it reports whether the
// full time passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
