package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui/qa"
)

// sandboxPost sends a JSON body to the in-memory sandbox and decodes the
// answer's data.
func sandboxPost(t *testing.T, sb *sandbox.Sandbox, path string, body map[string]any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := sb.Client().Post("http://sandbox.test"+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Error int            `json:"error"`
		Data  map[string]any `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Error != 0 {
		t.Fatalf("POST %s: error %d %v", path, out.Error, err)
	}
	return out.Data
}

// TestSandboxControls walks the QA tools' adapter over a real sandbox:
// faults, deadlines and a clock move, notifications and a replay.
func TestSandboxControls(t *testing.T) {
	answers := make(chan string, 8)
	merchant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		answers <- string(b)
		_, _ = io.WriteString(w, "OK")
	}))
	t.Cleanup(merchant.Close)
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	sb := sandbox.New(sandbox.Options{Start: start})
	t.Cleanup(sb.Close)
	var c qa.SandboxControls = sandboxControls{sb}

	c.Inject(qa.Fault{Kind: qa.FaultLatency, Rate: 1, Latency: 3 * time.Second})
	c.Inject(qa.Fault{Kind: qa.FaultDrop, Method: "check_sms_key", Count: 1})
	if fs := c.Faults(); len(fs) != 2 || fs[0].Latency != 3*time.Second || fs[1].Kind != qa.FaultDrop || fs[1].Count != 1 {
		t.Fatalf("faults = %+v", fs)
	}
	c.ClearFaults()
	if len(c.Faults()) != 0 {
		t.Fatal("ClearFaults left faults")
	}

	data := sandboxPost(t, sb, "/prepare_payment", map[string]any{
		"octo_shop_id": sb.ShopID(), "octo_secret": sb.Secret(), "shop_transaction_id": "oc-qa-1", "auto_capture": true,
		"test": true, "init_time": "2026-11-23 10:00:00", "total_sum": 1000, "currency": "UZS", "description": "QA",
		"return_url": "https://shop.example/", "language": "en", "ttl": 10, "notify_url": merchant.URL + "/octo/notify",
	})
	uuid, _ := data["octo_payment_UUID"].(string)
	sandboxPost(t, sb, "/pay/"+uuid, map[string]any{"pan": "4111111111111111", "exp": "3012", "cvc2": "123",
		"method": "bank_card", "cardHolderName": "QA", "email": "qa@example.com"})
	first := <-answers

	if ds := c.Deadlines(); len(ds) != 1 || ds[0].What != qa.ExpiryPayment || ds[0].ShopTransactionID != "oc-qa-1" {
		t.Errorf("deadlines = %+v", ds)
	}
	if !c.Now().Equal(start) {
		t.Errorf("now = %s, want %s", c.Now(), start)
	}

	var sent []qa.SentNotification
	for hang := time.Now().Add(10 * time.Second); len(sent) == 0; { // logged once the answer is in
		if time.Now().After(hang) {
			t.Fatal("the delivery never reached the log")
		}
		sent = c.Notifications()
		time.Sleep(time.Millisecond)
	}
	n := sent[0]
	if n.Status != "wait_user_action" || n.ShopTransactionID != "oc-qa-1" || n.HTTPStatus != 200 || n.Answer != "OK" || n.Attempt != 1 || n.Bind {
		t.Errorf("notification = %+v", n)
	}
	again, err := c.Replay(n.Seq)
	if err != nil || again.Seq <= n.Seq || again.HTTPStatus != 200 {
		t.Fatalf("replay = %+v, %v", again, err)
	}
	if got := <-answers; got != first {
		t.Errorf("replayed %s, first was %s", got, first)
	}
	if _, err := c.Replay(again.Seq + 1000); err == nil {
		t.Error("replaying an unknown event succeeded")
	}

	passed := c.Advance(11 * time.Minute)
	if len(passed) != 1 || passed[0].PaymentUUID != uuid || !c.Now().Equal(start.Add(11*time.Minute)) {
		t.Errorf("advance passed %+v, now %s", passed, c.Now())
	}
}
