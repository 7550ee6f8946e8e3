package sandbox

import (
	"encoding/json"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// The control API (/sandbox/...) is the sandbox's own, not OCTO's: JSON in
// and out, HTTP status codes for its own errors.

func controlJSON(w http.ResponseWriter, status int, v any) {
	writeBody(w, status, marshal(v))
}

func controlErr(w http.ResponseWriter, status int, msg string) {
	controlJSON(w, status, map[string]string{"error": msg})
}

func readControl(r *http.Request, v any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, v)
}

func (s *Sandbox) controlClock(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		var in struct {
			AdvanceSeconds *int64 `json:"advance_seconds"`
		}
		if err := readControl(r, &in); err != nil || in.AdvanceSeconds == nil || *in.AdvanceSeconds < 0 {
			controlErr(w, http.StatusBadRequest, `want {"advance_seconds": N} with N >= 0`)
			return
		}
		d := time.Duration(*in.AdvanceSeconds) * time.Second
		s.Advance(d)
		s.record(Event{Kind: EventControl, Method: "clock", Note: "clock advanced by " + d.String()})
	}
	controlJSON(w, http.StatusOK, map[string]string{"now": s.Now().Format(time.RFC3339)})
}

func (s *Sandbox) controlReset(w http.ResponseWriter, _ *http.Request) {
	s.Reset()
	s.record(Event{Kind: EventControl, Method: "reset", Note: "state emptied"})
	controlJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

func (s *Sandbox) control3DS(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Result string `json:"result"`
	}
	if err := readControl(r, &in); err != nil || (in.Result != "approve" && in.Result != "decline") {
		controlErr(w, http.StatusBadRequest, `want {"result": "approve"|"decline"}`)
		return
	}
	uuid := r.PathValue("uuid")
	if err := s.Complete3DS(uuid, in.Result == "approve"); err != nil {
		controlErr(w, http.StatusConflict, err.Error())
		return
	}
	controlJSON(w, http.StatusOK, map[string]string{"octo_payment_UUID": uuid, "status": string(s.paymentStatus(uuid))})
}

func (s *Sandbox) paymentStatus(uuid string) octo.Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.st.payments[uuid]; p != nil {
		s.expire(p)
		return p.status
	}
	return ""
}

// faultJSON is a Fault on the control API, with the latency in ms.
type faultJSON struct {
	Method    string    `json:"method,omitempty"`
	Kind      FaultKind `json:"kind"`
	Count     int       `json:"count,omitempty"`
	Rate      float64   `json:"rate,omitempty"`
	LatencyMS int64     `json:"latency_ms,omitempty"`
	Code      int       `json:"code,omitempty"`
	Message   string    `json:"message,omitempty"`
}

func (s *Sandbox) controlFaults(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		var in faultJSON
		if err := readControl(r, &in); err != nil {
			controlErr(w, http.StatusBadRequest, "malformed JSON: "+err.Error())
			return
		}
		f := Fault{Method: in.Method, Kind: in.Kind, Count: in.Count, Rate: in.Rate,
			Latency: time.Duration(in.LatencyMS) * time.Millisecond, Code: in.Code, Message: in.Message}
		if err := s.inject(f); err != nil {
			controlErr(w, http.StatusBadRequest, err.Error())
			return
		}
		s.record(Event{Kind: EventControl, Method: "faults", Note: "fault armed: " + string(f.Kind) + " " + f.Method})
	case http.MethodDelete:
		s.ClearFaults()
		s.record(Event{Kind: EventControl, Method: "faults", Note: "faults cleared"})
	}
	out := []faultJSON{}
	for _, f := range s.Faults() {
		out = append(out, faultJSON{Method: f.Method, Kind: f.Kind, Count: f.Count, Rate: f.Rate,
			LatencyMS: f.Latency.Milliseconds(), Code: f.Code, Message: f.Message})
	}
	controlJSON(w, http.StatusOK, map[string][]faultJSON{"faults": out})
}

func (s *Sandbox) controlEvents(w http.ResponseWriter, r *http.Request) {
	since, _ := strconv.ParseInt(r.URL.Query().Get("since"), 10, 64)
	controlJSON(w, http.StatusOK, map[string][]Event{"events": s.ev.list(since)})
}

// The customer's pages: octo_pay_url, the OTP form, the 3-D Secure form
// and the status page. Plain HTML, enough for a browser or a QA walk.

// page is parsed at its first use, not at every start of the console.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(pageHTML))
})

const pageHTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>OCTO sandbox: {{.Title}}</title></head>
<body style="font-family:sans-serif;max-width:32em;margin:2em auto">
<h1>{{.Title}}</h1>
<p>Payment <code>{{.UUID}}</code>: {{.Amount}} {{.Currency}}, status <b>{{.Status}}</b>.</p>
{{if .Card}}<p>Card {{.Card}}</p>{{end}}
{{if .Message}}<p>{{.Message}}</p>{{end}}
{{if eq .Form "3ds"}}<form method="post">
<button name="result" value="approve">Approve</button>
<button name="result" value="decline">Decline</button></form>{{end}}
{{if eq .Form "otp"}}<form method="post">
<label>Code sent to {{.Phone}} ({{.SecondsLeft}} s left): <input name="code" inputmode="numeric" autocomplete="one-time-code"></label>
<button>Confirm</button></form>{{end}}
<p><small>OCTO sandbox: no real money moves.</small></p>
</body></html>
`

type pageData struct {
	Title, UUID, Amount, Currency, Status, Card, Message, Form, Phone string
	SecondsLeft                                                       int
}

func (s *Sandbox) pageFor(uuid, title string) (pageData, *payment, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.payments[uuid]
	if p == nil {
		return pageData{}, nil, false
	}
	s.expire(p)
	d := pageData{Title: title, UUID: p.uuid, Amount: p.total.StringFixed(2), Currency: p.currency, Status: string(p.status)}
	if p.card != nil {
		d.Card = p.card.masked()
	}
	if p.verify != nil {
		d.Phone, d.SecondsLeft = maskPhone(p.verify.phone), s.secondsLeft(p)
	}
	return d, p, true
}

func renderPage(w http.ResponseWriter, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = page().Execute(w, d)
}

func (s *Sandbox) statusPage(w http.ResponseWriter, r *http.Request) {
	d, _, ok := s.pageFor(r.PathValue("uuid"), "Payment status")
	if !ok {
		http.NotFound(w, r)
		return
	}
	renderPage(w, d)
}

func (s *Sandbox) threeDSPage(w http.ResponseWriter, r *http.Request) {
	uuid := r.PathValue("uuid")
	if r.Method == http.MethodPost {
		err := s.Complete3DS(uuid, r.FormValue("result") == "approve")
		if err == nil {
			s.redirectBack(w, r, uuid)
			return
		}
		d, _, ok := s.pageFor(uuid, "3-D Secure")
		if !ok {
			http.NotFound(w, r)
			return
		}
		d.Message = err.Error()
		renderPage(w, d)
		return
	}
	d, p, ok := s.pageFor(uuid, "3-D Secure")
	if !ok {
		http.NotFound(w, r)
		return
	}
	if p != nil && d.Status == string(octo.StatusWaitUserAction) && p.verify == nil {
		d.Form = "3ds"
	}
	renderPage(w, d)
}

func (s *Sandbox) otpPage(w http.ResponseWriter, r *http.Request) {
	uuid := r.PathValue("uuid")
	var msg string
	if r.Method == http.MethodPost {
		s.mu.Lock()
		p := s.st.payments[uuid]
		var aerr *apiErr
		if p == nil {
			aerr = s.notFound("")
		} else {
			s.expire(p)
			verifyID := int64(0)
			if p.verify != nil {
				verifyID = p.verify.id
			}
			_, aerr = s.checkOTP(p, verifyID, r.FormValue("code"))
		}
		s.mu.Unlock()
		if aerr == nil {
			s.redirectBack(w, r, uuid)
			return
		}
		msg = aerr.msg
	}
	d, p, ok := s.pageFor(uuid, "One-time code")
	if !ok {
		http.NotFound(w, r)
		return
	}
	d.Message = msg
	if p != nil && d.Status == string(octo.StatusWaitUserAction) && p.verify != nil {
		d.Form = "otp"
	}
	renderPage(w, d)
}

// redirectBack sends the customer to return_url with ?octo_status=, as
// integrators observe OCTO doing (REFERENCE §5.5).
func (s *Sandbox) redirectBack(w http.ResponseWriter, r *http.Request, uuid string) {
	s.mu.Lock()
	p := s.st.payments[uuid]
	target := "/status/" + uuid
	if p != nil && p.returnURL != "" {
		if u, err := url.Parse(p.returnURL); err == nil {
			q := u.Query()
			q.Set("octo_status", string(p.status))
			u.RawQuery = q.Encode()
			target = u.String()
		}
	}
	s.mu.Unlock()
	http.Redirect(w, r, target, http.StatusSeeOther)
}
