package i18n

// The texts of the history, the payment detail, the result screen and
// receipt printing.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			// History.
			"History":                        {"История", "Tarix"},
			"search":                         {"поиск", "qidirish"},
			"type":                           {"печатайте", "yozing"},
			"details":                        {"подробно", "batafsil"},
			"Showing":                        {"Показаны", "Ko'rsatilgan"},
			"All payments, newest first":     {"Все платежи, новые сверху", "Barcha to'lovlar, yangilari yuqorida"},
			"No payments match this search.": {"Под этот поиск платежей нет.", "Bu qidiruvga mos to'lov yo'q."},
			"No payments yet.":               {"Платежей пока нет.", "Hozircha to'lovlar yo'q."},
			"the console has no journal":     {"у консоли нет журнала", "konsolda jurnal yo'q"},
			"the journal could not be read":  {"журнал не прочитан", "jurnalni o'qib bo'lmadi"},
			"%d of %d":                       {"%d из %d", "%d / %d"},
			"%d of the newest %d; narrow the search to see older ones": {"%d из %d последних; уточните поиск, чтобы увидеть более старые", "%d / eng yangi %d; eskilarini ko'rish uchun qidiruvni aniqlashtiring"},
			"card •%s":  {"карта •%s", "karta •%s"},
			"today":     {"сегодня", "bugun"},
			"yesterday": {"вчера", "kecha"},
			"%q is not a date, status, last 4 digits, amount or id":                      {"%q — не дата, статус, 4 последние цифры, сумма или id", "%q sana, holat, oxirgi 4 raqam, summa yoki id emas"},
			"%q is not a day: write it like 2026-11-23, 23.11.2026 or 2026-11-01..today": {"%q — не день: пишите как 2026-11-23, 23.11.2026 или 2026-11-01..today", "%q kun emas: 2026-11-23, 23.11.2026 yoki 2026-11-01..today kabi yozing"},
			// Statuses in the search description and the list.
			"paid":          {"оплачен", "to'langan"},
			"held":          {"в холде", "band qilingan"},
			"declined":      {"отклонён", "rad etilgan"},
			"canceled":      {"отменён", "bekor qilingan"},
			"not sent":      {"не отправлен", "yuborilmagan"},
			"unknown":       {"неизвестно", "noma'lum"},
			"refunding":     {"возврат идёт", "qaytarilmoqda"},
			"Captured":      {"Списан", "Yechilgan"},
			"Refunded":      {"Возвращено", "Qaytarilgan"},
			"Part refunded": {"Возврат части", "Qisman qaytarilgan"},
			"Unknown":       {"Неизвестно", "Noma'lum"},
			"Unfinished":    {"Не завершён", "Tugallanmagan"},

			// The payment's detail.
			"Payment":                             {"Платёж", "To'lov"},
			"test payment":                        {"тестовый платёж", "test to'lovi"},
			"Amount":                              {"Сумма", "Summa"},
			"Released":                            {"Разблокировано", "Bo'shatilgan"},
			"Refundable":                          {"Можно вернуть", "Qaytarish mumkin"},
			"OCTO fee":                            {"Комиссия OCTO", "OCTO komissiyasi"},
			"To the shop":                         {"Магазину", "Do'konga"},
			"Card":                                {"Карта", "Karta"},
			"Created":                             {"Создан", "Yaratilgan"},
			"Operator":                            {"Кассир", "Kassir"},
			"Shop txn":                            {"Транзакция", "Tranzaksiya"},
			"OCTO payment":                        {"Платёж OCTO", "OCTO to'lovi"},
			"Timeline":                            {"Хронология", "Xronologiya"},
			"Nothing journaled for this payment.": {"По этому платежу в журнале ничего нет.", "Bu to'lov bo'yicha jurnalda hech narsa yo'q."},
			"%d–%d of %d · ↑↓ scroll":             {"%d–%d из %d · ↑↓ листать", "%d–%d / %d · ↑↓ aylantirish"},
			"this journal cannot show one payment's timeline": {"этот журнал не показывает хронологию платежа", "bu jurnal to'lov xronologiyasini ko'rsata olmaydi"},
			"refund":                               {"вернуть", "qaytarish"},
			"status":                               {"статус", "holat"},
			"print receipt":                        {"печать чека", "chekni chop etish"},
			"fiscal receipt":                       {"фискальный чек", "fiskal chek"},
			"refund this":                          {"вернуть столько", "shuncha qaytarish"},
			"yes, refund":                          {"да, вернуть", "ha, qaytarish"},
			"no":                                   {"нет", "yo'q"},
			"amount to refund":                     {"сумма возврата", "qaytariladigan summa"},
			"Refund?":                              {"Вернуть?", "Qaytarilsinmi?"},
			"Refund how much?":                     {"Сколько вернуть?", "Qancha qaytarilsin?"},
			"Give %s back to the card %s.":         {"Вернуть %s на карту %s.", "%s %s kartasiga qaytarilsin."},
			"y refunds, n goes back to the amount": {"y — вернуть, n — назад к сумме", "y — qaytarish, n — summaga qaytish"},
			"more than can be refunded (%s)":       {"больше, чем можно вернуть (%s)", "qaytarish mumkin bo'lganidan ko'p (%s)"},
			"OCTO cannot refund this amount now":   {"OCTO сейчас не может вернуть эту сумму", "OCTO hozir bu summani qaytara olmaydi"},
			"Fiscal receipt":                       {"Фискальный чек", "Fiskal chek"},
			"Asking OCTO for the fiscal receipt…":  {"Запрашиваю фискальный чек у OCTO…", "OCTO'dan fiskal chek so'ralmoqda…"},
			"The fiscal receipt is not available":  {"Фискальный чек недоступен", "Fiskal chek mavjud emas"},
			"OCTO has no fiscal receipt link for this payment.": {"У OCTO нет ссылки на фискальный чек этого платежа.", "OCTO'da bu to'lovning fiskal chek havolasi yo'q."},
			"A taller terminal shows the QR code.":              {"В терминале повыше будет QR-код.", "Balandroq terminalda QR-kod ko'rinadi."},
			// Timeline: the flows' states in the cashier's words.
			"New":                  {"Новый", "Yangi"},
			"Creating the payment": {"Создание платежа", "To'lov yaratilmoqda"},
			"Sending the card":     {"Отправка карты", "Karta yuborilmoqda"},
			"Asking for a code":    {"Запрос кода", "Kod so'ralmoqda"},
			"Checking the code":    {"Проверка кода", "Kod tekshirilmoqda"},
			"Sending a new code":   {"Отправка нового кода", "Yangi kod yuborilmoqda"},
			"Capturing":            {"Списание", "Yechilmoqda"},
			"Canceling":            {"Отмена", "Bekor qilinmoqda"},

			// The result screen.
			"done":                              {"готово", "tayyor"},
			"try again":                         {"ещё раз", "qayta urinish"},
			"refund %s":                         {"вернуть %s", "%s qaytarish"},
			"Refunded so far":                   {"Уже возвращено", "Qaytarilgani"},
			"Declined — nothing was charged":    {"Отклонён — ничего не списано", "Rad etildi — hech narsa yechilmadi"},
			"Canceled — the money was released": {"Отменён — деньги разблокированы", "Bekor qilindi — pul bo'shatildi"},
			"Not sent — nothing was charged":    {"Не отправлен — ничего не списано", "Yuborilmadi — hech narsa yechilmadi"},
			"p prints the receipt; a taller terminal shows it here.": {"p печатает чек; в терминале повыше он виден здесь.", "p chekni chop etadi; balandroq terminalda u shu yerda ko'rinadi."},

			// Printing.
			"Receipt saved to %s":              {"Чек сохранён в %s", "Chek %s ga saqlandi"},
			"Receipt sent to the printer %s":   {"Чек отправлен на принтер %s", "Chek %s printeriga yuborildi"},
			"Receipt printed":                  {"Чек напечатан", "Chek chop etildi"},
			"Receipt not printed":              {"Чек не напечатан", "Chek chop etilmadi"},
			"no receipt printer is configured": {"принтер чеков не настроен", "chek printeri sozlanmagan"},

			// Sending again a refund OCTO never received (the result screen).
			"Send the refund again?": {"Отправить возврат ещё раз?", "Qaytarishni qayta yuborasizmi?"},
			"OCTO never received the refund of %s to the card %s. Send it again: the same refund, OCTO makes it once.": {
				"OCTO не получил возврат %s на карту %s. Отправить ещё раз: тот же возврат, OCTO проведёт его один раз.",
				"OCTO %s ni %s kartaga qaytarishni olmadi. Qayta yuboring: o'sha qaytarish, OCTO uni bir marta bajaradi."},
		}
	})
}
