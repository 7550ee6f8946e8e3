package ui

// The counter's last look before money moves: the summary before a card
// is sent, the large amount's second confirmation, and the notice that
// keys wait while the screen is hidden.
func init() {
	addCatalog(map[string][2]string{
		"Check before sending":          {"Проверьте перед отправкой", "Yuborishdan oldin tekshiring"},
		"Charge %s to %s":               {"Списать %s с карты %s", "%s ni %s kartasidan yechish"},
		"Hold %s on %s":                 {"Заблокировать (холд) %s на карте %s", "%s ni %s kartasida band qilish"},
		"for %s":                        {"за: %s", "nima uchun: %s"},
		"send":                          {"отправить", "yuborish"},
		"change":                        {"изменить", "o'zgartirish"},
		"(a saved card)":                {"(сохранённая карта)", "(saqlangan karta)"},
		"A large amount":                {"Крупная сумма", "Katta summa"},
		"%s — %s.\nIs this the amount?": {"%s — %s.\nСумма верна?", "%s — %s.\nSumma to'g'rimi?"},
		"yes, the amount is right":      {"да, сумма верна", "ha, summa to'g'ri"},
		"Keys are paused until then (ctrl+c still quits).": {
			"До тех пор клавиши не действуют (ctrl+c по-прежнему выходит).",
			"Ungacha tugmalar ishlamaydi (ctrl+c baribir chiqadi)."},
	})
}
