package ui

// The payment's exchanges in its timeline and the inspector's notifications.
func init() {
	addCatalog(map[string][2]string{
		"signature failed":                 {"подпись неверна", "imzo noto'g'ri"},
		"%d older dropped":                 {"%d старых вытеснено", "%d eskisi chiqarib tashlandi"},
		"Signature failed: not acted upon": {"Подпись неверна: не исполнено", "Imzo noto'g'ri: bajarilmadi"},
		// callName's name for a status read; method names stay as OCTO has them.
		"status read": {"запрос статуса", "holat so'rovi"},
	})
}
