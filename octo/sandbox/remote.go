package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Remote drives a sandbox served elsewhere (`octo-cashier sandbox`)
// through its control API (/sandbox/...): the SMS outbox, the clock,
// 3-D Secure answers, faults and the event log. It is what the command
// line's trigger, events and faults use against a standalone sandbox; in
// the same process, call the Sandbox's own methods.
type Remote struct {
	BaseURL string       // the sandbox's address, e.g. http://127.0.0.1:8080
	HTTP    *http.Client // nil: a client with a 10 s timeout
}

// ErrNoControlAPI is what a Remote's calls wrap when the server answers
// but has no control API there: OCTO itself, or another service.
var ErrNoControlAPI = errors.New("no sandbox control API")

func (r Remote) client() *http.Client {
	if r.HTTP != nil {
		return r.HTTP
	}
	return &http.Client{Timeout: 10 * time.Second}
}

// do sends a control call and decodes its JSON answer into out (nil: discarded).
func (r Remote) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(r.BaseURL, "/")+path, body)
	if err != nil {
		return fmt.Errorf("sandbox at %s: %w", r.BaseURL, err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.client().Do(req)
	if err != nil {
		return fmt.Errorf("sandbox at %s: %w", r.BaseURL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("sandbox at %s: %s %s: %w", r.BaseURL, method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			return fmt.Errorf("sandbox at %s: %s %s: %s", r.BaseURL, method, path, e.Error)
		}
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound {
			return fmt.Errorf("%s answers %s %s with HTTP %d: %w (is it `octo-cashier sandbox`?)",
				r.BaseURL, method, path, resp.StatusCode, ErrNoControlAPI)
		}
		return fmt.Errorf("sandbox at %s: %s %s: HTTP %d", r.BaseURL, method, path, resp.StatusCode)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("sandbox at %s: %s %s: %w: %w", r.BaseURL, method, path, ErrNoControlAPI, err)
	}
	return nil
}

// Now reads the sandbox's clock (GET /sandbox/clock). It is also the
// cheapest way to check that a sandbox answers there.
func (r Remote) Now(ctx context.Context) (time.Time, error) {
	var out struct {
		Now time.Time `json:"now"`
	}
	err := r.do(ctx, http.MethodGet, "/sandbox/clock", nil, &out)
	return out.Now, err
}

// Advance moves the sandbox's clock on by d, in whole seconds (rounded up).
func (r Remote) Advance(ctx context.Context, d time.Duration) error {
	secs := int64((d + time.Second - 1) / time.Second)
	return r.do(ctx, http.MethodPost, "/sandbox/clock", map[string]int64{"advance_seconds": secs}, nil)
}

// SMS reads the outbox, oldest first.
func (r Remote) SMS(ctx context.Context) ([]SMS, error) {
	var out struct {
		Messages []SMS `json:"messages"`
	}
	err := r.do(ctx, http.MethodGet, "/sandbox/sms", nil, &out)
	return out.Messages, err
}

// LastCode is the last code texted for a payment, and whether there is one.
func (r Remote) LastCode(ctx context.Context, paymentUUID string) (string, bool, error) {
	msgs, err := r.SMS(ctx)
	if err != nil {
		return "", false, err
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].PaymentUUID == paymentUUID {
			return msgs[i].Code, true, nil
		}
	}
	return "", false, nil
}

// Complete3DS answers a payment's 3-D Secure page.
func (r Remote) Complete3DS(ctx context.Context, paymentUUID string, approve bool) error {
	result := "decline"
	if approve {
		result = "approve"
	}
	return r.do(ctx, http.MethodPost, "/sandbox/3ds/"+url.PathEscape(paymentUUID), map[string]string{"result": result}, nil)
}

// Faults lists the armed faults.
func (r Remote) Faults(ctx context.Context) ([]Fault, error) {
	var out struct {
		Faults []faultJSON `json:"faults"`
	}
	err := r.do(ctx, http.MethodGet, "/sandbox/faults", nil, &out)
	return faultsOf(out.Faults), err
}

// Inject arms a fault and returns every armed fault. Unlike the
// Sandbox's own Inject, an invalid fault is an error.
func (r Remote) Inject(ctx context.Context, f Fault) ([]Fault, error) {
	in := faultJSON{Method: f.Method, Kind: f.Kind, Count: f.Count, Rate: f.Rate,
		LatencyMS: f.Latency.Milliseconds(), Code: f.Code, Message: f.Message}
	var out struct {
		Faults []faultJSON `json:"faults"`
	}
	err := r.do(ctx, http.MethodPost, "/sandbox/faults", in, &out)
	return faultsOf(out.Faults), err
}

// ClearFaults disarms every fault.
func (r Remote) ClearFaults(ctx context.Context) error {
	return r.do(ctx, http.MethodDelete, "/sandbox/faults", nil, nil)
}

// Events reads the event log after sequence number since (0: all it keeps).
func (r Remote) Events(ctx context.Context, since int64) ([]Event, error) {
	var out struct {
		Events []Event `json:"events"`
	}
	err := r.do(ctx, http.MethodGet, "/sandbox/events?since="+strconv.FormatInt(since, 10), nil, &out)
	return out.Events, err
}

func faultsOf(in []faultJSON) []Fault {
	out := make([]Fault, 0, len(in))
	for _, f := range in {
		out = append(out, Fault{Method: f.Method, Kind: f.Kind, Count: f.Count, Rate: f.Rate,
			Latency: time.Duration(f.LatencyMS) * time.Millisecond, Code: f.Code, Message: f.Message})
	}
	return out
}
