package i18n

// Texts of the console's ways out: leaving a payment whose outcome is
// unknown, a batch of holds that leaves a lost answer for later, what
// cannot be done now and why (instead of the flow's own error), reading a
// customer's saved cards again when the journal did not answer.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			// The working screen (checking.go) and home after leaving it.
			"leave it for later": {"оставить на потом", "keyinroqqa qoldirish"},
			"esc leaves it for later: the payment stays in the journal; its outcome is checked at the next start and in History.": {
				"esc — оставить на потом: платёж остаётся в журнале; его итог проверяется при следующем запуске и в истории.",
				"esc — keyinroqqa qoldirish: to'lov jurnalda qoladi; uning natijasi keyingi ishga tushirishda va Tarixda tekshiriladi."},
			"Payment %s was left with its outcome unknown; it is checked at the next start, or open it in History": {
				"Платёж %s оставлен с неизвестным итогом; он проверяется при следующем запуске, или откройте его в истории",
				"%s to'lovi natijasi noma'lum holda qoldirildi; u keyingi ishga tushirishda tekshiriladi yoki uni Tarixda oching"},

			// The holds batch (holds_batch.go).
			"unknown — checked later (History)": {
				"неизвестно — проверим позже (история)",
				"noma'lum — keyinroq tekshiriladi (Tarix)"},

			// A refused event (payment.go): what, then why, joined by " — ".
			"The payment cannot be sent now":       {"Платёж сейчас нельзя отправить", "To'lovni hozir yuborib bo'lmaydi"},
			"The code cannot be sent now":          {"Код сейчас нельзя отправить", "Kodni hozir yuborib bo'lmaydi"},
			"A new code cannot be asked for now":   {"Новый код сейчас запросить нельзя", "Yangi kodni hozir so'rab bo'lmaydi"},
			"The hold cannot be captured now":      {"Холд сейчас нельзя списать", "Xoldni hozir yechib bo'lmaydi"},
			"The hold cannot be canceled now":      {"Холд сейчас нельзя отменить", "Xoldni hozir bekor qilib bo'lmaydi"},
			"The payment cannot be refunded now":   {"Платёж сейчас нельзя вернуть", "To'lovni hozir qaytarib bo'lmaydi"},
			"The status cannot be checked now":     {"Статус сейчас нельзя проверить", "Holatni hozir tekshirib bo'lmaydi"},
			"A late answer from OCTO was not used": {"Запоздавший ответ OCTO не использован", "OCTO'ning kechikkan javobi ishlatilmadi"},
			"The card cannot be blocked now":       {"Карту сейчас нельзя заблокировать", "Kartani hozir bloklab bo'lmaydi"},
			"the card is not at that step now":     {"карта сейчас не на этом шаге", "karta hozir bu bosqichda emas"},
			"That cannot be done now":              {"Сейчас это сделать нельзя", "Buni hozir qilib bo'lmaydi"},
			"the payment has not been sent yet":    {"платёж ещё не отправлен", "to'lov hali yuborilmagan"},
			"a request to OCTO is still waiting for its answer": {
				"запрос в OCTO ещё ждёт ответа", "OCTO'ga so'rov hali javob kutmoqda"},
			"its outcome is still being checked with OCTO": {
				"его итог ещё проверяется в OCTO", "uning natijasi hali OCTO'da tekshirilmoqda"},
			"the payment is waiting for the customer's SMS code": {
				"платёж ждёт SMS-код покупателя", "to'lov xaridorning SMS kodini kutmoqda"},
			"the customer's code has expired": {"код покупателя истёк", "xaridorning kodi muddati tugagan"},
			"the customer is still on the 3-D Secure page": {
				"покупатель ещё на странице 3-D Secure", "xaridor hali 3-D Secure sahifasida"},
			"the payment is held, waiting to be captured or canceled": {
				"платёж удержан и ждёт списания или отмены", "to'lov ushlab turilgan, yechish yoki bekor qilishni kutmoqda"},
			"the payment is already paid":    {"платёж уже оплачен", "to'lov allaqachon to'langan"},
			"the payment was declined":       {"платёж отклонён", "to'lov rad etilgan"},
			"the payment was canceled":       {"платёж отменён", "to'lov bekor qilingan"},
			"the payment was never sent":     {"платёж так и не был отправлен", "to'lov umuman yuborilmagan"},
			"the payment is at another step": {"платёж на другом шаге", "to'lov boshqa bosqichda"},

			// Saved cards (saved.go).
			"Could not read the saved cards from the journal: %s": {
				"Не удалось прочитать сохранённые карты из журнала: %s",
				"Saqlangan kartalarni jurnaldan o'qib bo'lmadi: %s"},
			"enter tries again; esc goes back to the phone.": {
				"enter — ещё раз; esc — назад к телефону.",
				"enter — qayta urinish; esc — telefonga qaytish."},
		}
	})
	// Texts that follow a count: each language's own form for it.
	AddPlural(map[string]Plural{
		"Outcome unknown after %d status reads — left to check later": {Arg: 1,
			EN: [2]string{"Outcome unknown after %d status read — left to check later", "Outcome unknown after %d status reads — left to check later"},
			RU: [3]string{"Итог неизвестен после %d запроса статуса — оставлен на проверку позже", "Итог неизвестен после %d запросов статуса — оставлен на проверку позже", "Итог неизвестен после %d запросов статуса — оставлен на проверку позже"},
			UZ: [2]string{"%d ta holat so'rovidan keyin ham natija noma'lum — keyinroq tekshirish uchun qoldirildi", "%d ta holat so'rovidan keyin ham natija noma'lum — keyinroq tekshirish uchun qoldirildi"}},
		"? %d hold(s) with no known outcome: checked at the next start and in History": {Arg: 1,
			EN: [2]string{"? %d hold(s) with no known outcome: checked at the next start and in History", "? %d hold(s) with no known outcome: checked at the next start and in History"},
			RU: [3]string{"? %d холд с неизвестным итогом — проверяется при следующем запуске и в истории", "? %d холда с неизвестным итогом — проверяются при следующем запуске и в истории", "? %d холдов с неизвестным итогом — проверяются при следующем запуске и в истории"},
			UZ: [2]string{"? Natijasi noma'lum %d ta band qilish — keyingi ishga tushirishda va Tarixda tekshiriladi", "? Natijasi noma'lum %d ta band qilish — keyingi ishga tushirishda va Tarixda tekshiriladi"}},
	})
}
