package i18n

// The states of a payment (flows.State.Label) and of a card binding in
// flight (bindLabel in ui/saved.go), as the counter, History and the
// timeline name them.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"New":                      {"Новый", "Yangi"},
			"Creating the payment":     {"Создание платежа", "To'lov yaratilmoqda"},
			"Sending the card":         {"Отправка карты", "Karta yuborilmoqda"},
			"Asking for a code":        {"Запрос кода", "Kod so'ralmoqda"},
			"Waiting for the SMS code": {"Ожидание кода из SMS", "SMS kod kutilmoqda"},
			"Checking the code":        {"Проверка кода", "Kod tekshirilmoqda"},
			"Sending a new code":       {"Отправка нового кода", "Yangi kod yuborilmoqda"},
			"Code expired":             {"Код истёк", "Kod muddati tugadi"},
			"Waiting for 3-D Secure":   {"Ожидание 3-D Secure", "3-D Secure kutilmoqda"},
			"Held — capture or cancel": {"Холд — списать или отменить", "Band qilindi — yechish yoki bekor qilish"},
			"Capturing":                {"Списание", "Yechilmoqda"},
			"Canceling":                {"Отмена", "Bekor qilinmoqda"},
			"Refunding":                {"Возврат", "Qaytarilmoqda"},
			"Checking with OCTO":       {"Проверка в OCTO", "OCTO'da tekshirilmoqda"},
			"Paid":                     {"Оплачено", "To'landi"},
			"Declined":                 {"Отклонено", "Rad etildi"},
			"Canceled":                 {"Отменено", "Bekor qilindi"},
			"Not sent":                 {"Не отправлено", "Yuborilmadi"},
			// A binding in flight.
			"Sending the card to OCTO": {"Отправка карты в OCTO", "Karta OCTO'ga yuborilmoqda"},
			"Blocking the card":        {"Блокировка карты", "Karta bloklanmoqda"},
		}
	})
}
