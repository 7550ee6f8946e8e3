package main

import (
	"encoding/json"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui/qa"
)

// sandboxControls gives the console's QA tools the embedded sandbox's
// clock, faults and notification log, in the ui package's terms (ui does
// not import the sandbox).
type sandboxControls struct{ sb *sandbox.Sandbox }

func (c sandboxControls) Now() time.Time { return c.sb.Now() }

func (c sandboxControls) Advance(d time.Duration) []qa.Expiry {
	return expiries(c.sb.FastForward(d))
}

func (c sandboxControls) Deadlines() []qa.Expiry { return expiries(c.sb.Deadlines()) }

func expiries(in []sandbox.Expiry) []qa.Expiry {
	out := make([]qa.Expiry, len(in))
	for i, e := range in {
		out[i] = qa.Expiry{What: e.What, PaymentUUID: e.PaymentUUID, ShopTransactionID: e.ShopTransactionID, At: e.At}
	}
	return out
}

func (c sandboxControls) Faults() []qa.Fault {
	in := c.sb.Faults()
	out := make([]qa.Fault, len(in))
	for i, f := range in {
		out[i] = qa.Fault{Method: f.Method, Kind: string(f.Kind), Count: f.Count, Rate: f.Rate, Latency: f.Latency}
	}
	return out
}

func (c sandboxControls) Inject(f qa.Fault) {
	c.sb.Inject(sandbox.Fault{Method: f.Method, Kind: sandbox.FaultKind(f.Kind), Count: f.Count, Rate: f.Rate, Latency: f.Latency})
}

func (c sandboxControls) ClearFaults() { c.sb.ClearFaults() }

func (c sandboxControls) Notifications() []qa.SentNotification {
	var out []qa.SentNotification
	for _, e := range c.sb.Events() {
		if e.Kind == sandbox.EventNotification || e.Kind == sandbox.EventBindNotification {
			out = append(out, sentNotification(e))
		}
	}
	return out
}

func (c sandboxControls) Replay(seq int64) (qa.SentNotification, error) {
	e, err := c.sb.Replay(seq)
	if e.Seq == 0 {
		return qa.SentNotification{}, err
	}
	return sentNotification(e), err
}

func sentNotification(e sandbox.Event) qa.SentNotification {
	var body struct {
		ShopTransactionID string `json:"shop_transaction_id"`
	}
	_ = json.Unmarshal(e.Body, &body) // the id is a convenience; the UUID is always there
	return qa.SentNotification{
		Seq: e.Seq, Time: e.Time, Bind: e.Kind == sandbox.EventBindNotification,
		Status: e.Method, PaymentUUID: e.PaymentUUID, ShopTransactionID: body.ShopTransactionID,
		URL: e.URL, Body: e.Body, HTTPStatus: e.HTTPStatus, Answer: e.Answer, Attempt: e.Attempt, Note: e.Note,
	}
}

// sandboxCustomer is the embedded sandbox's customer for the scenario
// tool: they pay a payment on its page with a test card, any future
// expiry, as they would on their phone.
type sandboxCustomer struct{ sb *sandbox.Sandbox }

func (c sandboxCustomer) pay(paymentUUID, pan string) (string, error) {
	exp := c.sb.Now().AddDate(3, 0, 0).Format("01/06")
	st, err := c.sb.PayAsCustomer(paymentUUID, sandbox.CustomerCard{PAN: pan, Exp: exp, CVC: "123", Holder: "SANDBOX CUSTOMER"})
	return string(st), err
}
