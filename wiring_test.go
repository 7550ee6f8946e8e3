package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
)

// The one wiring, on the embedded sandbox: every step leaves the screens
// what they need (a runner that journals before it sends, the journal,
// the sandbox's clock and notification URLs), a payment goes through it,
// and close releases everything: the sandbox stops and its temporary
// journal is removed.
func TestWireSandboxConsole(t *testing.T) {
	cfg := sandboxConsoleConfig(t)
	ctx := context.Background()
	w, err := wire(ctx, cfg, consoleRun{})
	if err != nil {
		t.Fatal(err)
	}
	o := w.opts
	if o.Runner == nil || o.Journal == nil || o.Reconcile == nil || o.ApplyHint == nil || w.model == nil ||
		o.Gateway != "sandbox" || !strings.HasSuffix(o.NotifyURL, run.NotifyPath) || o.StoreStatus != nil {
		t.Fatalf("the screens' options are not wired: %+v", o)
	}
	if got := w.clock.Now().Sub(w.sb.Now()); got > 0 {
		t.Errorf("the runner's clock is not the sandbox's (%v ahead)", got)
	}
	w.frames.done() // no terminal here: the journal opens now
	<-w.jg.wired    // the runner journals from here on (the screens' runner waits for this)
	p, err := flows.NewCardPayment(flows.Sale, flows.Order{Amount: decimal.NewFromInt(5000), Test: true, ReturnURL: o.ReturnURL},
		octo.Card{PAN: "8600000000000015", Exp: "2912"})
	if err != nil {
		t.Fatal(err)
	}
	p, err = run.Drive(ctx, w.runner, p, flows.Start{})
	if err != nil || p.State != flows.AwaitingOTP {
		t.Fatalf("a sale through the wiring: %s (%s), %v", p.State, p.Problem, err)
	}
	j, err := w.jg.wait()
	if err != nil {
		t.Fatal(err)
	}
	if rec, err := j.Get(ctx, p.ShopTransactionID); err != nil || rec.State != flows.AwaitingOTP {
		t.Errorf("the journal: %s, %v", rec.State, err)
	}
	journal := j.Path()
	w.close()
	if _, err := os.Stat(journal); !os.IsNotExist(err) {
		t.Errorf("the sandbox's temporary journal %s is still there: %v", journal, err)
	}
	if _, err := octo.NewClient(w.sb.ShopID(), w.sb.Secret(), octo.WithBaseURL(strings.TrimSuffix(o.ReturnURL, "/"))).
		Status(ctx, p.ShopTransactionID); err == nil {
		t.Error("the sandbox still answers after close")
	}
}

// openedConsole wires a console of cfg, closed after the test, with its
// journal opening now (no terminal here to draw a first frame).
func openedConsole(t *testing.T, cfg Config) *wiring {
	t.Helper()
	w, err := wire(context.Background(), cfg, consoleRun{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.close)
	w.frames.done()
	return w
}

// sandboxConsoleConfig is a console's configuration on the embedded
// sandbox, its journal, log and state in a fresh directory.
func sandboxConsoleConfig(t *testing.T) Config {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	t.Setenv("TMPDIR", home)
	cfg, err := LoadConfig(writeConfig(t, "[console]\nlog_file = \""+filepath.Join(home, "console.log")+"\"\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// A step that fails stops the wiring with the setting to blame; the log
// the first step opened has the start (and is closed with the rest).
func TestWireFailedStepSaysWhich(t *testing.T) {
	home := t.TempDir()
	log := filepath.Join(home, "console.log")
	cfg, err := LoadConfig(writeConfig(t, "[octo]\nshop_id = 7\nsecret = \"s\"\nnotify_listen = \"256.0.0.1:1\"\n"+
		"notify_url = \"https://shop.test/octo/notify\"\nreturn_url = \"https://shop.test/back\"\n"+
		"[console]\njournal = \""+filepath.Join(home, "journal.db")+"\"\nlog_file = \""+log+"\"\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wire(context.Background(), cfg, consoleRun{}); err == nil || !strings.Contains(err.Error(), "notify_listen") {
		t.Fatalf("a bad notify_listen: %v", err)
	}
	data, err := os.ReadFile(log)
	if err != nil || !strings.Contains(string(data), "msg=start") {
		t.Errorf("the log of the failed start: %q, %v", data, err)
	}
}
