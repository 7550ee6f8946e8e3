package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
	"github.com/octo-cashier/octo-cashier/ui/qa"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

// wiring is one console's parts, built by wire in named steps —
// configuration (files and options) → gateway (OCTO, or the embedded
// sandbox) → journal (SQLite, or the store's PostgreSQL) → flows (the
// runner, reconcile, notifications) → screens — and released by close in
// the reverse order. The terminal's console, each SSH session and a store's
// counter are wired by it alike.
type wiring struct {
	ctx context.Context
	cfg Config
	run consoleRun
	log *slog.Logger

	logPath, journalPath string
	opts                 ui.Options

	// The gateway's traffic: every exchange goes to the inspector
	// (traffic), the journal (journaled), the status bar (exchanges) and a
	// recording; on the sandbox it is moved onto the sandbox's clock
	// (sandboxNow) first.
	exchanges  chan octo.Exchange
	traffic    *qa.Traffic
	recorder   *record.Recorder
	journaled  *run.ExchangeWriter
	sandboxNow func() time.Time

	frames   *frameWatch
	jg       *journalGate
	listener *run.Listener
	notify   http.Handler // the listener, once the journal is wired
	client   *octo.Client
	clock    run.Clock
	runner   *run.Runner
	sb       *sandbox.Sandbox // the embedded sandbox, if it is the gateway

	// leftover is what earlier runs (or stopped counters) left unfinished,
	// read before the journal was wired: nothing of this run is in it. The
	// start-up reconcile settles it once.
	leftover atomic.Pointer[leftover]

	model tea.Model
	// settle waits for the screens' journal writes and prints in flight
	// (nil for a replay, which plays its own).
	settle  func(context.Context) error
	closers []func() // run last first by close
}

// wire builds a console's parts from its configuration. On an error what
// was started is released; otherwise the caller releases it with close.
func wire(ctx context.Context, cfg Config, cr consoleRun) (*wiring, error) {
	w := &wiring{ctx: ctx, cfg: cfg, run: cr, clock: run.SystemClock{}}
	for _, step := range []func() error{w.files, w.options, w.journal, w.notifications, w.gateway, w.flows, w.screens} {
		if err := step(); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

// close releases what wire started, last first.
func (w *wiring) close() {
	for i := len(w.closers) - 1; i >= 0; i-- {
		w.closers[i]()
	}
	w.closers = nil
}

func (w *wiring) onClose(f func()) { w.closers = append(w.closers, f) }

// files checks the recording file, finds the journal and the log and
// opens the log.
func (w *wiring) files() error {
	if w.run.Record != "" && w.run.Accessible {
		// Accessible forms read the terminal themselves, past the App.
		return errors.New("--record cannot record the accessible mode's line prompts")
	}
	if w.run.Record != "" {
		// Find out now, not after the walk, that the file cannot be written.
		f, err := os.OpenFile(w.run.Record, os.O_WRONLY|os.O_CREATE, 0o600)
		if err != nil {
			return fmt.Errorf("--record: %w", err)
		}
		f.Close()
	}
	var err error
	w.journalPath, w.logPath, err = localPaths(w.cfg)
	if err != nil {
		return err
	}
	logFile, err := os.OpenFile(w.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("log file: %w", err)
	}
	w.onClose(func() { logFile.Close() })
	w.log = slog.New(slog.NewTextHandler(logFile, nil))
	w.log.Info("start", "version", version, "mode", w.cfg.Mode().String())
	return nil
}

// options are the screens' options from the configuration, the printer
// and the gateway's traffic.
func (w *wiring) options() error {
	// The observer must not block. The inspector's ring gets every
	// exchange (and every notification); the journal gets them through a
	// bounded queue written off this path; the status bar only needs the
	// last one, so its channel may drop (it also wakes the screen). It
	// does not log: octo.WithLogger already logs one line per exchange.
	w.exchanges, w.traffic = make(chan octo.Exchange, 64), qa.NewTraffic()
	w.opts = configOptions(w.cfg, w.logPath)
	if w.cfg.OCTO.NotifyURL != "" {
		w.opts.BindNotifyURL = strings.TrimSuffix(w.cfg.OCTO.NotifyURL, run.NotifyPath) + run.BindPath
	}
	w.opts.Exchanges, w.opts.Traffic = w.exchanges, w.traffic
	w.opts.Accessible = w.run.Accessible
	w.opts.Context, w.opts.Log = w.ctx, w.log
	printer, err := receiptPrinter(w.cfg.Printer, w.logPath)
	if err != nil {
		return err
	}
	w.opts.Printer = printer
	return nil
}

// observe sees every exchange with the gateway.
func (w *wiring) observe(x octo.Exchange) {
	if w.run.Saw != nil {
		w.run.Saw(x)
	}
	// One clock: on the sandbox every time the cashier sees is the
	// sandbox's, moved with it (f5). The client stamps its exchanges with
	// the wall clock; they are moved onto the sandbox's before anyone
	// sees them (the inspector, the journal, a payment's timeline).
	if w.sandboxNow != nil {
		x.Started = x.Started.Add(time.Until(w.sandboxNow()))
	}
	if w.recorder != nil {
		w.recorder.Exchange(x)
	}
	w.traffic.Exchange(x)
	w.journaled.Add(x)
	select {
	case w.exchanges <- x:
	default:
	}
}

// journal opens the journal once the first frame has settled
// (startup.go): everything that needs it waits for it. Exchanges are journaled through
// a queue.
func (w *wiring) journal() error {
	w.frames = w.run.Frames
	if w.frames == nil {
		w.frames = newFrameWatch()
	}
	temporary := w.cfg.Mode() == ModeSandbox && w.cfg.Console.Journal == "" // see localPaths
	w.jg = openJournalAsync(w.ctx, w.journalPath, w.cfg.Console.Counter, temporary, w.frames.settled)
	w.onClose(func() {
		if j, err := w.jg.wait(); err == nil {
			if err := j.Close(); err != nil {
				w.log.Error("journal close", "err", err)
			}
		}
		if temporary {
			removeJournal(w.journalPath)
		}
	})
	w.journaled = run.NewExchangeWriter(func(ctx context.Context, xs []flows.ExchangeRecord) error {
		j, err := w.jg.wait()
		if err != nil {
			return nil // no journal: the screens say so; the exchanges stay in the inspector
		}
		return j.SaveExchanges(ctx, xs)
	}, exchangeQueue, w.log)
	w.onClose(w.journaled.Close) // before the journal closes: what is queued is written
	return nil
}

// notifications makes the listener of OCTO's notifications. They are
// hints: the console reads the status of the payment they name. The
// listener never blocks on the screens, and waits for the journal it
// writes them to.
func (w *wiring) notifications() error {
	hints := make(chan ui.Hint, 64)
	bindHints := make(chan ui.BindHint, 16)
	l := &run.Listener{
		SignatureKey: run.SignatureKeyFor(octo.SignatureRecipe(w.cfg.OCTO.SignatureRecipe), w.cfg.OCTO.UniqueKey, w.cfg.OCTO.Secret),
		Recipe:       octo.SignatureRecipe(w.cfg.OCTO.SignatureRecipe),
		Log:          w.log,
	}
	l.Hint = func(id string, st octo.Status) {
		select {
		case hints <- ui.Hint{ShopTransactionID: id, Status: st, Verified: l.Verifies()}:
		default:
		}
	}
	l.Seen = w.traffic.Notification // every notification, bad signatures too, for the inspector only
	l.Bound = func(id, token string, st octo.TokenStatus) {
		select {
		case bindHints <- ui.BindHint{ShopTransactionID: id, Token: token, Status: st}:
		default:
		}
	}
	w.opts.Hints, w.opts.BindHints = hints, bindHints
	w.listener = l
	w.notify = http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		<-w.jg.wired
		l.ServeHTTP(rw, r)
	})
	return nil
}

// gateway is the embedded sandbox (no credentials) or OCTO.
func (w *wiring) gateway() error {
	switch {
	case w.run.Replay != nil:
		return w.replayGateway()
	case w.cfg.Mode() == ModeSandbox:
		return w.sandboxGateway()
	}
	cfg := w.cfg
	w.client = octo.NewClient(cfg.OCTO.ShopID, cfg.OCTO.Secret, octo.WithBaseURL(cfg.OCTO.BaseURL),
		octo.WithObserver(w.observe), octo.WithLogger(w.log), octo.WithTimeout(cfg.OCTO.Timeout.Duration),
		octo.WithUniqueKey(cfg.OCTO.UniqueKey))
	w.opts.Mode, w.opts.Gateway, w.opts.Test = ui.ModeLive, "OCTO", false
	if cfg.Mode() == ModeTest {
		w.opts.Mode, w.opts.Test = ui.ModeTest, true
	}
	w.opts.Shop = ui.HeaderShop{ID: cfg.OCTO.ShopID, Counter: tillOf(cfg)}
	w.opts.ShopID = cfg.OCTO.ShopID
	if cfg.OCTO.NotifyListen != "" {
		stop, err := serveNotifications(cfg.OCTO.NotifyListen, w.notify, w.log)
		if err != nil {
			return err
		}
		w.onClose(stop)
	}
	return nil
}

// sandboxGateway serves the embedded sandbox on 127.0.0.1 (or [sandbox]
// listen) with the console's notification endpoint beside it.
func (w *wiring) sandboxGateway() error {
	cfg := w.cfg
	sb, base, stop, err := startSandbox(cfg, w.notify, w.log)
	if err != nil {
		return err
	}
	w.onClose(stop)
	w.sb = sb
	w.listener.SignatureKey, w.listener.Recipe = sandboxUniqueKey(cfg), octo.RecipeUniqueKey
	o := &w.opts
	o.NotifyURL = base + run.NotifyPath
	o.BindNotifyURL = base + run.BindPath
	if o.ReturnURL == "" {
		o.ReturnURL = base + "/" // OCTO requires one; the customer lands back on the sandbox
	}
	w.client = octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL(base),
		octo.WithObserver(w.observe), octo.WithLogger(w.log), octo.WithTimeout(cfg.OCTO.Timeout.Duration))
	o.Mode, o.Gateway, o.Test = ui.ModeSandbox, "sandbox", true
	o.TemporaryJournal = cfg.Console.Journal == "" // see localPaths
	o.HoldTimeout = sb.HoldTimeout()               // the sandbox's own, not octo.hold_timeout
	// The console keeps the sandbox's time, so that moving its clock (the
	// QA clock tool, the control API) moves the code and hold countdowns
	// and the journal's times with it.
	w.clock, o.Now = sb.Clock(sandbox.WaitReal), sb.Now
	w.sandboxNow, w.listener.Clock = sb.Now, w.clock // notifications are journaled at the sandbox's time too
	o.Shop = ui.HeaderShop{ID: sb.ShopID(), Sandbox: true, BaseURL: base}
	o.ShopID = sb.ShopID()
	o.Outbox = func() []ui.SMS { return sandboxOutbox(sb) }
	o.Complete3DS = sb.Complete3DS
	o.CustomerPays = sandboxCustomer{sb}.pay
	o.Sandbox = sandboxControls{sb}
	if w.run.Record != "" {
		w.recorder = record.NewRecorder(time.Now, sb.Now(), record.Setup{
			Operator: cfg.Console.Operator, Currency: cfg.OCTO.Currency, Language: i18n.Lang(o.Language), PageLanguage: o.PageLanguage,
			TTLMinutes: cfg.OCTO.TTLMinutes, OTPLifetime: cfg.Sandbox.OTPLifetime.Duration,
			HoldTimeout: cfg.Sandbox.HoldTimeout.Duration, KeepFinished: cfg.Sandbox.KeepFinished,
		})
	}
	return nil
}

// flows makes the runner (gated on the journal: nothing is sent before it
// is open and wired), the reconciles and the notifications' application,
// and hands the journal to the runner and the listener once it is open.
func (w *wiring) flows() error {
	w.opts.FiscalData = w.client.FiscalData
	w.runner = &run.Runner{Gateway: w.client, Clock: w.clock, PaymentTTL: time.Duration(w.cfg.OCTO.TTLMinutes) * time.Minute}
	gated := gatedRunner{g: w.jg, r: w.runner}
	if journal.IsPostgresURL(w.journalPath) {
		watchCtx, stopWatch := context.WithCancel(w.ctx)
		w.onClose(stopWatch) // before the journal closes
		gated.failed = watchStore(watchCtx, w.jg, &w.opts, w.log)
	}
	w.opts.Runner = gated
	w.opts.Journal, w.opts.Tokens = w.jg, w.jg
	w.opts.Reconcile = w.reconcile
	w.opts.ReconcileShift = w.reconcileShift
	w.opts.ApplyHint = w.applyHint()
	go func() {
		// The listener journals notifications once the journal is open.
		if j, err := w.jg.wait(); err == nil {
			w.readLeftover(j) // before the runner has the journal: nothing of this run is in it
			w.runner.Journal = j
			w.listener.Journal = j
			if pj, ok := j.(*journal.Postgres); ok {
				go listenStore(w.ctx, pj, w.listener, w.log) // the store's receiver notifies through the journal
			}
		}
		close(w.jg.wired)
	}()
	return nil
}

// applyHint is how a verified notification about a payment not on screen
// (a hold OCTO canceled on expiry) updates the journal: its status is
// read. One at a time, so duplicates find the journal already up to date.
func (w *wiring) applyHint() func(ctx context.Context, id string, st octo.Status) error {
	var applying sync.Mutex
	return func(ctx context.Context, id string, st octo.Status) error {
		if _, err := w.jg.wait(); err != nil {
			return err
		}
		<-w.jg.wired
		applying.Lock()
		defer applying.Unlock()
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		p, read, err := run.ApplyNotification(ctx, w.runner, id, st)
		if err != nil {
			w.log.Error("notification not applied", "shop_transaction_id", id, "status", string(st), "err", err)
			return err
		}
		if read {
			w.log.Info("notification applied", "shop_transaction_id", id, "status", string(st), "state", string(p.State))
		}
		return nil
	}
}

// replayGateway is a fresh sandbox in memory, started at the recorded
// walk's time, for a replay: no socket, notifications posted to the
// listener in memory, and only the recorded inputs move its clock (a
// runner's wait is brief and leaves it alone, or status polls between two
// keys would run it past lifetimes and holds).
func (w *wiring) replayGateway() error {
	const base = "http://sandbox.replay"
	rec := w.run.Replay
	w.sb = sandbox.New(sandbox.Options{
		Start: rec.Start, OTPLifetime: rec.Setup.OTPLifetime, HoldTimeout: rec.Setup.HoldTimeout, UniqueKey: sandboxUniqueKey(w.cfg),
		// Kept as the console's sandbox keeps them: a refund of a payment
		// it had forgotten is refused in the replay too.
		Retention: embeddedRetention, MaxFinished: rec.Setup.KeepFinished,
		PublicURL: base, NoRateLimit: true, // the clock stands still between inputs: reads must not be refused
		NotifyClient: notifyClient(w.notify),
	})
	w.onClose(w.sb.Close)
	w.frames.done() // no terminal: the journal opens now
	w.listener.SignatureKey, w.listener.Recipe = sandboxUniqueKey(w.cfg), octo.RecipeUniqueKey
	w.client = octo.NewClient(w.sb.ShopID(), w.sb.Secret(), octo.WithBaseURL(base), octo.WithHTTPClient(w.sb.Client()),
		octo.WithObserver(w.observe))
	o := &w.opts
	o.Mode, o.Gateway, o.Test, o.Shop = ui.ModeSandbox, "sandbox", true, ui.HeaderShop{Sandbox: true, Replay: true}
	o.NotifyURL, o.BindNotifyURL, o.ReturnURL = base+run.NotifyPath, base+run.BindPath, base+"/"
	o.HoldTimeout = w.sb.HoldTimeout()
	w.clock, o.Now = w.sb.Clock(sandbox.WaitBrief), w.sb.Now
	o.Outbox = func() []ui.SMS { return sandboxOutbox(w.sb) }
	o.Complete3DS = w.sb.Complete3DS
	// Headless: the exchanges are compared, not shown (Saw).
	o.Exchanges, o.Traffic = nil, nil
	return nil
}

// screens makes the screens' model; a recording sees every message first.
// A replay plays its own (ui.Play).
func (w *wiring) screens() error {
	if w.run.Replay != nil {
		return nil
	}
	app := ui.New(w.opts)
	w.settle = app.Settle
	w.model = ui.NewProgram(app)
	if w.recorder != nil {
		w.model = ui.WithRecorder(w.recorder, app)
	}
	return nil
}
