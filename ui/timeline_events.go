package ui

// eventWords are the journal's event names (flows' EventName) as the
// payment's timeline says them: what happened, in the cashier's words.
var eventWords = map[string]string{
	"start":                 "started at the counter",
	"submit_code":           "code typed",
	"resend_code":           "new code asked for",
	"capture":               "capture asked for",
	"cancel":                "cancel asked for",
	"refund":                "refund asked for",
	"check":                 "status check asked for",
	"tick":                  "time ran out",
	"notified":              "OCTO's notification",
	"token_notified":        "OCTO's card notification",
	"prepared":              "OCTO created the payment",
	"pay_answered":          "OCTO answered the card",
	"verification_answered": "OCTO said where the code went",
	"code_checked":          "OCTO checked the code",
	"code_resent":           "OCTO sent a new code",
	"capture_answered":      "OCTO answered the capture",
	"cancel_answered":       "OCTO answered the cancel",
	"refund_answered":       "OCTO answered the refund",
	"status_answered":       "OCTO's status read",
	"bind_answered":         "OCTO answered the card",
	"binding_confirmed":     "OCTO confirmed the card",
	"token_blocked":         "OCTO blocked the card",
	"block":                 "block asked for",
	"journal_failed":        "the journal could not be written",
}

// eventText is an event for the timeline; a name it does not know (an
// older journal's, a test's) shows as it is.
func eventText(lang Lang, event string) string {
	if w, ok := eventWords[event]; ok {
		return lang.T(w)
	}
	return event
}

func init() {
	addCatalog(map[string][2]string{
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
	})
}
