package i18n

// The words of two ways back to the counter: a payment on the customer's
// phone reopened from History or the open holds (its QR code again, or
// why not), and a Visa/Mastercard payment that failed on the bank's 3-D
// Secure page.
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			// History's detail: the status key of a payment on the customer's phone
			"QR code again": {"QR-код снова", "QR kod qayta"},
			// flows: a payment on the customer's phone read after a restart
			"The customer may still pay on their phone: nothing is charged until they do; open the payment from History to show its QR code again": {
				"Покупатель ещё может оплатить со своего телефона: ничего не списано, пока он не оплатит; откройте платёж в истории, чтобы снова показать QR-код",
				"Xaridor hali telefonidan to'lashi mumkin: u to'lamaguncha hech narsa yechilmaydi; QR kodni qayta ko'rsatish uchun to'lovni tarixdan oching"},
			// flows: a payment on the customer's phone from an older journal
			"OCTO still waits for the customer to pay on their phone, but the journal did not keep the page's link, so its QR code cannot be shown again: nothing is charged until they pay; check the status later": {
				"OCTO всё ещё ждёт оплаты с телефона покупателя, но журнал не сохранил ссылку на страницу, поэтому QR-код нельзя показать снова: ничего не списано, пока покупатель не оплатит; проверьте статус позже",
				"OCTO hali ham xaridor telefonidan to'lovni kutmoqda, lekin jurnal sahifa havolasini saqlamagan, shuning uchun QR kodni qayta ko'rsatib bo'lmaydi: xaridor to'lamaguncha hech narsa yechilmaydi; holatni keyinroq tekshiring"},
			// flows: OCTO's status says only "failed" after 3-D Secure; the
			// result drops the "; nothing was charged" its headline says.
			"Not confirmed on the bank's 3-D Secure page — ask for another card or another way to pay; nothing was charged": {
				"Не подтверждён на странице 3-D Secure банка — попросите другую карту или другой способ оплаты; ничего не списано",
				"Bankning 3-D Secure sahifasida tasdiqlanmadi — boshqa karta yoki boshqa to'lov usulini so'rang; hech narsa yechilmadi"},
		}
	})
}
