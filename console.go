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
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

// console runs the screens in this process's terminal until the cashier
// quits. With recordPath set (sandbox only) the walk is recorded to that
// file when the console quits.
//
// Bubble Tea starts first and the console is wired beside it (early.go):
// its renderer writes the first frame on its first tick, a frame's time
// after it starts, and the wiring fits in that wait.
func console(ctx context.Context, cfg Config, stdin io.Reader, stdout io.Writer, recordPath string) error {
	run := consoleRun{Record: recordPath, Accessible: os.Getenv("ACCESSIBLE") != "", Farewell: stdout, Drawn: paceCollector,
		Frames: newFrameWatch()}
	b := wireBeside(ctx, cfg, run)
	// 120 frames a second: a typed digit shows within ~8 ms (the default
	// 60 makes it ~17 ms); the screens are small, redraws are cheap.
	p := tea.NewProgram(b, tea.WithContext(ctx), tea.WithInput(stdin), tea.WithOutput(run.Frames.output(stdout)), tea.WithFPS(120))
	_, err := p.Run()
	w, werr := b.wired()
	if werr != nil {
		return werr
	}
	return w.end(ctx, err)
}

// consoleRun is what differs between two runs of the same configuration:
// the terminal's console and an SSH session's.
type consoleRun struct {
	Record     string // record the walk to this file (embedded sandbox only)
	Accessible bool   // forms as line prompts on this process's own terminal (ACCESSIBLE)
	// Farewell is where quitting says what stays open (the terminal, once
	// the screens are gone); nil: nowhere.
	Farewell io.Writer
	// Replay is a recorded walk to play headless on a fresh in-memory
	// sandbox started at its time (replay.go); Saw sees every exchange
	// with the gateway as the client made it.
	Replay *record.Recording
	Saw    func(octo.Exchange)
	// Drawn runs once the first frame is on the terminal (or could have
	// been: firstFrameWait); nil: nothing.
	Drawn func()
	// Frames watches the terminal for the first frame; nil: wire makes
	// one (the model's output is wrapped with it).
	Frames *frameWatch
}

// runConsole wires the configuration to a gateway (OCTO, or the embedded
// sandbox on 127.0.0.1 when there are no credentials), the journal and the
// flows, hands the screens' model to show — which runs it on a terminal
// and returns when the cashier quits — and then releases everything it
// started (a sandbox journal is removed). The terminal's console and each
// session of the SSH demo start through it.
func runConsole(ctx context.Context, cfg Config, cr consoleRun, show func(m tea.Model, output func(io.Writer) io.Writer) error) error {
	w, err := wire(ctx, cfg, cr)
	if err != nil {
		return err
	}
	w.watchFirstFrame()
	// The first frame on the terminal opens the journal (startup.go).
	err = show(&firstFrame{Model: w.model, w: w.frames}, w.frames.output)
	return w.end(ctx, err)
}

// watchFirstFrame runs the run's Drawn once the first frame is drawn,
// and, once it has settled, warms a new payment's forms (not in
// accessible mode, whose forms run as line prompts).
func (w *wiring) watchFirstFrame() {
	if w.run.Drawn != nil {
		go func() {
			afterFirstFrame(w.frames.drawn)
			w.run.Drawn()
			if !w.opts.Accessible {
				afterFirstFrame(w.frames.settled)
				ui.WarmForms(w.opts.Language, w.opts.Currency)
			}
		}()
	}
}

// end is a run's end, once the screens returned err: what stays open is
// said, the recording saved, and everything wire started released.
func (w *wiring) end(ctx context.Context, err error) error {
	defer w.close()
	if w.writesDone != nil {
		// The last payment's outcome is written after it showed, and the
		// cashier may quit at once: the farewell and the recording read it,
		// and close would close the journal under it. Bounded: a write
		// booked in a batch the quit overtook never runs.
		wctx, cancel := context.WithTimeout(ctx, quitWritesWait)
		_ = w.writesDone(wctx)
		cancel()
	}
	if w.run.Farewell != nil && !w.opts.TemporaryJournal {
		sayOpenHolds(w.jg, w.run.Farewell, w.opts.Language)
	}
	if w.recorder != nil {
		if rerr := saveRecording(ctx, w.recorder, w.jg, w.run.Record); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // Ctrl-C from outside (SIGTERM): the journal has everything
	}
	return err
}

// quitWritesWait bounds the wait at the end of a run for the journal
// writes the screens booked: a write takes milliseconds.
const quitWritesWait = 5 * time.Second

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

// The embedded sandbox's bounds (see startSandbox). It keeps its last
// 100 finished payments by default ([sandbox] keep_finished), about 1 kB
// each: that many is more than a demo refunds from, and the console's
// memory is flat from the hundredth payment on — at 2,000 the live heap
// grew 1–2 kB a payment for 2,000 payments (make memwalk: 400 payments,
// heap +2.0 kB and RSS +2.6 kB a payment after the hundredth; kept 100,
// −0.2 and +0.9). Its event log keeps each call's body and answer (a pay
// answer is 2 kB), about eight events a payment: 500 are the last
// sixty-odd payments, which is what the `events` command and a QA walk
// read back; at 2000 the log grew the console's live heap for 300
// payments. Its outbox keeps the last 100 texts, one a payment: a code
// lives three minutes and the screens get the newest 32 (the panel shows
// six); at 500 the outbox grew the heap (220 B a text) until payment 500.
// The console's own inspector keeps its last 500 exchanges and the
// journal all of them.
const (
	embeddedRetention   = 90 * 24 * time.Hour
	defaultKeepFinished = 100
	embeddedSMSLimit    = 100
	embeddedEventLimit  = 500
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
		MaxFinished: cfg.Sandbox.KeepFinished,
		SMSLimit:    embeddedSMSLimit,
		EventLimit:  embeddedEventLimit,
	})
	// One listener serves the sandbox and, beside it, the console's
	// notification endpoint the sandbox posts to.
	mux := http.NewServeMux()
	mux.Handle(run.NotifyPath, notify)
	mux.Handle(run.BindPath, notify)
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
func localPaths(cfg Config) (journalPath, logFile string, err error) {
	state, err := journal.DefaultPath()
	if err != nil {
		return "", "", fmt.Errorf("journal: %w", err)
	}
	journalPath = cfg.Console.Journal
	if journalPath == "" {
		journalPath = state
		if cfg.Mode() == ModeSandbox {
			// The embedded sandbox forgets everything when the console
			// exits; a journal that outlived it would reconcile payments
			// no gateway knows. Its journal lives as long as it does.
			dir, err := os.MkdirTemp("", "octo-cashier-sandbox-")
			if err != nil {
				return "", "", fmt.Errorf("journal: %w", err)
			}
			journalPath = filepath.Join(dir, "journal.db")
		}
	}
	if !journal.IsPostgresURL(journalPath) { // a store journal has nothing on this till's disk
		if err := os.MkdirAll(filepath.Dir(journalPath), 0o700); err != nil {
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
	return journalPath, logFile, nil
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
		Counter:      counterOf(cfg),
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

// gatedRunner runs nothing before the journal is open and wired: a
// request must never go out unjournaled. If the journal cannot be opened,
// every effect answers JournalFailed and nothing is sent.
type gatedRunner struct {
	g *journalGate
	r *run.Runner
	// failed is told of a journal write that failed (the store journal's
	// watch then looks at once); nil on a single till.
	failed func()
}

func (gr gatedRunner) Run(ctx context.Context, e flows.Effect) flows.Event {
	if _, err := gr.g.wait(); err != nil {
		return flows.JournalFailed{Err: err}
	}
	<-gr.g.wired
	ev := gr.r.Run(ctx, e)
	if _, bad := ev.(flows.JournalFailed); bad && gr.failed != nil {
		gr.failed()
	}
	return ev
}
