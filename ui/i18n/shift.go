package i18n

// Translations of the open holds, the shift, its reports, the export and
// the lock.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			// Open holds.
			"No holds are waiting for a decision.":            {"Нет холдов, ожидающих решения.", "Qaror kutayotgan band qilingan summalar yo'q."},
			"%d waiting. Choose one to capture or cancel it.": {"Ожидают: %d. Выберите, чтобы списать или отменить.", "Kutmoqda: %d. Yechish yoki bekor qilish uchun tanlang."},
			"%d waiting, %d selected: %s.":                    {"Ожидают: %d, выбрано: %d на %s.", "Kutmoqda: %d, tanlangan: %d, jami %s."},
			"⚠ %d hold(s) expire within 10 minutes: capture or cancel them now.": {
				"⚠ Истекают в течение 10 минут: %d. Спишите или отмените их сейчас.",
				"⚠ 10 daqiqada tugaydigan band qilishlar: %d. Hozir yeching yoki bekor qiling."},
			"⚠ %d hold(s) expired: open them to check with OCTO.": {
				"⚠ Истекших холдов: %d. Откройте, чтобы сверить с OCTO.",
				"⚠ Muddati o'tgan band qilishlar: %d. OCTO bilan tekshirish uchun oching."},
			"expiry unknown":          {"срок неизвестен", "muddati noma'lum"},
			"expired — open to check": {"истёк — откройте для проверки", "muddati o'tdi — tekshirish uchun oching"},
			"expires in %s":           {"истекает через %s", "%s dan keyin tugaydi"},
			"expires in %s ⚠":         {"истекает через %s ⚠", "%s dan keyin tugaydi ⚠"},
			"open one":                {"открыть", "ochish"},
			"select/unselect":         {"выбрать/снять", "tanlash/bekor"},
			"select all":              {"выбрать все", "hammasini tanlash"},
			"capture selected":        {"списать выбранные", "tanlanganlarni yechish"},
			"cancel selected":         {"отменить выбранные", "tanlanganlarni bekor qilish"},
			"Charge %s in all, each hold for its whole amount.": {
				"Всего будет списано %s, каждый холд на всю сумму.",
				"Jami %s yechiladi, har bir band qilingan summa to'liq."},
			"capture %s": {"списать %s", "%s yechish"},
			"Release %s in all back to the customers. Nothing is charged.": {
				"Всего %s вернётся покупателям. Ничего не списывается.",
				"Jami %s xaridorlarga qaytariladi. Hech narsa yechilmaydi."},
			"cancel the holds":                       {"отменить холды", "band qilishlarni bekor qilish"},
			"deciding holds: %d of %d":               {"решаем холды: %d из %d", "band qilishlar hal qilinmoqda: %d / %d"},
			"! %d of %d hold(s) done; see below":     {"! Готово %d из %d; подробности ниже", "! %d / %d tayyor; tafsilotlar pastda"},
			"with OCTO now":                          {"сейчас в OCTO", "hozir OCTO da"},
			"waiting its turn":                       {"ждёт очереди", "navbat kutmoqda"},
			"↑↓ %d of %d shown":                      {"↑↓ показано %d из %d", "↑↓ %d / %d ko'rsatilgan"},
			"captured in full":                       {"списано полностью", "to'liq yechildi"},
			"canceled, all released to the customer": {"отменено, всё разблокировано покупателю", "bekor qilindi, hammasi xaridorga bo'shatildi"},
			"outcome unknown: being checked with OCTO (see History)": {
				"исход неизвестен: проверяем в OCTO (см. Историю)",
				"natija noma'lum: OCTO da tekshirilmoqda (Tarixga qarang)"},
			"still held":                 {"всё ещё в холде", "hali band qilingan"},
			"Any key: back to the list.": {"Любая клавиша — назад к списку.", "Istalgan tugma — ro'yxatga qaytish."},

			// The shift and its reports.
			"open the shift":         {"открыть смену", "smenani ochish"},
			"close shift (Z report)": {"закрыть смену (Z-отчёт)", "smenani yopish (Z-hisobot)"},
			"X report again":         {"X-отчёт заново", "X-hisobot qayta"},
			"past Z reports":         {"прошлые Z-отчёты", "oldingi Z-hisobotlar"},
			"export CSV":             {"выгрузка CSV", "CSV eksport"},
			"lock the console":       {"заблокировать", "qulflash"},
			"Close the shift?":       {"Закрыть смену?", "Smena yopilsinmi?"},
			"close the shift":        {"закрыть смену", "smenani yopish"},
			"The Z report is numbered and cannot be changed. A new shift starts.": {
				"Z-отчёт получит номер, изменить его нельзя. Начнётся новая смена.",
				"Z-hisobot raqamlanadi va o'zgartirib bo'lmaydi. Yangi smena boshlanadi."},
			"The Z report lists them as held; capture or cancel them later under Open holds. %s": {
				"В Z-отчёте они будут в холде; спишите или отмените их позже на экране «Открытые холды». %s",
				"Z-hisobotda ular band qilingan bo'ladi; keyinroq «Band qilingan summalar» ekranida yeching yoki bekor qiling. %s"},
			"Z report No %d — shift %d closed %s": {"Z-отчёт № %d — смена %d закрыта %s", "Z-hisobot № %d — %d-smena yopildi %s"},
			"X report — shift %d":                 {"X-отчёт — смена %d", "X-hisobot — %d-smena"},
			"Opened %s":                           {"Открыта %s", "Ochilgan %s"},
			"count":                               {"кол-во", "soni"},
			"sum":                                 {"сумма", "summa"},
			"Sales":                               {"Продажи", "Sotuvlar"},
			"Held, open":                          {"В холде, открыто", "Band qilingan, ochiq"},
			"Captured holds":                      {"Списанные холды", "Yechilgan band qilish"},
			"Released (part captures)":            {"Разблокировано (частичные)", "Bo'shatilgan (qisman)"},
			"Canceled holds":                      {"Отменённые холды", "Bekor qilingan band qilish"},
			"Refunds":                             {"Возвраты", "Pul qaytarishlar"},
			"Unknown outcome":                     {"Исход неизвестен", "Natijasi noma'lum"},
			"Declined payments":                   {"Отклонённые платежи", "Rad etilgan to'lovlar"},
			"Not finished":                        {"Не завершены", "Tugallanmagan"},
			"other card":                          {"другая карта", "boshqa karta"},
			"saved card (token)":                  {"сохранённая карта (токен)", "saqlangan karta (token)"},
			"Shift %d is open: press o to open it with your name.": {
				"Смена %d начата: нажмите o, чтобы открыть её на своё имя.",
				"%d-smena boshlandi: o tugmasi bilan uni o'z nomingizga oching."},
			"Nobody has opened this shift: press o to open it with your name.": {
				"Смену ещё никто не открыл: нажмите o, чтобы открыть её на своё имя.",
				"Bu smenani hali hech kim ochmagan: o tugmasi bilan uni o'z nomingizga oching."},
			"↑↓ %d more line(s)":            {"↑↓ ещё строк: %d", "↑↓ yana %d qator"},
			"No shift has been closed yet.": {"Ещё ни одна смена не закрыта.", "Hali birorta smena yopilmagan."},

			// Opening the shift.
			"name › ":           {"имя › ", "ism › "},
			"PIN (optional) › ": {"PIN (необязательно) › ", "PIN (ixtiyoriy) › "},
			"PIN again › ":      {"PIN ещё раз › ", "PIN yana bir bor › "},
			"Open shift %d":     {"Открыть смену %d", "%d-smenani ochish"},
			"Your name goes on the shift's reports. A PIN lets you lock the console (ctrl+l) when you step away; leave it empty for none.": {
				"Ваше имя будет в отчётах смены. PIN позволяет заблокировать консоль (ctrl+l), когда вы отходите; оставьте пустым, если не нужен.",
				"Ismingiz smena hisobotlariga yoziladi. PIN ketganingizda konsolni qulflash imkonini beradi (ctrl+l); kerak bo'lmasa bo'sh qoldiring."},
			"Type the operator's name.":            {"Введите имя оператора.", "Operator ismini kiriting."},
			"The PIN is %d to %d digits, or none.": {"PIN — от %d до %d цифр, или пусто.", "PIN — %d dan %d gacha raqam yoki bo'sh."},
			"The two PINs differ: type it again.":  {"PIN-коды не совпадают: введите ещё раз.", "PIN-kodlar mos emas: qayta kiriting."},
			"Writing to the journal…":              {"Запись в журнал…", "Jurnalga yozilmoqda…"},
			"enter: next field, then open the shift · esc: back": {
				"enter: следующее поле, затем открыть смену · esc: назад",
				"enter: keyingi maydon, so'ng smenani ochish · esc: orqaga"},

			// The export.
			"Export payments to CSV": {"Выгрузка платежей в CSV", "To'lovlarni CSV ga eksport"},
			"The payments created in these days, both included. Cards are masked.": {
				"Платежи, созданные в эти дни включительно. Номера карт скрыты.",
				"Shu kunlarda yaratilgan to'lovlar, ikkala kun ham. Karta raqamlari yashirilgan."},
			"from (DD.MM.YYYY) › ":              {"с (ДД.ММ.ГГГГ) › ", "dan (KK.OO.YYYY) › "},
			"to (DD.MM.YYYY) › ":                {"по (ДД.ММ.ГГГГ) › ", "gacha (KK.OO.YYYY) › "},
			"%q is not a date like 23.11.2026.": {"%q — не дата вида 23.11.2026.", "%q — 23.11.2026 ko'rinishidagi sana emas."},
			"The range ends before it starts.":  {"Конец периода раньше начала.", "Davr oxiri boshlanishidan oldin."},
			"✓ Exported to %s":                  {"✓ Выгружено в %s", "✓ Eksport qilindi: %s"},
			"enter: next date, then export · esc: back": {
				"enter: следующая дата, затем выгрузка · esc: назад",
				"enter: keyingi sana, so'ng eksport · esc: orqaga"},

			// The lock.
			"PIN › ":                 {"PIN › ", "PIN › "},
			"locked":                 {"заблокировано", "qulflangan"},
			"Shift %d · operator %s": {"Смена %d · оператор %s", "%d-smena · operator %s"},
			"Type the shift's PIN and press enter to unlock.": {
				"Введите PIN смены и нажмите enter, чтобы разблокировать.",
				"Qulfni ochish uchun smena PIN kodini kiriting va enter bosing."},
			"Wrong PIN (%d). The console stays locked.": {"Неверный PIN (%d). Консоль заблокирована.", "PIN noto'g'ri (%d). Konsol qulflangan."},
			"Wrong PIN (%d). The next try in %s.":       {"Неверный PIN (%d). Следующая попытка через %s.", "PIN noto'g'ri (%d). Keyingi urinish %s dan keyin."},
			"Too many wrong PINs: try again in %s.":     {"Слишком много неверных PIN: попробуйте через %s.", "Noto'g'ri PIN juda ko'p: %s dan keyin urinib ko'ring."},
			"Unlock first: the console does not quit while locked.": {
				"Сначала разблокируйте: заблокированная консоль не закрывается.",
				"Avval qulfni oching: qulflangan konsol yopilmaydi."},
			"Open the shift with a PIN (Shift screen) to lock the console.": {
				"Чтобы блокировать консоль, откройте смену с PIN (экран «Смена»).",
				"Konsolni qulflash uchun smenani PIN bilan oching («Smena» ekrani)."},
		}
	})
	// Texts that follow a count: each language's own form for it.
	AddPlural(map[string]Plural{
		"Capture %d hold(s) in full?": {Arg: 1,
			EN: [2]string{"Capture %d hold(s) in full?", "Capture %d hold(s) in full?"},
			RU: [3]string{"Списать %d холд полностью?", "Списать %d холда полностью?", "Списать %d холдов полностью?"},
			UZ: [2]string{"%d ta band qilingan summa to'liq yechilsinmi?", "%d ta band qilingan summa to'liq yechilsinmi?"}},
		"Cancel %d hold(s)?": {Arg: 1,
			EN: [2]string{"Cancel %d hold(s)?", "Cancel %d hold(s)?"},
			RU: [3]string{"Отменить %d холд?", "Отменить %d холда?", "Отменить %d холдов?"},
			UZ: [2]string{"%d ta band qilish bekor qilinsinmi?", "%d ta band qilish bekor qilinsinmi?"}},
		"⋯ Capturing %d hold(s): %d of %d done": {Arg: 1,
			EN: [2]string{"⋯ Capturing %d hold: %d of %d done", "⋯ Capturing %d holds: %d of %d done"},
			RU: [3]string{"⋯ Списание %d холда: готово %d из %d", "⋯ Списание %d холдов: готово %d из %d", "⋯ Списание %d холдов: готово %d из %d"},
			UZ: [2]string{"⋯ %d ta band qilingan summa yechilmoqda: %d / %d tayyor", "⋯ %d ta band qilingan summa yechilmoqda: %d / %d tayyor"}},
		"⋯ Canceling %d hold(s): %d of %d done": {Arg: 1,
			EN: [2]string{"⋯ Canceling %d hold: %d of %d done", "⋯ Canceling %d holds: %d of %d done"},
			RU: [3]string{"⋯ Отмена %d холда: готово %d из %d", "⋯ Отмена %d холдов: готово %d из %d", "⋯ Отмена %d холдов: готово %d из %d"},
			UZ: [2]string{"⋯ %d ta band qilish bekor qilinmoqda: %d / %d tayyor", "⋯ %d ta band qilish bekor qilinmoqda: %d / %d tayyor"}},
		"✓ %d hold(s) captured": {Arg: 1,
			EN: [2]string{"✓ %d hold(s) captured", "✓ %d hold(s) captured"},
			RU: [3]string{"✓ Списан %d холд", "✓ Списано %d холда", "✓ Списано %d холдов"},
			UZ: [2]string{"✓ %d ta band qilish yechildi", "✓ %d ta band qilish yechildi"}},
		"✓ %d hold(s) canceled": {Arg: 1,
			EN: [2]string{"✓ %d hold(s) canceled", "✓ %d hold(s) canceled"},
			RU: [3]string{"✓ Отменён %d холд", "✓ Отменено %d холда", "✓ Отменено %d холдов"},
			UZ: [2]string{"✓ %d ta band qilish bekor qilindi", "✓ %d ta band qilish bekor qilindi"}},
		"%d hold(s) still open. Close the shift?": {Arg: 1,
			EN: [2]string{"%d hold(s) still open. Close the shift?", "%d hold(s) still open. Close the shift?"},
			RU: [3]string{"%d холд ещё открыт. Закрыть смену?", "%d холда ещё открыты. Закрыть смену?", "%d холдов ещё открыто. Закрыть смену?"},
			UZ: [2]string{"%d ta band qilish hali ochiq. Smena yopilsinmi?", "%d ta band qilish hali ochiq. Smena yopilsinmi?"}},
		"%d Z report(s), newest first. Enter shows one.": {Arg: 1,
			EN: [2]string{"%d Z report. Enter shows it.", "%d Z reports, newest first. Enter shows one."},
			RU: [3]string{"%d Z-отчёт. Enter — открыть.", "%d Z-отчёта, новые сверху. Enter — открыть.", "%d Z-отчётов, новые сверху. Enter — открыть."},
			UZ: [2]string{"%d ta Z-hisobot. Enter — ochish.", "%d ta Z-hisobot, yangilari yuqorida. Enter — ochish."}},
	})
}
