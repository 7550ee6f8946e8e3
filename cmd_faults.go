package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

const faultsHelp = `
Usage: octo-cashier faults list|arm|clear [flags]

Drives a standalone sandbox's faults ('octo-cashier sandbox'): what its next
calls do wrong, for QA of how a console or another client copes.

  list   the faults armed now
  arm    arm one: --kind, and what it aims at (--method) and how often
         (--count calls, or --rate of every call until cleared)
  clear  disarm every fault

Kinds: drop (the call is done, then the connection closes without an answer),
error (an error answer, nothing done: --code, --message), latency (the answer
waits --latency), lose_notification and duplicate_notification (--method is
then the notified status: succeeded, waiting_for_capture, ...).

Examples:
  octo-cashier faults arm --kind drop --method check_sms_key
  octo-cashier faults arm --kind latency --latency 3s --rate 1
  octo-cashier faults arm --kind error --method pay --code 4 --count 2
  octo-cashier faults list --json
  octo-cashier faults clear
`

var faultKinds = []sandbox.FaultKind{sandbox.FaultDrop, sandbox.FaultError, sandbox.FaultLatency,
	sandbox.FaultLoseNotification, sandbox.FaultDuplicateNotification}

// faultsCommand is `octo-cashier faults arm|list|clear`.
func faultsCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("octo-cashier faults", stderr)
	var sf sandboxFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print the armed faults as JSON")
	kind := fs.String("kind", "", "arm: what the fault does: drop, error, latency, lose_notification, duplicate_notification")
	method := fs.String("method", "", `arm: the API method it aims at ("pay", "check_sms_key", "set_accept", ...), or the notified status; default any`)
	count := fs.Int("count", 0, "arm: for the next N matching calls (default 1)")
	rate := fs.Float64("rate", 0, "arm: for this share of matching calls (0..1) until cleared, instead of --count")
	latency := fs.Duration("latency", 0, "arm --kind latency: how long the answer waits")
	code := fs.Int("code", 0, "arm --kind error: OCTO's error code to answer (default 4)")
	message := fs.String("message", "", `arm --kind error: the error message (default "Internal service error")`)
	fs.Usage = commandUsage(fs, faultsHelp)
	if err := parseFlags(fs, interleaved(fs, args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError("faults needs one of list, arm or clear")
	}
	if err := sf.check(); err != nil {
		return err
	}
	ctl := sf.remote()
	var armed []sandbox.Fault
	var err error
	switch fs.Arg(0) {
	case "list":
		armed, err = ctl.Faults(ctx)
	case "clear":
		if err = ctl.ClearFaults(ctx); err == nil {
			armed, err = ctl.Faults(ctx)
		}
	case "arm":
		f, ferr := faultFromFlags(*kind, *method, *count, *rate, *latency, *code, *message)
		if ferr != nil {
			return ferr
		}
		armed, err = ctl.Inject(ctx, f)
	default:
		return usageError("unknown faults command %q: want list, arm or clear", fs.Arg(0))
	}
	if err != nil {
		return withStatus(exitError, reachSandbox(err))
	}
	if *asJSON {
		if armed == nil {
			armed = []sandbox.Fault{}
		}
		type faultOut struct {
			Method    string            `json:"method,omitempty"`
			Kind      sandbox.FaultKind `json:"kind"`
			Count     int               `json:"count,omitempty"`
			Rate      float64           `json:"rate,omitempty"`
			LatencyMS int64             `json:"latency_ms,omitempty"`
			Code      int               `json:"code,omitempty"`
			Message   string            `json:"message,omitempty"`
		}
		out := make([]faultOut, len(armed))
		for i, f := range armed {
			out[i] = faultOut{f.Method, f.Kind, f.Count, f.Rate, f.Latency.Milliseconds(), f.Code, f.Message}
		}
		b, err := json.Marshal(map[string]any{"faults": out})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return nil
	}
	if len(armed) == 0 {
		fmt.Fprintln(stdout, "Nothing armed: the sandbox behaves as its test cards say.")
		return nil
	}
	fmt.Fprintf(stdout, "Armed (%d):\n", len(armed))
	for _, f := range armed {
		fmt.Fprintln(stdout, "  "+faultLine(f))
	}
	return nil
}

// faultFromFlags checks arm's flags; errors name the flag to fix.
func faultFromFlags(kind, method string, count int, rate float64, latency time.Duration, code int, message string) (sandbox.Fault, error) {
	k := sandbox.FaultKind(kind)
	known := false
	names := make([]string, len(faultKinds))
	for i, fk := range faultKinds {
		known = known || fk == k
		names[i] = string(fk)
	}
	switch {
	case kind == "":
		return sandbox.Fault{}, usageError("faults arm needs --kind: one of %s", strings.Join(names, ", "))
	case !known:
		return sandbox.Fault{}, usageError("unknown --kind %q: want one of %s", kind, strings.Join(names, ", "))
	case k == sandbox.FaultLatency && latency <= 0:
		return sandbox.Fault{}, usageError("--kind latency needs --latency, e.g. --latency 3s")
	case k != sandbox.FaultLatency && latency != 0:
		return sandbox.Fault{}, usageError("--latency goes with --kind latency only")
	case k != sandbox.FaultError && (code != 0 || message != ""):
		return sandbox.Fault{}, usageError("--code and --message go with --kind error only")
	case count < 0:
		return sandbox.Fault{}, usageError("--count must be positive, got %d", count)
	case rate < 0 || rate > 1:
		return sandbox.Fault{}, usageError("--rate is a share of calls from 0 to 1, got %g", rate)
	case count > 0 && rate > 0:
		return sandbox.Fault{}, usageError("give --count (the next N calls) or --rate (a share of every call), not both")
	}
	return sandbox.Fault{Kind: k, Method: method, Count: count, Rate: rate, Latency: latency, Code: code, Message: message}, nil
}

// faultLine says what an armed fault does, in a line.
func faultLine(f sandbox.Fault) string {
	target := f.Method
	if target == "" {
		target = "any call"
		if f.Kind == sandbox.FaultLoseNotification || f.Kind == sandbox.FaultDuplicateNotification {
			target = "any status"
		}
	}
	var what string
	switch f.Kind {
	case sandbox.FaultDrop:
		what = target + ": done, then no answer"
	case sandbox.FaultError:
		what = fmt.Sprintf("%s: error %d %q, nothing done", target, f.Code, f.Message)
	case sandbox.FaultLatency:
		what = fmt.Sprintf("%s: answers %s later", target, f.Latency)
	case sandbox.FaultLoseNotification:
		what = "notification " + target + ": lost"
	case sandbox.FaultDuplicateNotification:
		what = "notification " + target + ": sent twice"
	default:
		what = string(f.Kind) + " " + target
	}
	switch {
	case f.Rate >= 1:
		what += " · every time until cleared"
	case f.Rate > 0:
		what += fmt.Sprintf(" · %.0f%% of the time until cleared", f.Rate*100)
	case f.Count > 0:
		what += fmt.Sprintf(" · next %d", f.Count)
	}
	return what
}
