package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

const eventsHelp = `
Usage: octo-cashier events [flags]

Prints a standalone sandbox's event log: every call to its OCTO API and its
answer, every notification it sent with the merchant's answer, the faults
that fired and the control calls, one line each, oldest first. --json prints
each event as the sandbox's control API gives it, one JSON object a line.
With --follow it prints new events as they happen until interrupted (Ctrl-C),
as 'stripe logs tail' does.

With --journal FILE it prints a console's own traffic instead: the requests
to the gateway and their answers journaled in FILE (the console's journal:
octo.journal or OCTO_CASHIER_JOURNAL; by default
$XDG_STATE_HOME/octo-cashier/journal.db, except on the embedded sandbox,
whose journal is temporary unless one of those is set).

--payment keeps the events of one payment, named by its octo_payment_UUID,
its shop_transaction_id or its numeric id.

Examples:
  octo-cashier events --follow
  octo-cashier events --base-url http://127.0.0.1:8080 --payment oc-5ff086c623212c18f58bc3cd
  octo-cashier events --journal ~/.local/state/octo-cashier/journal.db --follow --json
`

// eventsCommand is `octo-cashier events`.
func eventsCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("octo-cashier events", stderr)
	var sf sandboxFlags
	sf.register(fs)
	journal := fs.String("journal", "", "print the exchanges journaled in this console journal instead of a sandbox's events")
	follow := fs.Bool("follow", false, "keep printing new events until interrupted")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	payment := fs.String("payment", "", "only the events of this payment: its octo_payment_UUID, shop_transaction_id or id")
	since := fs.Int64("since", -1, "start after this event number (0: the whole log; default: the whole log, or only new events with --follow)")
	every := fs.Duration("every", 250*time.Millisecond, "how often --follow asks for new events")
	fs.Usage = commandUsage(fs, eventsHelp)
	if err := parseFlags(fs, interleaved(fs, args)); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("events takes no arguments, got %q (see 'octo-cashier events --help')", fs.Arg(0))
	}
	if *every <= 0 {
		return usageError("--every must be positive, got %s", *every)
	}
	var src eventSource
	switch {
	case *journal != "" && flagGiven(fs, "base-url"):
		return usageError("--journal reads a console's journal, --base-url a sandbox: give one of them")
	case *journal != "":
		j, err := openJournalToRead(*journal)
		if err != nil {
			return withStatus(exitError, err)
		}
		defer j.Close()
		src = journalEvents{j: j, name: j.Path()} // Path: a URL without its password
	default:
		if err := sf.check(); err != nil {
			return err
		}
		src = sandboxEvents{ctl: sf.remote()}
	}

	filter := newPaymentFilter(*payment)
	show := func(evs []printedEvent) {
		for _, e := range evs {
			if !filter.match(e.keys) {
				continue
			}
			if *asJSON {
				fmt.Fprintf(stdout, "%s\n", e.json)
			} else {
				fmt.Fprintln(stdout, e.line)
			}
		}
	}

	after := *since
	if after < 0 && !*follow {
		after = 0
	}
	if after < 0 {
		// Only what happens from now on: start after the last event.
		evs, err := src.read(ctx, 0)
		if err != nil {
			return withStatus(exitError, err)
		}
		after = 0
		if len(evs) > 0 {
			after = evs[len(evs)-1].seq
		}
		// The events skipped still teach the filter a payment's other names.
		for _, e := range evs {
			filter.match(e.keys)
		}
	}
	evs, err := src.read(ctx, after)
	if err != nil {
		return withStatus(exitError, err)
	}
	show(evs)
	if !*follow {
		return nil
	}
	if len(evs) > 0 {
		after = evs[len(evs)-1].seq
	}
	fmt.Fprintf(stderr, "Following %s (Ctrl-C to stop)…\n", src)
	followEvents(ctx, src, after, *every, show, stderr)
	return nil
}

// followEvents prints what src adds after the event numbered after, every
// so often, until ctx ends. A source that stops answering is said once
// and asked again.
func followEvents(ctx context.Context, src eventSource, after int64, every time.Duration, show func([]printedEvent), stderr io.Writer) {
	lost, quiet := false, 0
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		evs, err := src.read(ctx, after)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			if !lost {
				fmt.Fprintf(stderr, "octo-cashier: %v; trying again…\n", err)
				lost = true
			}
			continue
		case lost:
			fmt.Fprintf(stderr, "Following %s again.\n", src)
			lost = false
		}
		show(evs)
		if len(evs) > 0 {
			after, quiet = evs[len(evs)-1].seq, 0
			continue
		}
		// A sandbox started again numbers its events from 1: asked for
		// what comes after the last one seen, it would say nothing for
		// ever. Now and then, when it is quiet, check it still has that one.
		if quiet++; quiet%16 == 0 {
			if r, ok := src.(restartable); ok && after > 0 && r.restarted(ctx, after) {
				fmt.Fprintf(stderr, "%s started again; following it from its first event.\n", src)
				after = 0
			}
		}
	}
}

// restartable is a source that can tell it started again.
type restartable interface {
	restarted(ctx context.Context, last int64) bool
}

// restarted reports whether the sandbox no longer has event last: it was
// started again (a reset keeps the numbering; the log keeps the newest).
func (s sandboxEvents) restarted(ctx context.Context, last int64) bool {
	evs, err := s.ctl.Events(ctx, last-1)
	return err == nil && len(evs) == 0
}

// printedEvent is one event as events prints it.
type printedEvent struct {
	seq  int64
	keys []string // what names its payment: UUID, shop_transaction_id, id
	line string
	json []byte
}

// eventSource is where events come from: a sandbox or a journal.
type eventSource interface {
	read(ctx context.Context, after int64) ([]printedEvent, error)
	String() string
}

// sandboxEvents reads a standalone sandbox's event log.
type sandboxEvents struct{ ctl sandbox.Remote }

func (s sandboxEvents) String() string { return "the events of the sandbox at " + s.ctl.BaseURL }

func (s sandboxEvents) read(ctx context.Context, after int64) ([]printedEvent, error) {
	evs, err := s.ctl.Events(ctx, after)
	if err != nil {
		return nil, reachSandbox(err)
	}
	out := make([]printedEvent, 0, len(evs))
	for _, e := range evs {
		b, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		keys := bodyKeys(e.Body)
		if e.PaymentUUID != "" {
			keys = append(keys, e.PaymentUUID)
		}
		out = append(out, printedEvent{seq: e.Seq, keys: keys, line: sandboxEventLine(e), json: b})
	}
	return out, nil
}

// reachSandbox says what to fix when a sandbox does not answer.
func reachSandbox(err error) error {
	if errors.Is(err, sandbox.ErrNoControlAPI) {
		return fmt.Errorf("%w: events and faults talk to a sandbox started with 'octo-cashier sandbox' (set --base-url to its address)", err)
	}
	return fmt.Errorf("cannot reach the sandbox: %w (start one with 'octo-cashier sandbox --addr 127.0.0.1:8080', or set --base-url to its address)", err)
}

// eventTime is how events print a time: the sandbox's clock, in the
// console's zone.
func eventTime(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05.000") }

// sandboxEventLine is one event in a line: what, which method, which
// payment, and how it went.
func sandboxEventLine(e sandbox.Event) string {
	var what string
	switch e.Kind {
	case sandbox.EventRequest:
		what = "--> " + e.Method
	case sandbox.EventResponse:
		what = fmt.Sprintf("<-- [%d] %s", e.HTTPStatus, e.Method)
		if e.Code != 0 {
			what += " error " + strconv.Itoa(e.Code) + answerMessage(e.Body)
		}
	case sandbox.EventDropped:
		what = "xx  " + e.Method + " no answer"
	case sandbox.EventNotification, sandbox.EventBindNotification:
		kind := "notify"
		if e.Kind == sandbox.EventBindNotification {
			kind = "bind notify"
		}
		what = fmt.Sprintf("==> %s %s → %s", kind, e.Method, e.URL)
		switch {
		case e.HTTPStatus != 0:
			what += fmt.Sprintf(" [%d]", e.HTTPStatus)
		default:
			what += " [no answer]"
		}
		if e.Attempt > 1 {
			what += fmt.Sprintf(" attempt %d", e.Attempt)
		}
	case sandbox.EventFault:
		what = "!!  fault " + e.Method
	case sandbox.EventControl:
		what = "..  " + e.Method
	default:
		what = e.Kind + " " + e.Method
	}
	line := fmt.Sprintf("%s #%-5d %s", eventTime(e.Time), e.Seq, what)
	if ref := e.PaymentUUID; ref != "" {
		line += "  " + ref
	} else if keys := bodyKeys(e.Body); len(keys) > 0 && e.Kind == sandbox.EventRequest {
		line += "  " + keys[0] // a request names its payment in its body
	}
	if e.Note != "" {
		line += "  (" + e.Note + ")"
	}
	return line
}

// answerMessage is OCTO's error message in an answer body, as ": message".
func answerMessage(body json.RawMessage) string {
	var b struct {
		ErrMessage string `json:"errMessage"`
	}
	if json.Unmarshal(body, &b) != nil || b.ErrMessage == "" {
		return ""
	}
	return ": " + b.ErrMessage
}

// paymentKeys are the fields that name a payment in OCTO's bodies.
var paymentKeys = []string{"octo_payment_UUID", "shop_transaction_id", "paymentId", "uuid", "id", "merchantTransId", "payment_uuid"}

// bodyKeys finds what names a payment in a JSON body: its fields and
// those of its "data".
func bodyKeys(body []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return nil
	}
	var out []string
	for _, obj := range []map[string]any{m, asObject(m["data"])} {
		for _, k := range paymentKeys {
			switch v := obj[k].(type) {
			case string:
				if v != "" {
					out = append(out, v)
				}
			case json.Number:
				if v.String() != "0" {
					out = append(out, v.String())
				}
			}
		}
	}
	return out
}

func asObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// paymentFilter keeps the events of one payment. A payment goes by three
// names (its UUID, the shop's transaction id, OCTO's numeric id) and an
// event may carry any of them: an event that matches teaches the filter
// the others it carries.
type paymentFilter struct{ names map[string]bool }

func newPaymentFilter(name string) *paymentFilter {
	if name == "" {
		return &paymentFilter{}
	}
	return &paymentFilter{names: map[string]bool{name: true}}
}

func (f *paymentFilter) match(keys []string) bool {
	if f.names == nil {
		return true
	}
	hit := false
	for _, k := range keys {
		hit = hit || f.names[k]
	}
	if hit {
		for _, k := range keys {
			f.names[k] = true
		}
	}
	return hit
}

// journalEvents reads a console's journaled exchanges.
type journalEvents struct {
	j    flows.Store
	name string
}

func (s journalEvents) String() string { return "the exchanges journaled in " + s.name }

func (s journalEvents) read(ctx context.Context, after int64) ([]printedEvent, error) {
	var out []printedEvent
	for {
		xs, err := s.j.ExchangesAfter(ctx, after, 1000)
		if err != nil {
			return nil, fmt.Errorf("journal %s: %w", s.name, err)
		}
		for _, x := range xs {
			b, err := json.Marshal(exchangeJSONOf(x))
			if err != nil {
				return nil, err
			}
			var keys []string
			for _, k := range []string{x.ShopTransactionID, x.PaymentUUID} {
				if k != "" {
					keys = append(keys, k)
				}
			}
			if x.PaymentID != 0 {
				keys = append(keys, strconv.FormatInt(x.PaymentID, 10))
			}
			keys = append(append(keys, bodyKeys([]byte(x.Request))...), bodyKeys([]byte(x.Response))...)
			out = append(out, printedEvent{seq: x.Seq, keys: keys, line: exchangeLine(x), json: b})
			after = x.Seq
		}
		if len(xs) < 1000 {
			return out, nil
		}
	}
}

// exchangeLine is one journaled exchange in a line.
func exchangeLine(x flows.LoggedExchange) string {
	what := fmt.Sprintf("[%d] %s", x.HTTPStatus, x.Method)
	switch {
	case x.Code != 0:
		what += " error " + strconv.Itoa(x.Code) + answerMessage(json.RawMessage(x.Response))
	case x.Err != "":
		what = "[---] " + x.Method + " no answer: " + x.Err
	}
	line := fmt.Sprintf("%s #%-5d %s %s", eventTime(x.At), x.Seq, what, x.Duration.Round(time.Millisecond))
	if x.ShopTransactionID != "" {
		line += "  " + x.ShopTransactionID
	}
	if x.Attempt > 1 {
		line += fmt.Sprintf("  (attempt %d)", x.Attempt)
	}
	return line
}

// exchangeJSON is a journaled exchange in events --json.
type exchangeJSON struct {
	Seq               int64           `json:"seq"`
	Time              time.Time       `json:"time"`
	ShopTransactionID string          `json:"shop_transaction_id,omitempty"`
	PaymentUUID       string          `json:"octo_payment_UUID,omitempty"`
	PaymentID         int64           `json:"payment_id,omitempty"`
	Method            string          `json:"method"`
	HTTPMethod        string          `json:"http_method"`
	Path              string          `json:"path"`
	HTTPStatus        int             `json:"http_status"`
	Code              int             `json:"code,omitempty"`
	Error             string          `json:"error,omitempty"`
	DurationMS        int64           `json:"duration_ms"`
	Attempt           int             `json:"attempt"`
	Request           json.RawMessage `json:"request,omitempty"`
	Response          json.RawMessage `json:"response,omitempty"`
}

func exchangeJSONOf(x flows.LoggedExchange) exchangeJSON {
	return exchangeJSON{Seq: x.Seq, Time: x.At, ShopTransactionID: x.ShopTransactionID, PaymentUUID: x.PaymentUUID,
		PaymentID: x.PaymentID, Method: x.Method, HTTPMethod: x.HTTPMethod, Path: x.Path, HTTPStatus: x.HTTPStatus,
		Code: x.Code, Error: x.Err, DurationMS: x.Duration.Milliseconds(), Attempt: x.Attempt,
		Request: rawJSON(x.Request), Response: rawJSON(x.Response)}
}

// rawJSON is a journaled body as JSON: itself when it is JSON, else a string.
func rawJSON(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}

// openJournalToRead opens a console's journal that must already exist: a
// SQLite file, or a store journal's postgres:// URL.
func openJournalToRead(path string) (flows.Store, error) {
	if journal.IsPostgresURL(path) {
		return journal.OpenPostgresTool(context.Background(), path, "events")
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no journal at %s: give the console's journal (octo.journal or OCTO_CASHIER_JOURNAL; by default $XDG_STATE_HOME/octo-cashier/journal.db — a console on the embedded sandbox keeps a temporary one unless OCTO_CASHIER_JOURNAL is set)", path)
		}
		return nil, fmt.Errorf("journal: %w", err)
	}
	j, err := journal.OpenSQLite(path)
	if err != nil {
		return nil, fmt.Errorf("journal %s: %w", path, err)
	}
	return j, nil
}

// sandboxFlags name a standalone sandbox: its address. --shop-id and
// --secret are taken too, so that the flags given to trigger work here;
// the control API asks for neither.
type sandboxFlags struct {
	baseURL string
	shopID  int64
	secret  string
}

// defaultSandboxURL is where 'octo-cashier sandbox' listens by default.
const defaultSandboxURL = "http://127.0.0.1:8080"

func (s *sandboxFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.baseURL, "base-url", defaultSandboxURL, "the standalone sandbox's address ('octo-cashier sandbox')")
	fs.Int64Var(&s.shopID, "shop-id", 0, "accepted for symmetry with trigger; the control API does not need it")
	fs.StringVar(&s.secret, "secret", "", "accepted for symmetry with trigger; the control API does not need it")
}

func (s *sandboxFlags) check() error {
	if !strings.HasPrefix(s.baseURL, "http://") && !strings.HasPrefix(s.baseURL, "https://") {
		return usageError("--base-url %q: want the sandbox's http(s) address, e.g. %s", s.baseURL, defaultSandboxURL)
	}
	return nil
}

func (s *sandboxFlags) remote() sandbox.Remote {
	return sandbox.Remote{BaseURL: strings.TrimSuffix(s.baseURL, "/")}
}
