// Command octo-cashier is a terminal cashier console for the OCTO payment
// gateway, with a built-in OCTO simulator (the sandbox) for QA and demos.
//
//	octo-cashier [--config FILE]          the console (no configuration: on the embedded sandbox)
//	octo-cashier sandbox [flags]          the sandbox alone, for a QA team or another application
//	octo-cashier --record FILE            the console on the sandbox, recording the walk to FILE
//	octo-cashier replay FILE              replay a recorded walk headless; exit 1 when it differs, 2 on an error
//	octo-cashier trigger SCENARIO         play a named flow headless against a sandbox
//	octo-cashier events [--follow]        print (and follow) a sandbox's or a journal's traffic
//	octo-cashier faults arm|list|clear    drive a standalone sandbox's faults
//	octo-cashier serve --ssh ADDR         serve the console on the sandbox over SSH, a demo
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	// Builds the renderer's width table while the rest starts (its doc).
	_ "github.com/octo-cashier/octo-cashier/internal/widthwarm"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	// The screens, the log and the receipts tell one time: Tashkent's, as
	// OCTO's does (receipts always print it). A machine set to another
	// zone (a UTC server, a demo laptop) showed 16:24 on screen and 21:24
	// on the receipt. TZ set in the environment still decides.
	if os.Getenv("TZ") == "" {
		time.Local = octo.Tashkent
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	err := dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "octo-cashier:", err)
		os.Exit(exitStatus(err))
	}
}

const usage = `octo-cashier — a cashier console for the OCTO payment gateway

Usage:
  octo-cashier [--config FILE]     open the console (no configuration: on the
                                   embedded sandbox, badged SANDBOX)
  octo-cashier sandbox [flags]     serve the OCTO simulator alone (see
                                   'octo-cashier sandbox -h')
  octo-cashier --record FILE       the console on the embedded sandbox, recording
                                   the walk (keys, exchanges, outcome) to FILE
  octo-cashier replay FILE         replay a recorded walk without a terminal;
                                   exit 1 when the exchanges or outcome differ,
                                   2 when FILE cannot be played
  octo-cashier trigger SCENARIO    play a named flow headless against a sandbox
                                   ('octo-cashier trigger --list')
  octo-cashier events [--follow]   print a sandbox's or a journal's traffic
  octo-cashier faults arm|list|clear
                                   arm, list or clear a standalone sandbox's faults
  octo-cashier serve --ssh ADDR    the console on the sandbox over SSH, a demo
                                   for anyone with an SSH client
  octo-cashier notify --listen ADDR
                                   a store's one receiver of OCTO's notifications
  octo-cashier store-z [--day DAY] the store's Z of a day, every counter's
  octo-cashier --version           print the version

Configuration: --config FILE, else $XDG_CONFIG_HOME/octo-cashier/config.toml;
environment overrides: OCTO_SHOP_ID, OCTO_SECRET, OCTO_BASE_URL, OCTO_TEST,
OCTO_UNIQUE_KEY, OCTO_NOTIFY_URL, OCTO_NOTIFY_LISTEN, OCTO_CASHIER_OPERATOR,
OCTO_CASHIER_LANGUAGE, OCTO_CASHIER_JOURNAL, OCTO_CASHIER_COUNTER, OCTO_CASHIER_LOG.
OCTO_CASHIER_PPROF=127.0.0.1:PORT serves net/http/pprof on the loopback.
See config.toml.example for every key.

Examples:
  octo-cashier                               # the console on the embedded sandbox
  octo-cashier --config shop.toml            # the console on OCTO
  octo-cashier trigger all                   # every QA scenario, headless
  octo-cashier serve --ssh :2222 --open      # a demo anyone can join: ssh -p 2222 demo@host

Every command has its own --help.

Flags:
`

// commands are the subcommands besides the console itself.
var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"replay":  replayCommand,
	"trigger": triggerCommand,
	"events":  eventsCommand,
	"faults":  faultsCommand,
	"serve":   serveCommand,
	"notify":  notifyCommand,
	"store-z": storeZCommand,
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "sandbox" {
		// The standalone sandbox is profiled through OCTO_CASHIER_PPROF.
		var prof profiling
		if err := prof.start(os.Getenv("OCTO_CASHIER_PPROF")); err != nil {
			return err
		}
		defer prof.stop()
		return sandbox.Command(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd(ctx, args[1:], stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("octo-cashier", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "configuration file (default "+DefaultConfigPath()+")")
	showVersion := fs.Bool("version", false, "print the version and exit")
	recordPath := fs.String("record", "", "record the walk to this file (embedded sandbox only; replay with 'octo-cashier replay FILE')")
	var prof profiling
	fs.StringVar(&prof.cpuFile, "cpuprofile", "", "write a CPU profile of the run to this file (start-up included)")
	fs.StringVar(&prof.memFile, "memprofile", "", "write a heap profile to this file when the console quits")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintln(stdout, "octo-cashier", version)
		return nil
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageError("unknown command %q: want sandbox, replay, trigger, events, faults, serve, notify or store-z", fs.Arg(0))
	}
	path, explicit := *configPath, *configPath != ""
	if !explicit {
		path = DefaultConfigPath()
	}
	cfg, err := LoadConfig(path, explicit, os.Getenv)
	if err != nil {
		return err
	}
	if *recordPath != "" && cfg.Mode() != ModeSandbox {
		return errors.New("--record works on the embedded sandbox only (a recording replays against a fresh sandbox)")
	}
	pprofAddr := os.Getenv("OCTO_CASHIER_PPROF")
	if err := prof.start(pprofAddr); err != nil {
		return err
	}
	tuneMemory(prof.memFile != "" || pprofAddr != "")
	err = console(ctx, cfg, os.Stdin, stdout, *recordPath)
	return errors.Join(err, prof.stop())
}
