package flows

import (
	"errors"
	"strings"

	"github.com/octo-cashier/octo-cashier/octo"
)

// The customer's details a payment carries to OCTO as prepare_payment's
// user_data (REFERENCE §2.1). OCTO documents user_data's user_id, phone
// and email as all required whenever user_data is sent, and pay requires
// the e-mail once a payment was created with user_data (§2.3); a
// half-filled user_data is refused at prepare_payment. So an order gives
// both the phone and the e-mail, or neither (then no user_data is sent and
// OCTO's fiscal receipt goes without them).
//
// user_id is the shop's id for the customer. This console keeps no
// customer database: it knows a customer by phone (saved cards are kept
// under it, Order.Customer), so user_id is Order.Customer when the order
// has one, else the phone itself. Either way it is stable — the same
// customer gets the same id on every payment, which is what OCTO's page and
// the shop's reports group by — and it tells OCTO nothing the phone in the
// same user_data does not already.

// Refusals of an order's customer details; errors.Is matches them.
var (
	// ErrEmailNeeded: a phone was given without an e-mail.
	ErrEmailNeeded = errors.New("with a phone, OCTO needs the e-mail too")
	// ErrPhoneNeeded: an e-mail was given without a phone.
	ErrPhoneNeeded = errors.New("with an e-mail, OCTO needs the phone too")
	// ErrPhoneFormat: the phone is not 12 digits with the country code.
	ErrPhoneFormat = errors.New("the customer's phone must be 12 digits with the country code, no +: 998901234567")
	// ErrEmailFormat: the e-mail is not name@domain.
	ErrEmailFormat = errors.New("the customer's e-mail must look like name@example.uz")
)

// customerData checks an order's phone and e-mail and builds the
// user_data they make, or nil when the order has neither.
func customerData(o Order) (*octo.UserData, error) {
	phone, email := strings.TrimSpace(o.Phone), strings.TrimSpace(o.Email)
	switch {
	case phone == "" && email == "":
		return nil, nil
	case email == "":
		return nil, ErrEmailNeeded
	case phone == "":
		return nil, ErrPhoneNeeded
	}
	if !octo.ValidPhone(phone) {
		return nil, ErrPhoneFormat
	}
	if !octo.ValidEmail(email) {
		return nil, ErrEmailFormat
	}
	id := strings.TrimSpace(o.Customer)
	if id == "" {
		id = phone
	}
	return &octo.UserData{UserID: id, Phone: phone, Email: email}, nil
}
