package ui

import (
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// exchangeBody is one exchange as the inspector (live, from the observer)
// and the payment detail (journaled) show it: what was asked, how it went,
// and the redacted request and response, redacted again for display.
type exchangeBody struct {
	method, httpMethod, url string
	httpStatus, code        int
	attempt                 int
	took                    time.Duration
	started                 time.Time
	err                     string
	request, response       []byte
}

func exchangeBodyOf(x octo.Exchange) exchangeBody {
	return exchangeBody{method: x.Method, httpMethod: x.HTTPMethod, url: x.URL, httpStatus: x.HTTPStatus,
		code: x.Code, attempt: x.Attempt, took: x.Duration, started: x.Started, err: x.Err,
		request: x.Request, response: x.Response}
}

func exchangeBodyOfRecord(r flows.ExchangeRecord) exchangeBody {
	return exchangeBody{method: r.Method, httpMethod: r.HTTPMethod, url: r.Path, httpStatus: r.HTTPStatus,
		code: r.Code, attempt: r.Attempt, took: r.Duration, started: r.At, err: r.Err,
		request: []byte(r.Request), response: []byte(r.Response)}
}

// head is the exchange's facts, one per line, cut to width.
func (x exchangeBody) head(st styles, loc *time.Location, width int) []string {
	head := []string{st.subtitle.Render(x.method) + " · " + x.httpMethod + " " +
		truncate(scrubPANs(x.url), max(width-len(x.method)-10, 20))}
	head = append(head, st.Tf("HTTP %d · OCTO code %d · %s · attempt %d · %s", x.httpStatus, x.code,
		formatLatency(x.took, st.T("ms")), max(x.attempt, 1), x.started.In(loc).Format("15:04:05.000")))
	if x.err != "" {
		head = append(head, st.bad.Render(truncate("✗ "+scrubPANs(x.err), max(width, 20))))
	}
	return head
}

// lines is the request then the response, for scrolled.
func (x exchangeBody) lines(st styles) []string {
	lines := []string{st.subtitle.Render(st.T("Request"))}
	if req := redactedLines(x.request); req != nil {
		lines = append(lines, req...)
	} else {
		lines = append(lines, st.muted.Render(st.T("(no body)")))
	}
	lines = append(lines, "", st.subtitle.Render(st.T("Response")))
	if resp := redactedLines(x.response); resp != nil {
		lines = append(lines, resp...)
	} else {
		lines = append(lines, st.muted.Render(st.T("(no answer)")))
	}
	return lines
}

// notificationBody is one notification as the inspector and the payment
// detail show it.
type notificationBody struct {
	at              time.Time
	bind            bool
	status, shopTx  string
	token           string // shortened, bind notifications from a hint only
	signature, body string // "" when only the hint was seen
}

func notificationBodyOf(n flows.NotificationRecord) notificationBody {
	return notificationBody{at: n.At, bind: n.Kind == "bind", status: n.Status, shopTx: n.ShopTransactionID,
		signature: n.Signature, body: n.Body}
}

// signatureFailed says the notification must not be believed.
func (n notificationBody) signatureFailed() bool { return n.signature == "bad" }

func (n notificationBody) head(st styles, loc *time.Location) []string {
	what := st.T("Notification received")
	if n.bind {
		what = st.T("Bind notification received")
	}
	head := []string{st.subtitle.Render(what) + " · " + n.at.In(loc).Format("15:04:05"),
		st.label.Render(st.T("Notified status")) + n.status,
		st.label.Render(st.T("Shop transaction")) + n.shopTx}
	if n.token != "" {
		head = append(head, st.label.Render(st.T("Card token"))+n.token)
	}
	if n.signatureFailed() {
		head = append(head, st.bad.Render("✗ "+st.T("Signature failed: not acted upon")))
	}
	return head
}

func (n notificationBody) lines(st styles) []string {
	if strings.TrimSpace(n.body) == "" {
		return []string{st.muted.Render(st.T("The listener keeps the status it was told, not the body; the payment's status is read from the gateway."))}
	}
	return redactedLines([]byte(n.body))
}
