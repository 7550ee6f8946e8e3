package ui

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
)

// Each text the screens compose is worded where it is composed, in the
// screen's language: what the cashier reads on a Russian or Uzbek screen,
// site by site. A foreign error (a database driver's) keeps its words.

// flat is a screen with its line breaks and padding gone, for phrases the
// layout may wrap.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

var errLocked = errors.New("database is locked")

func TestRootProblemsWordedWhereComposed(t *testing.T) {
	busy := &journal.PaymentBusyError{ShopTransactionID: "oc-1", Counter: "A"}
	unresolvedN := func(n int) []flows.Payment {
		ps := make([]flows.Payment, n)
		for i := range ps {
			ps[i].State = flows.Resolving
		}
		return ps
	}
	for _, tt := range []struct {
		lang   Lang
		msg    tea.Msg
		notice bool // the text is a notice, not a problem
		want   string
	}{
		{LangRU, holdsMsg{err: errLocked}, false, "чтение открытых холдов: database is locked"},
		{LangUZ, holdsMsg{err: errLocked}, false, "band qilingan summalarni o'qish: database is locked"},
		{LangRU, reportMsg{err: errLocked}, false, "отчёт смены: database is locked"},
		{LangUZ, reportMsg{err: errLocked}, false, "smena hisoboti: database is locked"},
		{LangRU, reconciledMsg{err: errLocked}, false, "проверка незавершённых платежей (sandbox): database is locked"},
		{LangUZ, reconciledMsg{err: errLocked}, false, "tugallanmagan to'lovlarni tekshirish (sandbox): database is locked"},
		{LangRU, reconciledMsg{payments: unresolvedN(21)}, true, "21 прежний платёж всё ещё без известного результата; см. журнал"},
		{LangUZ, reconciledMsg{payments: unresolvedN(3)}, true, "3 ta oldingi to'lovning natijasi hali noma'lum; jurnalni ko'ring"},
		{LangRU, threeDSDoneMsg{err: errLocked}, false, "страница 3-D Secure в песочнице: database is locked"},
		{LangUZ, threeDSDoneMsg{err: errLocked}, false, "sinov muhitidagi 3-D Secure sahifasi: database is locked"},
		// errors the console knows: its own, the store's busy refusal
		{LangRU, errMsg{errNoRunner}, false, "у консоли нет связи со шлюзом"},
		{LangUZ, errMsg{errNoRunner}, false, "konsolning shlyuz bilan aloqasi yo'q"},
		{LangRU, errMsg{busy}, false, "платёж oc-1 сейчас проводит касса A"},
		{LangUZ, errMsg{busy}, false, "to'lov oc-1 hozir kassa A da bajarilmoqda"},
		// a whole sentence of the catalogue (a flows sentinel)
		{LangRU, errMsg{flows.ErrEmailNeeded}, false, "вместе с телефоном OCTO нужен и e-mail"},
		// a foreign error: as it came; and a wrapped one, whose wrapping's
		// words nobody here knows, whole
		{LangRU, errMsg{errLocked}, false, "database is locked"},
		{LangRU, errMsg{fmt.Errorf("journal: %w", busy)}, false, "journal: payment oc-1 is being handled at counter A"},
		// English: as the console has always said it
		{LangEN, holdsMsg{err: errLocked}, false, "reading the open holds: database is locked"},
		{LangEN, reconciledMsg{payments: unresolvedN(2)}, true, "2 earlier payments still have no known outcome; see the journal"},
	} {
		d := inLanguage(t, tt.lang, 120, 40)
		d.send(tt.msg)
		got := d.app.errText
		if tt.notice {
			got = d.app.notice
		}
		if got != tt.want {
			t.Errorf("%s %T: %q, want %q", tt.lang, tt.msg, got, tt.want)
		}
		if !strings.Contains(flat(d.screen()), tt.want) {
			t.Errorf("%s %T: the screen lacks %q:\n%s", tt.lang, tt.msg, tt.want, d.screen())
		}
	}
}

// A refused step says what cannot be done and why, both halves worded.
func TestRefusalsWordedWhereComposed(t *testing.T) {
	notAllowed := fmt.Errorf("flows: payment in state x: event y %w", flows.ErrNotAllowed)
	for _, tt := range []struct {
		lang Lang
		ev   flows.Event
		s    flows.State
		want string
	}{
		{LangRU, flows.Capture{}, flows.Resolving, "Холд сейчас нельзя списать — его итог ещё проверяется в OCTO"},
		{LangUZ, flows.Capture{}, flows.Resolving, "Xoldni hozir yechib bo'lmaydi — uning natijasi hali OCTO'da tekshirilmoqda"},
		{LangEN, flows.Capture{}, flows.Resolving, "The hold cannot be captured now — its outcome is still being checked with OCTO"},
	} {
		if got := refusedText(tt.lang, tt.ev, tt.s, notAllowed); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
	// Every what and every why is a catalogue sentence.
	for _, ev := range []flows.Event{flows.Start{}, flows.SubmitCode{}, flows.ResendCode{}, flows.Capture{}, flows.Cancel{},
		flows.Refund{}, flows.Check{}, flows.Block{}, flows.StatusAnswered{}} {
		if w := notNowWhat(ev); LangRU.T(w) == w {
			t.Errorf("%T: %q has no Russian", ev, w)
		}
	}
	for _, s := range []flows.State{flows.Draft, flows.Preparing, flows.Resolving, flows.AwaitingOTP, flows.OTPExpired,
		flows.Awaiting3DS, flows.AwaitingPage, flows.Held, flows.Succeeded, flows.Declined} {
		if w := notNowWhy(s); LangUZ.T(w) == w {
			t.Errorf("%s: %q has no Uzbek", s, w)
		}
	}
	// Another refusal (an amount the flow does not take) is the flow's own.
	if got := refusedText(LangRU, flows.Capture{}, flows.Held, errLocked); got != "database is locked" {
		t.Errorf("a foreign refusal: %q", got)
	}

	// A saved card's binding refuses a code once it is bound.
	d := inLanguage(t, LangRU, 120, 40)
	d.app.bind, d.app.hasBind = flows.Binding{State: flows.BindBound}, true
	d.send(bindInputMsg{ev: flows.SubmitCode{Code: "123456"}})
	if want := "Код сейчас нельзя отправить — карта сейчас не на этом шаге"; d.app.errText != want {
		t.Errorf("the binding's refusal: %q, want %q", d.app.errText, want)
	}
}

// A console without card entry refuses the card form in the screen's words.
func TestNoCardEntryWordedWhereComposed(t *testing.T) {
	for lang, want := range map[Lang]string{LangRU: LangRU.T(noCardEntryText), LangUZ: LangUZ.T(noCardEntryText)} {
		if want == noCardEntryText {
			t.Fatalf("%s: the refusal has no translation", lang)
		}
		opts := testOptions()
		opts.Language, opts.NoCardEntry = lang, true
		d := newDriver(t, New(opts), 120, 40)
		d.send(bindCardMsg{customer: "998901234567"})
		if d.app.errText != want || !strings.Contains(flat(d.screen()), flat(want)) {
			t.Errorf("%s: %q, want %q", lang, d.app.errText, want)
		}
	}
}

// A link too long for a QR code says so, on the phone's page and on 3-D
// Secure's.
func TestQRProblemWordedWhereComposed(t *testing.T) {
	long := "https://pay.octo.uz/" + strings.Repeat("x", 5000)
	for lang, want := range map[Lang]string{LangRU: "ссылка слишком длинная для QR-кода: ", LangUZ: "havola QR kod uchun juda uzun: "} {
		st := inLanguage(t, lang, 80, 24).app.st
		q := newQRPayScreen(st).sync(flows.Payment{PayURL: long})
		if !strings.HasPrefix(q.codeErr, want) {
			t.Errorf("%s phone page: %q, want it to start %q", lang, q.codeErr, want)
		}
		p := flows.Payment{RedirectURL: long, Amount: decimal.NewFromInt(5000), Currency: "UZS"}
		if v := newThreeDSScreen(st, false).sync(p).View(st, p, 200, 60); !strings.Contains(flat(v), want) {
			t.Errorf("%s 3-D Secure: %q lacks %q", lang, v, want)
		}
	}
}

// The saved cards' screen: a phone that is not one, a journal that does
// not answer.
func TestSavedCardsProblemsWordedWhereComposed(t *testing.T) {
	for _, tt := range []struct {
		lang          Lang
		phone, failed string
	}{
		{LangRU, "телефон покупателя: 998 и 9 цифр", "для сохранённых карт нужен журнал"},
		{LangUZ, "xaridor telefoni: 998 va 9 raqam", "saqlangan kartalar uchun jurnal kerak"},
	} {
		st := inLanguage(t, tt.lang, 80, 24).app.st
		s := newSavedScreen(st)
		s.phone.SetValue("12")
		s, _ = s.Update(tea.KeyPressMsg{Code: tea.KeyEnter}, context.Background(), nil)
		if s.problem != tt.phone || !strings.Contains(s.View(st), tt.phone) {
			t.Errorf("%s: a short phone: %q, want %q", tt.lang, s.problem, tt.phone)
		}
		s.customer, s.seq = "998901234567", 1
		s, _ = s.Update(tokensMsg{customer: s.customer, seq: 1, err: problem("saved cards need the journal")}, context.Background(), nil)
		if s.failed != tt.failed || !strings.Contains(flat(s.View(st)), tt.failed) {
			t.Errorf("%s: no journal: %q, want %q", tt.lang, s.failed, tt.failed)
		}
	}
}

// A batch of holds says what stopped it at a hold.
func TestHoldsBatchProblemsWordedWhereComposed(t *testing.T) {
	rec := flows.Record{ShopTransactionID: "oc-1", State: flows.Held, Amount: decimal.NewFromInt(5000), Currency: "UZS"}
	noRunner := decideHold(context.Background(), nil, rec, true)
	left := batchOutcome{rec: rec, state: flows.Resolving, left: true}
	for _, tt := range []struct {
		lang Lang
		out  batchOutcome
		want string
	}{
		{LangRU, noRunner, "у консоли нет связи со шлюзом"},
		{LangUZ, noRunner, "konsolning shlyuz bilan aloqasi yo'q"},
		{LangRU, left, "Итог неизвестен после " + strconv.Itoa(maxBatchReads) + " запросов статуса"},
		{LangUZ, left, strconv.Itoa(maxBatchReads) + " ta holat so'rovidan keyin ham natija noma'lum"},
		{LangEN, left, "Outcome unknown after " + strconv.Itoa(maxBatchReads) + " status reads — left to check later"},
	} {
		b := newHoldsBatch(true, []flows.Record{rec})
		b.record(tt.out)
		if v := flat(b.View(inLanguage(t, tt.lang, 80, 24).app.st)); !strings.Contains(v, tt.want) {
			t.Errorf("%s: %q lacks %q", tt.lang, v, tt.want)
		}
	}
}

// Validators' refusals are whole catalogue sentences, worded by Lang.Err.
func TestValidatorErrorsWorded(t *testing.T) {
	errs := []error{errPANShort, errPANLong, errPANLuhn, errPANScheme, errExpFormat, errExpMonth, errExpExpired, errCVC,
		errAmountEmpty, errAmountChars, errAmountDecimals, errAmountZero, errAmountTooLarge, flows.ErrEmailNeeded, flows.ErrPhoneNeeded}
	for _, s := range []string{ // the order and card forms' own (newpayment.go, cardentry.go)
		"with an e-mail, OCTO needs the phone too (shift+tab goes back to it)", "OCTO needs a description; a few words will do",
		"that looks like a card number: the card goes on the next screen, not in the description",
		"Visa and Mastercard need the name as on the card", "an Uzbek number: 998 and 9 digits", "that does not look like an e-mail address",
	} {
		errs = append(errs, errors.New(s))
	}
	for _, err := range errs {
		for _, l := range []Lang{LangRU, LangUZ} {
			if got := l.Err(err).Error(); got == err.Error() || got != l.T(err.Error()) {
				t.Errorf("%s %q: %q", l, err, got)
			}
		}
		if got := LangEN.Err(err).Error(); got != err.Error() {
			t.Errorf("English %q: %q", err, got)
		}
	}
	if LangRU.Err(nil) != nil {
		t.Error("no error became one")
	}
}

// TestNoReverseParsing fails if a text composed in English is translated
// back by parsing it again: a Text method on Lang or styles, the deleted
// matcher's functions, the catalogue's keys read outside tests (patterns
// made of them), or a catalogue file that imports regexp.
func TestNoReverseParsing(t *testing.T) {
	gone := map[string]bool{"fromFormat": true, "compiledFormats": true, "compileFormat": true, "splitTopLevel": true}
	files := 0
	err := filepath.WalkDir(".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		files++
		catalogue := strings.HasPrefix(filepath.Base(path), "i18n") || strings.HasPrefix(path, "i18n"+string(filepath.Separator))
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "regexp" && catalogue {
				t.Errorf("%s imports regexp: the catalogue's words are looked up whole, never matched", path)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if gone[n.Name.Name] {
					t.Errorf("%s: %s is back", path, n.Name.Name)
				}
				if n.Name.Name == "Text" && n.Recv != nil && len(n.Recv.List) == 1 {
					if id, ok := n.Recv.List[0].Type.(*ast.Ident); ok && (id.Name == "Lang" || id.Name == "styles") {
						t.Errorf("%s: %s.Text is back: word a text where it is composed", path, id.Name)
					}
				}
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && x.Name == "i18n" && n.Sel.Name == "Entries" {
					t.Errorf("%s reads the catalogue's keys: %s", path, "i18n.Entries")
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d source files read: is the test in ui?", files)
	}
}

// A refused quit's notice, worded in the screen's language, goes once the
// batch of holds that kept the console busy is done.
func TestQuitNoticeClearsInRussian(t *testing.T) {
	rec := flows.Record{ShopTransactionID: "oc-1", State: flows.Held, Amount: decimal.NewFromInt(5000), Currency: "UZS"}
	d := inLanguage(t, LangRU, 120, 40)
	d.app.screen = screenHolds
	d.app.holds.batch = newHoldsBatch(true, []flows.Record{rec})
	d.app.notice = LangRU.T("Not quitting") + ": " + d.app.holds.batch.busy(LangRU)
	d.send(batchStepMsg{batchOutcome{rec: rec, state: flows.Succeeded}})
	if !d.app.holds.batch.finished() || d.app.notice != "" {
		t.Errorf("batch finished %v, the notice %q stays", d.app.holds.batch.finished(), d.app.notice)
	}
}

// BenchmarkRootViewRU draws the home screen in Russian with a problem on
// it: the header's shop and the problem line are worded once, where they
// are composed, not parsed again on every frame.
func BenchmarkRootViewRU(b *testing.B) {
	opts := testOptions()
	opts.Language = LangRU
	d := newDriver(&testing.T{}, New(opts), 120, 40)
	d.send(holdsMsg{err: errLocked})
	app := d.app
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = app.View()
	}
}
