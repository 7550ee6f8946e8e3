package main

import (
	"os"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/journal"
)

// A store's counter: named in the file or the environment, and a name
// that is not a short printable text is refused with its key.
func TestCounterConfig(t *testing.T) {
	p := writeConfig(t, "[octo]\nshop_id = 1\nsecret = \"s\"\nbase_url = \"http://127.0.0.1:8080\"\nreturn_url = \"https://shop.uz/done\"\n"+
		"[console]\ncounter = \"B\"\njournal = \"postgres://octo@db.shop/cashier\"\n")
	cfg, err := LoadConfig(p, true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Console.Counter != "B" || cfg.Console.Journal != "postgres://octo@db.shop/cashier" {
		t.Errorf("counter %q journal %q", cfg.Console.Counter, cfg.Console.Journal)
	}
	cfg, err = LoadConfig(p, true, func(k string) string {
		if k == "OCTO_CASHIER_COUNTER" {
			return "front desk"
		}
		return ""
	})
	if err != nil || cfg.Console.Counter != "front desk" {
		t.Errorf("OCTO_CASHIER_COUNTER: %q, %v", cfg.Console.Counter, err)
	}
	for _, bad := range []string{strings.Repeat("x", 33), "A\\nB"} {
		_, err := LoadConfig(writeConfig(t, "[console]\ncounter = \""+bad+"\"\n"), true, noEnv)
		if err == nil || !strings.Contains(err.Error(), "console.counter") {
			t.Errorf("counter %q: %v, want an error naming console.counter", bad, err)
		}
	}
}

// A store journal on each console's embedded sandbox is refused: the
// counters must share one gateway.
func TestStoreJournalNeedsOneGateway(t *testing.T) {
	_, err := LoadConfig(writeConfig(t, "[console]\njournal = \"postgres://octo@db.shop/cashier\"\n"), true, noEnv)
	if err == nil || !strings.Contains(err.Error(), "console.journal") {
		t.Errorf("store journal on the embedded sandbox: %v", err)
	}
}

// A store journal's URL makes nothing on the till's disk: localPaths
// passes it through untouched (no "postgres:" directory beside the binary).
func TestStoreJournalPathPassesThrough(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	cfg := defaultConfig()
	cfg.Console.Journal = "postgres://octo@127.0.0.1:1/shop"
	j, _, err := localPaths(cfg)
	if err != nil || j != cfg.Console.Journal {
		t.Errorf("localPaths: %q, %v", j, err)
	}
	if _, err := os.Stat("postgres:"); err == nil {
		_ = os.RemoveAll("postgres:")
		t.Error("localPaths made a directory out of the URL")
	}
}

// The header names the till on a store journal only.
func TestTillInTheHeader(t *testing.T) {
	cfg := defaultConfig()
	if got := tillOf(cfg); got != "" {
		t.Errorf("single till: %q", got)
	}
	cfg.Console.Journal = "postgres://octo@db/shop"
	if got := tillOf(cfg); got != "A" {
		t.Errorf("store, no counter set: %q", got)
	}
	cfg.Console.Counter = "back office"
	if got := tillOf(cfg); got != "back office" {
		t.Errorf("store: %q", got)
	}
}

// Receipts and reports name the counter when one is set, and always in a
// store (its default "A"); a single till without one names none, so its
// receipts print as before.
func TestCounterOnReceipts(t *testing.T) {
	cfg := defaultConfig()
	if got := configOptions(cfg, "/state/x.log").Counter; got != "" {
		t.Errorf("single till without a counter: %q", got)
	}
	cfg.Console.Counter = " B "
	if got := configOptions(cfg, "/state/x.log").Counter; got != "B" {
		t.Errorf("single till with a counter: %q", got)
	}
	cfg.Console.Counter, cfg.Console.Journal = "", "postgres://octo@db/shop"
	if got := configOptions(cfg, "/state/x.log").Counter; got != journal.DefaultCounter {
		t.Errorf("store, no counter set: %q", got)
	}
}
