package ui

// Texts of the console's ways out: a batch of holds that leaves a lost
// answer for later.
func init() {
	addCatalog(map[string][2]string{
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
