package ui

// Problem texts of package flows about lost answers and recovery: an
// unconfirmed refund blocks other refunds; a card binding whose answer was
// lost, or that was left unfinished when the console stopped, is resolved
// by reading its status. "OCTO never received the card" is a clause: flows
// joins it with "nothing was saved" and "bind the card again".
func init() {
	addCatalog(func() map[string][2]string {
		return map[string][2]string{
			"OCTO has not confirmed the refund — check again later; no other refund until it is confirmed": {
				"OCTO не подтвердил возврат — проверьте позже; другого возврата не будет, пока этот не подтверждён",
				"OCTO qaytarishni tasdiqlamadi — keyinroq tekshiring; u tasdiqlanmaguncha boshqa qaytarish bo'lmaydi"},
			"No answer from OCTO — checking whether the card reached OCTO": {
				"OCTO не ответил — проверяем, дошла ли карта до OCTO",
				"OCTO javob bermadi — karta OCTO'ga yetib borganini tekshiryapmiz"},
			"OCTO never received the card": {"OCTO не получил карту", "OCTO kartani qabul qilmadi"},
			"OCTO took the card — waiting for it to be activated": {
				"OCTO принял карту — ждём её активации",
				"OCTO kartani qabul qildi — faollashtirilishini kutyapmiz"},
			"The console restarted before the card's code was taken": {
				"Консоль перезапустилась до того, как код карты был принят",
				"Kartaning kodi qabul qilinishidan oldin konsol qayta ishga tushdi"},
		}
	})
}
