package i18n

// The header's shop when a recording is replayed (ui.HeaderShop): the
// other ways it names the shop are "shop %s", "sandbox shop %s" and
// "counter %s" (counter.go, store.go).
func init() {
	AddLater(func() map[string][2]string {
		return map[string][2]string{
			"sandbox shop (replay)": {"магазин песочницы (повтор)", "sinov do'koni (takror)"},
		}
	})
}
