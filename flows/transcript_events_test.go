package flows

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// A transcript's events are kept in testdata/<name>.events, next to what
// the payment did with them (testdata/<name>.txt): the first line says the
// payment ("sale uzcard", "hold visa"), every other one an event as its
// name and key=value fields, e.g.
//
//	status_answered seq=2 status=succeeded total=1000
//	code_checked err=lost
//
// Times are after octotest.T0 ("at=20s"); "#" starts a comment. An event's answer
// is OCTO's status (status=, total=, default 1000) or err=lost (no answer),
// err=not_sent or err=wrong_code.

// transcriptCards are the cards a script names: test numbers, never real ones.
var transcriptCards = map[string]string{"uzcard": octotest.PAN, "visa": octotest.VisaPAN}

// loadScripts reads every testdata/*.events file, sorted by name.
func loadScripts() ([]script, error) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.events"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []script
	for _, path := range paths {
		sc, err := loadScript(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, sc)
	}
	return out, nil
}

func loadScript(path string) (script, error) {
	f, err := os.Open(path)
	if err != nil {
		return script{}, err
	}
	defer f.Close()
	sc := script{name: strings.TrimSuffix(filepath.Base(path), ".events")}
	lines := bufio.NewScanner(f)
	for n := 1; lines.Scan(); n++ {
		line, _, _ := strings.Cut(lines.Text(), "#")
		words := strings.Fields(line)
		if len(words) == 0 {
			continue
		}
		if sc.kind == "" {
			if len(words) != 2 || (words[0] != string(Sale) && words[0] != string(Hold)) || transcriptCards[words[1]] == "" {
				return script{}, fmt.Errorf("line %d: want \"sale|hold uzcard|visa\", got %q", n, line)
			}
			sc.kind, sc.pan = Kind(words[0]), transcriptCards[words[1]]
			continue
		}
		ev, err := parseEvent(words[0], words[1:])
		if err != nil {
			return script{}, fmt.Errorf("line %d: %w", n, err)
		}
		sc.events = append(sc.events, ev)
	}
	if err := lines.Err(); err != nil {
		return script{}, err
	}
	if sc.kind == "" {
		return script{}, fmt.Errorf("no payment line")
	}
	return sc, nil
}

// eventFields are an event line's key=value fields.
type eventFields map[string]string

func (f eventFields) at() (time.Time, error) {
	if f["at"] == "" {
		return octotest.T0, nil
	}
	d, err := time.ParseDuration(f["at"])
	return octotest.T0.Add(d), err
}

func (f eventFields) seconds() int {
	n, _ := strconv.Atoi(f["seconds"])
	return n
}

func (f eventFields) total() string {
	if f["total"] == "" {
		return "1000"
	}
	return f["total"]
}

func (f eventFields) info() *octo.PaymentInfo {
	if f["status"] == "" {
		return nil
	}
	return octotest.Info(octo.Status(f["status"]), f.total())
}

func (f eventFields) err() (error, error) {
	switch f["err"] {
	case "":
		return nil, nil
	case "lost":
		return octotest.ErrLost, nil
	case "not_sent":
		return octotest.ErrNotSent, nil
	case "wrong_code":
		return &octo.Error{Method: "check_sms_key", Code: 10, Message: "Wrong confirmation code"}, nil
	}
	return nil, fmt.Errorf("unknown err=%s", f["err"])
}

// parseEvent builds the event name with its fields.
func parseEvent(name string, words []string) (Event, error) {
	f := eventFields{}
	for _, w := range words {
		k, v, ok := strings.Cut(w, "=")
		if !ok {
			return nil, fmt.Errorf("%s: %q is not key=value", name, w)
		}
		f[k] = v
	}
	at, err := f.at()
	if err != nil {
		return nil, err
	}
	answerErr, err := f.err()
	if err != nil {
		return nil, err
	}
	var amount decimal.Decimal // none: the whole amount
	if f["amount"] != "" {
		amount = octotest.Dec(f["amount"])
	}
	switch name {
	case "start":
		return Start{}, nil
	case "prepared":
		return Prepared{Info: f.info()}, nil
	case "pay_answered":
		return PayAnswered{Payment: octotest.Payment(octo.Status(f["status"]))}, nil
	case "verification_answered":
		return VerificationAnswered{Verification: octotest.Verification(f.seconds()), At: at}, nil
	case "submit_code":
		return SubmitCode{Code: octotest.Code, At: at}, nil
	case "code_checked":
		if answerErr != nil {
			return CodeChecked{Err: answerErr}, nil
		}
		return CodeChecked{Payment: octotest.Payment(octo.Status(f["status"]))}, nil
	case "resend_code":
		return ResendCode{}, nil
	case "code_resent":
		return CodeResent{Verification: octotest.Verification(f.seconds()), At: at}, nil
	case "capture":
		return Capture{Amount: amount}, nil
	case "capture_answered":
		return CaptureAnswered{Info: f.info(), Err: answerErr}, nil
	case "refund":
		return Refund{Amount: amount, Min: octotest.Min}, nil
	case "refund_answered":
		if answerErr != nil {
			return RefundAnswered{Err: answerErr}, nil
		}
		return RefundAnswered{Refund: &octo.Refund{Status: octo.RefundStatus(f["status"])}}, nil
	case "tick":
		return Tick{Now: at}, nil
	case "notified":
		return Notified{Status: octo.Status(f["status"])}, nil
	case "status_answered":
		seq, err := strconv.Atoi(f["seq"])
		if err != nil {
			return nil, fmt.Errorf("status_answered: seq=%q", f["seq"])
		}
		return StatusAnswered{Info: f.info(), Err: answerErr, Seq: seq}, nil
	}
	return nil, fmt.Errorf("unknown event %q", name)
}

// TestEventLinesChecked: a mistyped line fails the transcripts loudly
// instead of feeding the payment something else.
func TestEventLinesChecked(t *testing.T) {
	for _, tt := range []struct {
		name  string
		words []string
	}{
		{"teleport", nil},
		{"code_checked", []string{"err=gremlins"}},
		{"status_answered", []string{"status=succeeded"}},
		{"tick", []string{"at=soon"}},
		{"refund", []string{"300"}},
	} {
		if ev, err := parseEvent(tt.name, tt.words); err == nil {
			t.Errorf("%s %v: got %#v, want an error", tt.name, tt.words, ev)
		}
	}
	if ev, err := parseEvent("status_answered", []string{"seq=2", "err=not_sent"}); err != nil ||
		ev.(StatusAnswered).Seq != 2 || ev.(StatusAnswered).Err != octotest.ErrNotSent {
		t.Errorf("a good line: %#v, %v", ev, err)
	}
}
