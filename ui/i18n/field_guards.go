package i18n

// The fields' guards (a card number in the description, digits only) and
// the saved cards' hints.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"that looks like a card number: the card goes on the next screen, not in the description": {
				"похоже на номер карты: карта вводится на следующем экране, не в описании",
				"bu karta raqamiga o'xshaydi: karta keyingi ekranda kiritiladi, tavsifda emas"},
			"with the saved card %s": {"сохранённой картой %s", "saqlangan karta %s bilan"},
			"Will be charged":        {"Будет списано", "Yechiladi"},
			"today, 2026-11-23, paid, 0015, 150000, oc-…": {
				"сегодня, 2026-11-23, оплачено, 0015, 150000, oc-…",
				"bugun, 2026-11-23, to'langan, 0015, 150000, oc-…"},
			"e.g. 998 90 123 45 67": {"напр. 998 90 123 45 67", "masalan, 998 90 123 45 67"},
		}
	})
}
