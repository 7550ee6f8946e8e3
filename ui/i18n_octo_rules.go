package ui

// Words for OCTO's documented rules the flows check before anything is
// sent (user_data's phone and e-mail together, REFERENCE §2.1) and for
// what the flows do when OCTO's answer proves nothing (error 4).
func init() {
	addCatalog(func() map[string][2]string {
		return map[string][2]string{
			"with an e-mail, OCTO needs the phone too": {
				"вместе с e-mail OCTO нужен и телефон", "e-mail bilan birga OCTO'ga telefon ham kerak"},
			"the customer's phone must be 12 digits with the country code, no +: 998901234567": {
				"телефон покупателя: 12 цифр с кодом страны, без +: 998901234567",
				"xaridor telefoni: mamlakat kodi bilan 12 raqam, + siz: 998901234567"},
			"the customer's e-mail must look like name@example.uz": {
				"e-mail покупателя должен выглядеть как name@example.uz",
				"xaridor e-maili name@example.uz ko'rinishida bo'lishi kerak"},
			"OCTO refunds at most %s at a time: refund it as %d refunds, one after another": {
				"OCTO возвращает не больше %s за раз: верните это %d возвратами, один за другим",
				"OCTO bir martada ko'pi bilan %s qaytaradi: buni %d ta qaytarish bilan, birin-ketin qaytaring"},
			"OCTO refunds at least %s at a time": {
				"OCTO возвращает не меньше %s за раз", "OCTO bir martada kamida %s qaytaradi"},
			"The fiscal codes are not registered with OCTO for this shop — have OCTO register them or correct them in the configuration": {
				"фискальные коды не зарегистрированы в OCTO для этого магазина — попросите OCTO их зарегистрировать или исправьте их в настройках",
				"fiskal kodlar OCTO'da bu do'kon uchun ro'yxatdan o'tmagan — OCTO'dan ularni ro'yxatdan o'tkazishni so'rang yoki sozlamalarda tuzating"},
			"OCTO is still waiting for a card: nothing is charged; OCTO cancels this payment at %s — start a new one": {
				"OCTO всё ещё ждёт карту: ничего не списано; OCTO отменит этот платёж в %s — начните новый",
				"OCTO hali kartani kutmoqda: hech narsa yechilmadi; OCTO bu to'lovni soat %s da bekor qiladi — yangisini boshlang"},
			"OCTO is still waiting for a card: nothing is charged; OCTO cancels this payment when its lifetime runs out — start a new one": {
				"OCTO всё ещё ждёт карту: ничего не списано; OCTO отменит этот платёж когда истечёт его срок — начните новый",
				"OCTO hali kartani kutmoqda: hech narsa yechilmadi; OCTO bu to'lovni muddati tugaganda bekor qiladi — yangisini boshlang"},
			"OCTO waits for the customer's code, but pay's answer was lost in the restart, so the code cannot be sent from here: nothing is charged; OCTO cancels this payment at %s — start a new one": {
				"OCTO ждёт код покупателя, но ответ на оплату потерян при перезапуске, и код отсюда не отправить: ничего не списано; OCTO отменит этот платёж в %s — начните новый",
				"OCTO xaridor kodini kutmoqda, lekin to'lov javobi qayta ishga tushishda yo'qoldi, kodni bu yerdan yuborib bo'lmaydi: hech narsa yechilmadi; OCTO bu to'lovni soat %s da bekor qiladi — yangisini boshlang"},
			"OCTO waits for the customer's code, but pay's answer was lost in the restart, so the code cannot be sent from here: nothing is charged; OCTO cancels this payment when its lifetime runs out — start a new one": {
				"OCTO ждёт код покупателя, но ответ на оплату потерян при перезапуске, и код отсюда не отправить: ничего не списано; OCTO отменит этот платёж когда истечёт его срок — начните новый",
				"OCTO xaridor kodini kutmoqda, lekin to'lov javobi qayta ishga tushishda yo'qoldi, kodni bu yerdan yuborib bo'lmaydi: hech narsa yechilmadi; OCTO bu to'lovni muddati tugaganda bekor qiladi — yangisini boshlang"},
			"The customer is on OCTO's 3-D Secure page: the outcome is read from OCTO; if it is not finished OCTO cancels this payment at %s": {
				"покупатель на странице 3-D Secure у OCTO: итог читаем у OCTO; если её не завершат, OCTO отменит этот платёж в %s",
				"xaridor OCTO'ning 3-D Secure sahifasida: natija OCTO'dan o'qiladi; tugatilmasa, OCTO bu to'lovni soat %s da bekor qiladi"},
			"The customer is on OCTO's 3-D Secure page: the outcome is read from OCTO; if it is not finished OCTO cancels this payment when its lifetime runs out": {
				"покупатель на странице 3-D Secure у OCTO: итог читаем у OCTO; если её не завершат, OCTO отменит этот платёж когда истечёт его срок",
				"xaridor OCTO'ning 3-D Secure sahifasida: natija OCTO'dan o'qiladi; tugatilmasa, OCTO bu to'lovni muddati tugaganda bekor qiladi"},
			"OCTO never received the refund of %s: nothing was refunded — send it again (the same refund: OCTO makes it once)": {
				"OCTO не получил возврат %s: ничего не возвращено — отправьте его ещё раз (тот же возврат: OCTO проведёт его один раз)",
				"OCTO %s qaytarishni olmadi: hech narsa qaytarilmadi — uni qayta yuboring (o'sha qaytarish: OCTO uni bir marta bajaradi)"},
			"OCTO had an internal error — checking the payment's status": {
				"у OCTO внутренняя ошибка — проверяем статус платежа",
				"OCTO'da ichki xato — to'lov holatini tekshiryapmiz"},
			"OCTO had an internal error and did not take the card: nothing is charged and OCTO will expire this payment — start a new one": {
				"у OCTO внутренняя ошибка, карта не принята: ничего не списано, OCTO сам закроет этот платёж — начните новый",
				"OCTO'da ichki xato, karta qabul qilinmadi: hech narsa yechilmadi, OCTO bu to'lovni o'zi yopadi — yangisini boshlang"},
		}
	})
}
