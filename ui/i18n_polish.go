package ui

// Texts added while walking every screen for the demo (wrong-field guards,
// saved-card hints).
func init() {
	addCatalog(map[string][2]string{
		"that looks like a card number: the card goes on the next screen, not in the description": {
			"похоже на номер карты: карта вводится на следующем экране, не в описании",
			"bu karta raqamiga o'xshaydi: karta keyingi ekranda kiritiladi, tavsifda emas"},
		"with the saved card %s": {"сохранённой картой %s", "saqlangan karta %s bilan"},
		"Will be charged":        {"Будет списано", "Yechiladi"},
	})
}
