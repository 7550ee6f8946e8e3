package sandbox_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Remote makes the control calls a sandbox in the same process offers as
// methods, over HTTP, with the same results.
func TestRemoteControl(t *testing.T) {
	ctx := context.Background()
	e := newLoopbackEnv(t, sandbox.Options{})
	r := sandbox.Remote{BaseURL: e.base + "/", HTTP: e.hc}

	now, err := r.Now(ctx)
	if err != nil || !now.Equal(start) {
		t.Fatalf("Now: %v %v", now, err)
	}
	uuid := e.prepare(e.txID(), true, "1000", nil)
	e.payOTP(uuid, "8600000000000015", "uzcard")
	code, ok, err := r.LastCode(ctx, uuid)
	if want := e.code(uuid); err != nil || !ok || code != want {
		t.Errorf("LastCode: %q %v %v, want %q", code, ok, err, want)
	}
	if _, ok, err := r.LastCode(ctx, "no-such-payment"); ok || err != nil {
		t.Errorf("LastCode of an unknown payment: %v %v", ok, err)
	}
	if err := r.Advance(ctx, 1500*time.Millisecond); err != nil || !e.sb.Now().Equal(start.Add(2*time.Second)) {
		t.Errorf("Advance rounds up to whole seconds: %v, now %v", err, e.sb.Now())
	}

	visa := e.prepare(e.txID(), true, "1000", nil)
	e.ok("/pay/"+visa, cardBody("4111111111111111", "bank_card"))
	if err := r.Complete3DS(ctx, visa, true); err != nil {
		t.Fatalf("Complete3DS: %v", err)
	}
	if err := r.Complete3DS(ctx, visa, true); err == nil {
		t.Error("a second 3-D Secure answer was taken")
	}

	armed, err := r.Inject(ctx, sandbox.Fault{Kind: sandbox.FaultLatency, Method: "pay", Latency: 2 * time.Second, Count: 2})
	if err != nil || len(armed) != 1 || armed[0].Latency != 2*time.Second || armed[0].Count != 2 {
		t.Fatalf("Inject: %+v %v", armed, err)
	}
	if _, err := r.Inject(ctx, sandbox.Fault{Kind: "slow"}); err == nil {
		t.Error("an unknown fault kind was armed")
	}
	if fs, err := r.Faults(ctx); err != nil || len(fs) != 1 || fs[0].Method != "pay" {
		t.Errorf("Faults: %+v %v", fs, err)
	}
	if err := r.ClearFaults(ctx); err != nil || len(e.sb.Faults()) != 0 {
		t.Errorf("ClearFaults: %v, %d left", err, len(e.sb.Faults()))
	}

	all, err := r.Events(ctx, 0)
	if err != nil || len(all) != len(e.sb.Events()) {
		t.Fatalf("Events: %d %v, want %d", len(all), err, len(e.sb.Events()))
	}
	after, err := r.Events(ctx, all[len(all)-3].Seq)
	if err != nil || len(after) != 2 || after[1].Seq != all[len(all)-1].Seq {
		t.Errorf("Events after a seq: %+v %v", after, err)
	}
}

// A server that is not a sandbox says so; one that is not there says that.
func TestRemoteNotASandbox(t *testing.T) {
	ctx := context.Background()
	octo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "Forbidden", http.StatusForbidden) // OCTO answers unknown paths so
	}))
	defer octo.Close()
	if _, err := (sandbox.Remote{BaseURL: octo.URL}).Now(ctx); !errors.Is(err, sandbox.ErrNoControlAPI) {
		t.Errorf("OCTO's answer: %v", err)
	}
	octo.Close()
	if _, err := (sandbox.Remote{BaseURL: octo.URL}).SMS(ctx); err == nil || errors.Is(err, sandbox.ErrNoControlAPI) {
		t.Errorf("nobody there: %v", err)
	}
}
