package i18n

// Translations of the history search's new words: refunded payments,
// either of two statuses, a shop transaction id said as one.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"refunded": {"с возвратом", "qaytarilgan"},
			"or":       {"или", "yoki"},
			"id %s":    {"id %s", "id %s"},
		}
	})
}
