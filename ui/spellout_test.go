package ui

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestSpellAmount(t *testing.T) {
	for _, tt := range []struct {
		lang   Lang
		amount string
		want   string
	}{
		{LangEN, "15000000", "fifteen million UZS"},
		{LangEN, "150000000", "one hundred fifty million UZS"},
		{LangEN, "10000000.50", "ten million UZS 50 tiyin"},
		{LangEN, "21345678", "twenty-one million three hundred forty-five thousand six hundred seventy-eight UZS"},
		{LangRU, "15000000", "пятнадцать миллионов сумов"},
		{LangRU, "21000000", "двадцать один миллион сумов"},
		{LangRU, "12342000", "двенадцать миллионов триста сорок две тысячи сумов"},
		{LangRU, "10001001", "десять миллионов одна тысяча один сум"},
		{LangRU, "10002003", "десять миллионов две тысячи три сума"},
		{LangRU, "11000011", "одиннадцать миллионов одиннадцать сумов"},
		{LangUZ, "15000000", "o'n besh million so'm"},
		{LangUZ, "12345000", "o'n ikki million uch yuz qirq besh ming so'm"},
	} {
		if got := SpellAmount(tt.lang, decimal.RequireFromString(tt.amount)); got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.lang, tt.amount, got, tt.want)
		}
	}
}
