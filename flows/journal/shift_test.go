package journal

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
)

func TestOpenShiftKeepsOnlyAPINHash(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	s, err := j.CurrentShift(ctx)
	if err != nil || s.No != 1 || s.Operator != "" || s.HasPIN() {
		t.Fatalf("a new journal's shift: %+v, %v", s, err)
	}
	if _, err := j.OpenShift(ctx, "  ", "", octotest.T0); err == nil {
		t.Error("a shift opened without a name")
	}
	s, err = j.OpenShift(ctx, "Aziza", "482913", octotest.T0)
	if err != nil || s.Operator != "Aziza" || !s.HasPIN() {
		t.Fatalf("open: %+v, %v", s, err)
	}
	if _, err := j.OpenShift(ctx, "Bobur", "", octotest.T0); !errors.Is(err, flows.ErrShiftOpened) {
		t.Errorf("a second opening: %v, want ErrShiftOpened", err)
	}
	s, err = j.CurrentShift(ctx)
	if err != nil || s.Operator != "Aziza" || !s.At.Equal(octotest.T0.Truncate(time.Millisecond)) {
		t.Fatalf("read back: %+v, %v", s, err)
	}
	if !s.CheckPIN("482913") || s.CheckPIN("482914") || s.CheckPIN("") {
		t.Error("the PIN check does not tell the PIN from others")
	}
	salt, hash := storedPIN(t, j)
	if len(salt) != 16 || len(hash) != 32 || strings.Contains(string(hash)+string(salt), "482913") {
		t.Errorf("stored salt %x hash %x", salt, hash)
	}
	// The next shift (after a Z report) is nobody's until opened; the Z
	// report names who worked the shift it closed.
	z, err := j.ZReport(ctx, octotest.T0.Add(time.Hour))
	if err != nil || z.Operator != "Aziza" {
		t.Fatalf("Z: %+v, %v", z, err)
	}
	if s, _ := j.CurrentShift(ctx); s.No != 2 || s.Operator != "" || s.HasPIN() {
		t.Errorf("after Z: %+v", s)
	}
}

func TestReportByChannel(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	flowstest.Write(t, j, flowstest.Rec("u", flows.Sale, flows.Succeeded, "100", "100", "860000******0015"), octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("h", flows.Sale, flows.Succeeded, "200", "200", "986000******0018"), octotest.T0)
	flowstest.Write(t, j, flowstest.Rec("v", flows.Hold, flows.Succeeded, "300", "250", "411111******1111"), octotest.T0) // 50 released
	flowstest.Write(t, j, flowstest.Rec("m", flows.Sale, flows.Succeeded, "400", "400", "555555******4444"), octotest.T0)
	tok := flowstest.Rec("t", flows.Sale, flows.Succeeded, "500", "500", "860000******0015")
	tok.CardToken = "tok-1"
	flowstest.Write(t, j, tok, octotest.T0)
	x, err := j.XReportAt(ctx, octotest.T0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range x.Lines {
		got[l.Of()+"/"+l.Bucket] = l.Amount.StringFixed(2)
	}
	want := map[string]string{"uzcard/sold": "100.00", "humo/sold": "200.00", "visa/captured": "250.00",
		"mastercard/sold": "400.00", "token/sold": "500.00"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if n, amt := x.Releases(); n != 1 || !amt.Equal(octotest.Dec("50")) {
		t.Errorf("releases %d / %s", n, amt)
	}
	// A later write moves the payment between buckets: the partial capture
	// refunded in part stays one release and becomes one refund.
	v := flowstest.Rec("v", flows.Hold, flows.Succeeded, "300", "250", "411111******1111")
	v.Refunded = octotest.Dec("20")
	flowstest.Write(t, j, v, octotest.T0)
	x, _ = j.XReportAt(ctx, octotest.T0)
	if n, _ := x.Releases(); n != 1 {
		t.Errorf("releases after a rewrite: %d", n)
	}
	if n, amt := x.Refunds(); n != 1 || !amt.Equal(octotest.Dec("20")) {
		t.Errorf("refunds %d / %s", n, amt)
	}
}
