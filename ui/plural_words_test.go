package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// TestAttemptsLeftPlural: flows' "Wrong code — N attempts left" reads with
// the count's own form in Russian (осталась 1 попытка, осталось 2 попытки),
// and stays as flows wrote it in English.
func TestAttemptsLeftPlural(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		n    int
		want string
	}{
		{LangRU, 1, "Неверный код — осталась 1 попытка"},
		{LangRU, 2, "Неверный код — осталось 2 попытки"},
		{LangRU, 5, "Неверный код — осталось 5 попыток"},
		{LangRU, 21, "Неверный код — осталась 21 попытка"},
		{LangUZ, 2, "Kod noto'g'ri — 2 ta urinish qoldi"},
		{LangEN, 1, "Wrong code — 1 attempt left"},
		{LangEN, 2, "Wrong code — 2 attempts left"},
	} {
		p := flows.NewProblem(flows.ProblemWrongCodeLeft, flows.NewProblem(flows.ProblemAttemptsLeft, flows.Words(strconv.Itoa(c.n))))
		if got := c.lang.Problem(p); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

// TestCountedTextsPlural: a count chooses each language's own form in
// texts the screens format themselves.
func TestCountedTextsPlural(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		n    int
		want string
	}{
		{LangEN, 1, "Visa · 1 digit"},
		{LangEN, 16, "Visa · 16 digits"},
		{LangRU, 1, "Visa · 1 цифра"},
		{LangRU, 3, "Visa · 3 цифры"},
		{LangRU, 16, "Visa · 16 цифр"},
		{LangRU, 21, "Visa · 21 цифра"},
		{LangUZ, 16, "Visa · 16 ta raqam"},
	} {
		if got := c.lang.Tf("%s · %d digits", "Visa", c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	for n, want := range map[int]string{1: "✓ Списан 1 холд", 2: "✓ Списано 2 холда", 5: "✓ Списано 5 холдов", 11: "✓ Списано 11 холдов", 22: "✓ Списано 22 холда"} {
		if got := LangRU.Tf("✓ %d hold(s) captured", n); got != want {
			t.Errorf("ru %d: %q, want %q", n, got, want)
		}
	}
}

// TestCodeLengthPlural: the code screen's refusal of a code of the wrong
// length names the code's length in its own form.
func TestCodeLengthPlural(t *testing.T) {
	for _, c := range []struct {
		lang    Lang
		codeLen int
		want    string
	}{
		{LangRU, 4, "в коде 4 цифры, здесь 3 — ничего не отправлено, попытка не потрачена"},
		{LangRU, 6, "в коде 6 цифр, здесь 3 — ничего не отправлено, попытка не потрачена"},
		{LangEN, 6, "the code has 6 digits, this one 3 — nothing was sent, no attempt used"},
	} {
		s := otpScreen{lang: c.lang, codeLen: c.codeLen}
		if got := s.codeProblem("123"); got != c.want {
			t.Errorf("%s, %d digits: %q, want %q", c.lang, c.codeLen, got, c.want)
		}
	}
}

// TestNoPluralThroughT: a plural text is formatted with Tf, which knows
// its count; T gives it without one (its most general form). Checked over
// the T("…") calls in this package's source.
func TestNoPluralThroughT(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`\.T\(("(?:[^"\\]|\\.)*")\)`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllSubmatch(src, -1) {
			en, err := strconv.Unquote(string(m[1]))
			if err != nil {
				continue
			}
			if _, ok := i18n.PluralOf(en); ok {
				t.Errorf("%s: %q is a plural text: use Tf with its count", f, en)
			}
		}
	}
}
