package i18n

// The home screen's texts.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"What would you like to do?":   {"Что сделать?", "Nima qilamiz?"},
			"New payment":                  {"Новый платёж", "Yangi to'lov"},
			"new payment":                  {"новый платёж", "yangi to'lov"},
			"Pay with a saved card":        {"Оплата сохранённой картой", "Saqlangan karta bilan to'lash"},
			"saved card":                   {"сохранённая карта", "saqlangan karta"},
			"Capture or cancel open holds": {"Списать или отменить холды", "Band qilingan summalarni yechish yoki bekor qilish"},
			"open holds":                   {"холды", "band qilingan summalar"},
			"History, status and refunds":  {"История, статус и возвраты", "Tarix, holat va qaytarishlar"},
			"history":                      {"история", "tarix"},
			"Shift: X and Z reports":       {"Смена: X- и Z-отчёты", "Smena: X va Z hisobotlar"},
			"shift":                        {"смена", "smena"},
			"%s (%d waiting)":              {"%s (ждут: %d)", "%s (kutmoqda: %d)"},
			"up":                           {"вверх", "yuqoriga"},
			"down":                         {"вниз", "pastga"},
			"choose":                       {"выбрать", "tanlash"},
		}
	})
}
