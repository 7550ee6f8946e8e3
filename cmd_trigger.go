package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

const triggerHelp = `
Usage: octo-cashier trigger [flags] SCENARIO...

Plays named payment scenarios headless, through the same flows as the
console, and says whether each ended as expected. The customer's side is
played on the sandbox: codes are read from its SMS outbox, 3-D Secure pages
are answered and its clock is moved through its control API.

By default each run starts its own embedded sandbox (nothing to set up, no
network). With --base-url (and the shop's --shop-id and --secret) it runs
against a standalone sandbox ('octo-cashier sandbox'); with --config FILE,
against the gateway that file configures. A LIVE configuration is refused
unless --live is given.

SCENARIO is a name from 'octo-cashier trigger --list', several names, or
"all". Exit status: 0 every scenario ended as expected, 1 one differs,
2 an error (bad flags, an unknown scenario, no gateway).

Examples:
  octo-cashier trigger sale
  octo-cashier trigger --json hold-capture-part | tail -1 | jq .captured
  octo-cashier trigger --base-url http://127.0.0.1:8080 --shop-id 1 --secret sandbox-secret all
`

// triggerCommand is `octo-cashier trigger`.
func triggerCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("octo-cashier trigger", stderr)
	list := fs.Bool("list", false, "list the scenarios and what each shows")
	asJSON := fs.Bool("json", false, "print one JSON object per scenario, one a line, and nothing else on stdout")
	var gw gatewayFlags
	gw.register(fs)
	live := fs.Bool("live", false, "allow a LIVE configuration (real money)")
	timeout := fs.Duration("timeout", 30*time.Second, "how long one request to the gateway may take")
	limit := fs.Duration("limit", 3*time.Minute, "how long one scenario may take before it counts as an error")
	fs.Usage = commandUsage(fs, triggerHelp)
	if err := parseFlags(fs, interleaved(fs, args)); err != nil {
		return err
	}
	if *list {
		return listScenarios(stdout, *asJSON)
	}
	names, err := scenarioNames(fs.Args())
	if err != nil {
		return err
	}
	cfg, err := gw.config(os.Getenv)
	if err != nil {
		return err
	}
	if cfg.Mode() == ModeLive && !*live {
		return usageError("%s points at OCTO in LIVE mode (octo.test = false): real money; trigger refuses it unless --live is given", gw.source())
	}
	var g *triggerGateway
	if cfg.Mode() == ModeSandbox {
		g, err = embeddedGateway(cfg, *timeout)
	} else {
		g, err = remoteGateway(ctx, cfg, *timeout)
	}
	if err != nil {
		return withStatus(exitError, err)
	}
	defer g.close()

	if !*asJSON {
		fmt.Fprintf(stdout, "Against %s\n", g.where)
	}
	differ, failed := 0, 0
	for _, name := range names {
		sc, _ := scenarioNamed(name)
		if !*asJSON {
			fmt.Fprintf(stdout, "\nRunning %s: %s\n", sc.Name, sc.Shows)
		}
		g.calls.start()
		r := play(ctx, sc, g.trial(), g.calls, *limit)
		switch r.Outcome {
		case outcomeDiffers:
			differ++
		case outcomeError:
			failed++
		}
		if *asJSON {
			b, err := json.Marshal(r)
			if err != nil {
				return withStatus(exitError, err)
			}
			fmt.Fprintf(stdout, "%s\n", b)
		} else {
			printResult(stdout, r)
		}
		if ctx.Err() != nil {
			return withStatus(exitError, errors.New("interrupted"))
		}
	}
	switch {
	case failed > 0:
		return withStatus(exitError, fmt.Errorf("%d of %d scenario(s) could not be played", failed, len(names)))
	case differ > 0:
		return withStatus(exitDiffers, fmt.Errorf("%d of %d scenario(s) ended otherwise than expected", differ, len(names)))
	}
	return nil
}

// scenarioNames checks the names asked for; "all" is every scenario.
func scenarioNames(args []string) ([]string, error) {
	if len(args) == 0 {
		return nil, usageError("trigger needs a scenario: one of %s, or all (see 'octo-cashier trigger --list')", strings.Join(allScenarioNames(), ", "))
	}
	var out []string
	for _, a := range args {
		if a == "all" {
			out = append(out, allScenarioNames()...)
			continue
		}
		if _, ok := scenarioNamed(a); !ok {
			return nil, usageError("unknown scenario %q: want one of %s, or all", a, strings.Join(allScenarioNames(), ", "))
		}
		out = append(out, a)
	}
	return out, nil
}

func allScenarioNames() []string {
	out := make([]string, len(scenarios))
	for i, s := range scenarios {
		out[i] = s.Name
	}
	return out
}

// listScenarios prints the scenarios with what each shows and ends as.
func listScenarios(w io.Writer, asJSON bool) error {
	if asJSON {
		type entry struct {
			Scenario string      `json:"scenario"`
			Shows    string      `json:"shows"`
			Expected expectation `json:"expected"`
		}
		enc := json.NewEncoder(w)
		for _, s := range scenarios {
			if err := enc.Encode(entry{s.Name, s.Shows, s.Want}); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tENDS\tSHOWS")
	for _, s := range scenarios {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, s.Want.Status, s.Shows)
	}
	return tw.Flush()
}

// printResult tells a scenario's outcome in lines, as stripe trigger does.
func printResult(w io.Writer, r triggerResult) {
	for _, c := range r.Calls {
		line := fmt.Sprintf("  → %-24s", c.Method)
		switch {
		case c.Code != 0:
			line += fmt.Sprintf(" [%d] error %d: %s", c.HTTPStatus, c.Code, c.Message)
		case c.Error != "":
			line += " no answer: " + c.Error
		default:
			line += fmt.Sprintf(" [%d]", c.HTTPStatus)
		}
		fmt.Fprintln(w, line)
	}
	money := fmt.Sprintf("captured %s, released %s, refunded %s %s", r.Captured, r.Released, r.Refunded, r.Currency)
	id := r.ShopTransactionID
	if r.PaymentUUID != "" {
		id += " · " + r.PaymentUUID
	}
	switch r.Outcome {
	case outcomeExpected:
		fmt.Fprintf(w, "Trigger succeeded: %s — OCTO says %s, as expected; %s\n  %s\n", r.Scenario, orNone(string(r.Status)), money, id)
	case outcomeDiffers:
		fmt.Fprintf(w, "Trigger differs: %s — OCTO says %s; %s\n  %s\n", r.Scenario, orNone(string(r.Status)), money, id)
		for _, d := range r.Differences {
			fmt.Fprintf(w, "  ✗ %s\n", d)
		}
	default:
		fmt.Fprintf(w, "Trigger failed: %s: %s\n", r.Scenario, r.Error)
	}
	if r.Problem != "" && r.Outcome != outcomeExpected {
		fmt.Fprintf(w, "  the console would say: %s\n", r.Problem)
	}
}

// gatewayFlags are the flags that name a gateway: a standalone sandbox by
// address and credentials, or a configuration file.
type gatewayFlags struct {
	baseURL    string
	shopID     int64
	secret     string
	configPath string
}

func (g *gatewayFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&g.baseURL, "base-url", "", "a standalone sandbox's address, e.g. http://127.0.0.1:8080 (default: an embedded sandbox)")
	fs.Int64Var(&g.shopID, "shop-id", 0, "the shop's octo_shop_id at --base-url")
	fs.StringVar(&g.secret, "secret", "", "the shop's octo_secret at --base-url")
	fs.StringVar(&g.configPath, "config", "", "take the gateway from this configuration file (and the OCTO_* environment)")
}

// source names where the gateway came from, for errors.
func (g gatewayFlags) source() string {
	if g.baseURL != "" {
		return g.baseURL
	}
	return g.configPath
}

// config is the configuration the flags describe: the embedded sandbox
// when none is given.
func (g gatewayFlags) config(getenv func(string) string) (Config, error) {
	cfg := defaultConfig()
	if g.configPath != "" {
		c, err := LoadConfig(g.configPath, true, getenv)
		if err != nil {
			return cfg, withStatus(exitError, err)
		}
		cfg = c
	} else if (g.shopID != 0 || g.secret != "") && g.baseURL == "" {
		return cfg, usageError("--shop-id and --secret need --base-url: the sandbox's address (e.g. http://127.0.0.1:8080)")
	}
	if g.baseURL != "" {
		if !strings.HasPrefix(g.baseURL, "http://") && !strings.HasPrefix(g.baseURL, "https://") {
			return cfg, usageError("--base-url %q: want the sandbox's http(s) address, e.g. http://127.0.0.1:8080", g.baseURL)
		}
		cfg.OCTO.BaseURL = strings.TrimSuffix(g.baseURL, "/")
		if g.shopID != 0 {
			cfg.OCTO.ShopID = g.shopID
		}
		if g.secret != "" {
			cfg.OCTO.Secret = g.secret
		}
		if cfg.OCTO.ShopID <= 0 || cfg.OCTO.Secret == "" {
			return cfg, usageError("--base-url needs --shop-id and --secret too: the shop the sandbox prints when it starts (by default --shop-id 1 --secret sandbox-secret)")
		}
	}
	return cfg, nil
}

// triggerGateway is what the scenarios run against: a runner on a gateway,
// the sandbox that plays the customer, and the journal they write to.
type triggerGateway struct {
	where    string
	runner   *run.Runner
	customer customerSide
	order    flows.Order
	bind     flows.BindOrder
	calls    *callLog
	close    func()
}

func (g *triggerGateway) trial() *trial {
	return &trial{runner: g.runner, customer: g.customer, order: g.order, bind: g.bind}
}

// triggerJournal opens a temporary journal: the flows journal before they
// send, as in the console. It goes when the trigger ends.
func triggerJournal() (*journal.SQLite, func(), error) {
	dir, err := os.MkdirTemp("", "octo-cashier-trigger-")
	if err != nil {
		return nil, nil, fmt.Errorf("journal: %w", err)
	}
	j, err := journal.OpenSQLite(filepath.Join(dir, "journal.db"))
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("journal: %w", err)
	}
	return j, func() { _ = j.Close(); _ = os.RemoveAll(dir) }, nil
}

// embeddedGateway is a sandbox in this process, on its own virtual clock:
// the runner's waits (3-D Secure polls, the reads after a lost answer)
// move the clock instead of sleeping, so every scenario takes a moment.
func embeddedGateway(cfg Config, timeout time.Duration) (*triggerGateway, error) {
	j, closeJournal, err := triggerJournal()
	if err != nil {
		return nil, err
	}
	const base = "http://sandbox.trigger"
	listener := &run.Listener{Journal: j, SignatureKey: sandboxUniqueKey(cfg), Recipe: octo.RecipeUniqueKey}
	sb := sandbox.New(sandbox.Options{
		ShopID: cfg.Sandbox.ShopID, Secret: cfg.Sandbox.Secret, UniqueKey: sandboxUniqueKey(cfg),
		OTPLifetime: cfg.Sandbox.OTPLifetime.Duration, HoldTimeout: cfg.Sandbox.HoldTimeout.Duration,
		PublicURL:       base,
		LostAnswerDelay: 20 * time.Millisecond, // the lost answer is dropped at once: the reads after it are what it shows
		NotifyClient:    notifyClient(listener),
	})
	clock := sb.Clock(sandbox.WaitVirtual) // the runner keeps OCTO's pace without waiting for it
	listener.Clock = clock
	calls := &callLog{}
	client := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL(base), octo.WithHTTPClient(sb.Client()),
		octo.WithObserver(calls.observe), octo.WithTimeout(timeout),
		// The runner keeps OCTO's pace on the virtual clock; the client's
		// own real-time spacing would only make the run slow.
		octo.WithRetry(octo.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond, MinReadInterval: time.Nanosecond}))
	g := &triggerGateway{
		where:    fmt.Sprintf("the embedded sandbox (shop %d, a fresh sandbox for this run)", sb.ShopID()),
		runner:   &run.Runner{Gateway: client, Journal: j, Clock: clock},
		customer: embeddedCustomer{sb},
		calls:    calls,
		close:    func() { sb.Close(); closeJournal() },
	}
	g.order, g.bind = triggerOrders(base, base+"/", sb.HoldTimeout(), true)
	g.order.Language = cfg.OCTO.Language
	return g, nil
}

// remoteGateway is a sandbox served elsewhere: its OCTO API through the
// client, its control API for the customer's side. A local listener takes
// its notifications (a sandbox on another host cannot reach it; they are
// retried there, nothing here waits for them).
func remoteGateway(ctx context.Context, cfg Config, timeout time.Duration) (*triggerGateway, error) {
	ctl := sandbox.Remote{BaseURL: cfg.OCTO.BaseURL, HTTP: &http.Client{Timeout: 10 * time.Second}}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	_, err := ctl.Now(pctx)
	cancel()
	switch {
	case errors.Is(err, sandbox.ErrNoControlAPI):
		return nil, fmt.Errorf("%s is not an OCTO sandbox (%w): trigger reads the customer's codes from a sandbox's outbox and answers its 3-D Secure pages, so it runs against the embedded sandbox (no --base-url) or one started with 'octo-cashier sandbox'", cfg.OCTO.BaseURL, err)
	case err != nil:
		return nil, fmt.Errorf("cannot reach the gateway: %w (start one with 'octo-cashier sandbox --addr 127.0.0.1:8080', or fix --base-url)", err)
	}
	j, closeJournal, err := triggerJournal()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		closeJournal()
		return nil, fmt.Errorf("notification listener: %w", err)
	}
	srv := &http.Server{Handler: &run.Listener{Journal: j}, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	calls := &callLog{}
	client := octo.NewClient(cfg.OCTO.ShopID, cfg.OCTO.Secret, octo.WithBaseURL(cfg.OCTO.BaseURL),
		octo.WithObserver(calls.observe), octo.WithTimeout(timeout), octo.WithUniqueKey(cfg.OCTO.UniqueKey))
	mode := "sandbox"
	if cfg.Mode() == ModeLive {
		mode = "LIVE gateway"
	}
	g := &triggerGateway{
		where:    fmt.Sprintf("the %s at %s (shop %d)", mode, cfg.OCTO.BaseURL, cfg.OCTO.ShopID),
		runner:   &run.Runner{Gateway: client, Journal: j, Clock: run.SystemClock{}},
		customer: remoteCustomer{ctl},
		calls:    calls,
		close: func() {
			sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = srv.Shutdown(sctx)
			closeJournal()
		},
	}
	returnURL := cfg.OCTO.ReturnURL
	if returnURL == "" {
		returnURL = cfg.OCTO.BaseURL + "/"
	}
	g.order, g.bind = triggerOrders("http://"+ln.Addr().String(), returnURL, cfg.OCTO.HoldTimeout.Duration, cfg.OCTO.Test)
	g.order.Language = cfg.OCTO.Language
	return g, nil
}

// triggerOrders are what the trigger's payments and bindings start from.
func triggerOrders(listener, returnURL string, hold time.Duration, test bool) (flows.Order, flows.BindOrder) {
	o := flows.Order{Description: "octo-cashier trigger", Operator: "trigger", Customer: "trigger", Test: test,
		NotifyURL: listener + run.NotifyPath, ReturnURL: returnURL, TTLMinutes: 15, HoldTimeout: hold}
	b := flows.BindOrder{Customer: "trigger", Operator: "trigger", Phone: "998901234567", ReturnURL: returnURL,
		NotifyURL: listener + run.NotifyPath, BindNotifyURL: listener + run.BindPath}
	return o, b
}

// embeddedCustomer plays the customer on a sandbox in this process.
type embeddedCustomer struct{ sb *sandbox.Sandbox }

func (c embeddedCustomer) Code(_ context.Context, uuid string) (string, error) {
	if code, ok := c.sb.LastCode(uuid); ok {
		return code, nil
	}
	return "", fmt.Errorf("no SMS for payment %s in the sandbox's outbox", uuid)
}

func (c embeddedCustomer) Complete3DS(_ context.Context, uuid string, approve bool) error {
	return c.sb.Complete3DS(uuid, approve)
}

func (c embeddedCustomer) Advance(_ context.Context, d time.Duration) error {
	c.sb.FastForward(d)
	return nil
}

// remoteCustomer plays the customer through a sandbox's control API.
type remoteCustomer struct{ ctl sandbox.Remote }

func (c remoteCustomer) Code(ctx context.Context, uuid string) (string, error) {
	code, ok, err := c.ctl.LastCode(ctx, uuid)
	if err == nil && !ok {
		err = fmt.Errorf("no SMS for payment %s in the outbox of the sandbox at %s", uuid, c.ctl.BaseURL)
	}
	return code, err
}

func (c remoteCustomer) Complete3DS(ctx context.Context, uuid string, approve bool) error {
	return c.ctl.Complete3DS(ctx, uuid, approve)
}

func (c remoteCustomer) Advance(ctx context.Context, d time.Duration) error {
	return c.ctl.Advance(ctx, d)
}
