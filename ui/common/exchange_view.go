package common

import (
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// ExchangeBody is one exchange as the inspector (live, from the observer)
// and the payment detail (journaled) show it: what was asked, how it went,
// and the redacted request and response, redacted again for display.
type ExchangeBody struct {
	method, httpMethod, url string
	httpStatus, code        int
	attempt                 int
	took                    time.Duration
	started                 time.Time
	err                     string
	request, response       []byte
}

func ExchangeBodyOf(x octo.Exchange) ExchangeBody {
	return ExchangeBody{method: x.Method, httpMethod: x.HTTPMethod, url: x.URL, httpStatus: x.HTTPStatus,
		code: x.Code, attempt: x.Attempt, took: x.Duration, started: x.Started, err: x.Err,
		request: x.Request, response: x.Response}
}

func ExchangeBodyOfRecord(r flows.ExchangeRecord) ExchangeBody {
	return ExchangeBody{method: r.Method, httpMethod: r.HTTPMethod, url: r.Path, httpStatus: r.HTTPStatus,
		code: r.Code, attempt: r.Attempt, took: r.Duration, started: r.At, err: r.Err,
		request: []byte(r.Request), response: []byte(r.Response)}
}

// head is the exchange's facts, one per line, cut to width.
func (x ExchangeBody) Head(st Styles, loc *time.Location, width int) []string {
	head := []string{st.Subtitle.Render(x.method) + " · " + x.httpMethod + " " +
		Truncate(ScrubPANs(x.url), max(width-len(x.method)-10, 20))}
	head = append(head, st.Tf("HTTP %d · OCTO code %d · %s · attempt %d · %s", x.httpStatus, x.code,
		FormatLatency(x.took, st.T("ms")), max(x.attempt, 1), x.started.In(loc).Format("15:04:05.000")))
	if x.err != "" {
		head = append(head, st.Bad.Render(Truncate("✗ "+ScrubPANs(x.err), max(width, 20))))
	}
	return head
}

// lines is the request then the response, for scrolled.
func (x ExchangeBody) Lines(st Styles) []string {
	lines := []string{st.Subtitle.Render(st.T("Request"))}
	if req := RedactedLines(x.request); req != nil {
		lines = append(lines, req...)
	} else {
		lines = append(lines, st.Muted.Render(st.T("(no body)")))
	}
	lines = append(lines, "", st.Subtitle.Render(st.T("Response")))
	if resp := RedactedLines(x.response); resp != nil {
		lines = append(lines, resp...)
	} else {
		lines = append(lines, st.Muted.Render(st.T("(no answer)")))
	}
	return lines
}

// NotificationBody is one notification as the inspector and the payment
// detail show it.
type NotificationBody struct {
	At              time.Time
	Bind            bool
	Status, ShopTx  string
	Token           string // shortened, bind notifications from a hint only
	Signature, Body string // "" when only the hint was seen
}

func NotificationBodyOf(n flows.NotificationRecord) NotificationBody {
	return NotificationBody{At: n.At, Bind: n.Kind == "bind", Status: n.Status, ShopTx: n.ShopTransactionID,
		Signature: n.Signature, Body: n.Body}
}

// SignatureFailed says the notification must not be believed.
func (n NotificationBody) SignatureFailed() bool { return n.Signature == "bad" }

func (n NotificationBody) Head(st Styles, loc *time.Location) []string {
	what := st.T("Notification received")
	if n.Bind {
		what = st.T("Bind notification received")
	}
	head := []string{st.Subtitle.Render(what) + " · " + n.At.In(loc).Format("15:04:05"),
		st.Label.Render(st.T("Notified status")) + n.Status,
		st.Label.Render(st.T("Shop transaction")) + n.ShopTx}
	if n.Token != "" {
		head = append(head, st.Label.Render(st.T("Card token"))+n.Token)
	}
	if n.SignatureFailed() {
		head = append(head, st.Bad.Render("✗ "+st.T("Signature failed: not acted upon")))
	}
	return head
}

func (n NotificationBody) Lines(st Styles) []string {
	if strings.TrimSpace(n.Body) == "" {
		return []string{st.Muted.Render(st.T("The listener keeps the status it was told, not the body; the payment's status is read from the gateway."))}
	}
	return RedactedLines([]byte(n.Body))
}
