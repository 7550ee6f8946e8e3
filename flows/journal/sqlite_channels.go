package journal

import "strings"

// channelOf is the SQL for the channel of the payments row named row (NEW,
// OLD or payments).
func channelOf(row string) string {
	return strings.NewReplacer("R.", row+".").Replace(`CASE
		WHEN R.hosted != 0 THEN 'phone'
		WHEN R.card_token != '' THEN 'token'
		WHEN R.method = 'bank_card' AND substr(R.card, 1, 1) = '4' THEN 'visa'
		WHEN R.method = 'bank_card' AND substr(R.card, 1, 1) IN ('2', '5') THEN 'mastercard'
		ELSE R.method END`)
}
