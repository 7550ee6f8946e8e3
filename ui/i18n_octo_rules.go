package ui

// Words for OCTO's documented rules the flows check before anything is
// sent: user_data's phone and e-mail together (REFERENCE §2.1).
func init() {
	addCatalog(map[string][2]string{
		"with an e-mail, OCTO needs the phone too": {
			"вместе с e-mail OCTO нужен и телефон", "e-mail bilan birga OCTO'ga telefon ham kerak"},
		"the customer's phone must be 12 digits with the country code, no +: 998901234567": {
			"телефон покупателя: 12 цифр с кодом страны, без +: 998901234567",
			"xaridor telefoni: mamlakat kodi bilan 12 raqam, + siz: 998901234567"},
		"the customer's e-mail must look like name@example.uz": {
			"e-mail покупателя должен выглядеть как name@example.uz",
			"xaridor e-maili name@example.uz ko'rinishida bo'lishi kerak"},
	})
}
