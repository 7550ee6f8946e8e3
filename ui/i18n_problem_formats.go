package ui

// The formats of flows' problems that take another problem or a value
// (flows.ProblemCode.Format; see Lang.Problem): a refusal with what did
// not happen ("Could not reach OCTO; %s" — "nothing was charged" is a
// problem of its own), OCTO's own message, an error. Whole sentences flows
// says are in i18n_flows.go and i18n_recovery.go; Lang.Problem (i18n_problem.go)
// words a problem with them.
func init() {
	addCatalog(func() map[string][2]string {
		return map[string][2]string{
			"Could not reach OCTO; %s":       {"Нет связи с OCTO; %s", "OCTO bilan aloqa yo'q; %s"},
			"OCTO refused: %s; %s":           {"OCTO отказал: %s; %s", "OCTO rad etdi: %s; %s"},
			"error %s":                       {"ошибка %s", "xato %s"},
			"OCTO had an internal error; %s": {"Внутренняя ошибка OCTO; %s", "OCTO'da ichki xato; %s"},
			"The saved card is unknown to OCTO — bind the card again; %s": {
				"OCTO не знает сохранённую карту — привяжите карту заново; %s",
				"OCTO saqlangan kartani tanimaydi — kartani qayta bog'lang; %s"},
			"The saved card is not active — bind it again; %s": {
				"Сохранённая карта не активна — привяжите её заново; %s",
				"Saqlangan karta faol emas — uni qayta bog'lang; %s"},
			"The fiscal codes are not registered with OCTO for this shop — have OCTO register them or correct them in the configuration; %s": {
				"Фискальные коды не зарегистрированы в OCTO для этого магазина — попросите OCTO их зарегистрировать или исправьте их в настройках; %s",
				"Fiskal kodlar OCTO'da bu do'kon uchun ro'yxatdan o'tmagan — OCTO'dan ularni ro'yxatdan o'tkazishni so'rang yoki sozlamalarda tuzating; %s"},
			"The journal could not be written (%s); nothing was sent": {
				"Не удалось записать в журнал (%s); ничего не отправлено",
				"Jurnalga yozib bo'lmadi (%s); hech narsa yuborilmadi"},
			"Declined: %s; nothing was charged": {
				"Отклонено: %s; ничего не списано", "Rad etildi: %s; hech narsa yechilmadi"},
			"%s — enter the code again": {"%s — введите код ещё раз", "%s — kodni qayta kiriting"},
			"Wrong code — %s":           {"Неверный код — %s", "Kod noto'g'ri — %s"},
			"OCTO never received the card; nothing was saved — bind the card again": {
				"OCTO не получил карту; ничего не сохранено — привяжите карту заново",
				"OCTO kartani qabul qilmadi; hech narsa saqlanmadi — kartani qayta bog'lang"},
			"The console restarted before the card's code was taken; nothing was saved — bind the card again": {
				"Консоль перезапустилась до того, как код карты был принят; ничего не сохранено — привяжите карту заново",
				"Kartaning kodi qabul qilinishidan oldin konsol qayta ishga tushdi; hech narsa saqlanmadi — kartani qayta bog'lang"},
		}
	})
}
