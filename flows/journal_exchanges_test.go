package flows

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

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// TestExchangesKeyedByPayment: each call names its payment differently
// (shop_transaction_id, UUID in the path or the body, numeric id); all land
// under the shop_transaction_id, oldest first, with their facts intact.
func TestExchangesKeyedByPayment(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	at := t0
	next := func() time.Time { at = at.Add(time.Second); return at }
	xs := []ExchangeRecord{
		{At: next(), Method: "prepare_payment", HTTPMethod: "POST", Path: "/prepare_payment", HTTPStatus: 200, Attempt: 1,
			Duration: 42 * time.Millisecond,
			Request:  `{"shop_transaction_id":"tx-1","octo_secret":"REDACTED"}`,
			Response: `{"error":0,"data":{"shop_transaction_id":"tx-1","octo_payment_UUID":"uuid-1"}}`},
		{At: next(), Method: "pay", HTTPMethod: "POST", Path: "/pay/uuid-1", HTTPStatus: 200, Attempt: 1,
			Request:  `{"pan":"860000******0015","cvc2":"***"}`,
			Response: `{"error":0,"data":{"id":7001,"uuid":"uuid-1","status":"wait_user_action"}}`},
		{At: next(), Method: "verificationInfo", HTTPMethod: "GET", Path: "/verificationInfo/uuid-1", HTTPStatus: 200, Attempt: 1},
		{At: next(), Method: "check_sms_key", HTTPMethod: "POST", Path: "/check_sms_key", HTTPStatus: 200, Code: 2,
			Err: "wrong code", Attempt: 1, Request: `{"smsKey":"******","paymentId":7001,"verifyId":3}`},
		{At: next(), Method: "refund", HTTPMethod: "POST", Path: "/refund", HTTPStatus: 200, Attempt: 1,
			Request: `{"octo_payment_UUID":"uuid-1","shop_refund_id":"r-1"}`},
		{At: next(), Method: "prepare_payment", HTTPMethod: "POST", Path: "/prepare_payment", HTTPStatus: 200, Attempt: 1,
			Request: `{"shop_transaction_id":"tx-2"}`},
		{At: next(), Method: "fiscal-data", HTTPMethod: "POST", Path: "/fiscal-data", HTTPStatus: 200, Attempt: 1,
			Request: `{"payment_uuid":"nobody-knows"}`},
	}
	if err := j.SaveExchanges(ctx, xs); err != nil {
		t.Fatal(err)
	}
	got, err := j.Exchanges(ctx, "tx-1")
	if err != nil {
		t.Fatal(err)
	}
	var methods []string
	for _, x := range got {
		methods = append(methods, x.Method)
	}
	if want := "prepare_payment pay verificationInfo check_sms_key refund"; strings.Join(methods, " ") != want {
		t.Fatalf("tx-1 exchanges %q, want %q", methods, want)
	}
	if x := got[0]; x.Duration != 42*time.Millisecond || !x.At.Equal(xs[0].At) || x.Request != xs[0].Request ||
		x.Response != xs[0].Response || x.HTTPStatus != 200 || x.ShopTransactionID != "tx-1" {
		t.Errorf("prepare read back as %+v", x)
	}
	if x := got[3]; x.Code != 2 || x.Err != "wrong code" {
		t.Errorf("check_sms_key read back as %+v", x)
	}
	if other, _ := j.Exchanges(ctx, "tx-2"); len(other) != 1 {
		t.Errorf("tx-2 has %d exchanges, want 1", len(other))
	}
}

// TestExchangesFallBackToPayments: when the exchange that linked the UUID
// to the payment was lost, the payments table still knows it.
func TestExchangesFallBackToPayments(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	p := newCard(t, Sale, testPAN)
	p.PaymentUUID, p.PaymentID = "uuid-9", 9009
	if err := j.Write(ctx, Journal{Record: p.Record()}, t0); err != nil {
		t.Fatal(err)
	}
	if err := j.SaveExchanges(ctx, []ExchangeRecord{
		{At: t0, Method: "set_accept", Path: "/set_accept", Request: `{"octo_payment_UUID":"uuid-9"}`},
		{At: t0.Add(time.Second), Method: "check_pan", Path: "/check_pan", Request: `{"paymentId":9009}`},
	}); err != nil {
		t.Fatal(err)
	}
	got, err := j.Exchanges(ctx, p.ShopTransactionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d exchanges under %s, want 2", len(got), p.ShopTransactionID)
	}
}

// TestExchangeBodyCap: a body past MaxExchangeBody is cut, marked, and
// stays valid UTF-8.
func TestExchangeBodyCap(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	big := `{"shop_transaction_id":"tx-big","pad":"` + strings.Repeat("ё", MaxExchangeBody) + `"}`
	r := ExchangeRecordOf(octo.Exchange{Method: "prepare_payment", URL: "http://gw.test/prepare_payment?x=1",
		Request: []byte(big), Response: []byte(`{"error":0}`), Started: t0})
	if r.Path != "/prepare_payment" {
		t.Errorf("path %q", r.Path)
	}
	if len(r.Request) > MaxExchangeBody || !strings.HasSuffix(r.Request, "…(cut)") || !utf8Valid(r.Request) {
		t.Fatalf("request cut to %d bytes, suffix %q", len(r.Request), r.Request[max(len(r.Request)-12, 0):])
	}
	if err := j.SaveExchanges(ctx, []ExchangeRecord{r}); err != nil {
		t.Fatal(err)
	}
	got, err := j.Exchanges(ctx, "tx-big")
	if err != nil || len(got) != 1 {
		t.Fatalf("%d exchanges, err %v", len(got), err)
	}
	if got[0].Request != r.Request || got[0].Response != `{"error":0}` {
		t.Errorf("read back %d bytes", len(got[0].Request))
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

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
	save := func(_ context.Context, xs []ExchangeRecord) error {
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
	w := NewExchangeWriter(func(context.Context, []ExchangeRecord) error { return errors.New("disk full") }, 4, slogTo(&logged, &logMu))
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

	p := e.pay(Sale, testPAN, "1000")
	p = e.drive(p, SubmitCode{Code: wrongCode, At: e.clock.Now()})
	code, _ := e.sb.LastCode(p.PaymentUUID)
	if p = e.code(p); p.State != Succeeded {
		t.Fatalf("sale: %s", p.State)
	}
	v, err := NewCardPayment(Sale, e.order("300"), octo.Card{PAN: visaPAN, Exp: testExp, CVC: cvc, HolderName: "CANARY"})
	if err != nil {
		t.Fatal(err)
	}
	v = e.drive(v, Start{})
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
		masked = masked || strings.Contains(x.Request, octo.MaskPAN(testPAN))
	}
	if !masked {
		t.Errorf("no journaled request shows the masked card %s", octo.MaskPAN(testPAN))
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
		"PAN uzcard": regexp.MustCompile(testPAN), "PAN visa": regexp.MustCompile(visaPAN),
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
				w.Add(octo.Exchange{Method: "prepare_payment", Started: t0,
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

// BenchmarkSaveExchanges is the writer's cost per journaled exchange, in
// batches of 64 with the UUID resolved through the earlier exchange.
func BenchmarkSaveExchanges(b *testing.B) {
	ctx := context.Background()
	j := openTestJournal(b)
	if err := j.SaveExchanges(ctx, []ExchangeRecord{{At: t0, Method: "prepare_payment",
		Request:  `{"shop_transaction_id":"tx-b"}`,
		Response: `{"data":{"shop_transaction_id":"tx-b","octo_payment_UUID":"uuid-b"}}`}}); err != nil {
		b.Fatal(err)
	}
	x := ExchangeRecordOf(octo.Exchange{Method: "pay", URL: "http://gw/pay/uuid-b", Started: t0,
		Request: []byte(`{"pan":"860000******0015"}`), Response: []byte(`{"error":0,"data":{"id":1,"status":"ok"}}`)})
	batch := make([]ExchangeRecord, 64)
	for i := range batch {
		batch[i] = x
	}
	b.ResetTimer()
	for i := 0; i < b.N; i += len(batch) {
		if err := j.SaveExchanges(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}
