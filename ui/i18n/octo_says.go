package i18n

// OCTO's refusals in the cashier's words (octosays.go), and the history's
// search reading a bare 4-digit number as an amount or a card.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"amount %s or card •%s": {"сумма %s или карта •%s", "summa %s yoki karta •%s"},
			"%q is not a card's last 4 digits": {
				"%q — не 4 последние цифры карты",
				"%q kartaning oxirgi 4 raqami emas"},
			"%q: the search names a card and an amount already — write *%s for a card": {
				"%q: в поиске уже есть карта и сумма — для карты пишите *%s",
				"%q: qidiruvda karta va summa allaqachon bor — karta uchun *%s deb yozing"},
			"Wrong SMS code — ask the customer to read it again": {
				"Неверный код из SMS — попросите покупателя прочитать его ещё раз",
				"SMS kodi noto'g'ri — xaridordan uni qayta o'qib berishini so'rang"},
			"The SMS code expired — send a new one": {
				"Срок кода из SMS истёк — отправьте новый",
				"SMS kodining muddati tugadi — yangisini yuboring"},
			"The payment expired — start a new payment": {
				"Срок платежа истёк — начните новый платёж",
				"To'lov muddati tugadi — yangi to'lovni boshlang"},
			"Not enough money on the card — ask for another card": {
				"На карте недостаточно денег — попросите другую карту",
				"Kartada mablag' yetarli emas — boshqa karta so'rang"},
			"The card is blocked — ask for another card": {
				"Карта заблокирована — попросите другую карту",
				"Karta bloklangan — boshqa karta so'rang"},
			"The card has expired — ask for another card": {
				"Срок действия карты истёк — попросите другую карту",
				"Kartaning amal qilish muddati tugagan — boshqa karta so'rang"},
			"The card's limit is reached — ask for another card or a smaller amount": {
				"Лимит карты исчерпан — попросите другую карту или меньшую сумму",
				"Karta limiti tugagan — boshqa karta yoki kichikroq summa so'rang"},
			"OCTO does not take this kind of card — ask for another card": {
				"OCTO не принимает такие карты — попросите другую карту",
				"OCTO bunday kartalarni qabul qilmaydi — boshqa karta so'rang"},
			"The card's bank declined the payment — ask for another card": {
				"Банк карты отклонил платёж — попросите другую карту",
				"Karta banki to'lovni rad etdi — boshqa karta so'rang"},
			"OCTO does not know the saved card — save the card again": {
				"OCTO не знает сохранённую карту — сохраните карту заново",
				"OCTO saqlangan kartani bilmaydi — kartani qaytadan saqlang"},
			"The saved card is not active — save the card again": {
				"Сохранённая карта не активна — сохраните карту заново",
				"Saqlangan karta faol emas — kartani qaytadan saqlang"},
			"OCTO refused the refund amount — refund at most what is left": {
				"OCTO не принял сумму возврата — верните не больше остатка",
				"OCTO qaytarish summasini qabul qilmadi — qolgan summadan ko'p qaytarmang"},
			"The capture is more than the hold — capture at most the held amount": {
				"Сумма списания больше холда — спишите не больше удержанного",
				"Yechiladigan summa ushlab turilgandan ko'p — ushlab turilgan summadan ko'p yechmang"},
			"OCTO had an internal error — check the payment's status before trying again": {
				"Внутренняя ошибка OCTO — проверьте статус платежа, прежде чем повторять",
				"OCTO ichki xatosi — qayta urinishdan oldin to'lov holatini tekshiring"},
			"OCTO does not know the shop's fiscal data — ask OCTO support to register it": {
				"OCTO не знает фискальных данных магазина — попросите поддержку OCTO их зарегистрировать",
				"OCTO do'konning fiskal ma'lumotlarini bilmaydi — OCTO yordam xizmatidan ularni ro'yxatga olishni so'rang"},
			"OCTO refused the phone number — check the customer's phone": {
				"OCTO не принял номер телефона — проверьте телефон покупателя",
				"OCTO telefon raqamini qabul qilmadi — xaridorning telefonini tekshiring"},
			"The sandbox may have forgotten this payment ([sandbox] keep_finished)": {
				"Песочница могла забыть этот платёж ([sandbox] keep_finished)",
				"Sandbox bu to'lovni unutgan bo'lishi mumkin ([sandbox] keep_finished)"},
			"OCTO does not know this payment — check it in the history": {
				"OCTO не знает этот платёж — проверьте его в истории",
				"OCTO bu to'lovni bilmaydi — uni tarixda tekshiring"},
			"The payment's status at OCTO does not allow this — check its status": {
				"Статус платежа в OCTO этого не позволяет — проверьте статус",
				"OCTO'dagi to'lov holati bunga yo'l qo'ymaydi — holatini tekshiring"},
			"OCTO refused the request's data — its own words are in the inspector": {
				"OCTO не принял данные запроса — его ответ в инспекторе",
				"OCTO so'rov ma'lumotlarini qabul qilmadi — uning javobi inspektorda"},
			"OCTO error %d: %s":    {"ошибка OCTO %d: %s", "OCTO xatosi %d: %s"},
			"no message":           {"без текста", "matnsiz"},
			"the call was stopped": {"запрос остановлен", "so'rov to'xtatildi"},
			"OCTO answered HTTP %d — wait while the payment's status is read": {
				"OCTO ответил HTTP %d — подождите, пока читается статус платежа",
				"OCTO HTTP %d bilan javob berdi — to'lov holati o'qilguncha kuting"},
			"OCTO answered HTTP %d — try again in a minute": {
				"OCTO ответил HTTP %d — попробуйте через минуту",
				"OCTO HTTP %d bilan javob berdi — bir daqiqadan keyin qayta urinib ko'ring"},
			"OCTO did not answer in time — wait while the payment's status is read": {
				"OCTO не ответил вовремя — подождите, пока читается статус платежа",
				"OCTO o'z vaqtida javob bermadi — to'lov holati o'qilguncha kuting"},
			"OCTO did not answer in time; nothing was sent — try again": {
				"OCTO не ответил вовремя; ничего не отправлено — попробуйте ещё раз",
				"OCTO o'z vaqtida javob bermadi; hech narsa yuborilmadi — qayta urinib ko'ring"},
			"Could not reach OCTO — check the internet connection; nothing was sent": {
				"Не удалось связаться с OCTO — проверьте интернет; ничего не отправлено",
				"OCTO bilan bog'lanib bo'lmadi — internetni tekshiring; hech narsa yuborilmadi"},
		}
	})
}
