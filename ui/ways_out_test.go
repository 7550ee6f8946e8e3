package ui

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

var ctrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}

// A pay whose answer was lost is resolved by status reads, which can go on
// for long (OCTO silent, the customer gone from the 3-D Secure page). The
// cashier may leave it for later: home, nothing in flight, the payment
// unfinished in the journal for reconcile and History; the reads still out
// answer nothing on screen.
func TestLostPayAnswerCanBeLeftForLater(t *testing.T) {
	d, sb, _ := onSandbox(t, 80, 24)
	sb.Inject(sandbox.Fault{Method: "pay", Kind: sandbox.FaultDrop, Count: 1})
	pay(d, "50000", false, "4111111111111111", "123")
	d.until("checking with OCTO", func(a App) bool { return a.pay.State == flows.Resolving && a.payOut > 0 })
	id := d.app.pay.ShopTransactionID
	scr := d.screen()
	for _, want := range []string{"esc leave it for later", "esc leaves it for later: the payment stays in the journal"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the working screen does not say %q:\n%s", want, scr)
		}
	}
	d.send(ctrlC)
	if d.quit || d.app.busy == "" {
		t.Fatalf("quit allowed while a status read is out (busy %q)", d.app.busy)
	}
	d.key(tea.KeyEscape)
	d.until("home", func(a App) bool { return a.screen == screenHome })
	if d.app.hasPay || d.app.busy != "" {
		t.Errorf("after leaving: payment on screen %v, busy %q", d.app.hasPay, d.app.busy)
	}
	if scr := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(scr, "Payment «Test», 4111 11** **** 1111, 50 000 UZS was left with its outcome") || strings.Contains(scr, id) {
		t.Errorf("home does not say the payment was left:\n%s", scr)
	}
	rec, err := unordered(d.app.opts.Journal).(interface {
		Get(context.Context, string) (flows.Record, error)
	}).Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.State.Final() {
		t.Errorf("the journal has the left payment %s; want it unfinished for reconcile", rec.State)
	}
	d.send(ctrlC)
	d.until("the quit at home after leaving the payment", func(App) bool { return d.quit })
}

// An unknown outcome with no status read out (the reads stopped: "check
// again later") holds nothing in flight: the console may quit, and esc
// leaves it.
func TestUnknownOutcomeWithNothingOutIsNotBusy(t *testing.T) {
	p := basePayment(flows.Sale, flows.Resolving)
	p.Problem = flows.NewProblem(flows.ProblemCheckFailed, flows.NewProblem(flows.ProblemUnreachable, flows.NewProblem(flows.ProblemNothingCharged)))
	d := onScreen(t, p, 80, 24)
	if d.app.busy != "" {
		t.Errorf("busy %q with no request out", d.app.busy)
	}
	if strings.Contains(d.screen(), "⋯ checking with OCTO") {
		t.Errorf("the status line says something is in flight:\n%s", d.screen())
	}
	d.key(tea.KeyEscape)
	d.until("home after esc from the payment", func(a App) bool { return a.screen == screenHome })
	d = onScreen(t, p, 80, 24)
	d.send(ctrlC)
	d.until("the quit with no request out", func(App) bool { return d.quit })
}

// The flow refuses a capture confirmed after the hold's outcome became
// unknown (it expired while the question was open). The cashier reads what
// cannot be done now and why, in the console's language; the flow's own
// error ("flows: … not allowed") goes only to the log.
func TestRefusedEventIsSaidPlainly(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		want string
	}{
		{LangEN, "The hold cannot be captured now — its outcome is still being checked with OCTO"},
		{LangRU, "Холд сейчас нельзя списать — его итог ещё проверяется в OCTO"},
		{LangUZ, "Xoldni hozir yechib bo'lmaydi — uning natijasi hali OCTO'da tekshirilmoqda"},
	} {
		var log bytes.Buffer
		o := testOptions()
		o.Language, o.Log = tc.lang, slog.New(slog.NewTextHandler(&log, nil))
		d := newDriver(t, New(o), 80, 24)
		p := basePayment(flows.Hold, flows.Held)
		p.HoldExpires = fixedNow // runs out at the next heartbeat
		d.app = d.app.onScreen(p)
		var cmd tea.Cmd
		d.app, cmd = d.app.follow()
		d.run(cmd)
		d.send(askMsg{title: "Capture", question: "Capture 150 000 UZS?", yes: "capture", ev: flows.Capture{}})
		d.send(tickMsg(fixedNow))
		if d.app.pay.State != flows.Resolving {
			t.Fatalf("the expired hold is %s, want resolving", d.app.pay.State)
		}
		d.send(keyText("y"))
		scr := strings.Join(strings.Fields(d.screen()), " ")
		if !strings.Contains(scr, tc.want) {
			t.Errorf("%s: the screen does not say %q:\n%s", tc.lang, tc.want, d.screen())
		}
		if strings.Contains(scr, "flows:") || strings.Contains(scr, "not allowed") || strings.Contains(scr, "capture not") {
			t.Errorf("%s: the flow's error is on screen:\n%s", tc.lang, d.screen())
		}
		if !strings.Contains(log.String(), "flows: hold payment in state resolving: event capture not allowed") {
			t.Errorf("%s: the log lacks the flow's error: %q", tc.lang, log.String())
		}
	}
}

// The same for a saved card's binding: a code sent after the card was saved.
func TestRefusedBindingEventIsSaidPlainly(t *testing.T) {
	d := newDriver(t, New(testOptions()), 80, 24)
	d.app.bind, d.app.hasBind = flows.SavedBinding(flows.SavedToken{Token: "tok-1", Customer: "998901234567",
		Card: "860000******0015", Status: octo.TokenActive}), true
	d.app.bindS, d.app.screen = newBindScreen(d.app.st), screenBind
	d.send(bindInputMsg{flows.SubmitCode{Code: "123456", At: fixedNow}})
	scr := strings.Join(strings.Fields(d.screen()), " ")
	if !strings.Contains(scr, "The code cannot be sent now — the card is not at that step now") || strings.Contains(scr, "flows:") {
		t.Errorf("the refusal is not said plainly:\n%s", d.screen())
	}
}

// flakyTokens is a journal that does not answer for the first fails reads.
type flakyTokens struct {
	mu    sync.Mutex
	fails int
}

func (f *flakyTokens) Tokens(context.Context, string) ([]flows.SavedToken, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fails > 0 {
		f.fails--
		return nil, errors.New("database is locked")
	}
	return (&fakeJournal{}).Tokens(context.Background(), "")
}

// When the journal does not answer for a customer's saved cards, the
// reason shows where "Reading the journal…" stood, with a key to read
// again; the customer's phone stays, and the retry lists the cards.
func TestSavedCardsJournalErrorOffersRetry(t *testing.T) {
	o := testOptions()
	o.Tokens = &flakyTokens{fails: 1}
	d := newDriver(t, New(o), 80, 24)
	d.send(keyText("s"))
	d.typeText("901234567")
	d.key(tea.KeyEnter)
	d.until("the journal's answer", func(a App) bool { return a.saved.failed != "" || a.saved.loaded })
	scr := d.screen()
	for _, want := range []string{"Customer +998 90 123 45 67", "✗ Could not read the saved cards from the journal: database is locked",
		"enter try again"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the screen lacks %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "Reading the journal…") {
		t.Errorf("still reading after the journal answered:\n%s", scr)
	}
	d.key(tea.KeyEnter)
	d.until("the cards", func(a App) bool { return a.saved.loaded })
	if len(d.app.saved.tokens) != 2 || d.app.saved.customer != "998901234567" || d.app.saved.failed != "" {
		t.Errorf("after the retry: %d cards for %q, failed %q", len(d.app.saved.tokens), d.app.saved.customer, d.app.saved.failed)
	}
	d.key(tea.KeyEscape)
	if got := d.app.saved.phone.Value(); !strings.Contains(got, "901234567") {
		t.Errorf("the phone typed is gone: %q", got)
	}
}

// A code whose answer was lost is settled by reading the status: the
// result says the outcome was read from OCTO's status; a payment answered
// directly says nothing of the kind.
func TestResultSaysTheOutcomeWasRead(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	pay(d, "50000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	if strings.Contains(d.screen(), "Read from OCTO's status") {
		t.Errorf("a payment answered directly says its outcome was read:\n%s", d.screen())
	}
	d.send(doneMsg{})

	sb.Inject(sandbox.Fault{Method: "check_sms_key", Kind: sandbox.FaultDrop, Count: 1})
	pay(d, "60000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	if !strings.Contains(d.screen(), "Read from OCTO's status at") {
		t.Errorf("the result of a lost answer does not say it was read:\n%s", d.screen())
	}
}

// A payment left on "checking with OCTO" that a signed notification later
// settles is said on home: paid, so the cashier does not take it again.
func TestLeftPaymentSettledIsSaid(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	runner, ok := d.app.opts.Runner.(*run.Runner)
	if !ok {
		t.Fatalf("runner %T", d.app.opts.Runner)
	}
	d.app.opts.ApplyHint = func(ctx context.Context, id string, st octo.Status) error {
		_, _, err := run.ApplyNotification(ctx, runner, id, st)
		return err
	}
	sb.Inject(sandbox.Fault{Method: "pay", Kind: sandbox.FaultDrop, Count: 1})
	pay(d, "50000", false, "4111111111111111", "123")
	d.until("checking with OCTO", func(a App) bool { return a.pay.State == flows.Resolving })
	id, uuid := d.app.pay.ShopTransactionID, d.app.pay.PaymentUUID
	d.key(tea.KeyEscape)
	d.until("home", func(a App) bool { return a.screen == screenHome })
	if uuid == "" {
		t.Fatal("no OCTO payment to complete")
	}
	if err := sb.Complete3DS(uuid, true); err != nil {
		t.Fatal(err)
	}
	d.send(hintMsg{ShopTransactionID: id, Status: octo.StatusSucceeded, Verified: true})
	d.until("the news", func(a App) bool { return strings.Contains(a.notice, "turned out PAID") })
	if scr := d.screen(); !strings.Contains(strings.Join(strings.Fields(scr), " "), "Payment «Test», 4111 11** **** 1111 (50 000 UZS) left unknown turned out PAID — do not take it again") {
		t.Errorf("home does not say how the left payment ended:\n%s", scr)
	}
	if d.app.left[id] {
		t.Error("the payment is still counted as left")
	}
}

// A customer who walks away from the bank's page does not hold the till:
// esc leaves the payment for later (journaled, read at the next start),
// the console may quit, and the customer finishing later is said on home.
func TestThreeDSCanBeLeftForLater(t *testing.T) {
	d, sb, _ := onSandbox(t, 100, 30)
	runner := d.app.opts.Runner.(*run.Runner)
	d.app.opts.ApplyHint = func(ctx context.Context, id string, st octo.Status) error {
		_, _, err := run.ApplyNotification(ctx, runner, id, st)
		return err
	}
	pay(d, "70000", false, "4111111111111111", "123")
	d.until("3-D Secure", func(a App) bool { return a.screen == screen3DS && a.pay.State == flows.Awaiting3DS })
	if !strings.Contains(d.screen(), "esc leave it for later") {
		t.Errorf("the 3-D Secure screen offers no way out:\n%s", d.screen())
	}
	id, uuid := d.app.pay.ShopTransactionID, d.app.pay.PaymentUUID
	d.key(tea.KeyEscape)
	if !strings.Contains(d.screen(), "Leave this payment for later?") {
		t.Fatalf("esc on the bank's page did not ask first:\n%s", d.screen())
	}
	d.send(keyText("y"))
	d.until("home", func(a App) bool { return a.screen == screenHome })
	if d.app.busy != "" || !d.app.left[id] {
		t.Errorf("after leaving: busy %q, left %v", d.app.busy, d.app.left)
	}
	if err := sb.Complete3DS(uuid, true); err != nil {
		t.Fatal(err)
	}
	d.send(hintMsg{ShopTransactionID: id, Status: octo.StatusSucceeded, Verified: true})
	d.until("the news", func(a App) bool { return strings.Contains(a.notice, "turned out PAID") })
}

// The headline follows refunds: part refunded says how much, a full
// refund no longer says "Paid".
func TestOutcomeAfterRefunds(t *testing.T) {
	st := newStyles()
	p := basePayment(flows.Sale, flows.Succeeded)
	p.Captured, p.Refunded = decimal.RequireFromString("150000"), decimal.RequireFromString("50000")
	if got := plain(outcome(st, p)); got != "✓ Paid, 50 000 UZS refunded" {
		t.Errorf("part refunded: %q", got)
	}
	p.Kind = flows.Hold
	if got := plain(outcome(st, p)); got != "✓ Captured, 50 000 UZS refunded" {
		t.Errorf("a hold part refunded: %q", got)
	}
	p.Refunded = p.Captured
	if got := plain(outcome(st, p)); got != "↩ Refunded in full — nothing stays charged" {
		t.Errorf("refunded in full: %q", got)
	}
}

// The second after a refused code reads as what it is, not as the alarm
// of a lost answer.
func TestRefusedCodeCheckIsNoAlarm(t *testing.T) {
	p := basePayment(flows.Sale, flows.Resolving)
	p.Problem = flows.NewProblem(flows.ProblemCheckingCode)
	d := onScreen(t, p, 100, 30)
	scr := strings.Join(strings.Fields(d.screen()), " ")
	if strings.Contains(scr, "Do not take another payment") || !strings.Contains(scr, "OCTO refused the code; reading the payment's status") {
		t.Errorf("the check of a refused code:\n%s", d.screen())
	}
}
