package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

const replayHelp = `
Usage: octo-cashier replay [flags] FILE

Replays a walk recorded with 'octo-cashier --record FILE' headless, on a
fresh embedded sandbox started at the recorded time, and compares the
exchanges with the gateway and the outcome. Exit status: 0 the same,
1 they differ (a short diff is printed), 2 the recording is missing or
cannot be read or played.

Examples:
  octo-cashier --record walk.json      # record a walk in the console
  octo-cashier replay walk.json
`

// errReplayDiffers is replay's failure: the walk went another way.
var errReplayDiffers = errors.New("the replay differs from the recording")

// replayCommand is `octo-cashier replay FILE`: it replays a walk recorded
// with --record headless, on a fresh embedded sandbox started at the
// recorded time and a temporary journal, and compares the exchanges and
// the outcome (record.Compare). Same: exit 0; different: a short diff and
// exit 1; a recording that cannot be read or played: exit 2.
func replayCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("octo-cashier replay", stderr)
	wait := fs.Duration("wait", 15*time.Second, "how long an input waits for the console to reach its recorded screen")
	fs.Usage = commandUsage(fs, replayHelp)
	if err := parseFlags(fs, interleaved(fs, args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError("replay needs one recording file (made with 'octo-cashier --record FILE')")
	}
	rec, err := record.LoadRecording(fs.Arg(0))
	if err != nil {
		return withStatus(exitError, err)
	}
	got, err := replay(ctx, rec, *wait)
	if err != nil {
		return withStatus(exitError, err)
	}
	diff := record.Compare(rec, got)
	fmt.Fprint(stdout, record.FormatDiff(diff))
	if len(diff) > 0 {
		return withStatus(exitDiffers, errReplayDiffers)
	}
	fmt.Fprintf(stdout, "%d inputs, %d exchanges, %d payment(s)\n", len(rec.Events), len(got.Exchanges), len(got.Outcome.Payments))
	return nil
}

// replay plays rec on a fresh console and returns what came of it, as a
// recording (exchanges and outcome; no events). A walk that cannot be
// played to the end (the console never got to where a key was pressed)
// still returns what came of it, with the reason as its end screen, so the
// diff shows where it went another way.
func replay(ctx context.Context, rec *record.Recording, wait time.Duration) (*record.Recording, error) {
	dir, err := os.MkdirTemp("", "octo-cashier-replay-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var mu sync.Mutex
	var exchanges []record.RecordedExchange
	w, err := wire(ctx, replayConfig(rec, dir), consoleRun{Replay: rec, Saw: func(x octo.Exchange) {
		mu.Lock()
		exchanges = append(exchanges, record.ExchangeOf(x))
		mu.Unlock()
	}})
	if err != nil {
		return nil, err
	}
	defer w.close()
	screen, playErr := ui.Play(rec, ui.ReplayEnv{
		Options:    w.opts,
		AdvanceTo:  func(t time.Time) { w.sb.Advance(t.Sub(w.sb.Now())) },
		CardNumber: cardNumber,
		Wait:       wait,
	})
	if playErr != nil {
		screen = "(stopped) " + playErr.Error()
	}
	j, err := w.jg.wait()
	if err != nil {
		return nil, err
	}
	recs, err := j.History(ctx, flows.Filter{})
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	return &record.Recording{Version: record.RecordingVersion, Start: rec.Start, Setup: rec.Setup,
		Exchanges: exchanges, Outcome: record.Outcome{Screen: screen, Payments: record.OutcomeOf(recs)}}, nil
}

// replayConfig is the configuration a recorded walk is replayed with: the
// defaults, the recorded setup, and the journal, the log and the receipts
// in dir.
func replayConfig(rec *record.Recording, dir string) Config {
	cfg := defaultConfig()
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&cfg.Console.Operator, rec.Setup.Operator)
	set(&cfg.Console.Language, string(rec.Setup.Language))
	set(&cfg.OCTO.Currency, rec.Setup.Currency)
	set(&cfg.OCTO.Language, rec.Setup.PageLanguage)
	if rec.Setup.TTLMinutes > 0 {
		cfg.OCTO.TTLMinutes = rec.Setup.TTLMinutes
	}
	cfg.Console.Journal = filepath.Join(dir, "journal.db")
	cfg.Console.LogFile = filepath.Join(dir, "console.log")
	cfg.Printer = receipt.Config{Kind: "file", Dir: filepath.Join(dir, "receipts")}
	return cfg
}

// sandboxOutbox is the sandbox's SMS outbox as the console shows it: the
// newest texts only. The panel shows six and the code to type is the
// newest of the payment on screen; the screens read it every second, and
// copying the whole outbox each time grew with every payment.
func sandboxOutbox(sb *sandbox.Sandbox) []ui.SMS {
	in := sb.RecentSMS(outboxShown)
	out := make([]ui.SMS, len(in))
	for i, m := range in {
		out[i] = ui.SMS{Phone: m.Phone, Code: m.Code, PaymentUUID: m.PaymentUUID, SentAt: m.SentAt}
	}
	return out
}

// outboxShown is how many of the newest texts the screens get.
const outboxShown = 32

// cardNumber is the number replay types for a recorded card: the sandbox's
// test card with its 6+4, else a made-up number with the same 6+4, length
// and Luhn validity (the sandbox treats any such card alike).
func cardNumber(c record.RecordedCard) string {
	if pan, ok := sandbox.TestCard(c.First6, c.Last4, c.Length); ok {
		return pan
	}
	if c.First6 == "" {
		return strings.Repeat("1", c.Length) // under 10 digits: only the length matters
	}
	middle := []byte(strings.Repeat("0", c.Length-10))
	pan := func() string { return c.First6 + string(middle) + c.Last4 }
	for d := byte('0'); len(middle) > 0 && d <= '9'; d++ {
		middle[0] = d
		if common.Luhn(pan()) == c.Luhn {
			break
		}
	}
	return pan()
}

// notifyClient is how an in-process sandbox posts its notifications to
// the console's listener l: in memory, without a socket.
func notifyClient(l http.Handler) *http.Client {
	c := sandbox.ClientFor(l)
	c.Timeout = 5 * time.Second
	return c
}
