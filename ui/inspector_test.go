package ui

import (
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/octo"
)

func TestInspectorListFollowsTheNewest(t *testing.T) {
	d := qaDriver(t, newFakeSandbox(), 80, 24)
	feed(d)
	d.send(fkey(3))
	got := d.screen()
	if !strings.Contains(got, "5 exchanges (the last") || !strings.Contains(selectedLine(got), "← notification") || !strings.Contains(got, "→ prepare_payment") {
		t.Fatalf("entries, newest first, the cursor on the newest:\n%s", got)
	}
	// At the top the cursor follows what arrives; further down it stays
	// on its entry.
	d.send(exchangeMsg{octo.Exchange{Method: "check_sms_key", HTTPStatus: 200, Started: fixedNow}})
	if !strings.Contains(selectedLine(d.screen()), "→ check_sms_key") {
		t.Errorf("the cursor did not follow the newest:\n%s", d.screen())
	}
	d.send(press("down"), press("down"))
	before := selectedLine(d.screen())
	d.send(exchangeMsg{octo.Exchange{Method: "set_accept", HTTPStatus: 200, Started: fixedNow}})
	if selectedLine(d.screen()) != before || !strings.Contains(d.screen(), "› 10:29:21  → status read") {
		t.Errorf("the cursor moved with new traffic:\n%s", d.screen())
	}
	d.send(press("up"), press("up"), press("up"))
	if !strings.Contains(selectedLine(d.screen()), "→ set_accept") {
		t.Errorf("back at the top the cursor does not follow the newest:\n%s", d.screen())
	}
}

// selectedLine is the screen's line under the cursor ("› …"), "" when none.
func selectedLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "› ") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func TestInspectorErrorsOnlyAndDetail(t *testing.T) {
	d := qaDriver(t, newFakeSandbox(), 80, 24)
	feed(d)
	d.send(fkey(3), press("e"))
	got := d.screen()
	if strings.Contains(got, "→ pay ") || !strings.Contains(got, "check_sms_key") || !strings.Contains(got, "error 11") {
		t.Fatalf("errors only:\n%s", got)
	}
	d.send(press("down"), press("enter"))
	got = d.screen()
	for _, want := range []string{"check_sms_key · POST", "no answer from OCTO", `"smsKey": "******"`, "(no answer)"} {
		if !strings.Contains(got, want) {
			t.Errorf("the detail has no %q:\n%s", want, got)
		}
	}
	d.send(press("esc"))
	if d.app.qa == nil || !strings.Contains(d.screen(), "exchanges (the last") {
		t.Fatal("esc in the detail did not go back to the list")
	}
	d.send(press("e"))
	if !strings.Contains(d.screen(), "→ pay ") {
		t.Errorf("e again did not show everything:\n%s", d.screen())
	}
	d.send(press("esc"))
	d.until("the inspector closed by esc on the list", func(a App) bool { return a.qa == nil })
}

func TestInspectorDetailScrolls(t *testing.T) {
	d := qaDriver(t, newFakeSandbox(), 80, 24)
	long := `{"data":{` + strings.Repeat(`"k":"v",`, 0)
	for i := 0; i < 40; i++ {
		long += `"field` + itoa(i) + `":` + itoa(i) + `,`
	}
	long += `"last":"the end"}}`
	d.send(exchangeMsg{octo.Exchange{Method: "prepare_payment", HTTPStatus: 200, Request: []byte(`{}`), Response: []byte(long)}})
	d.send(fkey(3), press("enter"))
	if strings.Contains(d.screen(), "the end") || !strings.Contains(d.screen(), "lines 1–") {
		t.Fatalf("a long answer is not cut to the screen:\n%s", d.screen())
	}
	for i := 0; i < 5; i++ {
		d.send(press(" "))
	}
	if !strings.Contains(d.screen(), `"last": "the end"`) {
		t.Fatalf("paging down did not reach the end:\n%s", d.screen())
	}
	d.send(press("up"))
	if !strings.Contains(d.screen(), `"last": "the end"`) {
		t.Errorf("one line up from past the end left the end:\n%s", d.screen())
	}
}

func TestInspectorEmpty(t *testing.T) {
	d := qaDriver(t, nil, 80, 24)
	d.send(fkey(3))
	if !strings.Contains(d.screen(), "Nothing sent to sandbox yet.") {
		t.Errorf("empty inspector:\n%s", d.screen())
	}
	d.send(press("enter"), press("down"), press("e"))
	if !strings.Contains(d.screen(), "No failed exchanges.") {
		t.Errorf("empty, errors only:\n%s", d.screen())
	}
}
