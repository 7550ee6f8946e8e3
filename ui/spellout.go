package ui

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// SpellAmount writes an amount of sums in words in l, for the second
// confirmation of a large amount: a zero too many reads differently in
// words ("fifteen million" against "one hundred fifty million") where
// grouped digits are easily misread. Tiyin stay in digits.
func SpellAmount(l Lang, d decimal.Decimal) string {
	whole := d.Truncate(0)
	tiyin := d.Sub(whole).Shift(2).Round(0).IntPart()
	n := whole.IntPart()
	var words string
	switch l {
	case LangRU:
		words = spellRU(n) + " " + ruPlural(n, "сум", "сума", "сумов")
	case LangUZ:
		words = spellUZ(n) + " so'm"
	default:
		words = spellEN(n) + " UZS"
	}
	if tiyin > 0 {
		unit := "tiyin"
		if l == LangRU {
			unit = "тийин"
		}
		words += fmt.Sprintf(" %d %s", tiyin, unit)
	}
	return words
}

// groupsOf3 splits n into thousands, least significant first.
func groupsOf3(n int64) []int64 {
	if n == 0 {
		return []int64{0}
	}
	var g []int64
	for n > 0 {
		g = append(g, n%1000)
		n /= 1000
	}
	return g
}

var (
	enOnes  = []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enTens  = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	enScale = []string{"", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion"}
)

func spellEN(n int64) string {
	if n == 0 {
		return "zero"
	}
	var parts []string
	g := groupsOf3(n)
	for i := len(g) - 1; i >= 0; i-- {
		if g[i] == 0 {
			continue
		}
		parts = append(parts, en999(g[i]))
		if enScale[i] != "" {
			parts = append(parts, enScale[i])
		}
	}
	return strings.Join(parts, " ")
}

func en999(n int64) string {
	var p []string
	if h := n / 100; h > 0 {
		p = append(p, enOnes[h], "hundred")
	}
	switch r := n % 100; {
	case r >= 20:
		t := enTens[r/10]
		if r%10 > 0 {
			t += "-" + enOnes[r%10]
		}
		p = append(p, t)
	case r > 0:
		p = append(p, enOnes[r])
	}
	return strings.Join(p, " ")
}

var (
	ruOnes     = []string{"", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"}
	ruOnesFem  = []string{"", "одна", "две"}
	ruTens     = []string{"", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"}
	ruHundreds = []string{"", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"}
	ruScale    = [][3]string{{}, {"тысяча", "тысячи", "тысяч"}, {"миллион", "миллиона", "миллионов"}, {"миллиард", "миллиарда", "миллиардов"}, {"триллион", "триллиона", "триллионов"}, {"квадриллион", "квадриллиона", "квадриллионов"}, {"квинтиллион", "квинтиллиона", "квинтиллионов"}}
)

// ruPlural picks the Russian form for n: 1 сум, 2 сума, 5 сумов (11–14
// take the last), by CLDR's rules for Russian, the ones the catalogue's
// plurals use (ui/i18n): an integer's form depends on its last two digits.
func ruPlural(n int64, one, few, many string) string {
	switch plural.Cardinal.MatchPlural(language.Russian, int(n%100), 0, 0, 0, 0) {
	case plural.One:
		return one
	case plural.Few:
		return few
	}
	return many
}

func spellRU(n int64) string {
	if n == 0 {
		return "ноль"
	}
	var parts []string
	g := groupsOf3(n)
	for i := len(g) - 1; i >= 0; i-- {
		if g[i] == 0 {
			continue
		}
		parts = append(parts, ru999(g[i], i == 1)) // thousands are feminine
		if i > 0 {
			s := ruScale[i]
			parts = append(parts, ruPlural(g[i], s[0], s[1], s[2]))
		}
	}
	return strings.Join(parts, " ")
}

func ru999(n int64, feminine bool) string {
	var p []string
	if h := n / 100; h > 0 {
		p = append(p, ruHundreds[h])
	}
	r := n % 100
	if r >= 20 {
		p = append(p, ruTens[r/10])
		r %= 10
	}
	if r > 0 {
		if feminine && r <= 2 {
			p = append(p, ruOnesFem[r])
		} else {
			p = append(p, ruOnes[r])
		}
	}
	return strings.Join(p, " ")
}

var (
	uzOnes  = []string{"", "bir", "ikki", "uch", "to'rt", "besh", "olti", "yetti", "sakkiz", "to'qqiz"}
	uzTens  = []string{"", "o'n", "yigirma", "o'ttiz", "qirq", "ellik", "oltmish", "yetmish", "sakson", "to'qson"}
	uzScale = []string{"", "ming", "million", "milliard", "trillion", "kvadrillion", "kvintillion"}
)

func spellUZ(n int64) string {
	if n == 0 {
		return "nol"
	}
	var parts []string
	g := groupsOf3(n)
	for i := len(g) - 1; i >= 0; i-- {
		if g[i] == 0 {
			continue
		}
		parts = append(parts, uz999(g[i]))
		if uzScale[i] != "" {
			parts = append(parts, uzScale[i])
		}
	}
	return strings.Join(parts, " ")
}

func uz999(n int64) string {
	var p []string
	if h := n / 100; h > 0 {
		p = append(p, uzOnes[h], "yuz")
	}
	if t := n % 100 / 10; t > 0 {
		p = append(p, uzTens[t])
	}
	if o := n % 10; o > 0 {
		p = append(p, uzOnes[o])
	}
	return strings.Join(p, " ")
}
