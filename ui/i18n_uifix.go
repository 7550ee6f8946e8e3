package ui

// Texts of the console's ways out: leaving a payment whose outcome is
// unknown, a batch of holds that leaves a lost answer for later.
func init() {
	addCatalog(map[string][2]string{
		// The working screen (checking.go) and home after leaving it.
		"leave it for later": {"оставить на потом", "keyinroqqa qoldirish"},
		"esc leaves it for later: the payment stays in the journal; its outcome is checked at the next start and in History.": {
			"esc — оставить на потом: платёж остаётся в журнале; его итог проверяется при следующем запуске и в истории.",
			"esc — keyinroqqa qoldirish: to'lov jurnalda qoladi; uning natijasi keyingi ishga tushirishda va Tarixda tekshiriladi."},
		"Payment %s was left with its outcome unknown; it is checked at the next start, or open it in History": {
			"Платёж %s оставлен с неизвестным итогом; он проверяется при следующем запуске, или откройте его в истории",
			"%s to'lovi natijasi noma'lum holda qoldirildi; u keyingi ishga tushirishda tekshiriladi yoki uni Tarixda oching"},

		// The holds batch (holds_batch.go).
		"Outcome unknown after %d status reads — left to check later": {
			"Итог неизвестен после %d запросов статуса — оставлен на проверку позже",
			"%d ta holat so'rovidan keyin ham natija noma'lum — keyinroq tekshirish uchun qoldirildi"},
		"unknown — checked later (History)": {
			"неизвестно — проверим позже (история)",
			"noma'lum — keyinroq tekshiriladi (Tarix)"},
		"? %d hold(s) with no known outcome: checked at the next start and in History": {
			"? Холдов с неизвестным итогом: %d — проверяются при следующем запуске и в истории",
			"? Natijasi noma'lum xoldlar: %d — keyingi ishga tushirishda va Tarixda tekshiriladi"},
	})
}
