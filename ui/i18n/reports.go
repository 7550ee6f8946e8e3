package i18n

// Translations of the shift's reports: net figures, printing them, the
// reconciliation before the Z report and the CSV export of movements.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"Sandbox: this journal is temporary — its payments and Z reports go when the console quits.": {
				"Песочница: журнал временный — его платежи и Z-отчёты исчезнут, когда консоль закроется.",
				"Sandbox: jurnal vaqtinchalik — konsol yopilganda uning to'lovlari va Z-hisobotlari o'chadi."},

			// What the shift took.
			"Gross: sales and captures": {"Валовая выручка: продажи и списания", "Yalpi tushum: sotuv va yechishlar"},
			"Net takings":               {"Чистая выручка", "Sof tushum"},
			"OCTO fees":                 {"Комиссии OCTO", "OCTO komissiyalari"},
			"not recorded":              {"не записано", "yozilmagan"},
			"Holds open now":            {"Холды открыты сейчас", "Hozir ochiq band qilishlar"},
			"Holds open at closing":     {"Холды открыты при закрытии", "Yopilishda ochiq band qilishlar"},
			"Holds open at closing: %d · %s, of them expired: %d · %s": {
				"Холды открыты при закрытии: %d · %s, из них истекли: %d · %s",
				"Yopilishda ochiq band qilishlar: %d · %s, shundan muddati o'tgan: %d · %s"},
			"of them expired":                   {"из них истекли", "shundan muddati o'tgan"},
			"net %s":                            {"чистая %s", "sof %s"},
			"Net takings %s":                    {"Чистая выручка %s", "Sof tushum %s"},
			"(sales and captures less refunds)": {"(продажи и списания за вычетом возвратов)", "(sotuv va yechishlar, qaytarishlarsiz)"},
			"OCTO fees %s · to the shop %s":     {"Комиссии OCTO %s · магазину %s", "OCTO komissiyalari %s · do'konga %s"},
			"Holds open now: %d · %s, of them expired: %d · %s": {
				"Холды открыты сейчас: %d · %s, из них истекли: %d · %s",
				"Hozir ochiq band qilishlar: %d · %s, shundan muddati o'tgan: %d · %s"},
			"to the shop %s": {"магазину %s", "do'konga %s"},

			// Printing a report.
			"print the report":           {"печать отчёта", "hisobotni chop etish"},
			"Report not printed":         {"Отчёт не напечатан", "Hisobot chop etilmadi"},
			"Report saved to %s":         {"Отчёт сохранён в %s", "Hisobot %s ga saqlandi"},
			"Report sent to the printer": {"Отчёт отправлен на принтер", "Hisobot printerga yuborildi"},
			"COPY":                       {"КОПИЯ", "NUSXA"},
			"Shop ID %d":                 {"ID магазина %d", "Do'kon ID %d"},
			"Z REPORT No %d":             {"Z-ОТЧЁТ № %d", "Z-HISOBOT № %d"},
			"X REPORT":                   {"X-ОТЧЁТ", "X-HISOBOT"},
			"Opened":                     {"Открыта", "Ochilgan"},
			"Closed":                     {"Закрыта", "Yopilgan"},
			"As of":                      {"На момент", "Holat vaqti"},

			// f6: the copy of a notification the sandbox sent twice on purpose.
			"duplicate (fault)": {"дубликат (сбой)", "dublikat (nosozlik)"},

			// The lock, when its pause is over.
			"Wrong PIN (%d). The next try is open now.": {
				"Неверный PIN (%d). Можно пробовать снова.", "PIN noto'g'ri (%d). Endi qayta urinib ko'rish mumkin."},

			// The reconciliation before the Z report.
			"Before closing shift %d: the journal against OCTO": {
				"Перед закрытием смены %d: журнал против OCTO", "%d-smenani yopishdan oldin: jurnal va OCTO solishtiruvi"},
			"Reading the status of this counter's payments not settled yet…": {
				"Читаем статус незавершённых платежей этой кассы…", "Bu kassaning tugallanmagan to'lovlari holati o'qilmoqda…"},
			"Every payment is settled: nothing to check with OCTO.": {
				"Все платежи завершены: сверять с OCTO нечего.", "Barcha to'lovlar tugallangan: OCTO bilan tekshiradigan narsa yo'q."},
			"Not every status could be read": {"Не все статусы удалось прочитать", "Barcha holatlarni o'qib bo'lmadi"},
			"z closes the shift with the Z report · esc: back": {
				"z — закрыть смену с Z-отчётом · esc: назад", "z — smenani Z-hisobot bilan yopish · esc: orqaga"},
			"status not read": {"статус не прочитан", "holat o'qilmadi"},
			"charged %s":      {"списано %s", "%s yechildi"},
			"refunded %s":     {"возвращено %s", "%s qaytarildi"},

			// The CSV export of money movements.
			"Export money movements to CSV": {"Выгрузка движений денег в CSV", "Pul harakatlarini CSV ga eksport"},
			"Every sale, capture, release, cancel and refund of these days (both included), each with its own date and time. Cards are masked.": {
				"Каждая продажа, списание, разблокировка, отмена и возврат за эти дни (включительно), каждая со своими датой и временем. Номера карт скрыты.",
				"Shu kunlardagi (ikkalasi ham) har bir sotuv, yechish, bo'shatish, bekor qilish va qaytarish — har biri o'z sanasi va vaqti bilan. Karta raqamlari yashirilgan."},
			"RFC 4180: commas, decimal point, 2026-11-23": {
				"RFC 4180: запятые, десятичная точка, 2026-11-23", "RFC 4180: vergullar, o'nlik nuqta, 2026-11-23"},
			"Excel (ru/uz): semicolons, decimal comma, 23.11.2026": {
				"Excel (ru/uz): точки с запятой, десятичная запятая, 23.11.2026", "Excel (ru/uz): nuqtali vergullar, o'nlik vergul, 23.11.2026"},
			"format › ":      {"формат › ", "format › "},
			"space switches": {"пробел — сменить", "probel — almashtirish"},
			"enter: next date, then export · tab: the format · esc: back": {
				"enter: следующая дата, затем выгрузка · tab: формат · esc: назад",
				"enter: keyingi sana, so'ng eksport · tab: format · esc: orqaga"},
		}
	})
	// Texts that follow a count: each language's own form for it.
	AddPlural(map[string]Plural{
		"%d payment(s) read at OCTO: the journal agrees.": {Arg: 1,
			EN: [2]string{"%d payment(s) read at OCTO: the journal agrees.", "%d payment(s) read at OCTO: the journal agrees."},
			RU: [3]string{"В OCTO прочитан %d платёж — журнал совпадает.", "В OCTO прочитано %d платежа — журнал совпадает.", "В OCTO прочитано %d платежей — журнал совпадает."},
			UZ: [2]string{"OCTO da %d ta to'lov o'qildi — jurnal mos keladi.", "OCTO da %d ta to'lov o'qildi — jurnal mos keladi."}},
		"%d payment(s) read at OCTO; %d differed, now journaled as OCTO has them:": {Arg: 1,
			EN: [2]string{"%d payment(s) read at OCTO; %d differed, now journaled as OCTO has them:", "%d payment(s) read at OCTO; %d differed, now journaled as OCTO has them:"},
			RU: [3]string{"В OCTO прочитан %d платёж; расходились: %d — теперь в журнале как в OCTO:", "В OCTO прочитано %d платежа; расходились: %d — теперь в журнале как в OCTO:", "В OCTO прочитано %d платежей; расходились: %d — теперь в журнале как в OCTO:"},
			UZ: [2]string{"OCTO da %d ta to'lov o'qildi; farq qilgani: %d — endi jurnalda OCTO dagidek:", "OCTO da %d ta to'lov o'qildi; farq qilgani: %d — endi jurnalda OCTO dagidek:"}},
	})
}
