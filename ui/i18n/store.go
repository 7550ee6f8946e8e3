package i18n

// A store of several counters on one PostgreSQL journal: the header names
// the till ("shop 27 — counter A"), and a payment another counter is
// acting on is refused with that counter's name (flows.PaymentBusyError,
// inside "The journal could not be written (%s)"). Russian and Uzbek say
// "касса"/"kassa" for a till, as shops do.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"counter %s":                {"касса %s", "kassa %s"},
			"Counter":                   {"Касса", "Kassa"},
			"store journal unreachable": {"журнал магазина недоступен", "do'kon jurnali mavjud emas"},
			"The store journal (PostgreSQL) is unreachable: no new payment, capture or refund until it is back. Nothing was sent.": {
				"Журнал магазина (PostgreSQL) недоступен: новые платежи, списания и возвраты — только когда он вернётся. Ничего не отправлено.",
				"Do'kon jurnali (PostgreSQL) mavjud emas: u qaytmaguncha yangi to'lov, yechib olish va qaytarish yo'q. Hech narsa yuborilmadi."},
			"payment %s is %s at counter %s": {
				"платёж %s — %s на кассе %s", "to'lov %s — %s, kassa %s"},
			"payment %s is being handled at counter %s": {
				"платёж %s сейчас проводит касса %s", "to'lov %s hozir kassa %s da bajarilmoqda"},
		}
	})
}
