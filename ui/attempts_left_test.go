package ui

import "testing"

// TestAttemptsLeftPlural: flows' "Wrong code — N attempts left" reads with
// the count's own form in Russian (осталась 1 попытка, осталось 2 попытки),
// and stays as flows wrote it in English.
func TestAttemptsLeftPlural(t *testing.T) {
	for _, c := range []struct {
		lang     Lang
		in, want string
	}{
		{LangRU, "Wrong code — 1 attempt left", "Неверный код — осталась 1 попытка"},
		{LangRU, "Wrong code — 2 attempts left", "Неверный код — осталось 2 попытки"},
		{LangRU, "Wrong code — 5 attempts left", "Неверный код — осталось 5 попыток"},
		{LangUZ, "Wrong code — 2 attempts left", "Kod noto'g'ri — 2 ta urinish qoldi"},
		{LangEN, "Wrong code — 2 attempts left", "Wrong code — 2 attempts left"},
	} {
		if got := c.lang.Problem(c.in); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}
