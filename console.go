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
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
	"github.com/octo-cashier/octo-cashier/ui/qa"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

// console runs the screens in this process's terminal until the cashier
// quits. With recordPath set (sandbox only) the walk is recorded to that
// file when the console quits.
func console(ctx context.Context, cfg Config, stdin io.Reader, stdout io.Writer, recordPath string) error {
	limitMemory(ctx)
	run := consoleRun{Record: recordPath, Accessible: os.Getenv("ACCESSIBLE") != "", Farewell: stdout}
	return runConsole(ctx, cfg, run, func(model tea.Model, output func(io.Writer) io.Writer) error {
		// 120 frames a second: a typed digit shows within ~8 ms (the default
		// 60 makes it ~17 ms); the screens are small, redraws are cheap.
		p := tea.NewProgram(model, tea.WithContext(ctx), tea.WithInput(stdin), tea.WithOutput(output(stdout)), tea.WithFPS(120))
		_, err := p.Run()
		return err
	})
}

// consoleRun is what differs between two runs of the same configuration:
// the terminal's console and an SSH session's.
type consoleRun struct {
	Record     string // record the walk to this file (embedded sandbox only)
	Accessible bool   // forms as line prompts on this process's own terminal (ACCESSIBLE)
	// Farewell is where quitting says what stays open (the terminal, once
	// the screens are gone); nil: nowhere.
	Farewell io.Writer
}

// runConsole wires the configuration to a gateway (OCTO, or the embedded
// sandbox on 127.0.0.1 when there are no credentials), the journal and the
// flows, hands the screens' model to show — which runs it on a terminal
// and returns when the cashier quits — and then releases everything it
// started (a sandbox journal is removed). The terminal's console and each
// session of the SSH demo start through it.
func runConsole(ctx context.Context, cfg Config, run consoleRun, show func(m tea.Model, output func(io.Writer) io.Writer) error) error {
	recordPath := run.Record
	if recordPath != "" && run.Accessible {
		// Accessible forms read the terminal themselves, past the App.
		return errors.New("--record cannot record the accessible mode's line prompts")
	}
	if recordPath != "" {
		// Find out now, not after the walk, that the file cannot be written.
		f, err := os.OpenFile(recordPath, os.O_WRONLY|os.O_CREATE, 0o600)
		if err != nil {
			return fmt.Errorf("--record: %w", err)
		}
		f.Close()
	}
	journalPath, logPath, err := localPaths(cfg)
	if err != nil {
		return err
	}
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("log file: %w", err)
	}
	defer logFile.Close()
	logger := slog.New(slog.NewTextHandler(logFile, nil))
	logger.Info("start", "version", version, "mode", cfg.Mode().String())

	// The observer must not block. The inspector's ring gets every
	// exchange (and every notification); the journal gets them through a
	// bounded queue written off this path; the status bar only needs the
	// last one, so its channel may drop (it also wakes the screen). It
	// does not log: octo.WithLogger already logs one line per exchange.
	exchanges := make(chan octo.Exchange, 64)
	traffic := qa.NewTraffic()
	var recorder *record.Recorder       // set below when recording; before any exchange
	var journaled *flows.ExchangeWriter // set below, once the journal is being opened; before any exchange
	// One clock: on the sandbox every time the cashier sees is the
	// sandbox's, moved with it (f5). The client stamps its exchanges with
	// the wall clock; they are moved onto the sandbox's before anyone
	// sees them (the inspector, the journal, a payment's timeline).
	var sandboxNow func() time.Time // set below on the sandbox; before any exchange
	observe := func(x octo.Exchange) {
		if sandboxNow != nil {
			x.Started = x.Started.Add(sandboxNow().Sub(time.Now()))
		}
		if recorder != nil {
			recorder.Exchange(x)
		}
		traffic.Exchange(x)
		journaled.Add(x)
		select {
		case exchanges <- x:
		default:
		}
	}

	bindNotifyURL := ""
	if cfg.OCTO.NotifyURL != "" {
		bindNotifyURL = strings.TrimSuffix(cfg.OCTO.NotifyURL, flows.NotifyPath) + flows.BindPath
	}
	opts := configOptions(cfg, logPath)
	opts.BindNotifyURL = bindNotifyURL
	opts.Exchanges, opts.Traffic = exchanges, traffic
	opts.Accessible = run.Accessible
	opts.Context, opts.Log = ctx, logger
	printer, err := receiptPrinter(cfg.Printer, logPath)
	if err != nil {
		return err
	}
	opts.Printer = printer
	// The journal opens once the first frame is drawn (startup.go);
	// everything that needs it waits for it.
	frames := newFrameWatch()
	jg := openJournalAsync(ctx, journalPath, cfg.Console.Counter, frames.drawn)
	defer func() {
		if j, err := jg.wait(); err == nil {
			if err := j.Close(); err != nil {
				logger.Error("journal close", "err", err)
			}
		}
		if cfg.Mode() == ModeSandbox && cfg.Console.Journal == "" {
			removeJournal(journalPath)
		}
	}()
	journaled = flows.NewExchangeWriter(func(ctx context.Context, xs []flows.ExchangeRecord) error {
		j, err := jg.wait()
		if err != nil {
			return nil // no journal: the screens say so; the exchanges stay in the inspector
		}
		return j.SaveExchanges(ctx, xs)
	}, exchangeQueue, logger)
	defer journaled.Close() // runs before the journal closes: what is queued is written

	// Notifications are hints: the console reads the status of the payment
	// they name. The listener never blocks on the screens.
	hints := make(chan ui.Hint, 64)
	listener := &flows.Listener{
		SignatureKey: flows.SignatureKeyFor(octo.SignatureRecipe(cfg.OCTO.SignatureRecipe), cfg.OCTO.UniqueKey, cfg.OCTO.Secret),
		Recipe:       octo.SignatureRecipe(cfg.OCTO.SignatureRecipe),
		Log:          logger,
	}
	listener.Hint = func(id string, st octo.Status) {
		select {
		case hints <- ui.Hint{ShopTransactionID: id, Status: st, Verified: listener.Verifies()}:
		default:
		}
	}
	opts.Hints = hints
	listener.Seen = traffic.Notification // every notification, bad signatures too, for the inspector only
	bindHints := make(chan ui.BindHint, 16)
	listener.Bound = func(id, token string, st octo.TokenStatus) {
		select {
		case bindHints <- ui.BindHint{ShopTransactionID: id, Token: token, Status: st}:
		default:
		}
	}
	opts.BindHints = bindHints
	// Notifications wait for the journal, which they are written to.
	notify := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-jg.wired
		listener.ServeHTTP(w, r)
	})

	var client *octo.Client
	var clock flows.Clock = flows.SystemClock{}
	switch cfg.Mode() {
	case ModeSandbox:
		sb, base, stop, err := startSandbox(cfg, notify, logger)
		if err != nil {
			return err
		}
		defer stop()
		listener.SignatureKey, listener.Recipe = sandboxUniqueKey(cfg), octo.RecipeUniqueKey
		opts.NotifyURL = base + flows.NotifyPath
		opts.BindNotifyURL = base + flows.BindPath
		if opts.ReturnURL == "" {
			opts.ReturnURL = base + "/" // OCTO requires one; the customer lands back on the sandbox
		}
		client = octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL(base),
			octo.WithObserver(observe), octo.WithLogger(logger), octo.WithTimeout(cfg.OCTO.Timeout.Duration))
		opts.Mode, opts.Gateway, opts.Test = ui.ModeSandbox, "sandbox", true
		opts.TemporaryJournal = cfg.Console.Journal == "" // see localPaths
		opts.HoldTimeout = sb.HoldTimeout()               // the sandbox's own, not octo.hold_timeout
		// The console keeps the sandbox's time, so that moving its clock (the
		// QA clock tool, the control API) moves the code and hold countdowns
		// and the journal's times with it.
		clock, opts.Now = sandboxClock{sb}, sb.Now
		sandboxNow, listener.Clock = sb.Now, clock // notifications are journaled at the sandbox's time too
		opts.Shop = "sandbox shop " + strconv.FormatInt(sb.ShopID(), 10) + " · " + base
		opts.ShopID = sb.ShopID()
		opts.Outbox = func() []ui.SMS { return sandboxOutbox(sb) }
		opts.Complete3DS = sb.Complete3DS
		opts.CustomerPays = sandboxCustomer{sb}.pay
		opts.Sandbox = sandboxControls{sb}
		if recordPath != "" {
			recorder = record.NewRecorder(time.Now, sb.Now(), record.Setup{
				Operator: cfg.Console.Operator, Currency: cfg.OCTO.Currency, Language: i18n.Lang(opts.Language), PageLanguage: opts.PageLanguage,
				TTLMinutes: cfg.OCTO.TTLMinutes, OTPLifetime: cfg.Sandbox.OTPLifetime.Duration,
				HoldTimeout: cfg.Sandbox.HoldTimeout.Duration,
			})
		}
	default:
		client = octo.NewClient(cfg.OCTO.ShopID, cfg.OCTO.Secret, octo.WithBaseURL(cfg.OCTO.BaseURL),
			octo.WithObserver(observe), octo.WithLogger(logger), octo.WithTimeout(cfg.OCTO.Timeout.Duration),
			octo.WithUniqueKey(cfg.OCTO.UniqueKey))
		opts.Mode, opts.Gateway, opts.Test = ui.ModeLive, "OCTO", false
		if cfg.Mode() == ModeTest {
			opts.Mode, opts.Test = ui.ModeTest, true
		}
		opts.Shop = "shop " + strconv.FormatInt(cfg.OCTO.ShopID, 10) + tillOf(cfg)
		opts.ShopID = cfg.OCTO.ShopID
		if cfg.OCTO.NotifyListen != "" {
			stop, err := serveNotifications(cfg.OCTO.NotifyListen, notify, logger)
			if err != nil {
				return err
			}
			defer stop()
		}
	}

	opts.FiscalData = client.FiscalData
	runner := &flows.Runner{Gateway: client, Clock: clock, PaymentTTL: time.Duration(cfg.OCTO.TTLMinutes) * time.Minute}
	opts.Runner = gatedRunner{jg, runner}
	opts.Journal = jg
	opts.Tokens = jg
	opts.Reconcile = func(ctx context.Context) ([]flows.Payment, error) {
		if _, err := jg.wait(); err != nil {
			return nil, err
		}
		<-jg.wired             // the runner has its journal (set below, once open)
		started := clock.Now() // before any binding of this run can be written
		ps, err := flows.Reconcile(ctx, runner)
		// Card bindings move money too (an authorization): one whose
		// answer was lost before the console stopped is resolved the same
		// way. They are not on the screens; the journal and the log say.
		bs, berr := flows.ReconcileBindings(ctx, runner, started)
		for _, b := range bs {
			logger.Info("binding reconciled", "shop_transaction_id", b.ShopTransactionID, "state", string(b.State),
				"problem", b.Problem)
		}
		if berr != nil {
			logger.Error("reconcile bindings", "err", berr)
		}
		return ps, err
	}
	opts.ReconcileShift = func(ctx context.Context) (int, []flows.Difference, error) {
		if _, err := jg.wait(); err != nil {
			return 0, nil, err
		}
		<-jg.wired
		n, diffs, err := flows.ReconcileShift(ctx, runner)
		for _, d := range diffs {
			logger.Info("reconciled before Z", "shop_transaction_id", d.Before.ShopTransactionID,
				"journal", string(d.Before.State), "octo", string(d.After.State), "err", d.Err)
		}
		return n, diffs, err
	}
	// A verified notification about a payment not on screen (a hold OCTO
	// canceled on expiry) updates the journal: its status is read. One at
	// a time, so duplicates find the journal already up to date.
	var applying sync.Mutex
	opts.ApplyHint = func(ctx context.Context, id string, st octo.Status) error {
		if _, err := jg.wait(); err != nil {
			return err
		}
		<-jg.wired
		applying.Lock()
		defer applying.Unlock()
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		p, read, err := flows.ApplyNotification(ctx, runner, id, st)
		if err != nil {
			logger.Error("notification not applied", "shop_transaction_id", id, "status", string(st), "err", err)
			return err
		}
		if read {
			logger.Info("notification applied", "shop_transaction_id", id, "status", string(st), "state", string(p.State))
		}
		return nil
	}
	go func() {
		// The listener journals notifications once the journal is open.
		if j, err := jg.wait(); err == nil {
			runner.Journal = j
			listener.Journal = j
			if pj, ok := j.(*flows.PostgresJournal); ok {
				go listenStore(ctx, pj, listener, logger) // the store's receiver notifies through the journal
			}
		}
		close(jg.wired)
	}()

	var model tea.Model = ui.NewProgram(ui.New(opts))
	if recorder != nil {
		model = ui.WithRecorder(recorder, ui.New(opts)) // the recorder sees every message before the App
	}
	// The first frame on the terminal opens the journal (startup.go).
	err = show(&firstFrame{Model: model, w: frames}, frames.output)
	if run.Farewell != nil && !opts.TemporaryJournal {
		sayOpenHolds(jg, run.Farewell, opts.Language)
	}
	if recorder != nil {
		if rerr := saveRecording(ctx, recorder, jg, recordPath); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // Ctrl-C from outside (SIGTERM): the journal has everything
	}
	return err
}

// exchangeQueue is how far the exchange journal may fall behind before
// the oldest queued exchanges are dropped (and the count logged): a burst
// of a thousand status reads fits.
const exchangeQueue = 4096

// saveRecording closes the recording with the journaled payments (the
// outcome a replay must reach) and writes it.
func saveRecording(ctx context.Context, r *record.Recorder, jg *journalGate, path string) error {
	j, err := jg.wait()
	if err != nil {
		return err
	}
	recs, err := j.History(context.WithoutCancel(ctx), flows.Filter{})
	if err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	if err := r.Finish(recs).Save(path); err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	return nil
}

// receiptPrinter makes the configured printer; file receipts go next to
// the log unless printer.dir says where.
func receiptPrinter(c receipt.Config, logPath string) (receipt.Printer, error) {
	kind := strings.ToLower(strings.TrimSpace(c.Kind))
	if (kind == "" || kind == "file") && c.Dir == "" {
		c.Dir = filepath.Join(filepath.Dir(logPath), "receipts")
	}
	p, err := receipt.New(c)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return p, nil
}

// The embedded sandbox's bounds (see startSandbox).
const (
	embeddedRetention   = 90 * 24 * time.Hour
	embeddedMaxFinished = 2000
	embeddedSMSLimit    = 500
	embeddedEventLimit  = 2000
)

// startSandbox serves the embedded sandbox on a real listener, so its
// payment and 3-D Secure links open in a browser: 127.0.0.1 by default,
// or [sandbox] listen, an address on the shop's network where a phone
// that scans the QR code reaches the payment page.
func startSandbox(cfg Config, notify http.Handler, logger *slog.Logger) (*sandbox.Sandbox, string, func(), error) {
	addr := cfg.Sandbox.Listen
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", nil, fmt.Errorf("sandbox.listen: %w", err)
	}
	base := sandbox.PublicBase(ln.Addr())
	sb := sandbox.New(sandbox.Options{
		ShopID:      cfg.Sandbox.ShopID,
		Secret:      cfg.Sandbox.Secret,
		UniqueKey:   sandboxUniqueKey(cfg),
		HoldTimeout: cfg.Sandbox.HoldTimeout.Duration,
		OTPLifetime: cfg.Sandbox.OTPLifetime.Duration,
		RefundMin:   cfg.Sandbox.RefundMin,
		Fiscal:      cfg.registered(),
		PublicURL:   base,
		RealTime:    true,
		// A console's sandbox serves one cashier: its payments stay known
		// for refunds (the clock may be moved days on, f5), bounded by
		// count, its logs keep what the QA tools show, and its memory stays
		// flat over a long day.
		Retention:   embeddedRetention,
		MaxFinished: embeddedMaxFinished,
		SMSLimit:    embeddedSMSLimit,
		EventLimit:  embeddedEventLimit,
	})
	// One listener serves the sandbox and, beside it, the console's
	// notification endpoint the sandbox posts to.
	mux := http.NewServeMux()
	mux.Handle(flows.NotifyPath, notify)
	mux.Handle(flows.BindPath, notify)
	mux.Handle("/", sb)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("sandbox server", "err", err)
		}
	}()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		sb.Close()
	}
	logger.Info("sandbox", "url", base, "shop_id", sb.ShopID())
	return sb, base, stop, nil
}

// serveNotifications listens for OCTO's notifications on addr.
func serveNotifications(addr string, l http.Handler, logger *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("octo.notify_listen: %w", err)
	}
	srv := &http.Server{Handler: l, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("notification listener", "err", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}

// localPaths are the journal and the log file: configured, else under the
// XDG state directory. The sandbox keeps its own journal, so test payments
// never mix with real ones.
func localPaths(cfg Config) (journal, logFile string, err error) {
	state, err := flows.DefaultJournalPath()
	if err != nil {
		return "", "", fmt.Errorf("journal: %w", err)
	}
	journal = cfg.Console.Journal
	if journal == "" {
		journal = state
		if cfg.Mode() == ModeSandbox {
			// The embedded sandbox forgets everything when the console
			// exits; a journal that outlived it would reconcile payments
			// no gateway knows. Its journal lives as long as it does.
			dir, err := os.MkdirTemp("", "octo-cashier-sandbox-")
			if err != nil {
				return "", "", fmt.Errorf("journal: %w", err)
			}
			journal = filepath.Join(dir, "journal.db")
		}
	}
	if !flows.IsPostgresURL(journal) { // a store journal has nothing on this till's disk
		if err := os.MkdirAll(filepath.Dir(journal), 0o700); err != nil {
			return "", "", fmt.Errorf("journal: %w", err)
		}
	}
	logFile = cfg.Console.LogFile
	if logFile == "" {
		logFile = filepath.Join(filepath.Dir(state), "octo-cashier.log")
	}
	if err := os.MkdirAll(filepath.Dir(logFile), 0o700); err != nil {
		return "", "", fmt.Errorf("log file: %w", err)
	}
	return journal, logFile, nil
}

// removeJournal deletes a sandbox journal's temporary directory.
func removeJournal(path string) { _ = os.RemoveAll(filepath.Dir(path)) }

// sandboxUniqueKey is the key the embedded sandbox signs notifications
// with, and the listener checks them with.
func sandboxUniqueKey(cfg Config) string {
	if cfg.Sandbox.UniqueKey != "" {
		return cfg.Sandbox.UniqueKey
	}
	return "sandbox-unique-key"
}

// configOptions is what the configuration alone decides of the screens'
// options: who and where, and what every payment carries to OCTO — the
// language of OCTO's pages among it ([octo] language, which OCTO requires
// with every payment, REFERENCE §2.1). It goes into each flows.Order, so
// nothing below can default it away.
func configOptions(cfg Config, logPath string) ui.Options {
	return ui.Options{
		Operator:     cfg.Console.Operator,
		ShopName:     cfg.Console.ShopName,
		Language:     ui.Lang(cfg.Console.Language), // validated with the configuration
		ExportDir:    filepath.Join(filepath.Dir(logPath), "exports"),
		Currency:     cfg.OCTO.Currency,
		NotifyURL:    cfg.OCTO.NotifyURL,
		ReturnURL:    cfg.OCTO.ReturnURL,
		TTLMinutes:   cfg.OCTO.TTLMinutes,
		PageLanguage: cfg.OCTO.Language,
		RefundMin:    cfg.OCTO.RefundMin,
		Fiscal:       cfg.Fiscal.Codes(),
		HoldTimeout:  cfg.OCTO.HoldTimeout.Duration,
		CodeLength:   cfg.OCTO.CodeLength,
		NoCardEntry:  !cfg.OCTO.CardEntry,
		LargeAmount:  cfg.Console.LargeAmount.Decimal,
		Shifts:       cfg.ShiftsOn(),
	}
}

// sandboxClock is the embedded sandbox's clock (the wall clock plus every
// move of the QA clock); waits are real.
type sandboxClock struct{ sb *sandbox.Sandbox }

func (c sandboxClock) Now() time.Time { return c.sb.Now() }

func (c sandboxClock) Sleep(ctx context.Context, d time.Duration) error {
	return flows.SystemClock{}.Sleep(ctx, d)
}

// gatedRunner runs nothing before the journal is open and wired: a
// request must never go out unjournaled. If the journal cannot be opened,
// every effect answers JournalFailed and nothing is sent.
type gatedRunner struct {
	g *journalGate
	r *flows.Runner
}

func (gr gatedRunner) Run(ctx context.Context, e flows.Effect) flows.Event {
	if _, err := gr.g.wait(); err != nil {
		return flows.JournalFailed{Err: err}
	}
	<-gr.g.wired
	return gr.r.Run(ctx, e)
}
