package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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
	j, err := flows.OpenJournal(filepath.Join(dir, "journal.db"))
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	defer j.Close()

	const base = "http://sandbox.replay"
	// Notifications go to the console's listener in-process, as in the
	// console, without a socket.
	hints := make(chan ui.Hint, 64)
	bindHints := make(chan ui.BindHint, 16)
	listener := &flows.Listener{
		SignatureKey: "sandbox-unique-key", Recipe: octo.RecipeUniqueKey, Journal: j,
		Hint: func(id string, st octo.Status) {
			select {
			case hints <- ui.Hint{ShopTransactionID: id, Status: st, Verified: true}: // the listener checks the sandbox's key
			default:
			}
		},
		Bound: func(id, token string, st octo.TokenStatus) {
			select {
			case bindHints <- ui.BindHint{ShopTransactionID: id, Token: token, Status: st}:
			default:
			}
		},
	}
	sb := sandbox.New(sandbox.Options{
		Start: rec.Start, OTPLifetime: rec.Setup.OTPLifetime, HoldTimeout: rec.Setup.HoldTimeout,
		PublicURL: base, NoRateLimit: true, // the clock stands still between inputs: reads must not be refused
		NotifyClient: &http.Client{Transport: handlerTransport{listener}, Timeout: 5 * time.Second},
	})
	defer sb.Close()

	var mu sync.Mutex
	var exchanges []record.RecordedExchange
	client := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL(base), octo.WithHTTPClient(sb.Client()),
		octo.WithObserver(func(x octo.Exchange) {
			mu.Lock()
			exchanges = append(exchanges, record.ExchangeOf(x))
			mu.Unlock()
		}))
	runner := &flows.Runner{Gateway: client, Journal: j, Clock: replayClock{sb}}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	printer, err := receipt.New(receipt.Config{Kind: "file", Dir: filepath.Join(dir, "receipts")})
	if err != nil {
		return nil, err
	}
	opts := ui.Options{
		Mode: ui.ModeSandbox, Gateway: "sandbox", Test: true, Shop: "sandbox shop (replay)",
		Operator: rec.Setup.Operator, Currency: rec.Setup.Currency, Language: ui.Lang(rec.Setup.Language),
		TTLMinutes: rec.Setup.TTLMinutes, PageLanguage: rec.Setup.PageLanguage, HoldTimeout: sb.HoldTimeout(), Now: sb.Now, Context: ctx, Runner: runner,
		Journal: j, Tokens: j, Hints: hints, BindHints: bindHints, Complete3DS: sb.Complete3DS,
		NotifyURL: base + flows.NotifyPath, BindNotifyURL: base + flows.BindPath, ReturnURL: base + "/",
		Printer: printer,
		Outbox:  func() []ui.SMS { return sandboxOutbox(sb) },
	}
	var applying sync.Mutex // as in the console: a notification about a payment not on screen updates the journal
	opts.ApplyHint = func(ctx context.Context, id string, st octo.Status) error {
		applying.Lock()
		defer applying.Unlock()
		_, _, err := flows.ApplyNotification(ctx, runner, id, st)
		return err
	}
	screen, playErr := ui.Play(rec, ui.ReplayEnv{
		Options:    opts,
		AdvanceTo:  func(t time.Time) { sb.Advance(t.Sub(sb.Now())) },
		CardNumber: cardNumber,
		Wait:       wait,
	})
	if playErr != nil {
		screen = "(stopped) " + playErr.Error()
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

// replayClock is the replay's one clock, the sandbox's, for the runner.
// Only the recorded times of the inputs move it: a runner's wait (a status
// poll while the customer is on the 3-D Secure page) is short and real and
// leaves it alone, or polls every 2 s would run the virtual clock past
// lifetimes and holds between two keys.
type replayClock struct{ sb *sandbox.Sandbox }

func (c replayClock) Now() time.Time { return c.sb.Now() }

func (c replayClock) Sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(min(d, 10*time.Millisecond)):
	}
	return nil
}

// handlerTransport serves requests with a handler in-process.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	w := httptest.NewRecorder()
	t.h.ServeHTTP(w, r)
	return w.Result(), nil
}
