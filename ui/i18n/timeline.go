package i18n

// The payment's timeline in History's detail: what happened
// (ui/timeline_events.go's eventWords), what the journal noted about it and
// the notifications' signatures (ui/timeline_notes.go).
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"started at the counter":           {"начат на кассе", "kassada boshlandi"},
			"code typed":                       {"код введён", "kod kiritildi"},
			"new code asked for":               {"запрошен новый код", "yangi kod so'raldi"},
			"capture asked for":                {"запрошено списание", "yechib olish so'raldi"},
			"cancel asked for":                 {"запрошена отмена", "bekor qilish so'raldi"},
			"refund asked for":                 {"запрошен возврат", "qaytarish so'raldi"},
			"status check asked for":           {"запрошена проверка статуса", "holatni tekshirish so'raldi"},
			"time ran out":                     {"время истекло", "vaqt tugadi"},
			"OCTO's notification":              {"уведомление OCTO", "OCTO xabarnomasi"},
			"OCTO's card notification":         {"уведомление OCTO о карте", "OCTO karta xabarnomasi"},
			"OCTO created the payment":         {"OCTO создал платёж", "OCTO to'lovni yaratdi"},
			"OCTO answered the card":           {"OCTO ответил на карту", "OCTO kartaga javob berdi"},
			"OCTO said where the code went":    {"OCTO сообщил, куда отправлен код", "OCTO kod qayerga yuborilganini aytdi"},
			"OCTO checked the code":            {"OCTO проверил код", "OCTO kodni tekshirdi"},
			"OCTO sent a new code":             {"OCTO отправил новый код", "OCTO yangi kod yubordi"},
			"OCTO answered the capture":        {"OCTO ответил на списание", "OCTO yechib olishga javob berdi"},
			"OCTO answered the cancel":         {"OCTO ответил на отмену", "OCTO bekor qilishga javob berdi"},
			"OCTO answered the refund":         {"OCTO ответил на возврат", "OCTO qaytarishga javob berdi"},
			"OCTO's status read":               {"статус прочитан в OCTO", "OCTO holati o'qildi"},
			"OCTO confirmed the card":          {"OCTO подтвердил карту", "OCTO kartani tasdiqladi"},
			"OCTO blocked the card":            {"OCTO заблокировал карту", "OCTO kartani blokladi"},
			"block asked for":                  {"запрошена блокировка", "bloklash so'raldi"},
			"the journal could not be written": {"журнал не записан", "jurnalga yozib bo'lmadi"},

			// The journal's notes and the signatures.
			"wrong code":                        {"неверный код", "noto'g'ri kod"},
			"the code's time ran out":           {"время кода истекло", "kod vaqti tugadi"},
			"restored from the journal":         {"восстановлен из журнала", "jurnaldan tiklandi"},
			"a new code could not be sent":      {"новый код не отправлен", "yangi kod yuborilmadi"},
			"refund not confirmed by OCTO yet":  {"возврат ещё не подтверждён OCTO", "qaytarish hali OCTO tomonidan tasdiqlanmagan"},
			"refund confirmed by OCTO's status": {"возврат подтверждён статусом OCTO", "qaytarish OCTO holati bilan tasdiqlandi"},
			"code typed after its time ran out": {"код введён после истечения времени", "kod vaqti tugagandan keyin kiritildi"},
			"code not checked":                  {"код не проверен", "kod tekshirilmadi"},
			"capture of %s":                     {"списание %s", "%s yechib olish"},
			"refund of %s, reference %s":        {"возврат %s, номер %s", "%s qaytarish, raqam %s"},
			"refund of %s sent again, reference %s": {
				"возврат %s отправлен снова, номер %s", "%s qaytarish qayta yuborildi, raqam %s"},
			"refund done, OCTO's reference %s": {"возврат выполнен, номер OCTO %s", "qaytarish bajarildi, OCTO raqami %s"},
			"signature valid":                  {"подпись верна", "imzo to'g'ri"},
			"signature BAD":                    {"подпись НЕВЕРНА", "imzo NOTO'G'RI"},
			"signature not checked":            {"подпись не проверялась", "imzo tekshirilmagan"},
			"OCTO notification: %s (%s)":       {"Уведомление OCTO: %s (%s)", "OCTO xabarnomasi: %s (%s)"},
		}
	})
}
