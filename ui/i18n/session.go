package i18n

// The payment session's words (the part of the counter that follows one
// payment or card binding from the form to its outcome), one table per
// moment of it.

// Strings of the card form when it saves a card.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"Saving a card for %s · no payment is taken": {"Сохранение карты для %s · оплата не списывается", "%s uchun karta saqlanmoqda · to'lov olinmaydi"},
		}
	})
}

// The result of a payment whose outcome came from a status read.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"Read from OCTO's status at %s.": {"Получено из статуса OCTO в %s.", "OCTO holatidan %s da olindi."},
		}
	})
}

// The card entered, shown above the CVC and the name.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"Card %s %s · expires %s": {"Карта %s %s · действует до %s", "Karta %s %s · amal qilish muddati %s"},
		}
	})
}

// A binding found unfinished at start.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"OCTO never said the card was saved; look for it in the customer's cards, else bind it again": {
				"OCTO так и не сообщил, что карта сохранена; поищите её среди карт клиента, иначе привяжите заново",
				"OCTO karta saqlanganini aytmadi; uni mijozning kartalari orasidan qidiring, aks holda qayta bog'lang"},
			"OCTO is still working on the card (%s) — check again later": {
				"OCTO ещё обрабатывает карту (%s) — проверьте позже",
				"OCTO hali kartani qayta ishlamoqda (%s) — keyinroq tekshiring"},
		}
	})
}

// How a payment left unknown ended, when a notification settles it.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"Payment %s (%s) left unknown turned out PAID — do not take it again": {
				"Платёж %s (%s), оставленный с неизвестным исходом, ОПЛАЧЕН — не проводите его снова",
				"Natijasi noma'lum qoldirilgan %s (%s) to'lovi TO'LANGAN — uni qayta o'tkazmang"},
			"Payment %s (%s) left unknown was not paid — nothing was charged": {
				"Платёж %s (%s), оставленный с неизвестным исходом, не прошёл — ничего не списано",
				"Natijasi noma'lum qoldirilgan %s (%s) to'lovi o'tmadi — hech narsa yechilmadi"},
			"Payment %s (%s) left unknown was canceled — the money was released": {
				"Платёж %s (%s), оставленный с неизвестным исходом, отменён — деньги освобождены",
				"Natijasi noma'lum qoldirilgan %s (%s) to'lovi bekor qilindi — pul qaytarildi"},
			"Payment %s (%s) left unknown: %s": {
				"Платёж %s (%s), оставленный с неизвестным исходом: %s",
				"Natijasi noma'lum qoldirilgan %s (%s) to'lovi: %s"},
		}
	})
}

// A paid payment's headline after refunds.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"Refunded in full — nothing stays charged": {"Возвращено полностью — ничего не списано", "To'liq qaytarildi — hech narsa yechilmagan"},
			"Captured, %s refunded":                    {"Списан, возвращено %s", "Yechilgan, %s qaytarildi"},
			"Paid, %s refunded":                        {"Оплачено, возвращено %s", "To'landi, %s qaytarildi"},
		}
	})
}

// The second after a refused code.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"OCTO refused the code; reading the payment's status to tell a wrong code from a decline.": {
				"OCTO не принял код; читаем статус платежа, чтобы отличить неверный код от отказа.",
				"OCTO kodni qabul qilmadi; noto'g'ri kodni raddan ajratish uchun to'lov holati o'qilmoqda."},
		}
	})
}
