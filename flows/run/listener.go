package run

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// Listener receives OCTO's notifications: POST NotifyPath for payments and
// POST BindPath for card bindings. A payment notification is a hint only:
// it is journaled (redacted), its signature is checked when a key is set,
// and Hint is called so the console reads the status. A
// waiting_for_capture notification is answered without an accept_status:
// the cashier decides on screen and the console calls set_accept. A bind
// notification is journaled without the card number and handed to Bound.
type Listener struct {
	Journal flows.Store // nil: nothing journaled
	Clock   Clock       // nil: SystemClock
	// SignatureKey, when set, is checked with Recipe; notifications that
	// fail it are journaled as "bad", answered 403, and not acted on. It
	// is the key the recipe takes: SignatureKeyFor picks it.
	SignatureKey string
	Recipe       octo.SignatureRecipe
	// Hint is told which payment changed; the console feeds Notified to it.
	Hint func(shopTransactionID string, status octo.Status)
	// Bound is told a token's status; the console feeds TokenNotified to the binding.
	Bound func(shopTransactionID, token string, status octo.TokenStatus)
	// Seen is shown every notification as journaled (redacted, with its
	// signature's verdict), those with a bad signature too: for the
	// inspector to list. It must not act on them; Hint and Bound do.
	Seen func(flows.NotificationRecord)
	Log  *slog.Logger
}

// SignatureKeyFor is the key a recipe signs with (REFERENCE §5.3): the
// unique key OCTO support issues for RecipeUniqueKey, the shop secret for
// RecipeSecretHash and RecipeYahont (both hash the secret with the
// notification's hash_key). An empty unique key leaves only the
// unique_key recipe unchecked; an unknown recipe gets no key.
func SignatureKeyFor(recipe octo.SignatureRecipe, uniqueKey, secret string) string {
	switch recipe {
	case octo.RecipeUniqueKey:
		return uniqueKey
	case octo.RecipeSecretHash, octo.RecipeYahont:
		return secret
	}
	return ""
}

// Verifies reports whether the listener checks signatures: then every
// notification it hands to Hint has a verified signature (a bad one is
// refused before Hint), and a console may act on it without the cashier.
// Without a key every notification reaches Hint unchecked.
func (l *Listener) Verifies() bool { return l.SignatureKey != "" }

// Paths of the listener; notify_url and bind_notify_url point at them.
const (
	NotifyPath = "/octo/notify"
	BindPath   = "/octo/bind"
)

const maxNotification = 64 << 10

func (l *Listener) now() Clock {
	if l.Clock == nil {
		return SystemClock{}
	}
	return l.Clock
}

func (l *Listener) log() *slog.Logger {
	if l.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l.Log
}

// ServeHTTP routes NotifyPath and BindPath.
func (l *Listener) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxNotification))
	if err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	switch r.URL.Path {
	case NotifyPath:
		l.payment(w, r, body)
	case BindPath:
		l.bind(w, r, body)
	default:
		http.NotFound(w, r)
	}
}

type redactedNotification struct {
	ShopTransactionID string          `json:"shop_transaction_id"`
	PaymentUUID       string          `json:"octo_payment_UUID"`
	Status            string          `json:"status"`
	TotalSum          decimal.Decimal `json:"total_sum"`
	TransferSum       decimal.Decimal `json:"transfer_sum"`
	RefundedSum       decimal.Decimal `json:"refunded_sum"`
	MaskedPAN         string          `json:"maskedPan,omitempty"`
	CardType          string          `json:"card_type,omitempty"`
	RRN               string          `json:"rrn,omitempty"`
}

func (l *Listener) payment(w http.ResponseWriter, r *http.Request, body []byte) {
	n, err := octo.ParseNotification(body)
	if err != nil {
		http.Error(w, "bad notification", http.StatusBadRequest)
		return
	}
	sig := "unchecked"
	if l.SignatureKey != "" {
		sig = "bad"
		if octo.VerifyNotification(l.Recipe, l.SignatureKey, n) {
			sig = "ok"
		}
	}
	red, _ := json.Marshal(redactedNotification{ShopTransactionID: n.ShopTransactionID, PaymentUUID: n.PaymentUUID,
		Status: n.RawStatus, TotalSum: n.TotalSum, TransferSum: n.TransferSum, RefundedSum: n.RefundedSum,
		MaskedPAN: octo.MaskPAN(n.MaskedPAN), CardType: n.CardType, RRN: n.RRN})
	rec := flows.NotificationRecord{At: l.now().Now(), Kind: "payment",
		ShopTransactionID: n.ShopTransactionID, PaymentUUID: n.PaymentUUID, Status: string(n.Status),
		Signature: sig, Body: string(red)}
	if l.Journal != nil {
		if err := l.Journal.LogNotification(r.Context(), rec); err != nil {
			l.log().Error("journal notification", "err", err)
		}
	}
	if l.Seen != nil {
		l.Seen(rec)
	}
	if sig == "bad" {
		l.log().Warn("notification with a bad signature", "shop_transaction_id", n.ShopTransactionID)
		http.Error(w, "bad signature", http.StatusForbidden)
		return
	}
	if l.Hint != nil && n.ShopTransactionID != "" {
		l.Hint(n.ShopTransactionID, n.Status)
	}
	// No accept_status, also for waiting_for_capture: the cashier decides.
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"status":"ok"}`)
}

func (l *Listener) bind(w http.ResponseWriter, r *http.Request, body []byte) {
	n, err := octo.ParseBindNotification(body)
	if err != nil {
		http.Error(w, "bad notification", http.StatusBadRequest)
		return
	}
	red, _ := json.Marshal(map[string]string{"shop_transaction_id": n.ShopTransactionID,
		"card_token": n.CardToken, "status": string(n.Status), "card": n.MaskedPAN})
	rec := flows.NotificationRecord{At: l.now().Now(), Kind: "bind",
		ShopTransactionID: n.ShopTransactionID, Status: string(n.Status), Signature: "unchecked",
		Body: string(red)}
	if l.Seen != nil {
		l.Seen(rec)
	}
	if l.Journal != nil {
		if err := l.Journal.LogNotification(r.Context(), rec); err != nil {
			l.log().Error("journal bind notification", "err", err)
		}
		// Saved even before the binding flow saves it: whichever comes first, a failed token stays failed.
		if err := l.Journal.SaveToken(r.Context(), flows.SavedToken{Token: n.CardToken, Card: n.MaskedPAN, Status: n.Status},
			l.now().Now()); err != nil {
			l.log().Error("journal token status", "err", err)
		}
	}
	if l.Bound != nil {
		l.Bound(n.ShopTransactionID, n.CardToken, n.Status)
	}
	_, _ = io.WriteString(w, octo.BindAck)
}
