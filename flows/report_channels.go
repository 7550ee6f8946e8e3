package flows

// Report channels: how the customer paid, as the shift report counts it.
// OCTO's method says uzcard, humo or bank_card; the report splits
// bank_card into Visa and Mastercard by the card's first digit (the masked
// card keeps the first six) and puts payments with a saved card apart, and
// so payments the customer made on OCTO's page, on their phone, whatever
// card OCTO reports for them.
const (
	ChannelUzcard     = "uzcard"
	ChannelHumo       = "humo"
	ChannelVisa       = "visa"
	ChannelMastercard = "mastercard"
	ChannelCard       = "bank_card" // another international card
	ChannelToken      = "token"     // a saved card
	ChannelPhone      = "phone"     // the customer's phone: OCTO's page, by QR
)

// Channels in the order reports list them.
var Channels = []string{ChannelUzcard, ChannelHumo, ChannelVisa, ChannelMastercard, ChannelCard, ChannelToken, ChannelPhone}
