package run

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// slogTo is a logger writing text lines to b under mu.
func slogTo(b *bytes.Buffer, mu *sync.Mutex) *slog.Logger {
	return slog.New(slog.NewTextHandler(lockedWriter{b, mu}, nil))
}

type lockedWriter struct {
	b  *bytes.Buffer
	mu *sync.Mutex
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// TestExchangeWriterDropsOldest: a journal that cannot keep up loses the
// oldest queued exchanges, counted and logged, and Add never waits for it.
func TestExchangeWriterDropsOldest(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var saved []string
	first := true
	save := func(_ context.Context, xs []flows.ExchangeRecord) error {
		mu.Lock()
		wait := first
		first = false
		mu.Unlock()
		if wait {
			<-release // the journal is stuck on the first batch
		}
		mu.Lock()
		defer mu.Unlock()
		for _, x := range xs {
			saved = append(saved, x.Method)
		}
		return nil
	}
	var logged bytes.Buffer
	var logMu sync.Mutex
	w := NewExchangeWriter(save, 10, slogTo(&logged, &logMu))
	w.Add(octo.Exchange{Method: "m0"})
	waitFor(t, "the first batch to be taken", func() bool { mu.Lock(); defer mu.Unlock(); return !first })
	for i := 1; i <= 25; i++ { // returns at once although the journal is stuck
		w.Add(octo.Exchange{Method: "m" + strconv.Itoa(i)})
	}
	if w.Lost() != 15 {
		t.Errorf("lost %d, want 15", w.Lost())
	}
	close(release)
	w.Close()
	mu.Lock()
	got := strings.Join(saved, " ")
	mu.Unlock()
	if want := "m0 m16 m17 m18 m19 m20 m21 m22 m23 m24 m25"; got != want {
		t.Errorf("saved %q, want %q", got, want)
	}
	logMu.Lock()
	defer logMu.Unlock()
	if !strings.Contains(logged.String(), "dropped=15") {
		t.Errorf("no drop count logged: %q", logged.String())
	}
	w.Add(octo.Exchange{Method: "late"}) // after Close: ignored, not a panic
}

// TestExchangeWriterLogsSaveErrors: a failing journal is said in the log.
func TestExchangeWriterLogsSaveErrors(t *testing.T) {
	var logged bytes.Buffer
	var logMu sync.Mutex
	w := NewExchangeWriter(func(context.Context, []flows.ExchangeRecord) error { return errors.New("disk full") }, 4, slogTo(&logged, &logMu))
	w.Add(octo.Exchange{Method: "pay"})
	w.Close()
	logMu.Lock()
	defer logMu.Unlock()
	if !strings.Contains(logged.String(), "disk full") {
		t.Errorf("log %q", logged.String())
	}
}

// TestExchangeJournalCanary sends a card number, a CVC, codes and the
// secret through the real client against the sandbox, journals every
// exchange its observer sees, and greps the journal's files for them.
func TestExchangeJournalCanary(t *testing.T) {
	const (
		secret    = "CANARY-SECRET-ex-91f3"
		cvc       = "8362"
		wrongCode = "314159"
	)
	ctx := context.Background()
	e := newE2E(t, sandbox.Options{Secret: secret})
	w := NewExchangeWriter(e.journal.SaveExchanges, 1024, nil)
	e.client = octo.NewClient(e.sb.ShopID(), e.sb.Secret(),
		octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(e.sb.Client()),
		octo.WithTimeout(500*time.Millisecond), octo.WithObserver(w.Add),
		octo.WithRetry(octo.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, MinReadInterval: time.Nanosecond}))
	e.runner.Gateway = e.client

	p := e.pay(flows.Sale, octotest.PAN, "1000")
	p = e.drive(p, flows.SubmitCode{Code: wrongCode, At: e.clock.Now()})
	code, _ := e.sb.LastCode(p.PaymentUUID)
	if p = e.code(p); p.State != flows.Succeeded {
		t.Fatalf("sale: %s", p.State)
	}
	v, err := flows.NewCardPayment(flows.Sale, e.order("300"), octo.Card{PAN: octotest.VisaPAN, Exp: octotest.Exp, CVC: cvc, HolderName: "CANARY"})
	if err != nil {
		t.Fatal(err)
	}
	v = e.drive(v, flows.Start{})
	w.Close()

	got, err := e.journal.Exchanges(ctx, p.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	methods := map[string]bool{}
	for _, x := range got {
		methods[x.Method] = true
	}
	for _, m := range []string{"prepare_payment", "pay", "check_sms_key"} {
		if !methods[m] {
			t.Errorf("no %s journaled under %s (got %v)", m, p.ShopTransactionID, methods)
		}
	}
	masked := false // the bodies are there, only masked
	for _, x := range got {
		masked = masked || strings.Contains(x.Request, octo.MaskPAN(octotest.PAN))
	}
	if !masked {
		t.Errorf("no journaled request shows the masked card %s", octo.MaskPAN(octotest.PAN))
	}
	if vx, _ := e.journal.Exchanges(ctx, v.ShopTransactionID); len(vx) < 2 {
		t.Errorf("the visa payment has %d exchanges", len(vx))
	}
	if err := e.journal.Close(); err != nil {
		t.Fatal(err)
	}
	short := func(s string) *regexp.Regexp {
		return regexp.MustCompile(`(^|[^0-9A-Za-z-])` + s + `([^0-9A-Za-z-]|$)`)
	}
	canaries := map[string]*regexp.Regexp{
		"PAN uzcard": regexp.MustCompile(octotest.PAN), "PAN visa": regexp.MustCompile(octotest.VisaPAN),
		"secret": regexp.MustCompile(secret), "CVC": short(cvc), "wrong code": short(wrongCode), "code": short(code),
	}
	files, _ := filepath.Glob(e.journal.Path() + "*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for name, re := range canaries {
			if loc := re.FindIndex(data); loc != nil {
				t.Errorf("%s found in %s at byte %d", name, filepath.Base(f), loc[0])
			}
		}
	}
}

// TestExchangeWriterBurst: a burst of 1000 exchanges from concurrent
// callers, within the queue's bound, is journaled whole.
func TestExchangeWriterBurst(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	w := NewExchangeWriter(j.SaveExchanges, 4096, nil)
	const burst = 1000
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < burst/8; i++ {
				w.Add(octo.Exchange{Method: "prepare_payment", Started: octotest.T0,
					Request: []byte(`{"shop_transaction_id":"tx-burst"}`)})
			}
		}()
	}
	wg.Wait()
	w.Close()
	got, err := j.Exchanges(ctx, "tx-burst")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != burst || w.Lost() != 0 {
		t.Errorf("journaled %d of %d, lost %d", len(got), burst, w.Lost())
	}
}
