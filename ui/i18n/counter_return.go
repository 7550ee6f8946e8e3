package i18n

// The words of two ways back to the counter: a payment on the customer's
// phone reopened from History or the open holds (its QR code again, or
// why not), and a Visa/Mastercard payment that failed on the bank's 3-D
// Secure page.
func init() {
	Add(map[string][2]string{
		// flows: OCTO's status says only "failed" after 3-D Secure; the
		// result drops the "; nothing was charged" its headline says.
		"Not confirmed on the bank's 3-D Secure page — ask for another card or another way to pay; nothing was charged": {
			"Не подтверждён на странице 3-D Secure банка — попросите другую карту или другой способ оплаты; ничего не списано",
			"Bankning 3-D Secure sahifasida tasdiqlanmadi — boshqa karta yoki boshqa to'lov usulini so'rang; hech narsa yechilmadi"},
	})
}
