package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Regressions found walking every screen at 80×24 for the demo.

// overflow names the first line of screen wider than w.
func overflow(screen string, w int) string {
	for _, l := range strings.Split(screen, "\n") {
		if lipgloss.Width(l) > w {
			return l
		}
	}
	return ""
}

func TestConfirmDialogWrapsInsideTheScreen(t *testing.T) {
	d := newDriver(t, New(testOptions()), 80, 24)
	d.send(askRootMsg{title: "3 hold(s) still open. Close the shift?",
		question: "The Z report lists them as held; capture or cancel them later under Open holds. The Z report is numbered and cannot be changed. A new shift starts.",
		yes:      "close the shift"})
	scr := d.screen()
	if l := overflow(scr, 80); l != "" {
		t.Errorf("the dialog runs past 80 columns:\n%s\n%s", l, scr)
	}
	if !strings.Contains(scr, "┐") || !strings.Contains(scr, "┘") || !strings.Contains(scr, "[y] close the shift") {
		t.Errorf("the dialog lost its frame or its keys:\n%s", scr)
	}
}

func TestSMSPanelKeepsItsFrameWithManyTexts(t *testing.T) {
	o := testOptions()
	var msgs []SMS
	for i := range 8 {
		msgs = append(msgs, SMS{Phone: "998901234567", Code: "10000" + string(rune('0'+i)), PaymentUUID: "5f0c1a2b-3c4d", SentAt: fixedNow})
	}
	o.Outbox = func() []SMS { return msgs }
	d := newDriver(t, New(o), 120, 24)
	d.send(outboxMsg(msgs))
	scr := d.screen()
	if !strings.Contains(scr, "╰") {
		t.Errorf("the panel's bottom border was cut:\n%s", scr)
	}
	if !strings.Contains(scr, "100007") {
		t.Errorf("the newest text is not on the panel:\n%s", scr)
	}
}

func TestStatusLineKeepsWhatIsInFlight(t *testing.T) {
	p := basePayment(flows.Sale, flows.Resolving)
	p.Problem = flows.NewProblem(flows.ProblemCheckingCode)
	d := onScreen(t, p, 80, 24)
	readOut(d) // "checking" is in flight only while a read is out
	d.app.health = d.app.health.observe(octo.Exchange{Method: "check_sms_key", Code: -270,
		Message: strings.Repeat("Wrong confirmation code ", 2), Err: strings.Repeat("check_sms_key: error -270: Wrong confirmation code ", 2)})
	scr := d.screen()
	if l := overflow(scr, 80); l != "" {
		t.Errorf("a line runs past 80 columns:\n%s", l)
	}
	if !strings.Contains(scr, "⋯ "+lowerFirst(flows.Resolving.Label())) {
		t.Errorf("the status line lost what is in flight:\n%s", scr)
	}
}

func TestResultIDsAreNotBrokenBesideTheSMSPanel(t *testing.T) {
	p := basePayment(flows.Sale, flows.Succeeded)
	d := onScreen(t, p, 80, 24)
	d.send(tea.KeyPressMsg{Code: tea.KeyF2})
	if !d.app.smsVisible() {
		t.Fatal("f2 did not open the SMS panel")
	}
	if scr := d.screen(); !strings.Contains(scr, p.PaymentUUID) {
		t.Errorf("the OCTO payment id is broken across lines:\n%s", scr)
	}
}

func TestHomeLabelsWrapUnderThemselves(t *testing.T) {
	st := newStyles()
	st.lang = LangRU
	h := newHomeScreen(LangRU)
	h.openHolds = 12
	v := plain(h.View(st, 40))
	if l := overflow(v, 40); l != "" {
		t.Errorf("a menu line runs past 40 columns: %q", l)
	}
	for _, l := range strings.Split(v, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "(") || strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "   ") && !strings.Contains(l, "[") {
			t.Errorf("a wrapped label went back under the key: %q\n%s", l, v)
		}
	}
}

func TestCVCTakesDigitsOnly(t *testing.T) {
	d := newDriver(t, New(testOptions()), 80, 24)
	d.send(orderReadyMsg{order{Description: "Shoes"}})
	if d.app.screen != screenCard {
		t.Fatalf("not on the card form:\n%s", d.screen())
	}
	d.typeText("4111111111111111")
	d.key(tea.KeyEnter)
	d.typeText("1230")
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "CVC") {
		t.Fatalf("not on the CVC:\n%s", d.screen())
	}
	// The number's group is out of sight: the card stays on show, masked.
	if scr := d.screen(); !strings.Contains(scr, "Card Visa 4111 11** **** 1111 · expires 12/30") || strings.Contains(scr, "4111 1111 1111 1111") {
		t.Errorf("the card entered is not shown masked above the CVC:\n%s", scr)
	}
	d.typeText("JO1H23")
	if d.app.card.fields.cvc != "123" {
		t.Errorf("the CVC field holds %q after typing JO1H23; want the digits 123", d.app.card.fields.cvc)
	}
}

func TestDescriptionRefusesACardNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Coffee beans", false},
		{"Room 70000", false},
		{"4111111111111111", true},
		{"for 8600 0000 0000 0015 please", true},
		{"9860-0000-0000-0018", true},
		{"order 4111111111111112", false}, // fails Luhn
		{"invoice 2026-11-23 12345", false},
	} {
		if got := containsCardNumber(tc.in); got != tc.want {
			t.Errorf("containsCardNumber(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestSavedCardsPhoneErrorStaysWithTheField(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	o := journalOptions(j)
	d := newDriver(t, New(o), 80, 24)
	d.send(tea.KeyPressMsg{Code: 's', Text: "s"})
	d.typeText("12345")
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "998 and 9 digits") || d.app.saved.phone.Value() != "12345" {
		t.Fatalf("a bad phone is not refused under the field, as typed:\n%s", d.screen())
	}
	d.key(tea.KeyBackspace)
	if strings.Contains(d.screen(), "998 and 9 digits") {
		t.Errorf("the refusal outlived the next key:\n%s", d.screen())
	}
}

func TestEmptyCodeRefusalGoesWithTheNextKey(t *testing.T) {
	d := onScreen(t, otpPayment(120), 80, 24)
	d.key(tea.KeyEnter)
	if !strings.Contains(d.screen(), "type the code the customer received") {
		t.Fatalf("an empty code is not refused:\n%s", d.screen())
	}
	d.typeText("4")
	if strings.Contains(d.screen(), "type the code the customer received") {
		t.Errorf("the refusal stays while the code is typed:\n%s", d.screen())
	}
}

func TestHistorySearchTakesStatusWordsInTheScreensLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		q    string
		want flows.State
	}{
		{LangRU, "сегодня оплачено", flows.Succeeded},
		{LangRU, "холд 0018", flows.Held},
		{LangRU, "Отклонён", flows.Declined},
		{LangUZ, "bugun band", flows.Held},
		{LangUZ, "to'langan", flows.Succeeded},
		{LangUZ, "bekor", flows.Canceled},
		{LangRU, "paid", flows.Succeeded}, // the English words work in every language
	} {
		hq := parseHistoryQuery(tc.q, fixedNow, tc.lang, "UZS")
		if hq.problem != "" || hq.filter.State != tc.want {
			t.Errorf("%s %q: state %q, problem %q; want %q", tc.lang, tc.q, hq.filter.State, hq.problem, tc.want)
		}
	}
}
