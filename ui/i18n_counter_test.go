package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// inLanguage is the test console speaking l.
func inLanguage(t *testing.T, l Lang, w, h int) *driver {
	t.Helper()
	opts := testOptions()
	opts.Language = l
	return newDriver(t, New(opts), w, h)
}

// onScreenIn is onScreen in language l: payment p on the screen the flow
// leaves it on, with the screens the root builds for a new payment.
func onScreenIn(t *testing.T, l Lang, p flows.Payment, w, h int) *driver {
	t.Helper()
	d := inLanguage(t, l, w, h)
	d.app.pay, d.app.hasPay = p, true
	d.app.resetFlowScreens()
	follow(d)
	return d
}

// TestCounterGoldenInLanguages: the counter's screens in Russian and
// Uzbek at the smallest size the console supports. The goldens are for a
// reader of the language: review them as texts, and check that nothing is
// cut at 80 columns.
func TestCounterGoldenInLanguages(t *testing.T) {
	held := basePayment(flows.Hold, flows.Held)
	held.HoldExpires = fixedNow.Add(29*time.Minute + 41*time.Second)
	for _, l := range []Lang{LangRU, LangUZ} {
		name := func(screen string) string { return sizeName(screen+"-"+string(l), 80, 24) }

		d := inLanguage(t, l, 80, 24)
		golden(t, name("home"), d.screen())

		d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"}) // new payment, card typed here
		d.until("the new-payment form", func(a App) bool { return a.screen == screenNewPayment })
		d.typeText("150000")
		d.until("the grouped amount", func(a App) bool { return a.newPay.fields.amount == "150 000" })
		golden(t, name("newpayment"), d.screen())

		d.key(tea.KeyEnter)
		d.typeText("Coffee machine")
		d.key(tea.KeyEnter)
		d.key(tea.KeyDown)
		d.key(tea.KeyEnter)
		d.key(tea.KeyEnter)
		d.key(tea.KeyEnter)
		d.until("the card form", func(a App) bool { return a.screen == screenCard })
		d.typeText("8600000000000015")
		d.until("grouped", func(a App) bool { return a.card.fields.pan == "8600 0000 0000 0015" })
		golden(t, name("card"), d.screen())

		golden(t, name("otp"), onScreenIn(t, l, otpPayment(161), 80, 24).screen())
		golden(t, name("hold"), onScreenIn(t, l, held, 80, 24).screen())

		hp := onScreenIn(t, l, held, 80, 24)
		hp.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
		hp.typeText("90000")
		hp.until("the released part", func(a App) bool { return strings.Contains(a.View().Content, "60 000 UZS") })
		golden(t, name("hold-part"), hp.screen())
	}
}

// TestRussianCashierGetsRussianAmountError: a bad amount is explained in
// the cashier's language, under the field, and what was typed stays.
func TestRussianCashierGetsRussianAmountError(t *testing.T) {
	for _, tt := range []struct {
		l           Lang
		typed, want string
	}{
		{LangRU, "12.345", "не больше 2 знаков после точки"},
		{LangRU, "0", "сумма должна быть больше 0"},
		{LangRU, "12a", "только цифры, пробелы и одна десятичная точка"},
		{LangUZ, "0", "summa 0 dan katta bo'lishi kerak"},
	} {
		d := inLanguage(t, tt.l, 80, 24)
		d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"}) // new payment, card typed here
		d.until("the new-payment form", func(a App) bool { return a.screen == screenNewPayment })
		d.typeText(tt.typed)
		d.key(tea.KeyEnter)
		d.until("the amount's problem in "+string(tt.l), func(a App) bool {
			return strings.Contains(plain(a.View().Content), tt.want)
		})
		if d.app.screen != screenNewPayment {
			t.Errorf("%s %q: left the form with a bad amount", tt.l, tt.typed)
		}
		if got := d.app.newPay.fields.amount; got != tt.typed {
			t.Errorf("%s: amount field = %q after the error, want %q as typed", tt.l, got, tt.typed)
		}
		if strings.Contains(d.screen(), "decimals") || strings.Contains(d.screen(), "more than 0") {
			t.Errorf("%s: English error on a %s screen:\n%s", tt.l, tt.l, d.screen())
		}
	}
}

// TestCounterKeysInLanguage: the footer names the keys' actions in the
// cashier's language, and the keys still work.
func TestCounterKeysInLanguage(t *testing.T) {
	d := onScreenIn(t, LangRU, otpPayment(161), 80, 24)
	footer := lastLine(d.screen())
	for _, want := range []string{"enter ввести", "esc отмена", "f1 клавиши", "ctrl+c выход"} {
		if !strings.Contains(footer, want) {
			t.Errorf("footer %q lacks %q", footer, want)
		}
	}
	d.key(tea.KeyEscape)
	d.until("the abandon question", func(a App) bool { return a.confirm != nil })
	if s := d.screen(); !strings.Contains(s, "Прервать этот платёж?") || !strings.Contains(lastLine(s), "y прервать") {
		t.Errorf("the confirmation is not in Russian:\n%s", s)
	}
}

// TestQuitRefusedInLanguage: the refusal to quit with money in flight is
// said in the cashier's language, and goes once the reason has gone.
func TestQuitRefusedInLanguage(t *testing.T) {
	p := basePayment(flows.Sale, flows.Paying)
	d := onScreenIn(t, LangUZ, p, 80, 24)
	if d.app.busy != "karta yuborilmoqda" {
		t.Fatalf("busy = %q, want the state's label in Uzbek", d.app.busy)
	}
	d.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if s := d.screen(); !strings.Contains(s, "Chiqilmadi: karta yuborilmoqda. OCTO javobini kuting.") {
		t.Fatalf("no refusal in Uzbek:\n%s", s)
	}
	d.app.pay.State = flows.Succeeded
	d.app, _ = d.app.follow()
	if d.app.notice != "" {
		t.Errorf("the refusal stayed after the payment finished: %q", d.app.notice)
	}
}

func TestProblemTranslation(t *testing.T) {
	np, w := flows.NewProblem, flows.Words
	charged := np(flows.ProblemNothingCharged)
	attempts := func(n string) flows.Problem {
		return np(flows.ProblemWrongCodeLeft, np(flows.ProblemAttemptsLeft, w(n)))
	}
	for _, tt := range []struct {
		l    Lang
		in   flows.Problem
		want string
	}{
		{LangRU, np(flows.ProblemNoAnswerChecking), "OCTO не ответил — проверяем статус платежа"},
		{LangRU, np(flows.ProblemUnreachable, np(flows.ProblemNothingRefunded)), "Нет связи с OCTO; ничего не возвращено"},
		// a count: Russian's three plural forms
		{LangUZ, attempts("2"), "Kod noto'g'ri — 2 ta urinish qoldi"},
		{LangRU, attempts("1"), "Неверный код — осталась 1 попытка"},
		{LangRU, attempts("2"), "Неверный код — осталось 2 попытки"},
		{LangRU, attempts("5"), "Неверный код — осталось 5 попыток"},
		{LangEN, attempts("1"), "Wrong code — 1 attempt left"},
		{LangEN, attempts("2"), "Wrong code — 2 attempts left"},
		// OCTO's own words inside: the console's wording when it knows
		// them, else they stay
		{LangRU, np(flows.ProblemOCTORefused, w("Card is blocked"), charged), "OCTO отказал: Карта заблокирована — попросите другую карту; ничего не списано"},
		{LangRU, np(flows.ProblemOCTORefused, w("Unheard-of trouble"), charged), "OCTO отказал: Unheard-of trouble; ничего не списано"},
		{LangUZ, np(flows.ProblemDeclinedWhy, w("insufficient funds")), "Rad etildi: Kartada mablag' yetarli emas — boshqa karta so'rang; hech narsa yechilmadi"},
		// a refusal inside another problem
		{LangRU, np(flows.ProblemCheckFailed, np(flows.ProblemUnreachable, charged)),
			"Не удалось проверить в OCTO — проверьте позже (Нет связи с OCTO; ничего не списано)"},
		{LangRU, np(flows.ProblemJournalUnsent, w("disk full")), "Не удалось записать в журнал (disk full); ничего не отправлено"},
		// English: flows' own words
		{LangEN, np(flows.ProblemUnreachable, charged), "Could not reach OCTO; nothing was charged"},
		// journals: a fixed sentence from before codes is worded; a code
		// from a newer console, or a composed old text, shows as stored
		{LangRU, flows.ParseProblem("The hold expired — OCTO released the money"), "Срок холда истёк — OCTO разблокировал деньги"},
		{LangRU, flows.ParseProblem("Something new\x1f{\"code\":\"from_a_newer_console\"}"), "Something new"},
		{LangRU, flows.ParseProblem("OCTO refused: Bad luck; nothing was charged"), "OCTO refused: Bad luck; nothing was charged"},
	} {
		if got := tt.l.Problem(tt.in); got != tt.want {
			t.Errorf("%s Problem(%q)\n got %q\nwant %q", tt.l, tt.in, got, tt.want)
		}
	}
}

// TestFlowsStatesTranslated: every state a payment can be in has its label
// in the catalog (a new state in flows shows up here).
func TestFlowsStatesTranslated(t *testing.T) {
	for _, s := range []flows.State{flows.Draft, flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP,
		flows.CheckingOTP, flows.ResendingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.Held, flows.Capturing,
		flows.Canceling, flows.Refunding, flows.Resolving, flows.Succeeded, flows.Declined, flows.Canceled, flows.Failed} {
		if !i18n.Has(s.Label()) {
			t.Errorf("state %s: %q is not in the catalog", s, s.Label())
		}
	}
	for _, s := range []flows.BindState{flows.BindSending, flows.BindVerifying, flows.BindConfirming, flows.BindBlocking} {
		if !i18n.Has(bindLabel(s)) {
			t.Errorf("binding state %s: %q is not in the catalog", s, bindLabel(s))
		}
	}
}

// TestLabelsFitTheirColumn: a left-column label longer than the column
// would wrap and break the screen's lines.
func TestLabelsFitTheirColumn(t *testing.T) {
	st := newStyles()
	for _, en := range []string{"Amount", "Card", "Code valid for", "Attempts left", "New codes left",
		"Held", "For", "Expires", "Expires in", "Charged", "Customer"} {
		for _, l := range []Lang{LangEN, LangRU, LangUZ} {
			if got := st.Label.Render(l.T(en)); strings.Contains(got, "\n") {
				t.Errorf("%s label %q wraps", l, l.T(en))
			}
		}
	}
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{
		"Sending the card": "sending the card", "Создание платежа": "создание платежа",
		"OCTO'da tekshirilmoqda": "OCTO'da tekshirilmoqda", "": "", "3-D": "3-D",
	} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRussianCounterHasNoEnglish walks the counter's screens in Russian
// and looks for English words: a text that skipped the catalog shows up
// here. Names stay (OCTO, UZS, SMS, the keys' names, the test data).
func TestRussianCounterHasNoEnglish(t *testing.T) {
	allowed := map[string]bool{}
	for _, w := range strings.Fields("octo cashier OCTO UZS SMS SANDBOX LIVE sandbox Dilnoza Coffee machine " +
		"enter esc ctrl shift tab Uzcard Humo Visa Mastercard mail Secure http") {
		allowed[w] = true
	}
	english := regexp.MustCompile(`[A-Za-z]{3,}`)
	check := func(what, screen string) {
		t.Helper()
		for _, line := range strings.Split(screen, "\n") {
			if strings.Contains(line, "http://") {
				continue // the 3-D Secure link
			}
			for _, w := range english.FindAllString(line, -1) {
				if !allowed[w] {
					t.Errorf("%s: English %q in %q", what, w, line)
				}
			}
		}
	}
	held := basePayment(flows.Hold, flows.Held)
	held.HoldExpires = fixedNow.Add(3 * time.Minute)
	resolving := basePayment(flows.Sale, flows.Resolving)
	resolving.Problem = flows.NewProblem(flows.ProblemCheckFailed, flows.NewProblem(flows.ProblemUnreachable, flows.NewProblem(flows.ProblemNothingCharged)))
	threeDS := basePayment(flows.Sale, flows.Awaiting3DS)
	threeDS.RedirectURL = "http://127.0.0.1:41234/3ds/7c9e6679"
	expired := otpPayment(0)
	expired.State = flows.OTPExpired
	for name, p := range map[string]flows.Payment{
		"otp": otpPayment(20), "expired": expired, "held": held, "resolving": resolving, "3ds": threeDS,
		"paying": basePayment(flows.Sale, flows.Paying), "capturing": basePayment(flows.Hold, flows.Capturing),
	} {
		for _, w := range []int{80, 120} {
			d := onScreenIn(t, LangRU, p, w, 24+(w-80)/2)
			check(name, d.screen())
			d.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
			check(name+" quitting", d.screen())
		}
	}
	d := onScreenIn(t, LangRU, held, 80, 24)
	for _, k := range []rune{'f', 'n', 'x'} {
		d.send(tea.KeyPressMsg{Code: k, Text: string(k)})
		d.settle()
		check("hold "+string(k), d.screen())
	}
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'p', Text: "p"})
	for _, typed := range []string{"90000", "0", "999999"} {
		d.app.hold.input.SetValue("")
		d.typeText(typed)
		check("part "+typed, d.screen())
	}

	f := inLanguage(t, LangRU, 80, 24)
	f.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"})
	f.until("the order form", func(a App) bool { return a.screen == screenNewPayment })
	f.key(tea.KeyEnter)
	check("empty amount", f.screen())
	f.typeText("100")
	f.key(tea.KeyEnter)
	f.key(tea.KeyEnter)
	check("empty description", f.screen())
	f.typeText("Coffee machine")
	f.key(tea.KeyEnter)
	f.key(tea.KeyEnter)
	f.typeText("12")
	f.key(tea.KeyEnter)
	check("bad phone", f.screen())
	f.send(tea.KeyPressMsg{Code: tea.KeyF1})
	check("full help", f.screen())

	c := inLanguage(t, LangRU, 80, 24)
	c.app.order = order{Amount: held.Amount, Description: "Coffee machine"}
	c.send(orderReadyMsg{c.app.order})
	c.until("the card form", func(a App) bool { return a.screen == screenCard })
	c.typeText("4111")
	check("card typing", c.screen())
	c.typeText("111111111112")
	c.key(tea.KeyEnter)
	check("card typo", c.screen())

	s := inLanguage(t, LangRU, 80, 24)
	s.send(tea.KeyPressMsg{Code: 's', Text: "s"})
	s.key(tea.KeyEnter)
	check("saved cards", s.screen())

	check("too small", inLanguage(t, LangRU, 60, 20).screen())
}

func TestShopInHeaderTranslated(t *testing.T) {
	for _, tt := range []struct {
		shop HeaderShop
		want string
	}{
		{HeaderShop{ID: 27}, "магазин 27"},
		{HeaderShop{ID: 1, Sandbox: true, BaseURL: "http://127.0.0.1:8787"}, "магазин песочницы 1 · http://127.0.0.1:8787"},
		{HeaderShop{Sandbox: true, Replay: true}, "магазин песочницы (повтор)"},
	} {
		opts := testOptions()
		opts.Language, opts.Shop = LangRU, tt.shop
		d := newDriver(t, New(opts), 80, 24)
		if first := strings.SplitN(d.screen(), "\n", 2)[0]; !strings.Contains(first, tt.want) {
			t.Errorf("header %q, want %q in it", first, tt.want)
		}
	}
}

// BenchmarkAmountKeyRU is BenchmarkAmountKey in Russian: what translating
// the screen (catalog look-ups, the footer's copies) adds to a keystroke.
func BenchmarkAmountKeyRU(b *testing.B) {
	opts := testOptions()
	opts.Language = LangRU
	d := newDriver(&testing.T{}, New(opts), 80, 24)
	d.send(tea.KeyPressMsg{Code: 'n', Text: "n"}, tea.KeyPressMsg{Code: 'c', Text: "c"}) // new payment, card typed here
	app := d.app
	digit := tea.KeyPressMsg{Code: '7', Text: "7"}
	back := tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := digit
		if i%8 == 7 {
			k = back
		}
		m, _ := app.Update(k)
		app = m.(App)
		_ = app.View()
	}
}

// TestOTPShowsWhyTheCodeIsAskedAgain: after a wrong code the cashier reads
// why under the field, in the console's language.
func TestOTPShowsWhyTheCodeIsAskedAgain(t *testing.T) {
	p := otpPayment(120)
	p.AttemptsLeft, p.Problem = 2, flows.NewProblem(flows.ProblemWrongCodeLeft, flows.NewProblem(flows.ProblemAttemptsLeft, flows.Words("2")))
	for l, want := range map[Lang]string{
		LangEN: "✗ Wrong code — 2 attempts left",
		LangRU: "✗ Неверный код — осталось 2 попытки",
		LangUZ: "✗ Kod noto'g'ri — 2 ta urinish qoldi",
	} {
		if s := onScreenIn(t, l, p, 80, 24).screen(); !strings.Contains(s, want) {
			t.Errorf("%s: no %q under the field:\n%s", l, want, s)
		}
	}
}

// TestHoldShowsWhyItIsBack: a capture that did not go through leaves the
// hold on screen with the reason, in the console's language.
func TestHoldShowsWhyItIsBack(t *testing.T) {
	p := basePayment(flows.Hold, flows.Held)
	p.HoldExpires = fixedNow.Add(20 * time.Minute)
	p.Problem = flows.NewProblem(flows.ProblemCaptureFailed)
	for l, want := range map[Lang]string{
		LangEN: "✗ The capture did not go through — the hold is still open",
		LangRU: "✗ Списание не прошло — холд всё ещё открыт",
	} {
		if s := onScreenIn(t, l, p, 80, 24).screen(); !strings.Contains(s, want) {
			t.Errorf("%s: no %q on the hold:\n%s", l, want, s)
		}
	}
}
