package sandbox

import (
	"io"
	"net/http"
)

// call is one request to an OCTO method.
type call struct {
	r           *http.Request
	method      string
	body        []byte
	f           fields
	ferr        *apiErr
	parsed      bool
	paymentUUID string // for the event log
	withhold    bool   // the lost-answer card: hold the answer, then drop it
}

// fields parses the body once.
func (c *call) fields() (fields, *apiErr) {
	if !c.parsed {
		c.f, c.ferr = parseBody(c.body)
		c.parsed = true
	}
	return c.f, c.ferr
}

const maxBody = 1 << 20

// api wraps an OCTO method: reads the body, logs the redacted request,
// applies injected faults, answers HTTP 200 with OCTO's envelope (business
// errors included, as OCTO does) and logs the answer.
func (s *Sandbox) api(method string, h func(*call) ([]byte, *apiErr)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		tooBig := len(body) > maxBody
		if tooBig {
			body = nil // not parsed, not logged
		}
		c := &call{r: r, method: method, body: body}
		c.paymentUUID = r.PathValue("uuid")
		ev := Event{Kind: EventRequest, Method: method, PaymentUUID: c.paymentUUID}
		if f, ferr := c.fields(); ferr == nil {
			ev.Body = redact(f)
		} else if len(body) > 0 {
			ev.Note = "unparsable body"
		} else if tooBig {
			ev.Note = "body over 1 MB"
		}
		s.record(ev)

		if fl, ok := s.fault(method, FaultLatency); ok {
			s.record(Event{Kind: EventFault, Method: method, Note: "latency " + fl.Latency.String()})
			if !sleepCtx(r.Context(), fl.Latency) {
				return
			}
		}
		var out []byte
		var aerr *apiErr
		fl, faulted := s.fault(method, FaultError, FaultDrop)
		switch {
		case err != nil:
			aerr = errf(codeFormat, "Wrong params: unreadable request body")
		case tooBig:
			aerr = maxBodyError()
		case faulted && fl.Kind == FaultError:
			s.record(Event{Kind: EventFault, Method: method, Code: fl.Code, Note: "error answer"})
			aerr = &apiErr{code: fl.Code, msg: fl.Message}
		default:
			out, aerr = h(c)
		}
		code := 0
		if aerr != nil {
			out, code = errBody(aerr), aerr.code
		}
		if c.withhold {
			s.record(Event{Kind: EventDropped, Method: method, PaymentUUID: c.paymentUUID,
				Note: "test card: the answer is withheld, then the connection is dropped"})
			if sleepCtx(r.Context(), s.opts.LostAnswerDelay) {
				panic(http.ErrAbortHandler)
			}
			return
		}
		if faulted && fl.Kind == FaultDrop {
			s.record(Event{Kind: EventFault, Method: method, PaymentUUID: c.paymentUUID, Note: "done, then the connection dropped"})
			panic(http.ErrAbortHandler)
		}
		s.record(Event{Kind: EventResponse, Method: method, PaymentUUID: c.paymentUUID, HTTPStatus: http.StatusOK, Code: code, Body: out})
		writeBody(w, http.StatusOK, out)
	}
}

func (s *Sandbox) routes() {
	m := http.NewServeMux()
	m.HandleFunc("POST /prepare_payment", s.api("prepare_payment", s.preparePayment))
	m.HandleFunc("POST /pay/{uuid}", s.api("pay", s.pay))
	vi := s.api("verificationInfo", s.verificationInfo)
	m.HandleFunc("GET /verificationInfo/{uuid}", vi)
	m.HandleFunc("POST /verificationInfo/{uuid}", vi)
	m.HandleFunc("POST /verificationInfo/{$}", vi)
	m.HandleFunc("POST /verificationInfo", vi)
	m.HandleFunc("POST /check_sms_key", s.api("check_sms_key", s.checkSMSKey))
	m.HandleFunc("POST /check_pan", s.api("check_pan", s.checkPAN))
	m.HandleFunc("POST /set_accept", s.api("set_accept", s.setAccept))
	m.HandleFunc("POST /callback", s.api("callback", s.callback))
	m.HandleFunc("POST /refund", s.api("refund", s.refundPayment))
	m.HandleFunc("POST /bind_card", s.api("bind_card", s.bindCard))
	bc := s.api("bind_card/check_sms_key", s.bindCheckSMSKey)
	m.HandleFunc("POST /bind_card/check_sms_key", bc)
	m.HandleFunc("POST /bind_card/check_sms", bc) // P-token's spelling (REFERENCE Q4)
	m.HandleFunc("POST /block_card_token", s.api("block_card_token", s.blockCardToken))
	m.HandleFunc("POST /fiscal-data", s.api("fiscal-data", s.fiscalDataCall))

	m.HandleFunc("GET /pay/{uuid}", s.payPage)
	m.HandleFunc("GET /status/{uuid}", s.statusPage)
	m.HandleFunc("GET /3ds/{uuid}", s.threeDSPage)
	m.HandleFunc("POST /3ds/{uuid}", s.threeDSPage)
	for _, method := range []string{"uzcard", "humo"} {
		m.HandleFunc("GET /"+method+"/sms/{uuid}", s.otpPage)
		m.HandleFunc("POST /"+method+"/sms/{uuid}", s.otpPage)
	}

	m.HandleFunc("GET /sandbox/sms", s.controlSMS)
	m.HandleFunc("GET /sandbox/stats", s.controlStats)
	m.HandleFunc("GET /sandbox/clock", s.controlClock)
	m.HandleFunc("POST /sandbox/clock", s.controlClock)
	m.HandleFunc("POST /sandbox/reset", s.controlReset)
	m.HandleFunc("POST /sandbox/3ds/{uuid}", s.control3DS)
	m.HandleFunc("GET /sandbox/faults", s.controlFaults)
	m.HandleFunc("POST /sandbox/faults", s.controlFaults)
	m.HandleFunc("DELETE /sandbox/faults", s.controlFaults)
	m.HandleFunc("GET /sandbox/events", s.controlEvents)
	m.HandleFunc("POST /sandbox/notifications/{seq}/replay", s.controlReplay)
	s.hostedRoutes(m)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// OCTO answers unknown paths (such as /check_status) with 403.
		http.Error(w, "Forbidden", http.StatusForbidden)
	})
	s.mux = m
}
