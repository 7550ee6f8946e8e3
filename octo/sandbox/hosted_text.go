package sandbox

import "fmt"

// pageLang is the payment page's language: OCTO's language codes (uz, ru,
// en; "oz" is read as uz).
type pageLang int

const (
	pageEN pageLang = iota
	pageRU
	pageUZ
)

func parsePageLang(s string) (pageLang, bool) {
	switch s {
	case "en":
		return pageEN, true
	case "ru":
		return pageRU, true
	case "uz", "oz":
		return pageUZ, true
	}
	return pageRU, false
}

func (l pageLang) code() string { return [...]string{"en", "ru", "uz"}[l] }

// t is the page's text for key in l; a key with no text shows as itself.
func (l pageLang) t(key string) string {
	tr, ok := pageTexts[key]
	if !ok {
		return key
	}
	return tr[l]
}

func (l pageLang) tf(key string, args ...any) string { return fmt.Sprintf(l.t(key), args...) }

// pageTexts are the payment page's words: English, Russian, Uzbek (Latin).
var pageTexts = map[string][3]string{
	"title":    {"Payment", "Оплата", "To'lov"},
	"banner":   {"OCTO sandbox: a test page, no real money moves.", "Песочница OCTO: тестовая страница, настоящие деньги не списываются.", "OCTO sandbox: test sahifa, haqiqiy pul yechilmaydi."},
	"shop":     {"Shop", "Магазин", "Do'kon"},
	"amount":   {"Amount", "Сумма", "Summa"},
	"purpose":  {"Purpose", "Назначение", "Maqsad"},
	"within":   {"Pay within %d min.", "Оплатите в течение %d мин.", "%d daqiqa ichida to'lang."},
	"choose":   {"How would you like to pay?", "Как вы хотите оплатить?", "Qanday to'lamoqchisiz?"},
	"uzcard":   {"Uzcard", "Uzcard", "Uzcard"},
	"humo":     {"Humo", "Humo", "Humo"},
	"bankcard": {"Visa / Mastercard", "Visa / Mastercard", "Visa / Mastercard"},
	"pan":      {"Card number", "Номер карты", "Karta raqami"},
	"exp":      {"Valid thru (MM/YY)", "Срок действия (ММ/ГГ)", "Amal qilish muddati (OO/YY)"},
	"cvc":      {"CVC/CVV (3 digits on the back)", "CVC/CVV (3 цифры на обороте)", "CVC/CVV (orqa tomondagi 3 raqam)"},
	"holder":   {"Cardholder name (as on the card)", "Имя владельца (как на карте)", "Karta egasining ismi (kartadagidek)"},
	"pay":      {"Pay", "Оплатить", "To'lash"},
	"other":    {"Another way to pay", "Другой способ оплаты", "Boshqa to'lov usuli"},
	"card":     {"Card", "Карта", "Karta"},
	"sent":     {"We sent a code by SMS to %s.", "Мы отправили код в SMS на номер %s.", "%s raqamiga SMS orqali kod yubordik."},
	"code":     {"Code from the SMS", "Код из SMS", "SMS'dagi kod"},
	"left":     {"The code is valid for %d s more.", "Код действует ещё %d с.", "Kod yana %d soniya amal qiladi."},
	"confirm":  {"Confirm", "Подтвердить", "Tasdiqlash"},
	"resend":   {"Send a new code", "Отправить новый код", "Yangi kod yuborish"},
	"smshint": {"Sandbox: the code is in the SMS outbox (the console's f2 panel, or GET /sandbox/sms).",
		"Песочница: код — в исходящих SMS (панель f2 в консоли или GET /sandbox/sms).",
		"Sandbox: kod chiquvchi SMS'larda (konsoldagi f2 paneli yoki GET /sandbox/sms)."},
	"tds": {"Your bank's confirmation (3-D Secure)", "Подтверждение банка (3-D Secure)", "Bank tasdig'i (3-D Secure)"},
	"tdstext": {"Sandbox: this page stands for your bank's 3-D Secure page. Approve or decline the payment.",
		"Песочница: эта страница заменяет страницу 3-D Secure вашего банка. Подтвердите или отклоните платёж.",
		"Sandbox: bu sahifa bankingizning 3-D Secure sahifasi o'rnida. To'lovni tasdiqlang yoki rad eting."},
	"approve":  {"Approve", "Подтвердить", "Tasdiqlash"},
	"decline":  {"Decline", "Отклонить", "Rad etish"},
	"paid":     {"Paid", "Оплачено", "To'landi"},
	"paidtext": {"Thank you! The payment went through.", "Спасибо! Платёж прошёл.", "Rahmat! To'lov amalga oshdi."},
	"held":     {"Approved", "Одобрено", "Tasdiqlandi"},
	"heldtext": {"The amount is reserved on your card; the shop completes the purchase.",
		"Сумма заблокирована на вашей карте; магазин завершит покупку.",
		"Summa kartangizda band qilindi; do'kon xaridni yakunlaydi."},
	"declined":    {"Payment declined", "Платёж отклонён", "To'lov rad etildi"},
	"canceled":    {"Payment canceled", "Платёж отменён", "To'lov bekor qilindi"},
	"expired":     {"This payment has expired", "Срок оплаты истёк", "To'lov muddati tugadi"},
	"nothing":     {"Nothing was charged.", "Деньги не списаны.", "Pul yechilmadi."},
	"released":    {"The reserved amount was released to your card.", "Заблокированная сумма возвращена на карту.", "Band qilingan summa kartangizga qaytarildi."},
	"inprogress":  {"The payment is being processed.", "Платёж обрабатывается.", "To'lov amalga oshirilmoqda."},
	"back":        {"Return to the shop", "Вернуться в магазин", "Do'konga qaytish"},
	"notfound":    {"Payment not found", "Платёж не найден", "To'lov topilmadi"},
	"testcards":   {"Sandbox test cards", "Тестовые карты песочницы", "Sandbox test kartalari"},
	"anyexp":      {"Any future expiry, any CVC.", "Любой будущий срок, любой CVC.", "Istalgan kelajakdagi muddat, istalgan CVC."},
	"returned":    {"Back at the shop: payment %s.", "Вы вернулись в магазин: платёж %s.", "Do'konga qaytdingiz: to'lov %s."},
	"sandboxhome": {"OCTO sandbox", "Песочница OCTO", "OCTO sandbox"},

	// Refusals (refusal.key).
	"not_payable":        {"This payment can no longer be paid.", "Этот платёж уже нельзя оплатить.", "Bu to'lovni endi to'lab bo'lmaydi."},
	"method_not_allowed": {"This way to pay is not offered for this payment.", "Этот способ оплаты недоступен для платежа.", "Bu to'lov uchun bunday usul mavjud emas."},
	"bad_pan":            {"Check the card number.", "Проверьте номер карты.", "Karta raqamini tekshiring."},
	"unsupported":        {"Cards of this kind are not accepted.", "Карты этого типа не принимаются.", "Bu turdagi kartalar qabul qilinmaydi."},
	"wrong_method":       {"This card does not match the way to pay you chose.", "Карта не соответствует выбранному способу оплаты.", "Karta tanlangan to'lov usuliga mos emas."},
	"bad_exp":            {"Write the expiry as MM/YY.", "Укажите срок как ММ/ГГ.", "Muddatni OO/YY ko'rinishida yozing."},
	"card_expired":       {"The card has expired.", "Срок действия карты истёк.", "Karta muddati o'tgan."},
	"bad_cvc":            {"Enter the 3 digits from the back of the card.", "Введите 3 цифры с оборота карты.", "Kartaning orqasidagi 3 raqamni kiriting."},
	"blocked":            {"The card is blocked. Use another card.", "Карта заблокирована. Используйте другую карту.", "Karta bloklangan. Boshqa kartadan foydalaning."},
	"no_code":            {"No code is awaited now.", "Сейчас код не ожидается.", "Hozir kod kutilmayapti."},
	"code_expired":       {"The code has expired: ask for a new one.", "Срок кода истёк: запросите новый.", "Kod muddati tugadi: yangisini so'rang."},
	"wrong_code":         {"Wrong code: %d attempts left.", "Неверный код: осталось попыток — %d.", "Kod noto'g'ri: %d ta urinish qoldi."},
	"three_wrong":        {"Three wrong codes: the payment is canceled.", "Три неверных кода: платёж отменён.", "Uch marta noto'g'ri kod: to'lov bekor qilindi."},
	"no_funds":           {"Declined: insufficient funds.", "Отклонено: недостаточно средств.", "Rad etildi: mablag' yetarli emas."},
	"issuer_declined":    {"Declined by your bank.", "Отклонено вашим банком.", "Bankingiz rad etdi."},
	"resend_limit":       {"No more new codes can be sent.", "Новые коды больше отправить нельзя.", "Boshqa yangi kod yuborib bo'lmaydi."},
	"no_3ds":             {"The bank's page is not waiting for an answer.", "Страница банка не ждёт ответа.", "Bank sahifasi javob kutmayapti."},
	"threeds_failed":     {"3-D Secure failed: the payment is declined.", "3-D Secure не пройден: платёж отклонён.", "3-D Secure o'tmadi: to'lov rad etildi."},
}

// text is the refusal in the page's language.
func (r *refusal) text(l pageLang) string {
	if r.key == "wrong_code" {
		return l.tf(r.key, r.n)
	}
	return l.t(r.key)
}
