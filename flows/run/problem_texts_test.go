package run

// The refusal texts the runner's end-to-end tests expect on a payment, as
// flows words them (its msg* constants, which its own tests use).
const (
	msgPageExpired     = "Expired — nothing was charged"
	msgPageDeclined    = "Declined on OCTO's page — nothing was charged"
	msgResendLimit     = "OCTO will not send more codes — start a new payment"
	msgThreeWrongCodes = "Wrong code three times — OCTO canceled the payment; nothing was charged"
	msgHoldExpired     = "The hold expired — OCTO released the money"
)
