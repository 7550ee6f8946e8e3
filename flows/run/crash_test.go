//go:build unix

package run

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// The crash test re-executes this test binary as a child process that runs
// a two-stage payment against a sandbox served by the parent on loopback,
// and SIGKILLs itself right before its k-th effect (journal write or
// request). A second child restarts from the journal, reconciles and
// finishes the flow. The parent then checks OCTO's side and the journal.
const (
	envChild   = "FLOWS_CRASH_CHILD" // "run" or "recover"
	envBase    = "FLOWS_CRASH_SANDBOX"
	envJournal = "FLOWS_CRASH_JOURNAL"
	envKillAt  = "FLOWS_CRASH_KILL_AT"
	crashTxID  = "oc-crash-0001"
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(envChild); mode != "" {
		if err := crashChild(mode); err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// httpClock moves the sandbox's clock through its control API.
type httpClock struct{ base string }

func (httpClock) Now() time.Time { return time.Now() }

func (c httpClock) Sleep(ctx context.Context, d time.Duration) error {
	secs := int64((d + time.Second - 1) / time.Second)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/sandbox/clock",
		bytes.NewReader([]byte(`{"advance_seconds":`+strconv.FormatInt(secs, 10)+`}`)))
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func lastSMS(base, uuid string) (string, error) {
	resp, err := http.Get(base + "/sandbox/sms") //nolint:noctx // test helper
	if err != nil {
		return "", err
	}
	defer func() { _ = resp.Body.Close() }()
	var out struct {
		Messages []struct {
			Code string `json:"code"`
			UUID string `json:"octo_payment_UUID"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	code := ""
	for _, m := range out.Messages {
		if m.UUID == uuid {
			code = m.Code
		}
	}
	if code == "" {
		return "", errors.New("no SMS for " + uuid)
	}
	return code, nil
}

func crashChild(mode string) error {
	ctx := context.Background()
	base := os.Getenv(envBase)
	killAt, _ := strconv.Atoi(os.Getenv(envKillAt))
	j, err := journal.OpenSQLite(os.Getenv(envJournal))
	if err != nil {
		return err
	}
	client := octo.NewClient(1, "sandbox-secret", octo.WithBaseURL(base), octo.WithTimeout(10*time.Second),
		octo.WithRetry(octo.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, MinReadInterval: time.Nanosecond}))
	r := &Runner{Gateway: client, Journal: j, Clock: httpClock{base: base}}
	steps := 0
	drive := func(p flows.Payment, ev flows.Event) (flows.Payment, error) {
		for ev != nil {
			next, effs, err := p.Handle(ev)
			if err != nil {
				return p, err
			}
			p, ev = next, nil
			for _, e := range effs {
				steps++
				if mode == "run" && steps == killAt {
					_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
					select {} // the signal is on its way
				}
				if ev = r.Run(ctx, e); ev != nil {
					break
				}
			}
		}
		return p, nil
	}
	finish := func(p flows.Payment) (flows.Payment, error) {
		var err error
		if p.State == flows.AwaitingOTP {
			code, cerr := lastSMS(base, p.PaymentUUID)
			if cerr != nil {
				return p, cerr
			}
			if p, err = drive(p, flows.SubmitCode{Code: code, At: time.Now()}); err != nil {
				return p, err
			}
		}
		if p.State == flows.Held {
			return drive(p, flows.Capture{})
		}
		return p, nil
	}
	switch mode {
	case "run":
		p, err := flows.NewCardPayment(flows.Hold, flows.Order{ShopTransactionID: crashTxID, Amount: octotest.Dec("1000"), Test: true,
			ReturnURL: "https://shop.test/done"}, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
		if err != nil {
			return err
		}
		if p, err = drive(p, flows.Start{}); err != nil {
			return err
		}
		if p, err = finish(p); err != nil {
			return err
		}
		fmt.Println("steps", steps, p.State)
	case "recover":
		ps, err := Reconcile(ctx, r)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p, err = finish(p); err != nil {
				return err
			}
			fmt.Println("recovered", p.ShopTransactionID, p.State)
		}
	}
	return j.Close()
}

func runChild(t *testing.T, mode, base, journalPath string, killAt int) (killed bool, out string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"="+mode, envBase+"="+base, envJournal+"="+journalPath, envKillAt+"="+strconv.Itoa(killAt))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true, stdout.String()
		}
	}
	if err != nil {
		t.Fatalf("%s child (kill at %d): %v\n%s%s", mode, killAt, err, stdout.String(), stderr.String())
	}
	return false, stdout.String()
}

func TestCrashKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	for k := 1; ; k++ {
		sb := sandbox.New(sandbox.Options{Start: octotest.T0, NoRateLimit: true})
		srv := httptest.NewServer(sb)
		journalPath := filepath.Join(t.TempDir(), "journal.db")
		killed, out := runChild(t, "run", srv.URL, journalPath, k)
		if !killed {
			// k is past the last effect: the flow ran to the end uncrashed.
			if k < 10 {
				t.Fatalf("only %d effects in a two-stage flow: %s", k-1, out)
			}
			srv.Close()
			sb.Close()
			t.Logf("killed the flow at each of its %d effects; output of the uncrashed run: %s", k-1, out)
			return
		}
		_, out = runChild(t, "recover", srv.URL, journalPath, 0)
		t.Run(fmt.Sprintf("kill before effect %d", k), func(t *testing.T) {
			checkAfterCrash(t, sb, journalPath, out)
		})
		srv.Close()
		sb.Close()
	}
}

func checkAfterCrash(t *testing.T, sb *sandbox.Sandbox, journalPath, out string) {
	ctx := context.Background()
	calls := map[string]int{}
	okChecks := 0
	for _, ev := range sb.Events() {
		if ev.Kind == sandbox.EventRequest {
			calls[ev.Method]++
		}
		if ev.Kind == sandbox.EventResponse && ev.Method == "check_sms_key" && ev.Code == 0 {
			okChecks++
		}
	}
	if calls["pay"] > 1 || calls["set_accept"] > 1 || okChecks > 1 {
		t.Errorf("sent twice: %v, %d accepted codes", calls, okChecks)
	}
	j, err := journal.OpenSQLite(journalPath)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = j.Close() }()
	rec, jerr := j.Get(ctx, crashTxID)
	client := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(sb.Client()),
		octo.WithRetry(octo.RetryPolicy{MaxAttempts: 1, MinReadInterval: time.Nanosecond}))
	in, serr := client.Status(ctx, crashTxID)
	switch {
	case calls["prepare_payment"] == 0:
		if jerr == nil && rec.State != flows.Failed {
			t.Errorf("nothing sent, journal says %s", rec.State)
		}
		return
	case serr != nil:
		// OCTO has no such payment (killed before prepare was handled).
		if jerr == nil && rec.State != flows.Failed {
			t.Errorf("OCTO has no payment (%v), journal says %s", serr, rec.State)
		}
		return
	case jerr != nil:
		t.Fatalf("OCTO has the payment (%s) but the journal does not: %v", in.Status, jerr)
	}
	switch in.Status {
	case octo.StatusSucceeded:
		if rec.State != flows.Succeeded || !rec.Captured.Equal(in.TotalSum) || !in.TotalSum.Equal(octotest.Dec("1000")) {
			t.Errorf("OCTO captured %s, journal says %s with %s", in.TotalSum, rec.State, rec.Captured)
		}
	case octo.StatusWaitingForCapture:
		t.Errorf("hold lost: OCTO still holds it after recovery; journal says %s", rec.State)
	case octo.StatusCreated, octo.StatusWaitUserAction:
		// Killed between pay and journaling its answer: without the numeric
		// payment id the code cannot be sent; nothing is charged and the
		// cashier sees it as unresolved until OCTO expires it.
		if rec.State != flows.Resolving || calls["check_sms_key"] != 0 {
			t.Errorf("OCTO says %s, journal says %s", in.Status, rec.State)
		}
	default:
		t.Errorf("OCTO says %s, journal says %s (%s)", in.Status, rec.State, out)
	}
}
