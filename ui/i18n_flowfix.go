package ui

// Problem texts of package flows added with the money-safety fixes (an
// unconfirmed refund blocks other refunds; a card binding whose answer was
// lost is resolved by reading its status).
func init() {
	addCatalog(map[string][2]string{
		"OCTO has not confirmed the refund — check again later; no other refund until it is confirmed": {
			"OCTO не подтвердил возврат — проверьте позже; другого возврата не будет, пока этот не подтверждён",
			"OCTO qaytarishni tasdiqlamadi — keyinroq tekshiring; u tasdiqlanmaguncha boshqa qaytarish bo'lmaydi"},
	})
}
