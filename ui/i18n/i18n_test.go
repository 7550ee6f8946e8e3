package i18n

import (
	"fmt"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"": EN, "en": EN, "RU": RU, " uz ": UZ} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Parse("kk"); err == nil || !strings.Contains(err.Error(), "en, ru, uz") {
		t.Errorf("Parse(kk) error = %v", err)
	}
}

// TestCatalogComplete: every text has both translations, a format keeps
// its verbs in the same order in each language, a plural text has a form
// for every plural category its language has, and no text is given twice.
func TestCatalogComplete(t *testing.T) {
	for _, p := range Check() {
		t.Error(p)
	}
}

func TestPluralCategoriesAreCLDRs(t *testing.T) {
	want := map[Lang]int{EN: 2, RU: 3, UZ: 2}
	for l, n := range want {
		if got := len(Categories(l)); got != n {
			t.Errorf("%s: %d categories for whole numbers, want %d", l, got, n)
		}
	}
}

func TestCheckFindsWhatIsWrong(t *testing.T) {
	saved, savedPlurals, savedClashes := texts, plurals, clashes
	defer func() { texts, plurals, clashes = saved, savedPlurals, savedClashes; rebuild() }()
	texts, plurals, clashes = map[string][2]string{}, map[string]Plural{}, nil
	Add(map[string][2]string{
		"no uzbek": {"нет узбекского", ""},
		"%d of %s": {"%s из %d", "%d / %s"},
		"fine":     {"хорошо", "yaxshi"},
	})
	Add(map[string][2]string{"fine": {"отлично", "yaxshi"}})
	AddPlural(map[string]Plural{
		"%d tries of %s": {Arg: 2, EN: [2]string{"%d try of %s", "%d tries of %s"},
			RU: [3]string{"%d попытка из %s", "", "%d попыток из %s"}, UZ: [2]string{"%s: %d", "%d ta urinish, %s"}},
	})
	want := []string{
		`"fine" translated twice`,
		`"no uzbek" has no uz translation`,
		`"%d of %s": the ru translation "%s из %d" has verbs`,
		`"%d tries of %s": the count is argument 2`,
		`"%d tries of %s": the ru form 2 is empty`,
		`"%d tries of %s": the uz form "%s: %d" has verbs`,
	}
	got := strings.Join(Check(), "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("Check does not say %s; it says:\n%s", w, got)
		}
	}
	if n := len(Check()); n != len(want) {
		t.Errorf("Check says %d things, want %d:\n%s", n, len(want), got)
	}
}

// TestTfIsSprintf: every plain text, in every language, comes out of the
// x/text printer exactly as fmt.Sprintf makes it of the translation —
// numbers are not grouped the language's way, %q and widths are fmt's.
func TestTfIsSprintf(t *testing.T) {
	for _, en := range Entries() {
		if _, ok := PluralOf(en); ok {
			continue
		}
		args := sampleArgs(en)
		for _, l := range []Lang{EN, RU, UZ} {
			got, want := l.Tf(en, args...), fmt.Sprintf(l.T(en), args...)
			if got != want {
				t.Errorf("%s %q: Tf = %q, fmt.Sprintf = %q", l, en, got, want)
			}
		}
	}
}

// sampleArgs fills a format's verbs with values that would show a
// difference: large numbers (grouping), a negative one, a float.
func sampleArgs(format string) []any {
	var args []any
	for _, v := range strings.Fields(verbs(format)) {
		switch v[len(v)-1] {
		case 'd':
			args = append(args, -1234567+len(args))
		case 'f', 'g', 'e':
			args = append(args, 1234.5678)
		case 'v':
			args = append(args, fmt.Errorf("wrapped: %w", fmt.Errorf("inner")))
		default:
			args = append(args, fmt.Sprintf("s%d «x» 1 500,00", len(args)))
		}
	}
	return args
}

func TestTfFormatsAsFmt(t *testing.T) {
	Add(map[string][2]string{"test: %d held, %s, %5.1f%%, %q, %x": {
		"тест: %d удержано, %s, %5.1f%%, %q, %x", "test: %d ushlab turilgan, %s, %5.1f%%, %q, %x"}})
	for l, want := range map[Lang]string{
		EN: `test: 1500000 held, a, 12345.7%, "q", ff`,
		RU: `тест: 1500000 удержано, a, 12345.7%, "q", ff`,
		UZ: `test: 1500000 ushlab turilgan, a, 12345.7%, "q", ff`,
	} {
		if got := l.Tf("test: %d held, %s, %5.1f%%, %q, %x", 1500000, "a", 12345.678, "q", 255); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
	if got := RU.T("a text nobody translated"); got != "a text nobody translated" {
		t.Errorf("missing: %q", got)
	}
	if got := UZ.Tf("nobody translated %d of %s", 3); got != "nobody translated 3 of %!s(MISSING)" {
		t.Errorf("missing, formatted: %q", got)
	}
}

func TestTfPlural(t *testing.T) {
	AddPlural(map[string]Plural{"test: %d tries left of %s": {Arg: 1,
		EN: [2]string{"test: %d try left of %s", "test: %d tries left of %s"},
		RU: [3]string{"тест: осталась %d попытка из %s", "тест: осталось %d попытки из %s", "тест: осталось %d попыток из %s"},
		UZ: [2]string{"test: %d ta urinish qoldi, %s dan", "test: %d ta urinish qoldi, %s dan"},
	}})
	key := "test: %d tries left of %s"
	for _, c := range []struct {
		l    Lang
		n    any
		want string
	}{
		{EN, 1, "test: 1 try left of X"},
		{EN, 0, "test: 0 tries left of X"},
		{EN, 21, "test: 21 tries left of X"},
		{RU, 1, "тест: осталась 1 попытка из X"},
		{RU, 2, "тест: осталось 2 попытки из X"},
		{RU, 5, "тест: осталось 5 попыток из X"},
		{RU, 11, "тест: осталось 11 попыток из X"},
		{RU, 21, "тест: осталась 21 попытка из X"},
		{RU, 22, "тест: осталось 22 попытки из X"},
		{RU, 25, "тест: осталось 25 попыток из X"},
		{RU, 0, "тест: осталось 0 попыток из X"},
		{RU, int64(101), "тест: осталась 101 попытка из X"},
		{RU, uint(112), "тест: осталось 112 попыток из X"},
		{RU, -3, "тест: осталось -3 попытки из X"},
		{RU, 1500000, "тест: осталось 1500000 попыток из X"},
		{UZ, 1, "test: 1 ta urinish qoldi, X dan"},
		{UZ, 5, "test: 5 ta urinish qoldi, X dan"},
	} {
		if got := c.l.Tf(key, c.n, "X"); got != c.want {
			t.Errorf("%s %v: %q, want %q", c.l, c.n, got, c.want)
		}
	}
	if got := RU.T(key); got != "тест: осталось %d попыток из %s" {
		t.Errorf("T of a plural: %q", got)
	}
	if !Has(key) {
		t.Error("a plural text is not in the catalogue")
	}
}

func TestAddClash(t *testing.T) {
	before := len(Clashes())
	Add(map[string][2]string{"test clash": {"а", "a"}})
	Add(map[string][2]string{"test clash": {"б", "a"}})
	AddPlural(map[string]Plural{"test clash": {Arg: 1}})
	if got := len(Clashes()) - before; got != 2 {
		t.Errorf("%d clashes recorded, want 2: %q", got, Clashes()[before:])
	}
	clashes = clashes[:before] // the catalogue test must not see these
	if got := RU.T("test clash"); got != "а" {
		t.Errorf("the first translation should stay: %q", got)
	}
}
