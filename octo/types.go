package octo

import (
	"time"

	"github.com/shopspring/decimal"
)

// PrepareParams creates a payment with prepare_payment (REFERENCE §2.1).
// The ShopTransactionID is the idempotency key: sending the same one again
// returns the existing payment, whatever the other fields say.
type PrepareParams struct {
	ShopTransactionID string
	AutoCapture       bool // true: one-stage; false: two-stage (hold, then Capture or Cancel). Always sent.
	Test              bool // a test payment; always sent explicitly (a silent false takes real money)
	InitTime          time.Time
	User              *UserData // needed for fiscal receipts (phone or e-mail)
	TotalSum          decimal.Decimal
	Currency          string // "UZS" when empty
	Description       string
	Basket            []BasketItem
	PaymentMethods    []Method
	TSPID             int64
	ReturnURL         string
	NotifyURL         string
	Language          string // "uz", "ru" or "en"
	TTLMinutes        int    // payment lifetime; 0 leaves it to OCTO
}

// UserData is prepare_payment's user_data: shown on OCTO's page and used for
// the fiscal receipt.
type UserData struct {
	UserID string
	Phone  string // 12 digits, country code, no "+": 998901234567
	Email  string
}

// BasketItem is one line of the basket; the fiscal fields are optional.
type BasketItem struct {
	PositionDesc string
	Count        int
	Price        decimal.Decimal // per item
	SPIC         string          // ИКПУ/MXIK fiscal product code
	PackageCode  string
	NDS          *int
	INN          string
	PINFL        string
}

// PaymentInfo is the short payment view that prepare_payment, the status
// read and set_accept answer with.
type PaymentInfo struct {
	ShopTransactionID string
	PaymentUUID       string // octo_payment_UUID
	Status            Status
	PayURL            string // octo_pay_url
	TotalSum          decimal.Decimal
	RefundedSum       decimal.Decimal
	TransferSum       decimal.Decimal // net of OCTO's fee, when given
	PayedTime         time.Time       // zero when not given
	// TotalSumGiven and TransferSumGiven say the answer carried the sum:
	// a given 0.00 is money (nothing goes to the shop), an absent one is
	// not known. The status read of P-check carries neither.
	TotalSumGiven, TransferSumGiven bool
}

// Card is card data for pay and bind_card. It is never logged or stored:
// String and the Observer copy show the masked number only.
type Card struct {
	PAN        string
	Exp        string // YYMM, e.g. "2602" (REFERENCE Q5)
	CVC        string // only where the scheme needs it (bank_card)
	HolderName string
}

// PayParams pays a prepared payment with card data or a saved card token
// (REFERENCE §2.3, §2.4). Exactly one of Card and CardToken is set.
type PayParams struct {
	PaymentUUID string
	Method      Method
	Card        *Card
	CardToken   string
	Email       string // required by OCTO when user_data was given
}

// Payment is OCTO's internal payment object, answered by pay and
// check_sms_key (REFERENCE §2.3). Only what a console needs is typed.
type Payment struct {
	ID                int64 // numeric id: check_sms_key's and check_pan's paymentId
	UUID              string
	ShopTransactionID string // merchantTransId
	Status            Status
	Method            Method // selectedMethod
	Currency          string
	InitialSum        decimal.Decimal
	TotalSum          decimal.Decimal
	Fee               decimal.Decimal
	TransferSum       decimal.Decimal
	RefundedSum       decimal.Decimal
	AutoCapture       bool
	Test              bool
	CreateTime        time.Time
	ExpireTime        time.Time
	PayedTime         time.Time // from peyedTime (sic)
	ExpiredHoldTime   time.Time
	RedirectURL       string // 3-D Secure page for bank_card; OTP page otherwise
	TransType         string // details.transType, e.g. "SMS"
	First6, Last4     string
	CardHolder        string
	ProcessingRef     string
	Description       string
	RiskLevel         int             // riskLevel; -1 seen in production
	ProvCode          string          // provCode, e.g. "uzcard"
	CardType          string          // details.cardType
	Commission        decimal.Decimal // details.commission, in percent ("2.00")
	IssuerCountry     string          // details.cardInfo.issuerCountryCode
	// FeeGiven and TransferSumGiven tell a given 0 from an absent (or
	// null) fee and transferSum: OCTO leaves them null before the debit.
	FeeGiven, TransferSumGiven bool
}

// Verification is an OTP session from verificationInfo or check_pan
// (REFERENCE §2.5, §2.7).
type Verification struct {
	VerifyID    int64
	Phone       string // masked by OCTO: "+998** *****33"
	SecondsLeft int    // 0 means expired or inactive, though error is 0
}

// Expired reports whether the one-time code can no longer be used.
func (v Verification) Expired() bool { return v.SecondsLeft <= 0 }

// CheckSMSKeyParams submits the customer's one-time code for a payment.
type CheckSMSKeyParams struct {
	PaymentID int64 // Payment.ID, the numeric id, not the UUID
	VerifyID  int64
	Code      string // never logged
}

// ResendOTPParams asks OCTO to send a new code (check_pan). The answer has a
// new VerifyID; the old one is no longer valid.
type ResendOTPParams struct {
	PAN       string
	ExpYYMM   string
	PaymentID int64
}

// RefundParams refunds part or all of a succeeded payment. ShopRefundID is
// the refund's idempotency key: made once, stored, reused on every retry.
type RefundParams struct {
	PaymentUUID  string
	ShopRefundID string
	Amount       decimal.Decimal
}

// Refund is OCTO's answer to a refund request. Only RefundSucceeded means
// the money went back.
type Refund struct {
	PaymentUUID string
	RefundID    string
	RefundTime  time.Time
	Status      RefundStatus
}

// BindCardParams starts tokenization of a card (REFERENCE §2.10).
type BindCardParams struct {
	ShopTransactionID string // idempotency key of the authorization payment
	Card              Card
	Method            Method
	Phone             string // 12 digits, no "+"; required for Uzcard and Humo
	ReturnURL         string
	NotifyURL         string
	BindNotifyURL     string
}

// Binding is the answer of bind_card and bind_card/check_sms_key. Status is
// the authorization payment's status, not the token's; the token becomes
// usable when the bind notification says active.
type Binding struct {
	Status            Status
	ShopTransactionID string
	PaymentUUID       string
	PayURL            string // absent for highly trusted merchants
	CardToken         string // present at the highest security level; inactive until authorized
	First6, Last4     string
}

// ConfirmBindingParams submits the binding's one-time code.
type ConfirmBindingParams struct {
	PaymentUUID string // sent as paymentUUID
	VerifyID    int64
	Code        string // never logged
}

// FiscalData is the fiscal receipt OCTO registered for a payment.
type FiscalData struct {
	Phone      string
	Code       int
	Message    string
	TerminalID string
	ReceiptID  int64
	DateTime   string // as OCTO gives it: yyyyMMddHHmmss
	FiscalSign string
	QRCodeURL  string
}

// Exchange is one request and its answer as an Observer sees it: redacted
// (PAN masked, CVC, codes and the secret replaced), with its timing.
type Exchange struct {
	Method     string // API method, e.g. "pay"
	HTTPMethod string
	URL        string
	Request    []byte // redacted JSON
	Response   []byte // redacted JSON; nil when no answer arrived
	HTTPStatus int
	Code       int    // OCTO's error code, 0 on success
	Message    string // OCTO's errMessage when Code is set, as OCTO wrote it
	Err        string // the error as the caller sees it, if any
	// MayHaveReached says a failed call's outcome is unknown: the request
	// may have reached OCTO and the answer was lost (see MayHaveReached).
	MayHaveReached bool
	Started        time.Time
	Duration       time.Duration
	Attempt        int // 1 for the first try, more for retries of safe calls
}

// Observer receives a redacted copy of every exchange. It is called
// synchronously after each attempt and must not block.
type Observer func(Exchange)
