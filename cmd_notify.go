package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
)

const notifyHelp = `
Usage: octo-cashier notify --listen ADDR [--config FILE]

Runs a store's one receiver of OCTO's notifications, behind the shop's TLS
reverse proxy: octo.notify_url (and the bind notifications' URL beside it)
point at it. Each notification's signature is checked with its recipe's key
(octo.signature_recipe: the unique key, or the shop secret); it is written
into the store journal ([console] journal, a postgres:// URL) and the
counters are woken through PostgreSQL's LISTEN/NOTIFY, so a till shows the
payment's new status within a second. Forged and unsigned notifications are
journaled for the inspector, answered 403 and never acted on. OCTO gets no
accept_status: the cashier decides on two-stage payments.

Examples:
  octo-cashier notify --listen 127.0.0.1:8089 --config /etc/octo-cashier/store.toml
`

// notifyCommand is `octo-cashier notify --listen ADDR`.
func notifyCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("octo-cashier notify", stderr)
	addr := fs.String("listen", "", "address to receive OCTO's notifications on, e.g. 127.0.0.1:8089")
	configPath := fs.String("config", "", "the store's configuration (default "+DefaultConfigPath()+")")
	fs.Usage = commandUsage(fs, notifyHelp)
	if err := parseFlags(fs, interleaved(fs, args)); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError("notify takes no arguments, got %q (see 'octo-cashier notify --help')", fs.Arg(0))
	case *addr == "":
		return usageError("notify needs --listen ADDR: where OCTO's notifications arrive, e.g. --listen 127.0.0.1:8089")
	}
	path, explicit := *configPath, *configPath != ""
	if !explicit {
		path = DefaultConfigPath()
	}
	cfg, err := LoadConfig(path, explicit, os.Getenv)
	if err != nil {
		return withStatus(exitError, err)
	}
	recv, closeJournal, err := storeReceiver(ctx, cfg, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return withStatus(exitError, err)
	}
	defer closeJournal()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return withStatus(exitError, fmt.Errorf("--listen: %w", err))
	}
	fmt.Fprintf(stdout, "OCTO notifications for the store journal %s: listening on %s (%s, %s)\nPress Ctrl-C to stop.\n",
		cfg.Console.Journal, ln.Addr(), run.NotifyPath, run.BindPath)
	srv := &http.Server{Handler: recv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return withStatus(exitError, err)
	}
	return nil
}

// storeReceiver opens the store journal and the listener that checks,
// journals and passes on OCTO's notifications. It refuses a file journal
// (one till receives its own notifications) and a recipe without its key.
func storeReceiver(ctx context.Context, cfg Config, log *slog.Logger) (*run.Listener, func(), error) {
	if !journal.IsPostgresURL(cfg.Console.Journal) {
		return nil, nil, errors.New("notify needs the store journal: [console] journal (or OCTO_CASHIER_JOURNAL) = \"postgres://…\"; a single till receives its notifications itself (octo.notify_listen)")
	}
	recipe := octo.SignatureRecipe(cfg.OCTO.SignatureRecipe)
	key := run.SignatureKeyFor(recipe, cfg.OCTO.UniqueKey, cfg.OCTO.Secret)
	if key == "" {
		return nil, nil, fmt.Errorf("notify checks every signature: octo.signature_recipe %q needs its key (octo.unique_key for unique_key, octo.secret for secret_hash and yahont)", recipe)
	}
	j, err := journal.OpenPostgresTool(ctx, cfg.Console.Journal, "notify")
	if err != nil {
		return nil, nil, err
	}
	return run.NewStoreReceiver(j, recipe, key, log), func() { _ = j.Close() }, nil
}
