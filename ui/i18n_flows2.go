package ui

// Problem texts of package flows added with the flows2 fixes: a card
// binding left unfinished when the console stopped is resolved at the next
// start. The clause is joined with "nothing was saved" and "bind the card
// again", which the catalog has.
func init() {
	addCatalog(map[string][2]string{
		"The console restarted before the card's code was taken": {
			"Консоль перезапустилась до того, как код карты был принят",
			"Kartaning kodi qabul qilinishidan oldin konsol qayta ishga tushdi"},
	})
}
