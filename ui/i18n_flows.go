package ui

import "github.com/octo-cashier/octo-cashier/ui/i18n"

// The problem texts of package flows as the counter shows them (see
// Lang.Problem for how composed texts are matched; the states' labels are
// in ui/i18n/states.go). The keys are flows' English texts exactly; a sentence
// flows builds of clauses is translated clause by clause, so a clause is
// a key of its own ("nothing was charged").
func init() {
	addCatalog(func() map[string][2]string {
		return map[string][2]string{
			// Clauses flows joins with "; " and " — ".
			"nothing was charged":        {"ничего не списано", "hech narsa yechilmadi"},
			"nothing was refunded":       {"ничего не возвращено", "hech narsa qaytarilmadi"},
			"nothing was changed":        {"ничего не изменилось", "hech narsa o'zgarmadi"},
			"nothing was saved":          {"ничего не сохранено", "hech narsa saqlanmadi"},
			"nothing was blocked":        {"ничего не заблокировано", "hech narsa bloklanmadi"},
			"nothing was sent":           {"ничего не отправлено", "hech narsa yuborilmadi"},
			"nothing saved":              {"ничего не сохранено", "hech narsa saqlanmadi"},
			"Could not reach OCTO":       {"Нет связи с OCTO", "OCTO bilan aloqa yo'q"},
			"enter the code again":       {"введите код ещё раз", "kodni qayta kiriting"},
			"enter it again":             {"введите его ещё раз", "uni qayta kiriting"},
			"check again later":          {"проверьте позже", "keyinroq tekshiring"},
			"bind the card again":        {"привяжите карту заново", "kartani qayta bog'lang"},
			"bind it again":              {"привяжите её заново", "uni qayta bog'lang"},
			"Wrong code":                 {"Неверный код", "Kod noto'g'ri"},
			"1 attempt left":             {"осталась 1 попытка", "1 ta urinish qoldi"},
			"OCTO had an internal error": {"Внутренняя ошибка OCTO", "OCTO'da ichki xato"},
			"The saved card is unknown to OCTO — bind the card again": {
				"OCTO не знает сохранённую карту — привяжите карту заново",
				"OCTO saqlangan kartani tanimaydi — kartani qayta bog'lang"},
			"The saved card is not active — bind it again": {
				"Сохранённая карта не активна — привяжите её заново",
				"Saqlangan karta faol emas — uni qayta bog'lang"},
			"OCTO refused: %s": {"OCTO отказал: %s", "OCTO rad etdi: %s"},
			"error %d":         {"ошибка %d", "xato %d"},
			"Declined: %s":     {"Отклонено: %s", "Rad etildi: %s"},
			"Wrong code: %s":   {"Неверный код: %s", "Kod noto'g'ri: %s"},
			"The journal could not be written (%s)": {
				"Не удалось записать в журнал (%s)", "Jurnalga yozib bo'lmadi (%s)"},

			// Whole problems.
			"No answer from OCTO — checking the payment's status": {
				"OCTO не ответил — проверяем статус платежа",
				"OCTO javob bermadi — to'lov holati tekshirilmoqda"},
			"The code expired — send a new one or start a new payment": {
				"Код истёк — отправьте новый или начните новый платёж",
				"Kod muddati tugadi — yangisini yuboring yoki yangi to'lov boshlang"},
			"The code expired — start a new payment; nothing was charged": {
				"Код истёк — начните новый платёж; ничего не списано",
				"Kod muddati tugadi — yangi to'lov boshlang; hech narsa yechilmadi"},
			"OCTO will not send more codes — start a new payment": {
				"OCTO больше не отправит кодов — начните новый платёж",
				"OCTO boshqa kod yubormaydi — yangi to'lov boshlang"},
			"Wrong code three times — OCTO canceled the payment; nothing was charged": {
				"Три раза неверный код — OCTO отменил платёж; ничего не списано",
				"Kod uch marta noto'g'ri — OCTO to'lovni bekor qildi; hech narsa yechilmadi"},
			"The hold expired — OCTO released the money": {
				"Срок холда истёк — OCTO разблокировал деньги",
				"Band qilish muddati tugadi — OCTO pulni bo'shatdi"},
			"OCTO refused the shop's credentials — check the shop ID and secret": {
				"OCTO не принял данные магазина — проверьте ID магазина и секрет",
				"OCTO do'kon ma'lumotlarini qabul qilmadi — do'kon ID va sirini tekshiring"},
			"OCTO refused the refund amount; nothing was refunded": {
				"OCTO не принял сумму возврата; ничего не возвращено",
				"OCTO qaytarish summasini qabul qilmadi; hech narsa qaytarilmadi"},
			"OCTO asks to slow down — try again in a second": {
				"OCTO просит не спешить — повторите через секунду",
				"OCTO sekinroq so'rayapti — bir soniyadan keyin qayta urining"},
			"No answer from OCTO — a new code may have been sent; ask again if none arrives": {
				"OCTO не ответил — новый код мог быть отправлен; если не придёт, запросите снова",
				"OCTO javob bermadi — yangi kod yuborilgan bo'lishi mumkin; kelmasa, qayta so'rang"},
			"Could not get the code session from OCTO — check the status or start a new payment": {
				"Не удалось получить сессию кода от OCTO — проверьте статус или начните новый платёж",
				"OCTO'dan kod sessiyasini olib bo'lmadi — holatni tekshiring yoki yangi to'lov boshlang"},
			"Could not get the code session from OCTO — send a new code or check the status": {
				"Не удалось получить сессию кода от OCTO — отправьте новый код или проверьте статус",
				"OCTO'dan kod sessiyasini olib bo'lmadi — yangi kod yuboring yoki holatni tekshiring"},
			"Could not get the code session from OCTO — check the status or start a new payment (%s)": {
				"Не удалось получить сессию кода от OCTO — проверьте статус или начните новый платёж (%s)",
				"OCTO'dan kod sessiyasini olib bo'lmadi — holatni tekshiring yoki yangi to'lov boshlang (%s)"},
			"Could not get the code session from OCTO — send a new code or check the status (%s)": {
				"Не удалось получить сессию кода от OCTO — отправьте новый код или проверьте статус (%s)",
				"OCTO'dan kod sessiyasini olib bo'lmadi — yangi kod yuboring yoki holatni tekshiring (%s)"},
			"Checking the code's outcome with OCTO": {
				"Проверяем в OCTO, принят ли код", "Kod natijasi OCTO'da tekshirilmoqda"},
			"Could not reach OCTO; the code was not sent — enter it again": {
				"Нет связи с OCTO; код не отправлен — введите его ещё раз",
				"OCTO bilan aloqa yo'q; kod yuborilmadi — uni qayta kiriting"},
			"Declined; nothing was charged": {"Отклонено; ничего не списано", "Rad etildi; hech narsa yechilmadi"},
			"OCTO has no such payment; nothing was charged": {
				"В OCTO нет такого платежа; ничего не списано",
				"OCTO'da bunday to'lov yo'q; hech narsa yechilmadi"},
			"OCTO does not know this payment (%s)": {
				"OCTO не знает этот платёж (%s)", "OCTO bu to'lovni tanimaydi (%s)"},
			"Could not check with OCTO — check again later (%s)": {
				"Не удалось проверить в OCTO — проверьте позже (%s)",
				"OCTO'da tekshirib bo'lmadi — keyinroq tekshiring (%s)"},
			"No answer from OCTO — checking again": {
				"OCTO не ответил — проверяем ещё раз", "OCTO javob bermadi — qayta tekshirilmoqda"},
			"The capture did not go through — the hold is still open": {
				"Списание не прошло — холд всё ещё открыт",
				"Yechib olish amalga oshmadi — summa hali ham band"},
			"The cancel did not go through — the hold is still open": {
				"Отмена не прошла — холд всё ещё открыт",
				"Bekor qilish amalga oshmadi — summa hali ham band"},
			"OCTO has not taken the code — enter it again": {
				"OCTO не принял код — введите его ещё раз",
				"OCTO kodni qabul qilmadi — uni qayta kiriting"},
			"The answer to pay was lost, so the code cannot be sent: nothing is charged and OCTO will expire this payment — start a new one": {
				"Ответ на оплату потерян, код отправить нельзя: ничего не списано, OCTO закроет этот платёж по сроку — начните новый",
				"To'lov javobi yo'qoldi, kodni yuborib bo'lmaydi: hech narsa yechilmadi va OCTO bu to'lovni muddati bilan yopadi — yangisini boshlang"},
			"Resumed after a restart — enter the customer's code": {
				"Продолжено после перезапуска — введите код покупателя",
				"Qayta ishga tushgandan keyin davom etildi — xaridor kodini kiriting"},
			"Waiting for the customer at OCTO (%s) — check again later": {
				"Ждём покупателя в OCTO (%s) — проверьте позже",
				"Xaridor OCTO'da kutilmoqda (%s) — keyinroq tekshiring"},
			"No answer from OCTO — checking whether the refund went through": {
				"OCTO не ответил — проверяем, прошёл ли возврат",
				"OCTO javob bermadi — qaytarish o'tganini tekshirmoqdamiz"},
			"OCTO refused the refund (%s); nothing was refunded": {
				"OCTO отклонил возврат (%s); ничего не возвращено",
				"OCTO qaytarishni rad etdi (%s); hech narsa qaytarilmadi"},
			"OCTO is processing the refund — checking": {
				"OCTO обрабатывает возврат — проверяем", "OCTO qaytarishni bajarmoqda — tekshirilmoqda"},
			"OCTO has not confirmed the refund — check again later; refunding the same amount again reuses its id and cannot refund twice": {
				"OCTO не подтвердил возврат — проверьте позже; повторный возврат той же суммы использует тот же id и не вернёт деньги дважды",
				"OCTO qaytarishni tasdiqlamadi — keyinroq tekshiring; xuddi shu summani qayta qaytarish o'sha id'dan foydalanadi va ikki marta qaytarmaydi"},

			// The binding's problems.
			"The code expired — bind the card again": {
				"Код истёк — привяжите карту заново", "Kod muddati tugadi — kartani qayta bog'lang"},
			"No answer from OCTO — the card was not saved; bind it again": {
				"OCTO не ответил — карта не сохранена; привяжите её заново",
				"OCTO javob bermadi — karta saqlanmadi; uni qayta bog'lang"},
			"OCTO declined the card; nothing saved": {
				"OCTO отклонил карту; ничего не сохранено", "OCTO kartani rad etdi; hech narsa saqlanmadi"},
			"OCTO did not start the code session — bind the card again": {
				"OCTO не начал сессию кода — привяжите карту заново",
				"OCTO kod sessiyasini boshlamadi — kartani qayta bog'lang"},
			"No answer from OCTO — waiting for the card's status": {
				"OCTO не ответил — ждём статус карты", "OCTO javob bermadi — karta holati kutilmoqda"},
			"OCTO could not activate the card": {
				"OCTO не смог активировать карту", "OCTO kartani faollashtira olmadi"},

			// Errors flows returns for an event a screen should not have sent.
			"flows: %s payment in state %s: event %s not allowed": {
				"flows: %s-платёж в состоянии %s: событие %s недопустимо",
				"flows: %s to'lov %s holatida: %s hodisasiga ruxsat yo'q"},
			"flows: binding in state %s: event %s not allowed": {
				"flows: привязка в состоянии %s: событие %s недопустимо",
				"flows: bog'lash %s holatida: %s hodisasiga ruxsat yo'q"},
		}
	})
	// flows writes "1 attempt left" or "%d attempts left"; the count
	// chooses the Russian form (2 попытки, 5 попыток).
	i18n.AddPlural(map[string]i18n.Plural{"%d attempts left": {Arg: 1,
		EN: [2]string{"%d attempt left", "%d attempts left"},
		RU: [3]string{"осталась %d попытка", "осталось %d попытки", "осталось %d попыток"},
		UZ: [2]string{"%d ta urinish qoldi", "%d ta urinish qoldi"},
	}})
}
