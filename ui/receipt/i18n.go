package receipt

import "github.com/octo-cashier/octo-cashier/flows"

// labels is every word a receipt prints, in one language. Uzbek uses the
// ASCII apostrophe for oʻ and gʻ, as most tills do: it prints everywhere.
type labels struct {
	title    map[Kind]string // the receipt's heading
	headline map[Kind]string // the label of the big amount line
	test     string
	copy     string // a reprint
	// merchantCopy heads the merchant's copy (with OCTO's fee).
	merchantCopy string
	shopID       string
	date         string
	dateLayout   string
	operator     string
	purpose      string
	card         string
	scheme       string
	channel      string // how the customer paid, when on their phone
	phone        string // the customer's phone, on OCTO's page
	amount       string
	charged      string
	released     string
	refunded     string
	fee          string
	transfer     string
	status       string
	holdUntil    string
	shopTxn      string
	octoID       string
	rrn          string
	fiscal       string
	thanks       string
	// A refund receipt: when the payment was paid, what it charged, what
	// earlier refunds gave back, what stays charged (and goes to the shop)
	// after the refund, and the refund's own reference.
	paidOn, paid, refundedBefore, staysCharged, toShopAfter, refundRef string
	// The status of a payment refunded in full or in part.
	refundedFull, partRefunded string
	states                     map[flows.State]string
	inProgress                 string // any state not listed in states
}

var words = map[Lang]labels{
	English: {
		title: map[Kind]string{KindSale: "PAYMENT", KindHold: "HOLD", KindCapture: "CAPTURE",
			KindCancel: "HOLD CANCELED", KindRefund: "REFUND"},
		headline: map[Kind]string{KindSale: "TOTAL", KindHold: "HELD", KindCapture: "CHARGED",
			KindCancel: "RELEASED", KindRefund: "REFUNDED"},
		test:           "TEST - no real money",
		copy:           "COPY",
		merchantCopy:   "MERCHANT COPY",
		paidOn:         "Paid on",
		paid:           "Paid",
		refundedBefore: "Refunded before",
		staysCharged:   "Stays charged",
		toShopAfter:    "To the shop after refunds",
		refundRef:      "Refund reference",
		refundedFull:   "REFUNDED IN FULL",
		partRefunded:   "PART REFUNDED",
		shopID:         "Shop ID",
		date:           "Date",
		dateLayout:     "2006-01-02 15:04",
		operator:       "Cashier",
		purpose:        "For",
		card:           "Card",
		scheme:         "Scheme",
		channel:        "Paid on",
		phone:          "customer's phone (OCTO page)",
		amount:         "Amount",
		charged:        "Charged",
		released:       "Released",
		refunded:       "Refunded in all",
		fee:            "OCTO fee",
		transfer:       "To the shop",
		status:         "Status",
		holdUntil:      "Held until",
		shopTxn:        "Shop transaction",
		octoID:         "OCTO payment",
		rrn:            "RRN",
		fiscal:         "Fiscal receipt",
		thanks:         "Thank you!",
		states: map[flows.State]string{
			flows.Succeeded: "PAID", flows.Declined: "DECLINED", flows.Canceled: "CANCELED",
			flows.Failed: "NOT SENT", flows.Held: "HELD", flows.Resolving: "CHECKING WITH OCTO",
			flows.Refunding: "REFUNDING", flows.Capturing: "CAPTURING", flows.Canceling: "CANCELING",
		},
		inProgress: "IN PROGRESS",
	},
	Russian: {
		title: map[Kind]string{KindSale: "ОПЛАТА", KindHold: "БЛОКИРОВКА СРЕДСТВ", KindCapture: "СПИСАНИЕ",
			KindCancel: "ОТМЕНА БЛОКИРОВКИ", KindRefund: "ВОЗВРАТ"},
		headline: map[Kind]string{KindSale: "ИТОГО", KindHold: "ЗАБЛОКИРОВАНО", KindCapture: "СПИСАНО",
			KindCancel: "РАЗБЛОКИРОВАНО", KindRefund: "ВОЗВРАЩЕНО"},
		test:           "ТЕСТ - без реальных денег",
		copy:           "КОПИЯ",
		merchantCopy:   "ЭКЗЕМПЛЯР МАГАЗИНА",
		paidOn:         "Дата оплаты",
		paid:           "Оплачено",
		refundedBefore: "Возвращено ранее",
		staysCharged:   "Остаётся списанным",
		toShopAfter:    "К зачислению с учётом возвратов",
		refundRef:      "Номер возврата",
		refundedFull:   "ВОЗВРАЩЕНО ПОЛНОСТЬЮ",
		partRefunded:   "ВОЗВРАЩЕНО ЧАСТИЧНО",
		shopID:         "ID магазина",
		date:           "Дата",
		dateLayout:     "02.01.2006 15:04",
		operator:       "Кассир",
		purpose:        "Назначение",
		card:           "Карта",
		scheme:         "Система",
		channel:        "Оплата",
		phone:          "телефон покупателя (стр. OCTO)",
		amount:         "Сумма",
		charged:        "Списано",
		released:       "Разблокировано",
		refunded:       "Возвращено всего",
		fee:            "Комиссия OCTO",
		transfer:       "К зачислению",
		status:         "Статус",
		holdUntil:      "Блокировка до",
		shopTxn:        "Транзакция магазина",
		octoID:         "Платёж OCTO",
		rrn:            "RRN",
		fiscal:         "Фискальный чек",
		thanks:         "Спасибо за покупку!",
		states: map[flows.State]string{
			flows.Succeeded: "ОПЛАЧЕНО", flows.Declined: "ОТКЛОНЕНО", flows.Canceled: "ОТМЕНЕНО",
			flows.Failed: "НЕ ОТПРАВЛЕНО", flows.Held: "ЗАБЛОКИРОВАНО", flows.Resolving: "ПРОВЕРЯЕТСЯ В OCTO",
			flows.Refunding: "ВОЗВРАТ", flows.Capturing: "СПИСАНИЕ", flows.Canceling: "ОТМЕНА",
		},
		inProgress: "В ОБРАБОТКЕ",
	},
	Uzbek: {
		title: map[Kind]string{KindSale: "TO'LOV", KindHold: "MABLAG'NI BAND QILISH", KindCapture: "YECHIB OLISH",
			KindCancel: "BAND QILISH BEKOR QILINDI", KindRefund: "QAYTARISH"},
		headline: map[Kind]string{KindSale: "JAMI", KindHold: "BAND QILINDI", KindCapture: "YECHILDI",
			KindCancel: "BO'SHATILDI", KindRefund: "QAYTARILDI"},
		test:           "TEST - haqiqiy pul emas",
		copy:           "NUSXA",
		merchantCopy:   "DO'KON NUSXASI",
		paidOn:         "To'lov sanasi",
		paid:           "To'langan",
		refundedBefore: "Avval qaytarilgan",
		staysCharged:   "Yechilgan bo'lib qoladi",
		toShopAfter:    "Qaytarishlardan keyin do'konga",
		refundRef:      "Qaytarish raqami",
		refundedFull:   "TO'LIQ QAYTARILDI",
		partRefunded:   "QISMAN QAYTARILDI",
		shopID:         "Do'kon ID",
		date:           "Sana",
		dateLayout:     "02.01.2006 15:04",
		operator:       "Kassir",
		purpose:        "Maqsad",
		card:           "Karta",
		scheme:         "Tizim",
		channel:        "To'lov",
		phone:          "xaridor telefoni (OCTO sahifasi)",
		amount:         "Summa",
		charged:        "Yechildi",
		released:       "Bo'shatildi",
		refunded:       "Jami qaytarildi",
		fee:            "OCTO komissiyasi",
		transfer:       "Do'konga",
		status:         "Holat",
		holdUntil:      "Band qilish muddati",
		shopTxn:        "Do'kon tranzaksiyasi",
		octoID:         "OCTO to'lovi",
		rrn:            "RRN",
		fiscal:         "Fiskal chek",
		thanks:         "Xaridingiz uchun rahmat!",
		states: map[flows.State]string{
			flows.Succeeded: "TO'LANDI", flows.Declined: "RAD ETILDI", flows.Canceled: "BEKOR QILINDI",
			flows.Failed: "YUBORILMADI", flows.Held: "BAND QILINDI", flows.Resolving: "OCTO'DA TEKSHIRILMOQDA",
			flows.Refunding: "QAYTARILMOQDA", flows.Capturing: "YECHILMOQDA", flows.Canceling: "BEKOR QILINMOQDA",
		},
		inProgress: "JARAYONDA",
	},
}

// statusText is the payment state in the receipt's language: a captured
// hold says charged, not paid.
func (l labels) statusText(k Kind, s flows.State) string {
	if s == flows.Succeeded && (k == KindCapture || k == KindHold) {
		return l.headline[KindCapture]
	}
	if t, ok := l.states[s]; ok {
		return t
	}
	return l.inProgress
}

// statusText is what the receipt says the payment now is. A refund
// receipt says whether its refund gave everything back; a sale or capture
// refunded since says so, so a payment refunded in full never reads PAID.
func (r Receipt) statusText(l labels) string {
	switch r.Kind {
	case KindRefund:
		if r.staysCharged().IsZero() {
			return l.refundedFull
		}
		return l.partRefunded
	case KindSale, KindCapture:
		if r.Status == flows.Succeeded && r.Refunded.IsPositive() {
			if r.staysCharged().IsZero() {
				return l.refundedFull
			}
			return l.partRefunded
		}
	case KindHold, KindCancel:
	}
	return l.statusText(r.Kind, r.Status)
}
