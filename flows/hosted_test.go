package flows

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// onPage starts a payment the customer pays on OCTO's page and runs it to
// the page: prepare_payment (journaled first), then the first status read
// still to run, returned as effects.
func (e *e2e) onPage(kind Kind, o Order) (Payment, []Effect) {
	e.t.Helper()
	p, err := NewPagePayment(kind, o)
	if err != nil {
		e.t.Fatal(err)
	}
	p, effs, err := p.Handle(Start{})
	if err != nil || p.State != Preparing {
		e.t.Fatalf("start: %s, %v", p.State, err)
	}
	if names := effectNames(effs); len(names) != 2 || names[0] != "journal" || names[1] != "prepare_payment" {
		e.t.Fatalf("start asks for %v, want the journal before prepare_payment", names)
	}
	p, effs, err = p.Handle(e.runner.RunAll(context.Background(), effs))
	if err != nil || p.State != AwaitingPage {
		e.t.Fatalf("prepared: %s, %v (%s)", p.State, err, p.Problem.English())
	}
	if names := effectNames(effs); len(names) != 2 || names[0] != "journal" || names[1] != "read_status" {
		e.t.Fatalf("on the page: %v, want the journal then a status read (never pay)", names)
	}
	if p.PayURL == "" || p.PaymentUUID == "" {
		e.t.Fatalf("no page link: %+v", p)
	}
	return p, effs
}

// verifiedHints makes the listener check the sandbox's signatures, as the
// console does: only then is the card a notification reports believed.
func (e *e2e) verifiedHints() {
	e.listener.SignatureKey, e.listener.Recipe = "sandbox-unique-key", octo.RecipeUniqueKey
}

func (e *e2e) hinted(id string, st octo.Status) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, h := range e.hints {
		if h == id+" "+string(st) {
			return true
		}
	}
	return false
}

// TestSandboxPagePaymentTestCards: the customer pays on the page with each
// test card; the console sends no pay and learns the outcome (and the card
// the notification reports) by reading the status.
func TestSandboxPagePaymentTestCards(t *testing.T) {
	tests := []struct {
		pan     string
		kind    Kind
		want    State
		problem string
		card    string
	}{
		{"8600000000000015", Sale, Succeeded, "", "860000******0015"},
		{"8600000000000015", Hold, Held, "", "860000******0015"},
		{"8600000000000023", Sale, Declined, msgPageDeclined, "860000******0023"},
		{"8600000000000031", Sale, Succeeded, "", "860000******0031"}, // its outcome's notification is lost: read only
		{"9860000000000018", Hold, Held, "", "986000******0018"},
		{"9860000000000026", Sale, Declined, msgPageDeclined, "986000******0026"},
		{"4111111111111111", Sale, Succeeded, "", "411111******1111"},
		{"5555555555554444", Hold, Held, "", "555555******4444"},
		{"4000000000000002", Sale, Declined, msgPageDeclined, "400000******0002"},
	}
	for _, tc := range tests {
		t.Run(tc.pan+"/"+string(tc.kind), func(t *testing.T) {
			e := newE2E(t, sandbox.Options{})
			e.verifiedHints()
			p, effs := e.onPage(tc.kind, e.order("150000"))
			c := sandbox.CustomerCard{PAN: tc.pan, Exp: "12/29", CVC: "123"}
			if _, err := e.sb.PayAsCustomer(p.PaymentUUID, c); err != nil && tc.want != Declined {
				t.Fatalf("the customer could not pay: %v", err)
			}
			// The card comes with the first notification, once the customer typed it.
			waitFor(t, "the notification", func() bool { return e.hinted(p.ShopTransactionID, octo.StatusWaitUserAction) })
			p = e.drive(p, e.runner.RunAll(context.Background(), effs))
			if p.State != tc.want || p.Problem.English() != tc.problem {
				t.Fatalf("got %s %q, want %s %q", p.State, p.Problem.English(), tc.want, tc.problem)
			}
			if p.Card != tc.card {
				t.Errorf("card %q, want %q", p.Card, tc.card)
			}
			if tc.card != "" && p.Method != MethodOf(tc.pan) {
				t.Errorf("method %s, want %s", p.Method, MethodOf(tc.pan))
			}
			if n := countCalls(e.sb, "pay"); n != 0 {
				t.Errorf("pay was sent %d times", n)
			}
			e.agree(p)
			rec, _ := e.journal.Get(context.Background(), p.ShopTransactionID)
			if !rec.Hosted || rec.Card != tc.card {
				t.Errorf("journaled hosted %v card %q", rec.Hosted, rec.Card)
			}
		})
	}
}

// TestSandboxPagePaymentBlockedThenAnotherCard: the page refuses a blocked
// card and the payment waits on; another card pays it.
func TestSandboxPagePaymentBlockedThenAnotherCard(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	p, effs := e.onPage(Sale, e.order("5000"))
	if _, err := e.sb.PayAsCustomer(p.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000049", Exp: "1229"}); err == nil {
		t.Fatal("the blocked card paid")
	}
	p, effs, err := p.Handle(e.runner.RunAll(context.Background(), effs))
	if err != nil || p.State != AwaitingPage || p.OCTOStatus != octo.StatusCreated {
		t.Fatalf("after the blocked card: %s %s, %v", p.State, p.OCTOStatus, err)
	}
	if _, err := e.sb.PayAsCustomer(p.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000015", Exp: "1229"}); err != nil {
		t.Fatal(err)
	}
	if p = e.drive(p, e.runner.RunAll(context.Background(), effs)); p.State != Succeeded {
		t.Fatalf("got %s", p.State)
	}
}

// TestSandboxPagePaymentExpires: nobody pays; OCTO cancels the payment at
// its ttl and the console says it expired, nothing charged. The reads
// back off from one a second to every few seconds.
func TestSandboxPagePaymentExpires(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	o := e.order("5000")
	o.TTLMinutes = 3
	start := e.clock.Now()
	var waits []time.Duration
	e.clock.setOnSleep(func(d time.Duration) { waits = append(waits, d) })
	p, effs := e.onPage(Sale, o)
	if want := start.Add(3 * time.Minute); p.PayExpires.Sub(want).Abs() > time.Second {
		t.Errorf("pay expires %s, want about %s", p.PayExpires, want)
	}
	p = e.drive(p, e.runner.RunAll(context.Background(), effs))
	if p.State != Declined || !p.Problem.Is(ProblemPageExpired) || p.OCTOStatus != octo.StatusCanceled {
		t.Fatalf("got %s %s %q", p.State, p.OCTOStatus, p.Problem.English())
	}
	if over := e.clock.Now().Sub(start.Add(3 * time.Minute)); over < 0 || over > 6*time.Second {
		t.Errorf("the expiry was seen %s after the ttl", over)
	}
	if len(waits) < 20 || waits[0] > time.Second+100*time.Millisecond || waits[len(waits)-1] < 4*time.Second {
		t.Errorf("the reads waited %v: want one a second first, every few seconds later", waits)
	}
	e.agree(p)
}

// TestSandboxPagePaymentLeftAndNotified: the cashier leaves the payment on
// the page; the notification of the customer's payment settles it in the
// journal, with the card.
func TestSandboxPagePaymentLeftAndNotified(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	e.verifiedHints()
	p, effs := e.onPage(Sale, e.order("5000"))
	if ev := e.runner.Run(context.Background(), effs[0]); ev != nil { // the journal; left, its read is never run
		t.Fatal(ev)
	}
	rec, _ := e.journal.Get(context.Background(), p.ShopTransactionID)
	if rec.State != AwaitingPage || !rec.Hosted {
		t.Fatalf("journaled %s hosted %v", rec.State, rec.Hosted)
	}
	if _, err := e.sb.PayAsCustomer(p.PaymentUUID, sandbox.CustomerCard{PAN: "4111111111111111", Exp: "1229", CVC: "123"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the notification", func() bool { return e.hinted(p.ShopTransactionID, octo.StatusSucceeded) })
	got, read, err := ApplyNotification(context.Background(), e.runner, p.ShopTransactionID, octo.StatusSucceeded)
	if err != nil || !read || got.State != Succeeded || got.Card != "411111******1111" {
		t.Fatalf("applied: %s %q read %v, %v", got.State, got.Card, read, err)
	}
	e.agree(got)
}

// TestPagePaymentInTheReport: the shift report counts payments made on the
// customer's phone in their own channel.
func TestPagePaymentInTheReport(t *testing.T) {
	e := newE2E(t, sandbox.Options{})
	e.verifiedHints()
	p, effs := e.onPage(Sale, e.order("5000"))
	if _, err := e.sb.PayAsCustomer(p.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000015", Exp: "1229"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the notification", func() bool { return e.hinted(p.ShopTransactionID, octo.StatusSucceeded) })
	e.drive(p, e.runner.RunAll(context.Background(), effs))
	x, err := e.journal.XReportAt(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "X report", lines(x), map[string]string{"phone/sold": "1 5000.00 rel 0/0.00 ref 0/0.00"})
}

// A payment paid on OCTO's page is journaled as such on either engine:
// read back hosted, counted and moved in the phone channel whatever card
// OCTO reports, and exported so; a card payment beside it is not.
func TestHostedJournaledAndReported(t *testing.T) {
	ctx := context.Background()
	j := openTestStore(t)
	h := rec("ph", Sale, Succeeded, "5000", "5000", "860000******0015")
	h.Hosted = true
	record(t, j, h, t0)
	record(t, j, rec("card", Sale, Succeeded, "7000", "7000", "860000******0015"), t0.Add(time.Second))
	if got, err := j.Get(ctx, "ph"); err != nil || !got.Hosted {
		t.Fatalf("get: hosted %v, %v", got.Hosted, err)
	}
	rs, err := j.History(ctx, Filter{})
	if err != nil || len(rs) != 2 || rs[0].Hosted || !rs[1].Hosted {
		t.Fatalf("history: %+v, %v", rs, err)
	}
	x, err := j.XReportAt(ctx, t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "X report", lines(x), map[string]string{
		"phone/sold":  "1 5000.00 rel 0/0.00 ref 0/0.00",
		"uzcard/sold": "1 7000.00 rel 0/0.00 ref 0/0.00",
	})
	ms, err := j.Movements(ctx, "ph")
	if err != nil || len(ms) != 1 || ms[0].Channel != ChannelPhone || ms[0].Kind != MoveSale {
		t.Fatalf("movements: %+v, %v", ms, err)
	}
	var buf bytes.Buffer
	if err := j.ExportCSV(ctx, &buf, t0, t0.Add(time.Hour), CSVFormat{Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, ",ph,sale,phone,") || !strings.Contains(out, ",card,sale,uzcard,") {
		t.Errorf("export:\n%s", out)
	}
}

// A journal made before payments on the page gains the column, and its
// ledger's triggers count the new channel.
func TestHostedColumnMigrates(t *testing.T) {
	ctx := context.Background()
	j := openTestJournal(t)
	for _, q := range append(dropTriggers(), `ALTER TABLE payments DROP COLUMN hosted`) {
		if _, err := j.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := migrateHosted(ctx, j.db); err != nil {
		t.Fatal(err)
	}
	if err := migrateHosted(ctx, j.db); err != nil { // twice: a no-op
		t.Fatalf("second migration: %v", err)
	}
	if err := migrateLedger(ctx, j.db); err != nil {
		t.Fatal(err)
	}
	if err := migrateMovements(ctx, j.db); err != nil {
		t.Fatal(err)
	}
	p, err := NewPagePayment(Sale, order())
	if err != nil {
		t.Fatal(err)
	}
	p.State, p.Captured = Succeeded, p.Amount
	if err := j.Write(ctx, Journal{Record: p.Record(), Transition: Transition{From: AwaitingPage, To: Succeeded}}, t0); err != nil {
		t.Fatal(err)
	}
	got, err := j.Get(ctx, p.ShopTransactionID)
	if err != nil || !got.Hosted {
		t.Fatalf("hosted %v, %v", got.Hosted, err)
	}
	x, err := j.XReportAt(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if l := lines(x); len(l) != 1 || l["phone/sold"] == "" {
		t.Errorf("report lines %v, want the phone channel", l)
	}
}

// The page's state machine: reads, the cashier's check and notifications;
// nothing is sent but status reads.
func pageOrder() Order {
	o := order()
	o.TTLMinutes = 15
	return o
}

func TestPagePaymentMoves(t *testing.T) {
	p, err := NewPagePayment(Hold, pageOrder())
	if err != nil {
		t.Fatal(err)
	}
	p = step(t, p, Start{})
	p = step(t, p, Prepared{Info: &octo.PaymentInfo{PaymentUUID: "u-1", PayURL: "https://pay2.octo.uz/pay/u-1?language=ru",
		Status: octo.StatusCreated}, At: t0})
	if p.State != AwaitingPage || p.Needs() != NeedPage || !p.PayExpires.Equal(t0.Add(15*time.Minute)) {
		t.Fatalf("%s needs %s, expires %s", p.State, p.Needs(), p.PayExpires)
	}
	if p.Can(Capture{}) || p.Can(SubmitCode{Code: "1"}) || !p.Can(Check{}) || !p.Can(Notified{Status: octo.StatusSucceeded}) {
		t.Error("the page payment allows the wrong events")
	}
	seq := p.pollSeq
	p = step(t, p, Notified{Status: octo.StatusWaitingForCapture})
	if p.pollSeq == seq {
		t.Fatal("a notification did not read the status")
	}
	stale := step(t, p, StatusAnswered{Info: info(octo.StatusWaitingForCapture, "1000"), Seq: seq, At: t0})
	if stale.State != AwaitingPage {
		t.Errorf("an older read moved the payment to %s", stale.State)
	}
	p = step(t, p, StatusAnswered{Info: info(octo.StatusWaitingForCapture, "1000"), Seq: p.pollSeq, At: t0,
		Card: "860000******0015"})
	if p.State != Held || p.Card != "860000******0015" || p.Method != octo.MethodUzcard {
		t.Fatalf("got %s card %q method %s", p.State, p.Card, p.Method)
	}
}

// Canceled before its ttl is a cancel on the page; at or after it, or
// with the ttl unknown, an expiry.
func TestPagePaymentEndings(t *testing.T) {
	for _, tc := range []struct {
		st   octo.Status
		at   time.Duration
		want string
	}{
		{octo.StatusFailed, time.Minute, msgPageDeclined},
		{octo.StatusCanceled, time.Minute, msgPageCanceled},
		{octo.StatusCanceled, 15 * time.Minute, msgPageExpired},
	} {
		p, _ := NewPagePayment(Sale, pageOrder())
		p = step(t, p, Start{}, Prepared{Info: &octo.PaymentInfo{PaymentUUID: "u", PayURL: "x", Status: octo.StatusCreated}, At: t0})
		p = step(t, p, StatusAnswered{Info: info(tc.st, "1000"), Seq: p.pollSeq, At: t0.Add(tc.at)})
		if p.State != Declined || p.Problem.English() != tc.want {
			t.Errorf("%s at +%s: %s %q, want %q", tc.st, tc.at, p.State, p.Problem.English(), tc.want)
		}
	}
}

func dropTriggers() []string {
	var qs []string
	for _, t := range ledgerTriggers {
		qs = append(qs, "DROP TRIGGER "+t)
	}
	return qs
}
