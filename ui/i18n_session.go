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
