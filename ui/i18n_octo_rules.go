package ui

// Words for OCTO's documented rules the flows check before anything is
// sent (user_data's phone and e-mail together, REFERENCE §2.1) and for
// what the flows do when OCTO's answer proves nothing (error 4).
func init() {
	addCatalog(map[string][2]string{
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
		"OCTO had an internal error — checking the payment's status": {
			"у OCTO внутренняя ошибка — проверяем статус платежа",
			"OCTO'da ichki xato — to'lov holatini tekshiryapmiz"},
		"OCTO had an internal error and did not take the card: nothing is charged and OCTO will expire this payment — start a new one": {
			"у OCTO внутренняя ошибка, карта не принята: ничего не списано, OCTO сам закроет этот платёж — начните новый",
			"OCTO'da ichki xato, karta qabul qilinmadi: hech narsa yechilmadi, OCTO bu to'lovni o'zi yopadi — yangisini boshlang"},
	})
}
