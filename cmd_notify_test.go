package main

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"
)

// The receiver needs the store journal and a key for its recipe: without
// either it refuses to start, saying which setting is missing.
func TestStoreReceiverRefusals(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	cfg := defaultConfig()
	cfg.OCTO.Secret, cfg.OCTO.UniqueKey = "secret", "unique"
	cfg.Console.Journal = "/var/lib/octo/journal.db"
	if _, _, err := storeReceiver(ctx, cfg, log); err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Errorf("a file journal: %v", err)
	}
	cfg.Console.Journal = "postgres://octo@127.0.0.1:1/shop"
	cfg.OCTO.SignatureRecipe, cfg.OCTO.UniqueKey = "unique_key", ""
	if _, _, err := storeReceiver(ctx, cfg, log); err == nil || !strings.Contains(err.Error(), "octo.unique_key") {
		t.Errorf("unique_key recipe without the key: %v", err)
	}
}

// With the store journal and the key, the receiver opens and serves.
func TestStoreReceiverOpens(t *testing.T) {
	url := os.Getenv("OCTO_CASHIER_TEST_PG")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("OCTO_CASHIER_TEST_PG is not set in CI (.ci/run starts PostgreSQL)")
		}
		t.Skip("OCTO_CASHIER_TEST_PG not set")
	}
	cfg := defaultConfig()
	cfg.Console.Journal = url
	cfg.OCTO.SignatureRecipe, cfg.OCTO.Secret = "secret_hash", "secret"
	l, closeJournal, err := storeReceiver(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closeJournal()
	if !l.Verifies() || l.Journal == nil || l.Hint == nil || l.Bound == nil {
		t.Errorf("receiver %+v: checks %v", l, l.Verifies())
	}
}
