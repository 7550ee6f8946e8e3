package i18n

// Receipt is the context of the words a receipt prints (ui/receipt): a
// till prints short upper-case headings and an ASCII apostrophe for oʻ and
// gʻ, so a receipt's word may differ from a screen's for the same English
// ("Paid": "To'langan" on paper, "To'landi" on the screen).
const Receipt = "receipt"

// ReceiptChannel is the context of "Paid on" when it names how the
// customer paid ("Paid on  customer's phone"), not the day.
const ReceiptChannel = "receipt: how paid"

// Translations of the receipts' side of the screens: printing a money
// movement's receipt, its copies, and the movements in a payment's timeline.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"(and the merchant's copy)":   {"(и экземпляр магазина)", "(va do'kon nusxasi)"},
			"Copy saved to %s":            {"Копия сохранена в %s", "Nusxa %s ga saqlandi"},
			"Copy sent to the printer %s": {"Копия отправлена на принтер %s", "Nusxa %s printeriga yuborildi"},
			"Copy printed":                {"Копия напечатана", "Nusxa chop etildi"},
			"print this receipt":          {"печать этого чека", "shu chekni chop etish"},

			"Money: paid %s":                     {"Деньги: оплачено %s", "Pul: %s to'landi"},
			"Money: held %s":                     {"Деньги: заблокировано %s", "Pul: %s band qilindi"},
			"Money: captured %s":                 {"Деньги: списано %s", "Pul: %s yechildi"},
			"Money: released %s to the customer": {"Деньги: %s разблокировано покупателю", "Pul: %s xaridorga bo'shatildi"},
			"Money: hold canceled, %s released":  {"Деньги: холд отменён, %s разблокировано", "Pul: band qilish bekor qilindi, %s bo'shatildi"},
			"Money: refunded %s":                 {"Деньги: возвращено %s", "Pul: %s qaytarildi"},
			"on the capture's receipt":           {"в чеке списания", "yechib olish chekida"},
			"receipt not printed · p prints it":  {"чек не печатался · p — печать", "chek chop etilmagan · p — chop etish"},
			"receipt printed · p prints a copy":  {"чек напечатан · p — копия", "chek chop etilgan · p — nusxa"},
		}
	})
	// Texts that follow a count: each language's own form for it.
	AddPlural(map[string]Plural{
		"receipt printed %d times · p prints a copy": {Arg: 1,
			EN: [2]string{"receipt printed %d time · p prints a copy", "receipt printed %d times · p prints a copy"},
			RU: [3]string{"чек напечатан %d раз · p — копия", "чек напечатан %d раза · p — копия", "чек напечатан %d раз · p — копия"},
			UZ: [2]string{"chek %d marta chop etilgan · p — nusxa", "chek %d marta chop etilgan · p — nusxa"}},
	})
}

// The receipt's own words, keyed by the English receipt's.
func init() {
	AddInLater(Receipt, func() map[string][2]string {
		return map[string][2]string{
			"Amount":                       {"Сумма", "Summa"},
			"CANCELED":                     {"ОТМЕНЕНО", "BEKOR QILINDI"},
			"CANCELING":                    {"ОТМЕНА", "BEKOR QILINMOQDA"},
			"CAPTURE":                      {"СПИСАНИЕ", "YECHIB OLISH"},
			"CAPTURING":                    {"СПИСАНИЕ", "YECHILMOQDA"},
			"CHARGED":                      {"СПИСАНО", "YECHILDI"},
			"CHECKING WITH OCTO":           {"ПРОВЕРЯЕТСЯ В OCTO", "OCTO'DA TEKSHIRILMOQDA"},
			"COPY":                         {"КОПИЯ", "NUSXA"},
			"Card":                         {"Карта", "Karta"},
			"Cashier":                      {"Кассир", "Kassir"},
			"Charged":                      {"Списано", "Yechildi"},
			"DECLINED":                     {"ОТКЛОНЕНО", "RAD ETILDI"},
			"Date":                         {"Дата", "Sana"},
			"Fiscal receipt":               {"Фискальный чек", "Fiskal chek"},
			"For":                          {"Назначение", "Maqsad"},
			"HELD":                         {"ЗАБЛОКИРОВАНО", "BAND QILINDI"},
			"HOLD":                         {"БЛОКИРОВКА СРЕДСТВ", "MABLAG'NI BAND QILISH"},
			"HOLD CANCELED":                {"ОТМЕНА БЛОКИРОВКИ", "BAND QILISH BEKOR QILINDI"},
			"Held until":                   {"Блокировка до", "Band qilish muddati"},
			"IN PROGRESS":                  {"В ОБРАБОТКЕ", "JARAYONDA"},
			"MERCHANT COPY":                {"ЭКЗЕМПЛЯР МАГАЗИНА", "DO'KON NUSXASI"},
			"NOT SENT":                     {"НЕ ОТПРАВЛЕНО", "YUBORILMADI"},
			"OCTO fee":                     {"Комиссия OCTO", "OCTO komissiyasi"},
			"OCTO payment":                 {"Платёж OCTO", "OCTO to'lovi"},
			"PAID":                         {"ОПЛАЧЕНО", "TO'LANDI"},
			"PART REFUNDED":                {"ВОЗВРАЩЕНО ЧАСТИЧНО", "QISMAN QAYTARILDI"},
			"PAYMENT":                      {"ОПЛАТА", "TO'LOV"},
			"Paid":                         {"Оплачено", "To'langan"},
			"Paid on":                      {"Дата оплаты", "To'lov sanasi"},
			"REFUND":                       {"ВОЗВРАТ", "QAYTARISH"},
			"REFUNDED":                     {"ВОЗВРАЩЕНО", "QAYTARILDI"},
			"REFUNDED IN FULL":             {"ВОЗВРАЩЕНО ПОЛНОСТЬЮ", "TO'LIQ QAYTARILDI"},
			"REFUNDING":                    {"ВОЗВРАТ", "QAYTARILMOQDA"},
			"RELEASED":                     {"РАЗБЛОКИРОВАНО", "BO'SHATILDI"},
			"RRN":                          {"RRN", "RRN"},
			"Refund reference":             {"Номер возврата", "Qaytarish raqami"},
			"Refunded before":              {"Возвращено ранее", "Avval qaytarilgan"},
			"Refunded in all":              {"Возвращено всего", "Jami qaytarildi"},
			"Released":                     {"Разблокировано", "Bo'shatildi"},
			"Scheme":                       {"Система", "Tizim"},
			"Shop ID":                      {"ID магазина", "Do'kon ID"},
			"Shop transaction":             {"Транзакция магазина", "Do'kon tranzaksiyasi"},
			"Status":                       {"Статус", "Holat"},
			"Stays charged":                {"Остаётся списанным", "Yechilgan bo'lib qoladi"},
			"TEST - no real money":         {"ТЕСТ - без реальных денег", "TEST - haqiqiy pul emas"},
			"TOTAL":                        {"ИТОГО", "JAMI"},
			"Thank you!":                   {"Спасибо за покупку!", "Xaridingiz uchun rahmat!"},
			"To the shop":                  {"К зачислению", "Do'konga"},
			"To the shop after refunds":    {"К зачислению с учётом возвратов", "Qaytarishlardan keyin do'konga"},
			"customer's phone (OCTO page)": {"телефон покупателя (стр. OCTO)", "xaridor telefoni (OCTO sahifasi)"},
		}
	})
	AddInLater(ReceiptChannel, func() map[string][2]string {
		return map[string][2]string{
			"Paid on": {"Оплата", "To'lov"},
		}
	})
}
