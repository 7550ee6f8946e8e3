package octo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// DefaultBaseURL is OCTO's one host; test payments differ by a body flag,
// not by URL (REFERENCE §1).
const DefaultBaseURL = "https://secure.octo.uz"

// DefaultTimeout bounds one attempt of one call.
const DefaultTimeout = 30 * time.Second

// Tashkent is Asia/Tashkent as a fixed UTC+5 zone (Uzbekistan has no
// daylight saving time), so the client does not depend on tzdata. OCTO's
// init_time, payed_time and refund_time are read and written in it.
var Tashkent = time.FixedZone("Asia/Tashkent", 5*60*60)

// Client calls OCTO. It is safe for concurrent use; make one per shop and
// share it.
type Client struct {
	shopID    int64
	secret    Secret
	uniqueKey Secret
	baseURL   string
	http      *http.Client
	observer  Observer
	logger    *slog.Logger
	timeout   time.Duration
	retry     RetryPolicy

	// now and sleep are the clock; tests inside the package replace them.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	pace       pacer
	verifyPOST atomic.Bool // the GET form of verificationInfo was refused once
}

// Option configures a Client.
type Option func(*Client)

// NewClient returns a client for the shop with OCTO's shop id and secret.
func NewClient(shopID int64, secret string, opts ...Option) *Client {
	c := &Client{
		shopID:  shopID,
		secret:  Secret(secret),
		baseURL: DefaultBaseURL,
		http:    &http.Client{CheckRedirect: noRedirects},
		timeout: DefaultTimeout,
		retry:   DefaultRetryPolicy(),
		now:     time.Now,
		sleep:   sleepCtx,
	}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	return c
}

// WithBaseURL points the client at another host, e.g. the sandbox.
func WithBaseURL(u string) Option {
	return func(c *Client) {
		if u = strings.TrimRight(strings.TrimSpace(u), "/"); u != "" {
			c.baseURL = u
		}
	}
}

// WithHTTPClient replaces the HTTP client (tests, proxies, the in-memory
// sandbox). Its own Timeout, if any, applies on top of WithTimeout, and its
// redirect policy is its own (the default client follows none).
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) {
		if h != nil {
			c.http = h
		}
	}
}

// WithObserver sets a function that receives a redacted copy of every
// attempt with its timing.
func WithObserver(o Observer) Option { return func(c *Client) { c.observer = o } }

// WithLogger logs one line per attempt (method, attempt, HTTP status, code,
// duration, error); never a body.
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.logger = l } }

// WithTimeout bounds each attempt (default 30 s). The caller's context
// still bounds the whole call, retries included.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithUniqueKey sets the notification signing key OCTO support issues
// ("unique_key"), used by Client.VerifyNotification.
func WithUniqueKey(k string) Option { return func(c *Client) { c.uniqueKey = Secret(k) } }

// WithRetry sets how safe calls (Status, VerificationInfo, PreparePayment)
// are retried. Zero fields take their defaults. Other calls are never
// re-sent, whatever the policy.
func WithRetry(p RetryPolicy) Option { return func(c *Client) { c.retry = p.withDefaults() } }

// ShopID returns the shop id the client sends.
func (c *Client) ShopID() int64 { return c.shopID }

// BaseURL returns the host the client calls.
func (c *Client) BaseURL() string { return c.baseURL }

// Format prints the shop and host only, never the secret, for every verb.
func (c *Client) Format(f fmt.State, verb rune) {
	if c == nil {
		_, _ = io.WriteString(f, "octo.Client(nil)")
		return
	}
	_, _ = fmt.Fprintf(f, "octo.Client{shop %d, %s}", c.shopID, c.baseURL)
}

// RetryPolicy says how safe calls are retried.
type RetryPolicy struct {
	// MaxAttempts counts the first try; 1 disables retries. Default 3.
	MaxAttempts int
	// BaseDelay is the wait before the first retry, doubled for each
	// next one up to MaxDelay. Defaults 500 ms and 5 s.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// MinReadInterval spaces status reads of one shop_transaction_id
	// (OCTO allows about one per second) and is the wait after "Requests
	// too often". Default 1 s.
	MinReadInterval time.Duration
}

// DefaultRetryPolicy is used when WithRetry is not given.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 5 * time.Second, MinReadInterval: time.Second}
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.MinReadInterval <= 0 {
		p.MinReadInterval = d.MinReadInterval
	}
	return p
}

// noRedirects keeps the default client from following a redirect: OCTO
// does not redirect API calls, and following one would send card data and
// the secret to another URL (or drop the body of a POST turned into GET).
// The 3xx answer becomes a TransportError instead.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
