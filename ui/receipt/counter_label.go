package receipt

// counterLabel names the till a receipt was printed for, in a store of many
// counters. It is kept apart from the labels table so that receipts of a
// single till without a counter print exactly as before: the line is only
// added when the receipt names a counter.
var counterLabel = map[Lang]string{
	English: "Counter",
	Russian: "Касса",
	Uzbek:   "Kassa",
}
