package ui

// The words of the UI polish: the history's search reading a bare 4-digit
// number as an amount or a card.
func init() {
	addCatalog(map[string][2]string{
		"amount %s or card •%s": {"сумма %s или карта •%s", "summa %s yoki karta •%s"},
		"%q is not a card's last 4 digits": {
			"%q — не 4 последние цифры карты",
			"%q kartaning oxirgi 4 raqami emas"},
		"%q: the search names a card and an amount already — write *%s for a card": {
			"%q: в поиске уже есть карта и сумма — для карты пишите *%s",
			"%q: qidiruvda karta va summa allaqachon bor — karta uchun *%s deb yozing"},
	})
}
