package i18n

// The counter's input checks: the summary before a card is sent, the large
// amount's second confirmation, the code refused before it is sent, keys
// that do nothing saying why, and keys waiting while the screen is hidden.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"Check before sending":          {"Проверьте перед отправкой", "Yuborishdan oldin tekshiring"},
			"Charge %s to %s":               {"Списать %s с карты %s", "%s ni %s kartasidan yechish"},
			"Hold %s on %s":                 {"Заблокировать (холд) %s на карте %s", "%s ni %s kartasida band qilish"},
			"for %s":                        {"за: %s", "nima uchun: %s"},
			"send it":                       {"отправить", "yuborish"},
			"change":                        {"изменить", "o'zgartirish"},
			"(a saved card)":                {"(сохранённая карта)", "(saqlangan karta)"},
			"A large amount":                {"Крупная сумма", "Katta summa"},
			"%s — %s.\nIs this the amount?": {"%s — %s.\nСумма верна?", "%s — %s.\nSumma to'g'rimi?"},
			"yes, the amount is right":      {"да, сумма верна", "ha, summa to'g'ri"},
			"the code is digits only — nothing was sent": {"в коде только цифры — ничего не отправлено", "kodda faqat raqamlar bo'ladi — hech narsa yuborilmadi"},
			"a new code can be asked for in %d s":        {"новый код можно запросить через %d с", "yangi kodni %d soniyadan keyin so'rash mumkin"},
			"no more new codes for this payment: OCTO sends three at most": {
				"новых кодов для этого платежа больше не будет: OCTO присылает не больше трёх",
				"bu to'lov uchun boshqa yangi kod bo'lmaydi: OCTO ko'pi bilan uchta yuboradi"},
			"Open a shift before the first sale: your name, and a PIN if you want the console locked when you step away.": {
				"Перед первой продажей откройте смену: ваше имя и, если нужно блокировать консоль, когда вы отходите, PIN.",
				"Birinchi sotuvdan oldin smenani oching: ismingiz va, agar ketganingizda konsol qulflanishini istasangiz, PIN."},
			"type the amount":               {"введите сумму", "summani kiriting"},
			"a digit typed replaces it":     {"новая цифра заменит её", "yangi raqam uni almashtiradi"},
			"Leave this order?":             {"Оставить этот заказ?", "Bu buyurtmadan chiqilsinmi?"},
			"What was typed in it is lost.": {"Всё, что в нём введено, пропадёт.", "Unga kiritilgan hamma narsa yo'qoladi."},
			"yes, leave it":                 {"да, оставить", "ha, chiqish"},
			"The customer has not finished the bank's page. The payment stays in the journal, nothing is charged twice, and its outcome is read at the next start or when OCTO notifies it.": {
				"Покупатель ещё не закончил на странице банка. Платёж остаётся в журнале, дважды ничего не спишется, а его результат будет прочитан при следующем запуске или когда OCTO пришлёт уведомление.",
				"Xaridor bank sahifasini hali tugatmadi. To'lov jurnalda qoladi, hech narsa ikki marta yechilmaydi, natijasi keyingi ishga tushirishda yoki OCTO xabar berganda o'qiladi."},
			"Counting since %s":                       {"Учёт с %s", "Hisob %s dan beri"},
			"Hold %s · %s expired — OCTO released it": {"Холд %s · %s истёк — OCTO снял блокировку", "Band qilish %s · %s muddati tugadi — OCTO uni bo'shatdi"},
			"with an e-mail, OCTO needs the phone too (shift+tab goes back to it)": {
				"с e-mail OCTO нужен и телефон (shift+tab — вернуться к нему)",
				"e-mail bilan OCTO telefonni ham talab qiladi (shift+tab — unga qaytish)"},
			"OCTO says: %s (asked at %s)":     {"OCTO отвечает: %s (запрос в %s)", "OCTO javobi: %s (so'rov %s da)"},
			"created, the card not yet taken": {"создан, карта ещё не принята", "yaratildi, karta hali qabul qilinmadi"},
			"waiting for the customer's code": {"ждёт код покупателя", "xaridor kodini kutmoqda"},
			"being processed":                 {"обрабатывается", "ishlanmoqda"},
			"held, waiting for capture":       {"заблокирован, ждёт списания", "band qilingan, yechishni kutmoqda"},
			"paid":                            {"оплачен", "to'langan"},
			"canceled":                        {"отменён", "bekor qilingan"},
			"failed, nothing charged":         {"не прошёл, ничего не списано", "o'tmadi, hech narsa yechilmadi"},
			"Quit with a payment under way?":  {"Выйти, не закончив платёж?", "To'lov tugamasdan chiqilsinmi?"},
			"It stays in the journal and is read again at the next start; nothing more is charged.": {
				"Он остаётся в журнале и будет прочитан при следующем запуске; больше ничего не спишется.",
				"U jurnalda qoladi va keyingi ishga tushirishda qayta o'qiladi; boshqa hech narsa yechilmaydi."},
			"yes, quit": {"да, выйти", "ha, chiqish"},
			"Open holds: %d, %s in all. They stay on the customers' cards and in the journal: capture or cancel them from Open holds at the next start.": {
				"Открытых холдов: %d, всего %s. Они остаются на картах покупателей и в журнале: спишите или отмените их в «Открытые холды» при следующем запуске.",
				"Ochiq band qilishlar: %d, jami %s. Ular xaridorlar kartalarida va jurnalda qoladi: keyingi ishga tushirishda ularni «Band qilingan summalar»dan yeching yoki bekor qiling."},
			"Finishing the receipt and the journal before quitting…": {
				"Дописываю чек и журнал перед выходом…",
				"Chiqishdan oldin chek va jurnal yakunlanmoqda…"},
			"Leave this card?":                  {"Оставить эту карту?", "Bu kartadan chiqilsinmi?"},
			"The card typed here is forgotten.": {"Введённая карта будет забыта.", "Kiritilgan karta unutiladi."},
			"In words: %s.":                     {"Прописью: %s.", "So'z bilan: %s."},
			"Keys are paused until then (ctrl+c still quits).": {
				"До тех пор клавиши не действуют (ctrl+c по-прежнему выходит).",
				"Ungacha tugmalar ishlamaydi (ctrl+c baribir chiqadi)."},
		}
	})
	// Texts that follow a count: each language's own form for it.
	AddPlural(map[string]Plural{
		"the code has %d digits, this one %d — nothing was sent, no attempt used": {Arg: 1,
			EN: [2]string{"the code has %d digit, this one %d — nothing was sent, no attempt used", "the code has %d digits, this one %d — nothing was sent, no attempt used"},
			RU: [3]string{"в коде %d цифра, здесь %d — ничего не отправлено, попытка не потрачена", "в коде %d цифры, здесь %d — ничего не отправлено, попытка не потрачена", "в коде %d цифр, здесь %d — ничего не отправлено, попытка не потрачена"},
			UZ: [2]string{"kodda %d ta raqam bor, bu yerda %d ta — hech narsa yuborilmadi, urinish sarflanmadi", "kodda %d ta raqam bor, bu yerda %d ta — hech narsa yuborilmadi, urinish sarflanmadi"}},
	})
}
