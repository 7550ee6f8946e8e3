package i18n

// The counter's texts: the root's chrome, the order and card forms, the
// code, 3-D Secure, hold and working screens, the confirmations, saved
// cards and the SMS panel. Labels in the left column stay under 18
// characters (styles.label's width); key help stays short, so the footer
// fits 80 columns. Russian says "холд" for a two-stage hold, as cashiers
// do; Uzbek says "band qilish", as the receipts do. Amounts read "150 000
// UZS" in every language, as on the receipts.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			// The root: titles, notices, header, status.
			"Customer's card":         {"Карта покупателя", "Xaridor kartasi"},
			"Payment":                 {"Платёж", "To'lov"},
			"Outcome unknown":         {"Результат неизвестен", "Natija noma'lum"},
			"SMS code":                {"Код из SMS", "SMS kod"},
			"Hold":                    {"Холд", "Band qilish"},
			"Result":                  {"Результат", "Natija"},
			"Open holds":              {"Открытые холды", "Band qilingan summalar"},
			"History":                 {"История", "Tarix"},
			"Shift":                   {"Смена", "Smena"},
			"Saved cards":             {"Сохранённые карты", "Saqlangan kartalar"},
			"Saving a card":           {"Сохранение карты", "Kartani saqlash"},
			"Blocking a saved card":   {"Блокировка сохранённой карты", "Saqlangan kartani bloklash"},
			"Not quitting":            {"Выход отменён", "Chiqilmadi"},
			"Wait for OCTO's answer.": {"Дождитесь ответа OCTO.", "OCTO javobini kuting."},
			"The console needs a terminal of at least %d×%d.\nThis one is %d×%d: please make it larger.": {
				"Консоли нужен терминал не меньше %d×%d.\nЭтот — %d×%d: пожалуйста, увеличьте окно.",
				"Konsolga kamida %d×%d terminal kerak.\nBu — %d×%d: iltimos, oynani kattalashtiring."},
			"operator %s":     {"кассир %s", "kassir %s"},
			"shop %s":         {"магазин %s", "do'kon %s"},
			"sandbox shop %s": {"магазин песочницы %s", "sinov do'koni %s"},
			"Answer the questions below, one per line.": {
				"Ответьте на вопросы ниже, по одному в строке.",
				"Quyidagi savollarga javob bering, har biriga bir qator."},
			"Sandbox: f2 shows the customer's SMS.": {
				"Песочница: f2 показывает SMS покупателя.", "Sinov muhiti: f2 xaridor SMS'ini ko'rsatadi."},
			"one-stage: charge now":          {"одностадийный: списать сразу", "bir bosqichli: hozir yechish"},
			"two-stage: hold, capture later": {"двухстадийный: холд, списание позже", "ikki bosqichli: band qilish, keyin yechish"},
			"Leave this payment?":            {"Прервать этот платёж?", "Bu to'lov to'xtatilsinmi?"},
			"Nothing has been charged. The customer's code will not be used.": {
				"Ничего не списано. Код покупателя не будет использован.",
				"Hech narsa yechilmadi. Xaridor kodi ishlatilmaydi."},
			"leave it": {"прервать", "to'xtatish"},
			"the sandbox's 3-D Secure page: %s": {
				"страница 3-D Secure в песочнице: %s", "sinov muhitidagi 3-D Secure sahifasi: %s"},
			"checking unfinished payments with %s: %s": {
				"проверка незавершённых платежей (%s): %s", "tugallanmagan to'lovlarni tekshirish (%s): %s"},
			"reading the open holds: %s": {"чтение открытых холдов: %s", "band qilingan summalarni o'qish: %s"},
			"shift report: %s":           {"отчёт смены: %s", "smena hisoboti: %s"},
			"history: %s":                {"история: %s", "tarix: %s"},
			"the console has no connection to a gateway": {
				"у консоли нет связи со шлюзом", "konsolning shlyuz bilan aloqasi yo'q"},
			"no calls yet": {"запросов ещё не было", "hali so'rov yo'q"},
			"ms":           {"мс", "ms"},

			// Key help (footer), through inLang.
			"quit":              {"выход", "yopish"},
			"keys":              {"клавиши", "yordam"},
			"next field":        {"след. поле", "keyingi maydon"},
			"previous":          {"пред.", "avval"},
			"next":              {"далее", "keyin"},
			"back":              {"назад", "ortga"},
			"send":              {"ввести", "yuborish"},
			"new code":          {"новый код", "yangi kod"},
			"status":            {"статус", "holat"},
			"abandon":           {"отмена", "bekor"},
			"approve (sandbox)": {"одобрить (песочница)", "tasdiqlash (sinov)"},
			"decline (sandbox)": {"отклонить (песочница)", "rad etish (sinov)"},
			"capture all":       {"списать всё", "hammasini yechish"},
			"capture part":      {"списать часть", "qismini yechish"},
			"cancel hold":       {"отменить холд", "bekor qilish"},
			"capture this":      {"списать", "yechish"},
			"check now":         {"проверить", "tekshirish"},
			"find cards":        {"найти карты", "kartalarni topish"},
			"pay with it":       {"оплатить ею", "u bilan to'lash"},
			"save a new card":   {"сохранить новую", "yangisini saqlash"},
			"block card":        {"заблокировать", "bloklash"},
			"send code":         {"отправить код", "kodni yuborish"},
			"done":              {"готово", "tayyor"},
			"no, go back":       {"нет, назад", "yo'q, orqaga"},

			// New payment.
			"Amount, %s":             {"Сумма, %s", "Summa, %s"},
			"Description":            {"Описание", "Tavsif"},
			"what is being paid for": {"за что платят", "nima uchun to'lanmoqda"},
			"OCTO needs a description; a few words will do": {
				"OCTO нужно описание; хватит пары слов", "OCTO'ga tavsif kerak; bir necha so'z yetarli"},
			"One-stage: charge now":              {"Одностадийный: списать сразу", "Bir bosqichli: hozir yechish"},
			"Two-stage: hold now, capture later": {"Двухстадийный: холд сейчас, списание позже", "Ikki bosqichli: hozir band qilish, keyin yechish"},
			"Customer phone (optional)":          {"Телефон покупателя (необязательно)", "Xaridor telefoni (ixtiyoriy)"},
			"Customer e-mail (optional)":         {"E-mail покупателя (необязательно)", "Xaridor e-maili (ixtiyoriy)"},
			"for the fiscal receipt":             {"для фискального чека", "fiskal chek uchun"},
			"with a phone, OCTO needs the e-mail too": {
				"вместе с телефоном OCTO нужен и e-mail", "telefon bilan birga OCTO'ga e-mail ham kerak"},
			"UZS, up to 2 decimals": {"UZS, до 2 знаков после точки", "UZS, nuqtadan keyin 2 raqamgacha"},
			// ParseAmount's errors (money.go), translated where they show.
			"enter an amount": {"введите сумму", "summani kiriting"},
			"use digits, spaces and one decimal point": {
				"только цифры, пробелы и одна десятичная точка", "faqat raqamlar, bo'sh joy va bitta o'nlik nuqta"},
			"at most 2 decimals (tiyin)": {
				"не больше 2 знаков после точки (тийины)", "nuqtadan keyin ko'pi bilan 2 raqam (tiyin)"},
			"the amount must be more than 0": {"сумма должна быть больше 0", "summa 0 dan katta bo'lishi kerak"},
			"the amount is too large":        {"сумма слишком большая", "summa juda katta"},
			"an Uzbek number: 998 and 9 digits": {
				"узбекский номер: 998 и 9 цифр", "O'zbekiston raqami: 998 va 9 raqam"},
			"that does not look like an e-mail address": {
				"это не похоже на адрес e-mail", "bu e-mail manziliga o'xshamaydi"},

			// The card form and card.go's errors.
			"Card number":          {"Номер карты", "Karta raqami"},
			"Expiry (MM/YY)":       {"Срок действия (ММ/ГГ)", "Amal qilish muddati (OO/YY)"},
			"MM/YY":                {"ММ/ГГ", "OO/YY"},
			"3 digits on the back": {"3 цифры на обороте", "orqa tomondagi 3 raqam"},
			"Cardholder name":      {"Имя держателя карты", "Karta egasining ismi"},
			"as on the card (optional for Uzcard/Humo)": {
				"как на карте (для Uzcard/Humo необязательно)", "kartadagidek (Uzcard/Humo uchun ixtiyoriy)"},
			"Visa and Mastercard need the name as on the card": {
				"для Visa и Mastercard нужно имя как на карте", "Visa va Mastercard uchun kartadagi ism kerak"},
			"unknown card":                 {"неизвестная карта", "noma'lum karta"},
			"the card number is too short": {"номер карты слишком короткий", "karta raqami juda qisqa"},
			"the card number is too long":  {"номер карты слишком длинный", "karta raqami juda uzun"},
			"the card number has a typo (check digit does not match)": {
				"в номере карты опечатка (не сходится контрольная цифра)",
				"karta raqamida xato bor (nazorat raqami mos emas)"},
			"OCTO takes Uzcard (8600), Humo (9860), Visa (4) and Mastercard (5) cards": {
				"OCTO принимает карты Uzcard (8600), Humo (9860), Visa (4) и Mastercard (5)",
				"OCTO Uzcard (8600), Humo (9860), Visa (4) va Mastercard (5) kartalarini qabul qiladi"},
			"write the expiry as MM/YY":           {"введите срок как ММ/ГГ", "muddatni OO/YY ko'rinishida yozing"},
			"the month must be 01 to 12":          {"месяц — от 01 до 12", "oy 01 dan 12 gacha bo'lishi kerak"},
			"the card has expired":                {"срок действия карты истёк", "karta muddati tugagan"},
			"the CVC is the 3 digits on the back": {"CVC — это 3 цифры на обороте", "CVC — orqa tomondagi 3 raqam"},

			// The code screen.
			"code from the SMS":    {"код из SMS", "SMS'dagi kod"},
			"the customer's phone": {"телефон покупателя", "xaridor telefoni"},
			"OCTO sent a one-time code to %s.\nAsk the customer for it.": {
				"OCTO отправил одноразовый код на %s.\nСпросите его у покупателя.",
				"OCTO %s raqamiga bir martalik kod yubordi.\nUni xaridordan so'rang."},
			"Amount":                          {"Сумма", "Summa"},
			"Card":                            {"Карта", "Karta"},
			"Code valid for":                  {"Код действует", "Kod amal qiladi"},
			"00:00 — expired":                 {"00:00 — истёк", "00:00 — muddati tugadi"},
			"Attempts left":                   {"Осталось попыток", "Qolgan urinish"},
			"New codes left":                  {"Осталось кодов", "Qolgan kodlar"},
			" (next in %ds)":                  {" (следующий через %d с)", " (keyingisi %d s dan keyin)"},
			"Code":                            {"Код", "Kod"},
			"%d of %d":                        {"%d из %d", "%d / %d"},
			"Checking the code with OCTO":     {"Проверяем код в OCTO", "Kod OCTO'da tekshirilmoqda"},
			"Asking OCTO for a new code":      {"Запрашиваем у OCTO новый код", "OCTO'dan yangi kod so'ralmoqda"},
			"The code can no longer be used.": {"Этот код больше нельзя использовать.", "Bu kodni endi ishlatib bo'lmaydi."},
			"What now:":                       {"Что дальше:", "Endi nima qilamiz:"},
			"send the customer a new code":    {"отправить покупателю новый код", "xaridorga yangi kod yuborish"},
			"a new code in %ds":               {"новый код через %d с", "yangi kod %d s dan keyin"},
			"give up and start a new payment (nothing was charged)": {
				"прервать и начать новый платёж (ничего не списано)",
				"to'xtatib, yangi to'lov boshlash (hech narsa yechilmadi)"},
			"type the code the customer received": {
				"введите код, который получил покупатель", "xaridor olgan kodni kiriting"},

			// 3-D Secure.
			"The customer confirms the payment with their bank (3-D Secure).": {
				"Покупатель подтверждает платёж в своём банке (3-D Secure).",
				"Xaridor to'lovni o'z banki orqali tasdiqlaydi (3-D Secure)."},
			"OCTO has not given the page's link yet.": {
				"OCTO ещё не дал ссылку на страницу.", "OCTO hali sahifa havolasini bermadi."},
			"Open on the customer's phone, or scan:": {
				"Откройте на телефоне покупателя или отсканируйте:", "Xaridor telefonida oching yoki skanerlang:"},
			"(a larger terminal shows a QR code of the link)": {
				"(в окне побольше будет QR-код ссылки)", "(kattaroq oynada havolaning QR kodi chiqadi)"},
			"Waiting for the bank's answer — OCTO is asked every few seconds.": {
				"Ждём ответа банка — OCTO опрашивается каждые несколько секунд.",
				"Bank javobi kutilmoqda — OCTO har bir necha soniyada so'raladi."},
			"the link is too long for a QR code: %s": {
				"ссылка слишком длинная для QR-кода: %s", "havola QR kod uchun juda uzun: %s"},

			// The hold.
			"amount to capture":        {"сумма списания", "yechiladigan summa"},
			"more than the hold of %s": {"больше суммы холда %s", "band qilingan %s dan ko'p"},
			"OCTO cannot capture this amount now": {
				"OCTO сейчас не может списать эту сумму", "OCTO hozir bu summani yecha olmaydi"},
			"Capture the whole hold?": {"Списать весь холд?", "Band qilingan summa to'liq yechilsinmi?"},
			"Charge %s to %s.":        {"Списать %s с карты %s.", "Summa: %s, karta: %s. Yechiladi."},
			"capture %s":              {"списать %s", "%s yechish"},
			"Cancel the hold?":        {"Отменить холд?", "Band qilish bekor qilinsinmi?"},
			"Release all %s back to the customer. Nothing is charged.": {
				"Вернуть покупателю все %s. Ничего не списывается.",
				"Barcha %s xaridorga qaytariladi. Hech narsa yechilmaydi."},
			"cancel the hold":           {"отменить холд", "band qilishni bekor qilish"},
			"Capture part of the hold?": {"Списать часть холда?", "Band qilingan summaning bir qismi yechilsinmi?"},
			"Charge %s.\n%s goes back to the customer.": {
				"Списать %s.\n%s вернётся покупателю.", "%s yechiladi.\n%s xaridorga qaytadi."},
			"Held":                         {"Холд", "Band qilingan"},
			"For":                          {"Назначение", "Maqsad"},
			"Expires":                      {"Истекает", "Muddati"},
			"OCTO did not say":             {"OCTO не сообщил", "OCTO aytmadi"},
			"now — checking with OCTO":     {"сейчас — проверяем в OCTO", "hozir — OCTO'da tekshirilmoqda"},
			"Expires in":                   {"Истекает через", "Tugashiga"},
			"Capturing with OCTO":          {"Списываем в OCTO", "OCTO'da yechilmoqda"},
			"Canceling the hold with OCTO": {"Отменяем холд в OCTO", "OCTO'da band qilish bekor qilinmoqda"},
			"Capture how much?":            {"Сколько списать?", "Qancha yechilsin?"},
			"Charged":                      {"Списано", "Yechildi"},
			"Released to the customer:":    {"Вернётся покупателю:", "Xaridorga qaytadi:"},
			"capture all %s":               {"списать всё: %s", "hammasini yechish: %s"},
			"capture part, release the rest": {
				"списать часть, остальное вернуть", "qismini yechish, qolganini qaytarish"},
			"cancel the hold, release everything": {
				"отменить холд, вернуть всё", "band qilishni bekor qilish, hammasini qaytarish"},

			// Waiting and checking.
			"The answer to the last request did not arrive.": {
				"Ответ на последний запрос не пришёл.", "Oxirgi so'rovga javob kelmadi."},
			"Reading the payment's status; nothing is sent twice. Do not take another payment for this sale until the outcome shows.": {
				"Читаем статус платежа; ничего не отправляется дважды. Не проводите другой платёж за эту покупку, пока не виден результат.",
				"To'lov holati o'qilmoqda; hech narsa ikki marta yuborilmaydi. Natija ko'rinmaguncha bu xarid uchun boshqa to'lov qilmang."},

			// The first live charge.
			"LIVE: real money": {"LIVE: настоящие деньги", "LIVE: haqiqiy pul"},
			"This is the first live payment of the session.\nCharge %s on %s?": {
				"Это первый настоящий платёж за сеанс.\nСписать %s с карты %s?",
				"Bu seansdagi birinchi haqiqiy to'lov.\nSumma: %s, karta: %s. Yechilsinmi?"},
			"This is the first live payment of the session.\nHold %s on %s?": {
				"Это первый настоящий платёж за сеанс.\nПоставить холд %s на карте %s?",
				"Bu seansdagi birinchi haqiqiy to'lov.\nSumma: %s, karta: %s. Band qilinsinmi?"},
			"yes, take the payment": {"да, провести платёж", "ha, to'lovni o'tkazish"},

			// Saved cards and binding.
			"customer phone":         {"телефон покупателя", "xaridor telefoni"},
			"Block this saved card?": {"Заблокировать сохранённую карту?", "Saqlangan karta bloklansinmi?"},
			"%s can no longer be charged with its token. This cannot be undone.": {
				"С карты %s больше нельзя будет списать по токену. Это необратимо.",
				"%s kartasidan endi token orqali yechib bo'lmaydi. Buni ortga qaytarib bo'lmaydi."},
			"block it": {"заблокировать", "bloklash"},
			"Whose cards? The phone the customer saved them under.": {
				"Чьи карты? Телефон, под которым покупатель их сохранил.",
				"Kimning kartalari? Xaridor ularni saqlagan telefon raqami."},
			"Customer %s":          {"Покупатель %s", "Xaridor %s"},
			"Customer":             {"Покупатель", "Xaridor"},
			"Reading the journal…": {"Читаем журнал…", "Jurnal o'qilmoqda…"},
			"No saved cards. %s saves one (the customer confirms with a code).": {
				"Сохранённых карт нет. %s — сохранить (покупатель подтвердит кодом).",
				"Saqlangan karta yo'q. %s — saqlash (xaridor kod bilan tasdiqlaydi)."},
			"ready":   {"готова", "tayyor"},
			"init":    {"авторизация", "tasdiqlanmoqda"},
			"blocked": {"заблокирована", "bloklangan"},
			"failed":  {"ошибка", "xato"},
			"the customer's phone: 998 and 9 digits": {
				"телефон покупателя: 998 и 9 цифр", "xaridor telefoni: 998 va 9 raqam"},
			"saved cards need the journal": {"для сохранённых карт нужен журнал", "saqlangan kartalar uchun jurnal kerak"},
			"OCTO sent a code to %s to confirm saving the card.": {
				"OCTO отправил код на %s, чтобы подтвердить сохранение карты.",
				"OCTO kartani saqlashni tasdiqlash uchun %s raqamiga kod yubordi."},
			"Saved. The card can pay from the customer's saved cards.": {
				"Сохранено. Картой можно платить из сохранённых карт покупателя.",
				"Saqlandi. Endi karta xaridorning saqlangan kartalari orasida."},
			"Not saved": {"Не сохранено", "Saqlanmadi"},
			"Blocked: the card can no longer pay with its token": {
				"Заблокирована: по токену карта больше не платит",
				"Bloklandi: karta endi token orqali to'lay olmaydi"},
			"Waiting for OCTO to activate the saved card…": {
				"Ждём, пока OCTO активирует сохранённую карту…",
				"OCTO saqlangan kartani faollashtirishi kutilmoqda…"},
			"The customer confirms on %s": {"Покупатель подтверждает на %s", "Xaridor %s sahifasida tasdiqlaydi"},

			// The SMS panel (sandbox).
			"SMS outbox · sandbox": {"Исходящие SMS · песочница", "Chiquvchi SMS · sinov"},
			"No texts yet. The customer's one-time code appears here when the sandbox sends it.": {
				"Сообщений пока нет. Одноразовый код покупателя появится здесь, когда песочница его отправит.",
				"Hozircha xabar yo'q. Xaridorning bir martalik kodi sinov muhiti yuborganda shu yerda chiqadi."},
			"code %s": {"код %s", "kod %s"},
			"pay %s":  {"платёж %s", "to'lov %s"},
		}
	})
	// Texts that follow a count: each language's own form for it.
	AddPlural(map[string]Plural{
		"%s · %d digits": {Arg: 2,
			EN: [2]string{"%s · %d digit", "%s · %d digits"},
			RU: [3]string{"%s · %d цифра", "%s · %d цифры", "%s · %d цифр"},
			UZ: [2]string{"%s · %d ta raqam", "%s · %d ta raqam"}},
		"%d earlier payment(s) still have no known outcome; see the journal": {Arg: 1,
			EN: [2]string{"%d earlier payment still has no known outcome; see the journal", "%d earlier payments still have no known outcome; see the journal"},
			RU: [3]string{"%d прежний платёж всё ещё без известного результата; см. журнал", "%d прежних платежа всё ещё без известного результата; см. журнал", "%d прежних платежей всё ещё без известного результата; см. журнал"},
			UZ: [2]string{"%d ta oldingi to'lovning natijasi hali noma'lum; jurnalni ko'ring", "%d ta oldingi to'lovning natijasi hali noma'lum; jurnalni ko'ring"}},
	})
}
