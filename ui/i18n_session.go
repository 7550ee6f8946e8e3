package ui

// Strings of the card form when it saves a card.
func init() {
	addCatalog(map[string][2]string{
		"Saving a card for %s · no payment is taken": {"Сохранение карты для %s · оплата не списывается", "%s uchun karta saqlanmoqda · to'lov olinmaydi"},
	})
}

// The result of a payment whose outcome came from a status read.
func init() {
	addCatalog(map[string][2]string{
		"Read from OCTO's status at %s.": {"Получено из статуса OCTO в %s.", "OCTO holatidan %s da olindi."},
	})
}

// The card entered, shown above the CVC and the name.
func init() {
	addCatalog(map[string][2]string{
		"Card %s %s · expires %s": {"Карта %s %s · действует до %s", "Karta %s %s · amal qilish muddati %s"},
	})
}

// A binding found unfinished at start.
func init() {
	addCatalog(map[string][2]string{
		"OCTO never said the card was saved; look for it in the customer's cards, else bind it again": {
			"OCTO так и не сообщил, что карта сохранена; поищите её среди карт клиента, иначе привяжите заново",
			"OCTO karta saqlanganini aytmadi; uni mijozning kartalari orasidan qidiring, aks holda qayta bog'lang"},
		"OCTO is still working on the card (%s) — check again later": {
			"OCTO ещё обрабатывает карту (%s) — проверьте позже",
			"OCTO hali kartani qayta ishlamoqda (%s) — keyinroq tekshiring"},
	})
}
