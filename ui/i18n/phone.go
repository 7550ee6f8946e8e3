package i18n

// The words of paying on the customer's phone: how the customer pays, the
// QR screen, the scenario tool's part for it and a console without card
// entry.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			// flows: the state and how a payment on OCTO's page ends
			"Waiting for the customer's phone":                     {"Ожидание телефона покупателя", "Xaridor telefoni kutilmoqda"},
			"Expired — nothing was charged":                        {"Срок истёк — деньги не списаны", "Muddati tugadi — pul yechilmadi"},
			"Canceled on OCTO's page — nothing was charged":        {"Отменён на странице OCTO — деньги не списаны", "OCTO sahifasida bekor qilindi — pul yechilmadi"},
			"Declined on OCTO's page — nothing was charged":        {"Отклонён на странице OCTO — деньги не списаны", "OCTO sahifasida rad etildi — pul yechilmadi"},
			"the customer is still paying on their phone":          {"покупатель ещё платит на своём телефоне", "xaridor hali telefonida to'lamoqda"},
			"the customer's phone":                                 {"телефон покупателя", "xaridor telefoni"},
			"customer's phone":                                     {"телефон покупателя", "xaridor telefoni"},
			"Channel":                                              {"Канал", "Kanal"},
			"How does the customer pay?":                           {"Как платит покупатель?", "Xaridor qanday to'laydi?"},
			"Card typed here":                                      {"Карта вводится здесь", "Karta shu yerda kiritiladi"},
			"card typed here":                                      {"карта вводится здесь", "karta shu yerda kiritiladi"},
			"you type the customer's card; the shop needs PCI DSS": {"вы вводите карту покупателя; магазину нужен PCI DSS", "xaridor kartasini siz kiritasiz; do'konga PCI DSS kerak"},
			"The customer's phone (QR)":                            {"Телефон покупателя (QR)", "Xaridor telefoni (QR)"},
			"the customer scans a QR code and pays on OCTO's page; no card data here": {
				"покупатель сканирует QR-код и платит на странице OCTO; данные карты здесь не вводятся",
				"xaridor QR kodni skanerlab OCTO sahifasida to'laydi; karta ma'lumotlari bu yerda kiritilmaydi"},
			"A saved card": {"Сохранённая карта", "Saqlangan karta"},
			"saved card":   {"сохранённая карта", "saqlangan karta"},
			"a card the customer saved earlier, found by their phone": {"карта, которую покупатель сохранил раньше; ищется по телефону",
				"xaridor avval saqlagan karta; telefon raqami bo'yicha topiladi"},
			"this console takes no card data ([octo] card_entry = false): the customer pays on their phone or with a saved card": {
				"эта консоль не принимает данные карт ([octo] card_entry = false): покупатель платит на своём телефоне или сохранённой картой",
				"bu konsol karta ma'lumotlarini qabul qilmaydi ([octo] card_entry = false): xaridor o'z telefonida yoki saqlangan karta bilan to'laydi"},

			// the QR screen
			"Customer's phone": {"Телефон покупателя", "Xaridor telefoni"},
			"The customer scans the code and pays on OCTO's page.": {"Покупатель сканирует код и платит на странице OCTO.", "Xaridor kodni skanerlab OCTO sahifasida to'laydi."},
			"The payment's time is up: asking OCTO.":               {"Время платежа вышло: спрашиваем OCTO.", "To'lov vaqti tugadi: OCTO'dan so'ralmoqda."},
			"Waiting for the customer…":                            {"Ждём покупателя…", "Xaridor kutilmoqda…"},
			"The code opens %s: this computer only. A phone needs the sandbox on the shop's network ([sandbox] listen).": {
				"Код открывает %s: только на этом компьютере. Телефону нужна песочница в сети магазина ([sandbox] listen).",
				"Kod %s manzilini ochadi: faqat shu kompyuterda. Telefon uchun sandbox do'kon tarmog'ida bo'lishi kerak ([sandbox] listen)."},
			"The code opens %s.":            {"Код открывает %s.", "Kod %s manzilini ochadi."},
			"Leave this payment for later?": {"Оставить платёж на потом?", "To'lovni keyinga qoldirasizmi?"},
			"The customer may still pay on their phone until OCTO expires the payment.\nIt stays in the journal; History shows how it ended.": {
				"Покупатель ещё может оплатить на телефоне, пока OCTO не закроет платёж по сроку.\nОн остаётся в журнале; История покажет, чем он закончился.",
				"OCTO to'lovni muddati bo'yicha yopguncha xaridor hali telefonida to'lashi mumkin.\nU jurnalda qoladi; Tarix qanday tugaganini ko'rsatadi."},

			// the scenario tool
			"Test cards: enter has the customer pay on their phone": {"Тестовые карты: enter — покупатель платит на телефоне", "Test kartalar: enter — xaridor telefonida to'laydi"},
			"Test cards: the customer types them on their phone":    {"Тестовые карты: покупатель вводит их на телефоне", "Test kartalar: xaridor ularni telefonida kiritadi"},
			"Enter: the customer pays on their phone with card %s.": {"Enter: покупатель платит на телефоне картой %s.", "Enter: xaridor telefonida %s karta bilan to'laydi."},
			"On the QR screen, enter pays with %s; or the customer types it on their phone.": {
				"На экране QR enter платит картой %s; или покупатель вводит её на телефоне.",
				"QR ekranida enter %s bilan to'laydi; yoki xaridor uni telefonida kiritadi."},
			"Cards are not armed: start a payment on the customer's phone, then choose the card here.": {
				"Карты не взводятся: начните платёж на телефоне покупателя, затем выберите карту здесь.",
				"Kartalar tayyorlanmaydi: xaridor telefonida to'lovni boshlang, so'ng kartani shu yerda tanlang."},
			"The customer is paying on their phone…":          {"Покупатель платит на телефоне…", "Xaridor telefonida to'lamoqda…"},
			"The customer's page said: %s":                    {"Страница покупателя ответила: %s", "Xaridor sahifasi javobi: %s"},
			"The customer paid on their phone: OCTO says %s.": {"Покупатель оплатил на телефоне: OCTO сообщает %s.", "Xaridor telefonida to'ladi: OCTO %s deydi."},
		}
	})
}
