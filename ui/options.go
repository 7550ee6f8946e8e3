package ui

import (
	"context"
	"log/slog"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/run"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/ui/qa"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// Options are what the console needs from main: the gateway and the
// journal, the shop and its settings, the QA tools' controls.

// Options is what the console needs from main.
type Options struct {
	Mode    string     // ModeSandbox, ModeTest or ModeLive: the badge
	Gateway string     // what the health line calls the other side: "sandbox" or "OCTO"
	Shop    HeaderShop // the header's shop, worded when drawn (header_shop.go)
	// ShopName and ShopID head the receipts (config.toml's
	// [console] shop_name and the OCTO shop id).
	ShopName string
	ShopID   int64
	Operator string
	// Counter names this till in a store ([console] counter); empty on a
	// single till without one. Receipts and shift reports carry it.
	Counter  string
	Currency string
	Now      func() time.Time

	// Exchanges carries the client's observed exchanges (main's Observer
	// sends to it without blocking); the status bar shows the last one.
	Exchanges <-chan octo.Exchange
	// Traffic, when set, is the inspector's feed main writes to directly
	// from the observer and the listener (lossless); nil: the App keeps
	// its own from Exchanges and Hints.
	Traffic *qa.Traffic
	// Outbox reads the sandbox's SMS outbox; nil when talking to OCTO.
	Outbox func() []SMS
	// Accessible runs forms as plain line prompts (huh's accessible mode)
	// and draws without the alternate screen.
	Accessible bool

	// Context bounds the gateway calls the console makes.
	Context context.Context
	// Runner runs the flows' effects against the gateway and the journal.
	Runner Runner
	// StoreStatus carries each change of the store journal's reachability
	// (PostgreSQL); nil on a single till. CheckStore asks main for a look
	// now, without waiting for it (store_health.go).
	StoreStatus <-chan StoreStatus
	CheckStore  func()
	// Test creates payments with test: true (TEST and SANDBOX modes).
	Test bool
	// NotifyURL and ReturnURL go into every payment when set.
	NotifyURL, ReturnURL string
	// TTLMinutes is an unpaid payment's lifetime; 0 leaves it to OCTO.
	TTLMinutes int
	// PageLanguage is the language of OCTO's own pages ([octo] language:
	// uz, ru or en), sent with every payment; empty: flows' default.
	PageLanguage string
	// RefundMin is the smallest refund in UZS ([octo] refund_min, OCTO's
	// 1 USD equivalent); zero: flows.DefaultRefundMinUZS.
	RefundMin decimal.Decimal
	// Fiscal are the shop's fiscal codes ([fiscal]), on every payment's
	// basket line.
	Fiscal flows.FiscalCodes
	// HoldTimeout dates a hold whose answer from the gateway gives no
	// expiry (octo.hold_timeout), so it shows a countdown; 0: unknown.
	HoldTimeout time.Duration
	// Complete3DS completes the sandbox's 3-D Secure page; nil on OCTO.
	Complete3DS Complete3DS
	// Printer prints receipts (config.toml's [printer]); FiscalData asks
	// OCTO for a payment's fiscal receipt (nil: the key is off).
	Printer receipt.Printer
	// TemporaryJournal: the journal goes when the console quits (the
	// embedded sandbox's, unless one is configured); History and the shift
	// say so.
	TemporaryJournal bool
	// ExportDir is where the shift's CSV exports go.
	ExportDir  string
	FiscalData func(ctx context.Context, paymentUUID string) (*octo.FiscalData, error)
	// Journal lists the open holds and the history (a PaymentLog too, for
	// a payment's detail); Reconcile brings unfinished payments in
	// the journal up to date with the gateway (in the background, at start
	// and when the store journal is back), leaving those named in onScreen
	// (the payment or binding on screen, which settles itself).
	Journal   Journal
	Reconcile func(ctx context.Context, onScreen []string) ([]flows.Payment, error)
	// ReconcileShift reads, before a Z report, the status of every payment
	// the journal has not settled and says where the journal and the
	// gateway differed (run.ReconcileShift); nil: z closes at once.
	ReconcileShift func(ctx context.Context) (int, []run.Difference, error)
	// Hints carries the gateway's notifications (main's listener sends to
	// it without blocking); BindHints the bind notifications.
	Hints     <-chan Hint
	BindHints <-chan BindHint
	// ApplyHint brings a journaled payment that is not on screen up to
	// date after a verified notification about it (run.ApplyNotification);
	// nil: such notifications only reload the open holds.
	ApplyHint func(ctx context.Context, shopTransactionID string, status octo.Status) error
	// Tokens lists a customer's saved cards; BindNotifyURL is where the
	// gateway announces a saved card's token.
	Tokens        Tokens
	BindNotifyURL string
	// CodeLength is how many digits OCTO's SMS codes have ([octo]
	// code_length): a code of another length is refused before it is sent
	// and costs none of OCTO's three attempts. 0 takes any length.
	CodeLength int
	// Shifts asks for a shift to be opened before the first sale
	// ([console] shifts).
	Shifts bool
	// LargeAmount is where an amount is confirmed a second time, spelled
	// out ([console] large_amount; zero: DefaultLargeAmount).
	LargeAmount decimal.Decimal
	// Language of the screens (en when empty).
	Language Lang
	// Sandbox is the embedded sandbox's controls for the QA tools (qa.go);
	// nil when talking to OCTO.
	Sandbox qa.SandboxControls
	// NoCardEntry takes no card data at this console ([octo] card_entry =
	// false, a shop without PCI DSS): no card typed here, no card saved
	// here; the customer pays on their phone or with a saved card.
	NoCardEntry bool
	// CustomerPays has the sandbox's customer pay a payment on its page
	// with a test card (the scenario tool's "pays on their phone"); it
	// returns the payment's status. Nil on OCTO.
	CustomerPays func(paymentUUID, pan string) (string, error)
	// Log gets what the cashier is told in plain words, as it came (a
	// flow's refusal naming its state and event); nil: nowhere.
	Log *slog.Logger
}
