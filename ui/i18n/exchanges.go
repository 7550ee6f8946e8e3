package i18n

// The payment's exchanges in its timeline and the inspector's notifications.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"signature failed":                 {"подпись неверна", "imzo noto'g'ri"},
			"Signature failed: not acted upon": {"Подпись неверна: не исполнено", "Imzo noto'g'ri: bajarilmadi"},
			// callName's name for a status read; method names stay as OCTO has them.
			"status read": {"запрос статуса", "holat so'rovi"},
		}
	})
	// Texts that follow a count: each language's own form for it.
	AddPlural(map[string]Plural{
		"%d older dropped": {Arg: 1,
			EN: [2]string{"%d older dropped", "%d older dropped"},
			RU: [3]string{"%d старый вытеснен", "%d старых вытеснено", "%d старых вытеснено"},
			UZ: [2]string{"%d ta eskisi chiqarib tashlandi", "%d ta eskisi chiqarib tashlandi"}},
	})
}
