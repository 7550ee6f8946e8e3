package ui

// Translations of the receipts' side of the screens: printing a money
// movement's receipt, its copies, and the movements in a payment's timeline.
func init() {
	addCatalog(map[string][2]string{
		"(and the merchant's copy)":   {"(и экземпляр магазина)", "(va do'kon nusxasi)"},
		"Copy saved to %s":            {"Копия сохранена в %s", "Nusxa %s ga saqlandi"},
		"Copy sent to the printer %s": {"Копия отправлена на принтер %s", "Nusxa %s printeriga yuborildi"},
		"Copy printed":                {"Копия напечатана", "Nusxa chop etildi"},
		"print this receipt":          {"печать этого чека", "shu chekni chop etish"},

		"Money: paid %s":                     {"Деньги: оплачено %s", "Pul: %s to'landi"},
		"Money: held %s":                     {"Деньги: заблокировано %s", "Pul: %s band qilindi"},
		"Money: captured %s":                 {"Деньги: списано %s", "Pul: %s yechildi"},
		"Money: released %s to the customer": {"Деньги: %s разблокировано покупателю", "Pul: %s xaridorga bo'shatildi"},
		"Money: hold canceled, %s released":  {"Деньги: холд отменён, %s разблокировано", "Pul: band qilish bekor qilindi, %s bo'shatildi"},
		"Money: refunded %s":                 {"Деньги: возвращено %s", "Pul: %s qaytarildi"},
		"on the capture's receipt":           {"в чеке списания", "yechib olish chekida"},
		"receipt not printed · p prints it":  {"чек не печатался · p — печать", "chek chop etilmagan · p — chop etish"},
		"receipt printed · p prints a copy":  {"чек напечатан · p — копия", "chek chop etilgan · p — nusxa"},
		"receipt printed %d times · p prints a copy": {
			"чек напечатан раз: %d · p — копия", "chek %d marta chop etilgan · p — nusxa"},
	})
}
