package octo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"
)

// maxAnswer caps how much of an answer is read; OCTO's biggest, the payment
// object, is about 3 KB.
const maxAnswer = 1 << 20

// call describes one API call.
type call struct {
	method     string // API method for errors and the observer, e.g. "pay"
	httpMethod string
	path       string // after the base URL, starting with "/"
	body       any    // encoded as JSON; nil sends no body
	safe       bool   // may be retried: reads, and prepare_payment keyed by shop_transaction_id
	paceKey    string // shop_transaction_id whose reads are spaced MinReadInterval apart
	// statusRead names a prepare_payment that only reads a payment's status
	// (REFERENCE §2.2), so the log tells it from the one that creates it.
	statusRead bool
	sensitive  []string
}

// do runs the call, retrying it only when it is safe, and decodes a
// successful answer into out.
func (c *Client) do(ctx context.Context, cl call, out any) error {
	var reqBody []byte
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return fmt.Errorf("%s: encode request: %w", cl.method, err)
		}
		reqBody = b
	}
	cl.sensitive = append(cl.sensitive, string(c.secret))
	for attempt := 1; ; attempt++ {
		if cl.paceKey != "" {
			if wait := c.pace.reserve(cl.paceKey, c.now(), c.retry.MinReadInterval); wait > 0 {
				if err := c.sleep(ctx, wait); err != nil {
					return &TransportError{Method: cl.method, Err: err}
				}
			}
		}
		err := c.attempt(ctx, cl, reqBody, attempt, out)
		if err == nil || !cl.safe {
			return err
		}
		wait, again := shouldRetry(c.retry, attempt, err)
		if !again || ctx.Err() != nil {
			return err
		}
		if c.sleep(ctx, wait) != nil {
			return err
		}
	}
}

// shouldRetry decides whether a safe call that failed with err on its
// attempt-th try is tried again, and after how long. It is pure: the same
// inputs give the same answer.
func shouldRetry(p RetryPolicy, attempt int, err error) (time.Duration, bool) {
	if err == nil || attempt >= p.MaxAttempts {
		return 0, false
	}
	backoff := p.BaseDelay
	for i := 1; i < attempt && backoff < p.MaxDelay; i++ {
		backoff *= 2
	}
	if backoff > p.MaxDelay {
		backoff = p.MaxDelay
	}
	var oe *Error
	if errors.As(err, &oe) {
		switch {
		case oe.TooOften():
			return p.MinReadInterval, true
		case oe.Code == CodeInternal:
			return backoff, true
		}
		return 0, false // a business refusal does not change by asking again
	}
	var te *TransportError
	if errors.As(err, &te) {
		if errors.Is(te.Err, context.Canceled) {
			return 0, false
		}
		switch s := te.HTTPStatus; {
		case s == 0, s == http.StatusRequestTimeout, s == http.StatusTooManyRequests, s >= 500:
			return backoff, true
		case s >= 200 && s < 300: // an answer that was not OCTO's JSON, e.g. a proxy page
			return backoff, true
		}
		return 0, false // 403 for an unknown path and the like will not heal
	}
	return 0, false
}

// attempt sends the request once.
func (c *Client) attempt(ctx context.Context, cl call, reqBody []byte, attempt int, out any) (result error) {
	url := c.baseURL + cl.path
	start := c.now()
	var (
		status   int
		respBody []byte
	)
	defer func() {
		result = scrubError(result, cl.sensitive)
		c.report(ctx, cl, url, reqBody, respBody, status, attempt, start, result)
	}()

	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var tr traceState
	actx = httptrace.WithClientTrace(actx, tr.trace())
	var body io.Reader
	if reqBody != nil {
		body = bytes.NewReader(reqBody)
	}
	req, err := http.NewRequestWithContext(actx, cl.httpMethod, url, body)
	if err != nil {
		return &TransportError{Method: cl.method, Err: err}
	}
	if reqBody != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "octo-cashier")
	if err := ctx.Err(); err != nil {
		return &TransportError{Method: cl.method, Err: err}
	}

	resp, err := c.http.Do(req)
	if err == nil {
		status = resp.StatusCode
		respBody, err = io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
		_ = resp.Body.Close()
	}
	switch {
	case err != nil:
		return &TransportError{Method: cl.method, Sent: tr.sent(err), HTTPStatus: status, Err: err}
	case status < 200 || status > 299:
		return &TransportError{Method: cl.method, Sent: true, HTTPStatus: status,
			Err: fmt.Errorf("unexpected answer %d %s", status, http.StatusText(status))}
	}
	return decodeAnswer(cl.method, status, respBody, out)
}

// report hands the redacted exchange to the observer and the logger.
func (c *Client) report(ctx context.Context, cl call, url string, reqBody, respBody []byte, status, attempt int, start time.Time, err error) {
	if c.observer == nil && c.logger == nil {
		return
	}
	ex := Exchange{
		Method:     cl.method,
		HTTPMethod: cl.httpMethod,
		URL:        url,
		Request:    redactJSON(reqBody, cl.sensitive),
		Response:   redactJSON(respBody, cl.sensitive),
		HTTPStatus: status,
		Started:    start,
		Duration:   c.now().Sub(start),
		Attempt:    attempt,
	}
	var oe *Error
	if errors.As(err, &oe) {
		ex.Code, ex.Message = oe.Code, oe.Message
	}
	if err != nil {
		ex.Err = err.Error()
		ex.MayHaveReached = MayHaveReached(err)
	}
	if c.observer != nil {
		c.observer(ex)
	}
	if c.logger != nil {
		level := slog.LevelInfo
		attrs := []slog.Attr{
			slog.String("method", ex.Method), slog.Int("attempt", attempt),
			slog.Int("http_status", status), slog.Int("code", ex.Code), slog.Duration("duration", ex.Duration),
		}
		if err != nil {
			level = slog.LevelWarn
			attrs = append(attrs, slog.String("err", ex.Err), slog.Bool("may_have_reached", MayHaveReached(err)))
		}
		msg := "octo call"
		if cl.statusRead {
			msg = "octo status read" // a prepare_payment too, but one that changes nothing
		}
		c.logger.LogAttrs(ctx, level, msg, attrs...)
	}
}

// traceState learns from httptrace whether the request may have left.
type traceState struct {
	getConn, gotConn, wrote atomic.Bool
}

func (t *traceState) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn:      func(string) { t.getConn.Store(true) },
		GotConn:      func(httptrace.GotConnInfo) { t.gotConn.Store(true) },
		WroteRequest: func(httptrace.WroteRequestInfo) { t.wrote.Store(true) },
	}
}

// sent reports whether a request that failed with err may have reached the
// server. Once a connection was handed over, some bytes may have gone, so
// only "never got a connection" counts as certainly not sent. A transport
// that reports nothing to httptrace (an in-memory one) is only trusted to
// have sent nothing on a dial or DNS failure.
func (t *traceState) sent(err error) bool {
	if t.gotConn.Load() || t.wrote.Load() {
		return true
	}
	if t.getConn.Load() {
		return false
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return false
	}
	var dns *net.DNSError
	return !errors.As(err, &dns)
}

// pacer spaces reads of the same shop_transaction_id.
type pacer struct {
	mu   sync.Mutex
	last map[string]time.Time
	// pruneAt is the size at which the keys read long ago are dropped:
	// twice what was left by the last pruning, at least pacerKeep. A
	// fixed 4096 kept every payment's key (80 B) for 4,096 payments, the
	// console's memory growing with each; doubling keeps the pruning's
	// cost to one visit per key added.
	pruneAt int
}

// pacerKeep is the fewest keys the pacer holds before it prunes.
const pacerKeep = 64

// reserve books the next read of key at or after now and returns how long
// to wait for it. Concurrent readers of one key queue one interval apart.
func (p *pacer) reserve(key string, now time.Time, interval time.Duration) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == nil {
		p.last = make(map[string]time.Time)
	}
	next := now
	if t, ok := p.last[key]; ok && t.Add(interval).After(now) {
		next = t.Add(interval)
	}
	p.last[key] = next
	if len(p.last) > max(p.pruneAt, pacerKeep) {
		for k, t := range p.last {
			if now.Sub(t) > interval {
				delete(p.last, k)
			}
		}
		p.pruneAt = 2 * len(p.last)
	}
	return next.Sub(now)
}
