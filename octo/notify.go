package octo

import (
	"crypto/sha1" //nolint:gosec // OCTO signs notifications with SHA-1; not our choice
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Notification is what OCTO posts to notify_url when a payment changes
// status (REFERENCE §5.1). Its signature covers only the UUID and the
// status, never the amounts: read the Status before acting on it.
type Notification struct {
	ShopTransactionID string
	PaymentUUID       string
	Status            Status // folded with ParseStatus
	RawStatus         string // the status exactly as sent; the signature covers this
	Signature         string
	HashKey           string
	TotalSum          decimal.Decimal
	TransferSum       decimal.Decimal
	RefundedSum       decimal.Decimal
	MaskedPAN         string // "427831******3011"; never more than 6+4 digits
	CardType          string // e.g. internationalMC
	CardCountry       string
	CardVendor        string // e.g. "Master Card"
	RRN               string
	Currency          string
	RiskLevel         int
	PayedTime         time.Time // zero when not given
	IsPhysicalCard    *bool     // nil when not given
}

type notificationWire struct {
	ShopTransactionID flexString `json:"shop_transaction_id"`
	PaymentUUID       flexString `json:"octo_payment_UUID"`
	Status            flexString `json:"status"`
	Signature         flexString `json:"signature"`
	HashKey           flexString `json:"hash_key"`
	TotalSum          amount     `json:"total_sum"`
	TransferSum       amount     `json:"transfer_sum"`
	RefundedSum       amount     `json:"refunded_sum"`
	MaskedPAN         flexString `json:"maskedPan"`
	CardType          flexString `json:"card_type"`
	CardCountry       flexString `json:"card_country"`
	CardVendor        flexString `json:"card_vendor"`
	RRN               flexString `json:"rrn"`
	Currency          flexString `json:"currency"`
	RiskLevel         flexInt    `json:"riskLevel"`
	PayedTime         stamp      `json:"payed_time"`
	IsPhysicalCard    optBool    `json:"is_physical_card"`
}

// ErrNotification says a notification body could not be used.
var ErrNotification = errors.New("octo: bad notification")

// ParseNotification reads a payment notification. It needs the payment
// UUID and the status; everything else is optional. It does not check the
// signature: see VerifyNotification.
func ParseNotification(body []byte) (*Notification, error) {
	var w notificationWire
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotification, err)
	}
	n := &Notification{
		ShopTransactionID: string(w.ShopTransactionID),
		PaymentUUID:       strings.TrimSpace(string(w.PaymentUUID)),
		RawStatus:         string(w.Status),
		Status:            ParseStatus(string(w.Status)),
		Signature:         strings.TrimSpace(string(w.Signature)),
		HashKey:           string(w.HashKey),
		TotalSum:          w.TotalSum.d,
		TransferSum:       w.TransferSum.d,
		RefundedSum:       w.RefundedSum.d,
		MaskedPAN:         MaskPAN(string(w.MaskedPAN)),
		CardType:          string(w.CardType),
		CardCountry:       string(w.CardCountry),
		CardVendor:        string(w.CardVendor),
		RRN:               string(w.RRN),
		Currency:          string(w.Currency),
		RiskLevel:         int(w.RiskLevel),
		PayedTime:         w.PayedTime.t,
		IsPhysicalCard:    w.IsPhysicalCard.ptr(),
	}
	if n.PaymentUUID == "" {
		return nil, fmt.Errorf("%w: no octo_payment_UUID", ErrNotification)
	}
	if n.Status == "" {
		return nil, fmt.Errorf("%w: no status", ErrNotification)
	}
	return n, nil
}

// BindNotification is what OCTO posts to bind_notify_url when a card token
// becomes active or fails (S2 §5.4). OCTO sends the full card number; only
// its mask is kept. It carries no signature: confirm the token by using it.
type BindNotification struct {
	ShopTransactionID string
	CardToken         string
	Status            TokenStatus
	MaskedPAN         string // first 6 + last 4
	First6, Last4     string
	Exp               string // YYMM
	CardHolderName    string
}

type bindNotificationWire struct {
	ShopTransactionID flexString `json:"shop_transaction_id"`
	PAN               flexString `json:"pan"`
	Exp               flexString `json:"exp"`
	CardHolderName    flexString `json:"cardHolderName"`
	CardToken         flexString `json:"card_token"`
	Status            flexString `json:"status"`
}

// ParseBindNotification reads a card-binding notification. It needs the
// card token and the status.
func ParseBindNotification(body []byte) (*BindNotification, error) {
	var w bindNotificationWire
	if err := json.Unmarshal(body, &w); err != nil {
		// The decoder's message can quote the body, which holds a full PAN.
		return nil, fmt.Errorf("%w: not a JSON object of the expected shape", ErrNotification)
	}
	pan := digitsOnly(string(w.PAN))
	n := &BindNotification{
		ShopTransactionID: string(w.ShopTransactionID),
		CardToken:         strings.TrimSpace(string(w.CardToken)),
		Status:            TokenStatus(strings.ToLower(strings.TrimSpace(string(w.Status)))),
		MaskedPAN:         MaskPAN(pan),
		Exp:               string(w.Exp),
		CardHolderName:    string(w.CardHolderName),
	}
	if allDigits(pan) && len(pan) >= 13 {
		n.First6, n.Last4 = pan[:6], pan[len(pan)-4:]
	}
	if n.CardToken == "" {
		return nil, fmt.Errorf("%w: no card_token", ErrNotification)
	}
	if n.Status == "" {
		return nil, fmt.Errorf("%w: no status", ErrNotification)
	}
	return n, nil
}

// BindAck is the answer OCTO expects to a bind notification: HTTP 200 and
// "OK" in the body (S2).
const BindAck = "OK"

// AcceptAnswer is the JSON answer to a waiting_for_capture notification:
// {"accept_status":"capture","final_amount":1000.00} or
// {"accept_status":"cancel"}. finalAmount is sent with two decimals when
// given.
func AcceptAnswer(capture bool, finalAmount *decimal.Decimal) []byte {
	type answer struct {
		AcceptStatus string `json:"accept_status"`
		FinalAmount  *money `json:"final_amount,omitempty"`
	}
	a := answer{AcceptStatus: "cancel"}
	if capture {
		a.AcceptStatus = "capture"
	}
	if finalAmount != nil {
		m := money(*finalAmount)
		a.FinalAmount = &m
	}
	b, _ := json.Marshal(a) // cannot fail: a string and a number
	return b
}

// SignatureRecipe names one of the published ways OCTO's notification
// signature is computed (REFERENCE §5.3); which one a shop gets is not
// settled, so it is configurable.
type SignatureRecipe string

const (
	// RecipeUniqueKey is UPPER(SHA1(unique_key + uuid + status)), the key
	// being the separate one OCTO support issues. What integrators verify
	// in production.
	RecipeUniqueKey SignatureRecipe = "unique_key"
	// RecipeSecretHash is UPPER(SHA1(UPPER(SHA1(secret + hash_key)) + uuid
	// + status)), the old documentation's sha1(sha1(secret, hash_key),
	// uuid, status); the key is the shop secret.
	RecipeSecretHash SignatureRecipe = "secret_hash"
	// RecipeYahont is UPPER(SHA1(UPPER(SHA1("yahont" + secret + hash_key))
	// + uuid + status)), from the AXbills module; the key is the shop
	// secret.
	RecipeYahont SignatureRecipe = "yahont"
)

// Recipes lists the known recipes.
var Recipes = []SignatureRecipe{RecipeUniqueKey, RecipeSecretHash, RecipeYahont}

func sha1Upper(s string) string {
	sum := sha1.Sum([]byte(s)) //nolint:gosec // OCTO's scheme
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// Sign computes the signature of n by recipe with key (the unique key or
// the shop secret, per recipe), as uppercase hex. It covers n.RawStatus
// when set (the status exactly as sent), else n.Status. An unknown recipe
// gives "".
func Sign(recipe SignatureRecipe, key string, n *Notification) string {
	if n == nil {
		return ""
	}
	status := n.RawStatus
	if status == "" {
		status = string(n.Status)
	}
	switch recipe {
	case RecipeUniqueKey:
		return sha1Upper(key + n.PaymentUUID + status)
	case RecipeSecretHash:
		return sha1Upper(sha1Upper(key+n.HashKey) + n.PaymentUUID + status)
	case RecipeYahont:
		return sha1Upper(sha1Upper("yahont"+key+n.HashKey) + n.PaymentUUID + status)
	}
	return ""
}

// VerifyNotification reports whether n.Signature matches the recipe's,
// comparing hex case-insensitively in constant time. An empty key or
// signature never verifies.
func VerifyNotification(recipe SignatureRecipe, key string, n *Notification) bool {
	if n == nil || key == "" || n.Signature == "" {
		return false
	}
	want := Sign(recipe, key, n)
	if want == "" {
		return false
	}
	got := strings.ToUpper(strings.TrimSpace(n.Signature))
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// VerifyNotification checks n against the client's keys: the unique key
// (if given) with RecipeUniqueKey, then the shop secret with
// RecipeSecretHash and RecipeYahont. It returns the recipe that matched.
func (c *Client) VerifyNotification(n *Notification) (SignatureRecipe, bool) {
	if k := c.uniqueKey.Reveal(); k != "" && VerifyNotification(RecipeUniqueKey, k, n) {
		return RecipeUniqueKey, true
	}
	for _, r := range []SignatureRecipe{RecipeSecretHash, RecipeYahont} {
		if VerifyNotification(r, c.secret.Reveal(), n) {
			return r, true
		}
	}
	return "", false
}

// AcceptDecision is a capture-or-cancel decision: a merchant's answer to a
// waiting_for_capture notification, or the body of S1's /callback.
type AcceptDecision struct {
	Capture     bool
	FinalAmount *decimal.Decimal // nil when not given
	PaymentUUID string           // only in the /callback form
}

type acceptWire struct {
	AcceptStatus flexString `json:"accept_status"`
	FinalAmount  *amount    `json:"final_amount"`
	PaymentUUID  flexString `json:"octo_payment_UUID"`
}

// ParseAcceptAnswer reads {"accept_status":"capture"|"cancel",
// "final_amount":...}; the sandbox uses it on merchants' answers. Any
// other accept_status is an error: neither capture nor cancel may be
// guessed.
func ParseAcceptAnswer(body []byte) (*AcceptDecision, error) {
	var w acceptWire
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("octo: bad accept answer: %v", err)
	}
	d := &AcceptDecision{PaymentUUID: string(w.PaymentUUID)}
	switch strings.ToLower(strings.TrimSpace(string(w.AcceptStatus))) {
	case "capture":
		d.Capture = true
	case "cancel":
	default:
		return nil, fmt.Errorf("octo: bad accept answer: accept_status %q is neither capture nor cancel", string(w.AcceptStatus))
	}
	if w.FinalAmount != nil {
		v := w.FinalAmount.d
		d.FinalAmount = &v
	}
	return d, nil
}
