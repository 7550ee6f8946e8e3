package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

// replayBench is a fresh console on an in-memory sandbox, as main's replay
// builds it: the sandbox's clock is the console's, the runner's waits move
// it, and every exchange is kept in its redacted shape.
type replayBench struct {
	sb  *sandbox.Sandbox
	j   *journal.SQLite
	env ReplayEnv

	mu        sync.Mutex
	exchanges []octo.Exchange
}

func newReplayBench(t *testing.T, start time.Time) *replayBench {
	t.Helper()
	b := &replayBench{sb: sandbox.New(sandbox.Options{NoRateLimit: true, Start: start})}
	t.Cleanup(b.sb.Close)
	j, err := journal.OpenSQLite(filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	b.j = j
	client := octo.NewClient(b.sb.ShopID(), b.sb.Secret(), octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(b.sb.Client()),
		octo.WithObserver(func(x octo.Exchange) {
			b.mu.Lock()
			b.exchanges = append(b.exchanges, x)
			b.mu.Unlock()
		}))
	opts := testOptions()
	opts.Now = b.sb.Now
	opts.Runner = &run.Runner{Gateway: client, Journal: j, Clock: replayClock{b.sb}}
	opts.PageLanguage = "en"
	opts.Journal, opts.Tokens = j, j
	opts.Complete3DS = b.sb.Complete3DS
	opts.ReturnURL = "http://sandbox.test/"
	opts.NotifyURL, opts.BindNotifyURL = "http://127.0.0.1:9/octo/notify", "http://127.0.0.1:9/octo/bind"
	opts.Test = true
	opts.Outbox = func() []SMS {
		var out []SMS
		for _, m := range b.sb.SMS() {
			out = append(out, SMS{Phone: m.Phone, Code: m.Code, PaymentUUID: m.PaymentUUID, SentAt: m.SentAt})
		}
		return out
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	opts.Context = ctx
	b.env = ReplayEnv{
		Options:   opts,
		AdvanceTo: func(at time.Time) { b.sb.Advance(at.Sub(b.sb.Now())) },
		CardNumber: func(c record.RecordedCard) string {
			pan, _ := sandbox.TestCard(c.First6, c.Last4, c.Length)
			return pan
		},
	}
	return b
}

// outcome is what the bench's console did, as a recording.
func (b *replayBench) outcome(t *testing.T, screen string) *record.Recording {
	t.Helper()
	recs, err := b.j.History(context.Background(), flows.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var xs []record.RecordedExchange
	for _, x := range b.exchanges {
		xs = append(xs, record.ExchangeOf(x))
	}
	return &record.Recording{Exchanges: xs, Outcome: record.Outcome{Screen: screen, Payments: record.OutcomeOf(recs)}}
}

// replayClock is the sandbox's clock for the runner, as main's replay has
// it: waits are short and real, and never move the clock (only the
// recorded times of the inputs do).
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

// walker types into a console that records, like a person at the keyboard.
type walker struct {
	t   *testing.T
	h   *record.Driver
	b   *replayBench
	app App // as it started: its journal's queue is the console's
}

func (w *walker) keys(ks ...tea.KeyPressMsg) {
	for _, k := range ks {
		w.h.Handle(k)
		w.h.Settle()
	}
}

func (w *walker) text(s string) {
	for _, r := range s {
		w.keys(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (w *walker) at(where string) {
	w.t.Helper()
	if !w.h.Until(where, 20*time.Second, w.b.sb.Now) {
		w.t.Fatalf("never got to %s (at %s):\n%s", where, w.h.Place(), screenOf(w.h))
	}
}

// appIs reads the console between two updates (the program runs it in a
// goroutine of its own).
func appIs(h *record.Driver, cond func(App) bool) bool {
	var ok bool
	h.Ask(func(c record.Console) { ok = cond(c.(replayConsole).app) })
	return ok
}

// screenOf is what the console shows now, without colours.
func screenOf(h *record.Driver) string {
	var s string
	h.Ask(func(c record.Console) { s = plain(c.View().Content) })
	return s
}

// startRecording is app in a program of its own, with r in front.
func startRecording(t *testing.T, app App, r *record.Recorder) *record.Driver {
	h := record.Start(replayConsole{app: app, rec: r})
	t.Cleanup(h.Stop)
	return h
}

// later moves the clock as a person takes their time.
func (w *walker) later(d time.Duration) { w.b.sb.Advance(d) }

var (
	recEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	recDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	recCtrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
)

const (
	walkPAN  = "8600000000000015" // the sandbox's approving Uzcard
	walkVisa = "4111111111111111"
	walkCVC  = "987"
)

// recordWalk records a two-stage payment on the Uzcard test card (a typo
// in the number seen and fixed) with its one-time code, a partial capture
// of 90 000 out of 150 000, then a Visa payment with its CVC approved on
// the 3-D Secure page; then it quits.
func recordWalk(t *testing.T) (*record.Recording, string) {
	t.Helper()
	walkOnce.Do(func() { walkRec, walkCode = recordWalkNow(t) })
	if walkRec == nil {
		t.Fatal("recording the walk failed (see the first test that recorded it)")
	}
	// A deep copy: tests tamper with it.
	b, err := json.Marshal(walkRec)
	if err != nil {
		t.Fatal(err)
	}
	var rec record.Recording
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	return &rec, walkCode
}

// The walk is recorded once for all the tests that read it.
var (
	walkOnce sync.Once
	walkRec  *record.Recording
	walkCode string
)

// recordingConsole is a console on a fresh bench, 100×30, recording from
// its first message, for a walker to type into.
func recordingConsole(t *testing.T) (*walker, *record.Recorder) {
	start := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	b := newReplayBench(t, start)
	r := record.NewRecorder(b.sb.Now, start, record.Setup{Currency: "UZS"})
	app := New(b.env.Options)
	app.noTick = true
	h := startRecording(t, app, r)
	h.Handle(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.Settle()
	return &walker{t: t, h: h, b: b, app: app}, r
}

func recordWalkNow(t *testing.T) (*record.Recording, string) {
	w, r := recordingConsole(t)
	h, b := w.h, w.b

	w.at("home")
	w.text("n")
	w.at("pay-by")
	w.text("c")
	w.at("new-payment")
	w.text("150000")
	w.keys(recEnter)
	w.text("Coffee machine")
	w.keys(recEnter, recDown, recEnter, recEnter, recEnter)
	w.at("card")
	w.later(3 * time.Second)
	w.text(walkPAN[:15] + "9") // a typo in the last digit, seen and fixed
	w.keys(tea.KeyPressMsg{Code: tea.KeyBackspace})
	w.text(walkPAN[15:])
	w.keys(recEnter)
	w.text("1230")
	w.keys(recEnter, recEnter)
	w.at("card+confirm") // the summary
	w.keys(recEnter)
	w.at("otp/" + string(flows.AwaitingOTP))
	code := lastCode(b.sb)
	w.later(20 * time.Second)
	w.text(string(rune('0' + (code[0]-'0'+1)%10))) // a wrong first digit, seen and erased
	w.keys(tea.KeyPressMsg{Code: tea.KeyBackspace})
	w.text(code)
	w.keys(recEnter)
	w.at("hold/" + string(flows.Held))
	w.text("p")
	w.text("90000")
	w.keys(recEnter)
	w.at("hold/" + string(flows.Held) + "+confirm")
	w.text("y")
	w.at("result/" + string(flows.Succeeded))
	w.keys(recEnter)
	w.at("home")

	w.text("n")
	w.at("pay-by")
	w.text("c")
	w.at("new-payment")
	w.text("250000")
	w.keys(recEnter)
	w.text("Tea set")
	w.keys(recEnter, recEnter, recEnter, recEnter)
	w.at("card")
	w.text(walkVisa)
	w.keys(recEnter)
	w.text("1230")
	w.keys(recEnter)
	w.text(walkCVC)
	w.keys(recEnter)
	w.text("TEST")
	w.keys(recEnter)
	w.at("card+confirm")
	w.keys(recEnter)
	w.at("3ds/" + string(flows.Awaiting3DS))
	w.text("a")
	w.at("result/" + string(flows.Succeeded))
	w.keys(recEnter)
	w.at("home")
	w.keys(recCtrlC)
	select {
	case <-h.Done(): // the program ended: the console quit
	case <-time.After(10 * time.Second):
		t.Fatal("ctrl+c did not quit")
	}
	// The Visa sale's outcome is journaled after "Paid" showed.
	if err := w.app.Settle(context.Background()); err != nil {
		t.Fatal(err)
	}
	recs, err := b.j.History(context.Background(), flows.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	for _, x := range b.exchanges {
		r.Exchange(x) // as main's observer does
	}
	b.mu.Unlock()
	return r.Finish(recs), code
}

func replayed(t *testing.T, rec *record.Recording) (*record.Recording, error) {
	t.Helper()
	b := newReplayBench(t, rec.Start)
	b.env.Wait = 5 * time.Second
	screen, err := Play(rec, b.env)
	if err != nil {
		screen = "(stopped) " + err.Error()
	}
	return b.outcome(t, screen), err
}

func TestRecordedWalkReplaysGreen(t *testing.T) {
	rec, _ := recordWalk(t)
	if got := len(rec.Outcome.Payments); got != 2 {
		t.Fatalf("the walk journaled %d payments, want 2: %+v", got, rec.Outcome.Payments)
	}
	p := rec.Outcome.Payments[0]
	if p.State != string(flows.Succeeded) || p.Captured != "90000.00" || p.Released != "60000.00" || p.Card != "860000******0015" {
		t.Errorf("first payment recorded as %+v", p)
	}
	if rec.Outcome.Screen != "home" {
		t.Errorf("ended on %q, want home", rec.Outcome.Screen)
	}
	// Through the file, as the command does.
	path := filepath.Join(t.TempDir(), "walk.json")
	if err := rec.Save(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := record.LoadRecording(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := replayed(t, loaded)
	if err != nil {
		t.Fatal(err)
	}
	if diff := record.Compare(loaded, got); len(diff) > 0 {
		t.Fatalf("%s", record.FormatDiff(diff))
	}
}

func TestTamperedRecordingFailsWithDiff(t *testing.T) {
	rec, _ := recordWalk(t)
	// The cashier "typed" 80000 instead of 90000: the first '9' of the
	// capture amount, recorded on the hold screen, becomes an '8'.
	tampered := false
	for i, e := range rec.Events {
		if e.Key != nil && e.Key.Text == "9" && strings.HasPrefix(e.Where, "hold/") {
			rec.Events[i].Key = &record.RecordedKey{Name: "8", Code: '8', Text: "8"}
			tampered = true
			break
		}
	}
	if !tampered {
		t.Fatal("no '9' typed on the hold screen in the recording")
	}
	got, err := replayed(t, rec)
	if err != nil {
		t.Fatal(err)
	}
	diff := record.Compare(rec, got)
	text := record.FormatDiff(diff)
	for _, want := range []string{
		"- payment 1: hold uzcard succeeded, 150000.00 UZS; captured 90000.00, released 60000.00",
		"+ payment 1: hold uzcard succeeded, 150000.00 UZS; captured 80000.00, released 70000.00",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the diff lacks %q:\n%s", want, text)
		}
	}
	if len(diff) != 2 {
		t.Errorf("the diff has %d lines, want the two that differ:\n%s", len(diff), text)
	}
}

func TestRecordingDiffersWhenTheWalkCannotBeFollowed(t *testing.T) {
	rec, _ := recordWalk(t)
	// A key recorded on the 3-D Secure page now arrives on a screen the
	// replay never reaches.
	for i, e := range rec.Events {
		if strings.HasPrefix(e.Where, "3ds/") {
			rec.Events[i].Where = "3ds/somewhere-else"
		}
	}
	got, err := replayed(t, rec)
	if err == nil || !strings.Contains(err.Error(), `recorded on "3ds/somewhere-else"`) {
		t.Fatalf("replay error %v, want one naming the recorded place", err)
	}
	if diff := record.Compare(rec, got); len(diff) == 0 {
		t.Error("a replay that stopped half-way compares the same")
	}
}

// TestPassingInputGoesOn: an input recorded while a call was out is sent
// even if the replay never stands where it was recorded (it passed that
// moment), and the walk still replays green.
func TestPassingInputGoesOn(t *testing.T) {
	rec, _ := recordWalk(t)
	moved := false
	for i, e := range rec.Events {
		if e.Key != nil && e.Key.Text == "p" && e.Where == "hold/"+string(flows.Held) {
			rec.Events[i].Where, rec.Events[i].Passing = "working/"+string(flows.Verifying), true
			moved = true
			break
		}
	}
	if !moved {
		t.Fatal("no 'p' on the hold screen in the recording")
	}
	got, err := replayed(t, rec)
	if err != nil {
		t.Fatal(err)
	}
	if diff := record.Compare(rec, got); len(diff) > 0 {
		t.Fatalf("%s", record.FormatDiff(diff))
	}
}

// TestReplayOutcomeHasTheLastWrite: the outcome of the walk's last payment
// is journaled beside the screen, after "Paid" shows (journal_order.go);
// a replay that read the journal as soon as its last input (ctrl+c) was
// handled missed it, and said the payment was still where it was before —
// as octo-cashier replay did once on a loaded machine (the capture
// "capturing", the recording "succeeded"). The write is held back here as
// such a machine holds it.
func TestReplayOutcomeHasTheLastWrite(t *testing.T) {
	rec, _ := recordWalk(t)
	b := newReplayBench(t, rec.Start)
	b.env.Wait = 5 * time.Second
	b.env.Options.Runner = lateWrites{b.env.Options.Runner, flows.Succeeded}
	screen, err := Play(rec, b.env)
	if err != nil {
		t.Fatal(err)
	}
	if diff := record.Compare(rec, b.outcome(t, screen)); len(diff) > 0 {
		t.Fatalf("%s", record.FormatDiff(diff))
	}
}

// TestRecordingHoldsNoSecrets is the canary test: the card number, the
// CVC, the one-time code and the shop's secret typed or used in the walk
// appear nowhere in the file, neither as text nor as the keys typed in a row.
func TestRecordingHoldsNoSecrets(t *testing.T) {
	rec, code := recordWalk(t)
	path := filepath.Join(t.TempDir(), "walk.json")
	if err := rec.Save(path); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("recording mode %v, want 0600", fi.Mode().Perm())
	}
	canaries := map[string]string{
		"Uzcard number": walkPAN, "grouped Uzcard number": GroupPAN(walkPAN), "Visa number": walkVisa,
		"one-time code": code, "shop secret": "sandbox-secret", "CVC": walkCVC,
	}
	if found := leaks(t, raw, canaries); len(found) > 0 {
		t.Errorf("the recording holds %v", found)
	}
	// The check can fail: the same file with the CVC's keys stored as
	// typed, and with the number in a text, is caught.
	leaky := *rec
	leaky.Events = append(append([]record.RecordedEvent(nil), rec.Events...),
		record.RecordedEvent{Key: &record.RecordedKey{Text: "9"}}, record.RecordedEvent{Key: &record.RecordedKey{Text: "8"}}, record.RecordedEvent{Key: &record.RecordedKey{Text: "7"}})
	leaky.Outcome.Screen = "card " + walkPAN
	lb, err := json.Marshal(leaky)
	if err != nil {
		t.Fatal(err)
	}
	if found := leaks(t, lb, canaries); len(found) != 2 {
		t.Errorf("a leaky recording is reported as leaking %v, want the CVC and the Uzcard number", found)
	}
	var secrets = map[string]int{}
	for _, e := range rec.Events {
		if e.Secret != nil {
			secrets[e.Secret.Kind]++
		}
	}
	if secrets[record.SecretPAN] != 2*16+1 || secrets[record.SecretCVC] != 3 || secrets[record.SecretOTP] != len(code)+1 {
		t.Errorf("secret keys recorded %v, want %d card digits, 3 CVC and %d code digits", secrets, 2*16+1, len(code)+1)
	}
	if len(rec.Cards) != 2 || rec.Cards[0] != (record.RecordedCard{First6: "860000", Last4: "0015", Length: 16, Luhn: true}) {
		t.Errorf("cards recorded as %+v", rec.Cards)
	}
}

// leaks names the canaries found in a recording file: in any text of it,
// or in the keys it stores read in a row (a number typed key by key).
func leaks(t *testing.T, raw []byte, canaries map[string]string) []string {
	t.Helper()
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var texts []string
	var collect func(v any)
	collect = func(v any) {
		switch v := v.(type) {
		case string:
			texts = append(texts, v)
		case map[string]any:
			for k, x := range v {
				texts = append(texts, k)
				collect(x)
			}
		case []any:
			for _, x := range v {
				collect(x)
			}
		}
	}
	collect(doc)
	var r record.Recording
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	var typed strings.Builder
	for _, e := range r.Events {
		if e.Key != nil {
			typed.WriteString(e.Key.Text)
		}
		if e.Paste != nil {
			typed.WriteString(*e.Paste)
		}
	}
	all := strings.Join(texts, "\n") + "\n" + typed.String()
	var found []string
	for what, c := range canaries {
		if strings.Contains(all, c) {
			found = append(found, what)
		}
	}
	sort.Strings(found)
	return found
}

// TestRecorderSecretKeys checks the symbols one key at a time: a right
// and a wrong code digit, a digit of the number, of the CVC, and a digit
// into the expiry (not a secret: stored as typed).
func TestRecorderSecretKeys(t *testing.T) {
	rec, _ := recordWalk(t)
	var pans []record.Secret
	var expiry []string
	for _, e := range rec.Events {
		if e.Secret != nil && e.Secret.Kind == record.SecretPAN && e.Secret.Card == 0 {
			pans = append(pans, *e.Secret)
		}
		if e.Key != nil && e.Where == "card" && strings.ContainsAny(e.Key.Text, "0123456789") {
			expiry = append(expiry, e.Key.Text)
		}
	}
	if len(pans) != 17 {
		t.Fatalf("%d digits of the first card, want 17 (16 and a typo)", len(pans))
	}
	if typo := pans[15]; typo.Pos != 15 || typo.Same {
		t.Errorf("the typo recorded as %+v, want position 15, not the card's digit", typo)
	}
	if fixed := pans[16]; fixed.Pos != 15 || !fixed.Same {
		t.Errorf("the fixed digit recorded as %+v, want position 15, the card's digit", fixed)
	}
	var otps []record.Secret
	for _, e := range rec.Events {
		if e.Secret != nil && e.Secret.Kind == record.SecretOTP {
			otps = append(otps, *e.Secret)
		}
	}
	if len(otps) < 2 || otps[0].Pos != 0 || otps[0].Same || otps[1].Pos != 0 || !otps[1].Same {
		t.Errorf("the wrong code digit and the right one recorded as %+v", otps)
	}
	for i, o := range otps[1:] {
		if o.Pos != i || !o.Same {
			t.Errorf("code digit %d recorded as %+v", i, o)
		}
	}
	if got := strings.Join(expiry, ""); got != "12301230" {
		t.Errorf("expiry keys recorded %q, want both expiries as typed", got)
	}
}

func TestRecordingFormat(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	paste := "Coffee"
	r := &record.Recording{Version: record.RecordingVersion, Start: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Setup: record.Setup{Currency: "UZS", OTPLifetime: time.Minute},
		Cards: []record.RecordedCard{{First6: "860000", Last4: "0015", Length: 16, Luhn: true}},
		Events: []record.RecordedEvent{
			{At: time.Second, Where: "home", Size: &record.RecordedSize{Width: 80, Height: 24}},
			{At: 2 * time.Second, Where: "home", Key: &record.RecordedKey{Name: "ctrl+r", Code: 'r', Mod: tea.ModCtrl}},
			{At: 3 * time.Second, Where: "new-payment", Paste: &paste},
			{At: 4 * time.Second, Where: "card", Secret: &record.Secret{Kind: record.SecretPAN, Pos: 3, Same: true}},
		},
		Exchanges: []record.RecordedExchange{{Method: "pay", HTTPStatus: 200, Status: "created"}},
		Outcome:   record.Outcome{Screen: "home", Payments: []record.RecordedPayment{{Kind: "one_stage", Amount: "1.00"}}},
	}
	if err := r.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := record.LoadRecording(path)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(r)
	b, _ := json.Marshal(got)
	if string(a) != string(b) {
		t.Errorf("round trip changed the recording:\n%s\n%s", a, b)
	}
	for name, body := range map[string]string{
		"other version": `{"version": 99, "events": []}`,
		"not json":      `walk`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := record.LoadRecording(p); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

// TestRecorderPastedCardNumber: a number pasted whole is stored as "paste
// card 0" and replays as the sandbox's test card.
func TestRecorderPastedCardNumber(t *testing.T) {
	start := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	b := newReplayBench(t, start)
	r := record.NewRecorder(b.sb.Now, start, record.Setup{})
	app := New(b.env.Options)
	app.noTick = true
	h := startRecording(t, app, r)
	w := &walker{t: t, h: h, b: b}
	h.Handle(tea.WindowSizeMsg{Width: 80, Height: 24})
	w.at("home")
	w.text("n")
	w.at("pay-by")
	w.text("c")
	w.at("new-payment")
	w.text("1000")
	w.keys(recEnter)
	w.text("Tea")
	w.keys(recEnter, recEnter, recEnter, recEnter)
	w.at("card")
	h.Handle(tea.PasteMsg{Content: GroupPAN(walkPAN)})
	h.Settle()
	w.keys(tea.KeyPressMsg{Code: tea.KeyEscape})
	w.at("card+confirm") // a card typed is not left unasked
	w.text("y")
	w.at("new-payment")
	rec := r.Finish(nil)
	var pasted *record.RecordedEvent
	for i, e := range rec.Events {
		if e.Secret != nil && e.Secret.Paste {
			pasted = &rec.Events[i]
		}
		if e.Paste != nil && strings.Contains(common.CardDigits(*e.Paste), "0015") {
			t.Errorf("the pasted number is stored as text: %q", *e.Paste)
		}
	}
	if pasted == nil || pasted.Secret.Kind != record.SecretPAN || !pasted.Secret.Same || pasted.Secret.Card != 0 {
		t.Fatalf("the paste recorded as %+v", pasted)
	}
	if len(rec.Cards) != 1 || rec.Cards[0].Last4 != "0015" {
		t.Errorf("cards %+v", rec.Cards)
	}
	msg, err := h.Input(*pasted, rec, record.Env{CardNumber: b.env.CardNumber}, map[int]string{})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := msg.(tea.PasteMsg); !ok || p.Content != walkPAN {
		t.Errorf("replay pastes %#v, want the test card", msg)
	}
}
