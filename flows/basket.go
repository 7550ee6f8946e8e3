package flows

import (
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
)

// FiscalCodes are the shop's fiscal attributes OCTO puts on the fiscal
// receipt (REFERENCE §2.1 basket[], §2.13): the product code (SPIC, ИКПУ),
// its package code, the VAT flag (nds) and the seller's INN or PINFL. The
// shop registers the combination with OCTO first; any other is refused
// with error 403 ("Fiscal object … not contains in system"). Zero values
// are not sent.
type FiscalCodes struct {
	SPIC        string
	PackageCode string
	NDS         *int
	INN         string
	PINFL       string
}

// basket is the payment's one basket line: what the cashier typed as the
// description, one item at the whole amount, with the shop's fiscal codes.
// OCTO's S1 table marks basket required, and fiscal receipts need it.
func basket(description string, amount decimal.Decimal, f FiscalCodes) []octo.BasketItem {
	return []octo.BasketItem{{
		PositionDesc: description, Count: 1, Price: amount,
		SPIC: f.SPIC, PackageCode: f.PackageCode, NDS: f.NDS, INN: f.INN, PINFL: f.PINFL,
	}}
}
